"""Every sentence `kiosk doctor` prints, as (English, Russian, Uzbek).

A key names what was found; a key ending in `.fix` is the exact fix printed after "→".
Values come in braces ({queue!r} quotes it). An entry whose three parts are tuples is a
counted sentence, chosen by the value `n`: English (one, other), Russian (one, few,
many), Uzbek (one form). Commands, config keys and paths stay as the technician types
them. Adding a finding: add its key here (all three languages: tests/app/
test_doctor_languages.py checks each) and call ok/warn/fail with it (findings.py).
"""

from __future__ import annotations

Sentence = tuple[str, str, str] | tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]

SENTENCES: dict[str, Sentence] = {
    # the config (machine_checks.py)
    "config.invalid": (
        "config {source}: {problem}",
        "ошибка в конфигурации {source}: {problem}",
        "{source} konfiguratsiyasida xato: {problem}"),
    "config.invalid.fix": (
        "edit {source} (every key: assets/kiosk.example.toml), then `kiosk doctor`",
        "исправьте {source} (все ключи: assets/kiosk.example.toml), затем `kiosk doctor`",
        "{source} ni tuzating (barcha kalitlar: assets/kiosk.example.toml), so'ng "
        "`kiosk doctor`"),
    "config.missing": (
        "config: no file at {path}, running on defaults",
        "конфигурация: файла {path} нет, будка работает с настройками по умолчанию",
        "konfiguratsiya: {path} fayli yo'q, budka standart sozlamalar bilan ishlaydi"),
    "config.missing.fix": (
        "write {path} with [backend] url and device_token (README, 'Install a booth')",
        "создайте {path} с [backend] url и device_token (README, раздел 'Install a booth')",
        "{path} faylini [backend] url va device_token bilan yozing (README, 'Install a "
        "booth' bo'limi)"),
    "config.valid": (
        "config {path} is valid",
        "конфигурация {path} в порядке",
        "{path} konfiguratsiyasi to'g'ri"),
    "not_checked": (
        "data dir, camera, printer, store, backend: not checked",
        "папка данных, камера, принтер, база будки, сервер: не проверены",
        "ma'lumotlar papkasi, kamera, printer, budka bazasi, server: tekshirilmadi"),
    "not_checked.fix": (
        "fix the config first",
        "сначала исправьте конфигурацию",
        "avval konfiguratsiyani tuzating"),
    "check_crashed": (
        "{name}: the check itself failed ({detail})",
        "{name}: сама проверка сломалась ({detail})",
        "{name}: tekshiruvning o'zi buzildi ({detail})"),
    "check_crashed.fix": (
        "look at this with the log; report it",
        "посмотрите журнал и сообщите об этой ошибке",
        "jurnalni ko'ring va bu xato haqida xabar bering"),
    # the data dir
    "data_dir.unwritable": (
        "data dir {path} is not writable: {why}",
        "в папку данных {path} нельзя записать: {why}",
        "ma'lumotlar papkasi {path} ga yozib bo'lmaydi: {why}"),
    "data_dir.unwritable.fix": (
        "sudo chown -R {user} {path}, or set storage.data_dir",
        "sudo chown -R {user} {path} или задайте другую storage.data_dir",
        "sudo chown -R {user} {path} yoki boshqa storage.data_dir belgilang"),
    "data_dir.ok": (
        "data dir {path} writable, {gib} GiB free",
        "папка данных {path} доступна для записи, свободно {gib} ГиБ",
        "ma'lumotlar papkasi {path} ga yozish mumkin, {gib} GiB bo'sh"),
    "data_dir.low": (
        "data dir {path} writable, {gib} GiB free (under 2 GiB)",
        "папка данных {path} доступна для записи, свободно {gib} ГиБ (меньше 2 ГиБ)",
        "ma'lumotlar papkasi {path} ga yozish mumkin, {gib} GiB bo'sh (2 GiB dan kam)"),
    "data_dir.low.fix": (
        "free space on that disk, or lower storage.keep_days (now {keep_days})",
        "освободите место на этом диске или уменьшите storage.keep_days (сейчас {keep_days})",
        "shu diskda joy bo'shating yoki storage.keep_days ni kamaytiring (hozir {keep_days})"),
    # the display
    "display.offscreen": (
        "display: QT_QPA_PLATFORM={platform} (draws off screen: nothing is shown)",
        "экран: QT_QPA_PLATFORM={platform} (рисует в памяти: на экране ничего не видно)",
        "ekran: QT_QPA_PLATFORM={platform} (xotirada chizadi: ekranda hech narsa "
        "ko'rinmaydi)"),
    "display.sessionless": (
        "display: QT_QPA_PLATFORM={platform} (draws without a desktop)",
        "экран: QT_QPA_PLATFORM={platform} (рисует без рабочего стола)",
        "ekran: QT_QPA_PLATFORM={platform} (ish stolisiz chizadi)"),
    "display.none": (
        "display: neither DISPLAY nor WAYLAND_DISPLAY is set, and no installed autostart "
        "names one",
        "экран: не заданы ни DISPLAY, ни WAYLAND_DISPLAY, и установленный автозапуск экран "
        "не называет",
        "ekran: DISPLAY ham, WAYLAND_DISPLAY ham berilmagan, o'rnatilgan avtoishga "
        "tushirish ham ekranni ko'rsatmaydi"),
    "display.none.fix": (
        "run it where the booth runs (cage: XDG_RUNTIME_DIR=/run/user/$(id -u) "
        "WAYLAND_DISPLAY=wayland-0 kiosk doctor), or DISPLAY=:0 kiosk doctor",
        "запустите там, где работает будка (cage: XDG_RUNTIME_DIR=/run/user/$(id -u) "
        "WAYLAND_DISPLAY=wayland-0 kiosk doctor), или DISPLAY=:0 kiosk doctor",
        "budka ishlaydigan joyda ishga tushiring (cage: XDG_RUNTIME_DIR=/run/user/$(id -u) "
        "WAYLAND_DISPLAY=wayland-0 kiosk doctor), yoki DISPLAY=:0 kiosk doctor"),
    "display.bad_name": (
        "display: DISPLAY={display!r} is not a display name",
        "экран: DISPLAY={display!r} не является именем экрана",
        "ekran: DISPLAY={display!r} ekran nomi emas"),
    "display.unset": (
        "display: neither DISPLAY nor WAYLAND_DISPLAY is set",
        "экран: не заданы ни DISPLAY, ни WAYLAND_DISPLAY",
        "ekran: DISPLAY ham, WAYLAND_DISPLAY ham berilmagan"),
    "display.use_display_0": (
        "DISPLAY=:0 kiosk doctor",
        "DISPLAY=:0 kiosk doctor",
        "DISPLAY=:0 kiosk doctor"),
    "display.silent": (
        "display: {name}{source} does not answer ({why})",
        "экран: {name}{source} не отвечает ({why})",
        "ekran: {name}{source} javob bermayapti ({why})"),
    "display.silent.fix": (
        "start the booth's screen (its autostart, or log the booth user in), or point "
        "DISPLAY at it",
        "включите экран будки (её автозапуск или вход пользователя будки) или укажите его "
        "в DISPLAY",
        "budka ekranini yoqing (avtoishga tushirish yoki budka foydalanuvchisi kirishi "
        "orqali) yoki uni DISPLAY da ko'rsating"),
    "display.ok": (
        "display: {name}{source} reachable",
        "экран: {name}{source} доступен",
        "ekran: {name}{source} ulanadi"),
    # the camera (device_checks.py)
    "camera.no_frame": (
        ("camera ({camera}): no frame within {n} second",
         "camera ({camera}): no frame within {n} seconds"),
        ("камера ({camera}): нет кадра за {n} секунду",
         "камера ({camera}): нет кадра за {n} секунды",
         "камера ({camera}): нет кадра за {n} секунд"),
        ("kamera ({camera}): {n} soniya ichida kadr kelmadi",)),
    "camera.error": (
        "camera ({camera}): no frame ({error})",
        "камера ({camera}): кадр не получен ({error})",
        "kamera ({camera}): kadr olinmadi ({error})"),
    "camera.fix": (
        "check the cable and power; if the booth is running it holds the camera: "
        "systemctl --user stop {unit}, then run the doctor again",
        "проверьте кабель и питание; если будка запущена, камера занята ею: "
        "systemctl --user stop {unit}, затем запустите проверку снова",
        "kabel va quvvatni tekshiring; budka ishlab turgan bo'lsa, kamerani u band qilgan: "
        "systemctl --user stop {unit}, so'ng tekshiruvni qayta ishga tushiring"),
    "camera.ok": (
        "camera ({camera}): one {width}x{height} frame",
        "камера ({camera}): получен кадр {width}x{height}",
        "kamera ({camera}): {width}x{height} kadr olindi"),
    # CUPS and the queue
    "cups.down": (
        "CUPS at {where} does not answer: nothing can be printed",
        "CUPS на {where} не отвечает: печатать нельзя",
        "{where} dagi CUPS javob bermayapti: chop etib bo'lmaydi"),
    "cups.down.fix": (
        "sudo systemctl enable --now cups",
        "sudo systemctl enable --now cups",
        "sudo systemctl enable --now cups"),
    "cups.down.fix_server": (
        "is cupsd at {server} running? (printing.cups_server)",
        "запущен ли cupsd на {server}? (printing.cups_server)",
        "{server} da cupsd ishlayaptimi? (printing.cups_server)"),
    "cups.ok": (
        "CUPS at {where} answers",
        "CUPS на {where} отвечает",
        "{where} dagi CUPS javob beradi"),
    "queue.refused": (
        "queue {queue!r}: CUPS does not know it or refuses it",
        "очередь {queue!r}: CUPS её не знает или отказывает",
        "{queue!r} navbati: CUPS uni bilmaydi yoki rad etadi"),
    "queue.refused.fix": (
        "sudo lpadmin{host} -p {queue} -E -v {uri} -m {model} (the device URI after "
        "{prefix}: sudo lpinfo -v; the ledger installed as the README says)",
        "sudo lpadmin{host} -p {queue} -E -v {uri} -m {model} (адрес устройства после "
        "{prefix}: sudo lpinfo -v; журнал доставки установлен, как описано в README)",
        "sudo lpadmin{host} -p {queue} -E -v {uri} -m {model} ({prefix} dan keyingi qurilma "
        "manzili: sudo lpinfo -v; yetkazish jurnali README dagidek o'rnatilgan)"),
    "queue.not_accepting": (
        "queue {queue!r} is not accepting jobs",
        "очередь {queue!r} не принимает задания",
        "{queue!r} navbati vazifalarni qabul qilmayapti"),
    "queue.not_accepting.fix": (
        "cupsaccept{host} {queue}",
        "cupsaccept{host} {queue}",
        "cupsaccept{host} {queue}"),
    "queue.accepts": (
        "queue {queue!r} exists and accepts jobs",
        "очередь {queue!r} есть и принимает задания",
        "{queue!r} navbati bor va vazifalarni qabul qiladi"),
    "queue.state": (
        "queue {queue!r}: {state}{said}, printer-state-reasons: {reasons}",
        "очередь {queue!r}: {state}{said}, printer-state-reasons: {reasons}",
        "{queue!r} navbati: {state}{said}, printer-state-reasons: {reasons}"),
    "queue.no_reasons": ("none", "нет", "yo'q"),
    "queue.stopped.fix": (
        "fix what the printer says, then cupsenable{host} {queue}",
        "устраните то, о чём сообщает принтер, затем cupsenable{host} {queue}",
        "printer aytgan muammoni bartaraf eting, so'ng cupsenable{host} {queue}"),
    "queue.faulted.fix": (
        "put it right at the printer ({state}), then cupsenable{host} {queue}",
        "устраните это у принтера ({state}), затем cupsenable{host} {queue}",
        "buni printerda tuzating ({state}), so'ng cupsenable{host} {queue}"),
    "queue.reasons.fix": (
        "see the printer's panel; lpstat -l -p shows the same",
        "посмотрите на панель принтера; lpstat -l -p покажет то же",
        "printer panelini ko'ring; lpstat -l -p ham shuni ko'rsatadi"),
    "printer.ready": ("ready to print", "готов печатать", "chop etishga tayyor"),
    "printer.printing": ("printing", "печатает", "chop etmoqda"),
    "printer.paper_out": ("out of paper", "нет бумаги", "qog'oz tugagan"),
    "printer.ribbon_out": ("out of ribbon", "нет красящей ленты", "lenta tugagan"),
    "printer.jam": ("paper jam", "замятие бумаги", "qog'oz tiqilib qolgan"),
    "printer.door_open": ("a door or cover is open", "открыта дверца или крышка",
                          "eshikcha yoki qopqoq ochiq"),
    "printer.offline": ("printer offline", "принтер не на связи", "printer ulanmagan"),
    "printer.stopped": ("stopped by CUPS", "остановлен CUPS", "CUPS to'xtatgan"),
    "printer.unavailable": ("the print system does not answer", "система печати не отвечает",
                            "chop etish tizimi javob bermayapti"),
    "markers": (
        "markers: {levels}{left}",
        "расходники: {levels}{left}",
        "sarf materiallari: {levels}{left}"),
    "markers.none": ("none reported", "принтер не сообщает", "printer xabar bermaydi"),
    "markers.left": (
        ("; the printer counts {n} print left", "; the printer counts {n} prints left"),
        ("; по счётчику принтера остался {n} отпечаток",
         "; по счётчику принтера осталось {n} отпечатка",
         "; по счётчику принтера осталось {n} отпечатков"),
        ("; printer hisobi bo'yicha {n} ta nusxa qoldi",)),
    "markers.low.fix": (
        "load a new roll and ribbon, then set it in the service menu",
        "поставьте новый рулон и ленту, затем укажите это в сервисном меню",
        "yangi rulon va lenta qo'ying, so'ng buni xizmat menyusida belgilang"),
    # the delivery ledger (ledger_checks.py)
    "ledger.ok": (
        "queue {queue!r} prints through the delivery ledger ({uri})",
        "очередь {queue!r} печатает через журнал доставки ({uri})",
        "{queue!r} navbati yetkazish jurnali orqali chop etadi ({uri})"),
    "ledger.missing": (
        "queue {queue!r} prints without the delivery ledger (device-uri {uri}): a print "
        "server crash after the printer took a job prints it twice",
        "очередь {queue!r} печатает без журнала доставки (device-uri {uri}): если сервер "
        "печати упадёт после того, как принтер принял задание, оно напечатается дважды",
        "{queue!r} navbati yetkazish jurnalisiz chop etadi (device-uri {uri}): printer "
        "vazifani olgandan keyin chop etish serveri yiqilsa, u ikki marta chop etiladi"),
    "ledger.missing.fix": (
        "{commands} (then run the doctor again; lpstat -v {queue} shows {scheme}:/…)",
        "{commands} (затем запустите проверку снова; lpstat -v {queue} покажет {scheme}:/…)",
        "{commands} (so'ng tekshiruvni qayta ishga tushiring; lpstat -v {queue} {scheme}:/… "
        "ni ko'rsatadi)"),
    # the booth's store (store_checks.py)
    "store.none": (
        "media counter: no store at {path} yet (first start assumes a full roll of {roll})",
        "счётчик бумаги: базы {path} ещё нет (первый запуск считает рулон полным: {roll})",
        "qog'oz hisoblagichi: {path} bazasi hali yo'q (birinchi ishga tushish rulonni to'la "
        "deb hisoblaydi: {roll})"),
    "store.unreadable": (
        "store {path}: unreadable ({detail})",
        "база будки {path} не читается ({detail})",
        "budka bazasi {path} o'qilmayapti ({detail})"),
    "store.unreadable.fix": (
        "look at the log; the booth moves a damaged store aside at its next start",
        "посмотрите журнал; при следующем запуске будка отложит повреждённую базу",
        "jurnalni ko'ring; keyingi ishga tushishda budka buzilgan bazani chetga oladi"),
    "outbox.ok": (
        ("outbox: {n} event waiting for the backend",
         "outbox: {n} events waiting for the backend"),
        ("очередь событий: {n} событие ждёт отправки на сервер",
         "очередь событий: {n} события ждут отправки на сервер",
         "очередь событий: {n} событий ждут отправки на сервер"),
        ("hodisalar navbati: serverga yuborishni {n} ta hodisa kutmoqda",)),
    "outbox.stale": (
        ("outbox: {n} event waiting for the backend, the oldest for {hours} h",
         "outbox: {n} events waiting for the backend, the oldest for {hours} h"),
        ("очередь событий: {n} событие ждёт отправки на сервер, старейшее {hours} ч",
         "очередь событий: {n} события ждут отправки на сервер, старейшее {hours} ч",
         "очередь событий: {n} событий ждут отправки на сервер, старейшее {hours} ч"),
        ("hodisalar navbati: serverga yuborishni {n} ta hodisa kutmoqda, eng eskisi "
         "{hours} soatdan beri",)),
    "outbox.stale.fix": (
        "check the backend checks above and the booth's network",
        "посмотрите проверки сервера выше и сеть будки",
        "yuqoridagi server tekshiruvlarini va budka tarmog'ini ko'ring"),
    "media.unset": (
        "media counter: not set yet (first start assumes {roll})",
        "счётчик бумаги: ещё не задан (первый запуск считает {roll})",
        "qog'oz hisoblagichi: hali belgilanmagan (birinchi ishga tushish {roll} deb "
        "hisoblaydi)"),
    "media.empty": (
        "media counter: 0 prints left: the booth shows no QR",
        "счётчик бумаги: осталось 0 отпечатков: будка не показывает QR",
        "qog'oz hisoblagichi: 0 ta nusxa qoldi: budka QR ko'rsatmaydi"),
    "media.empty.fix": (
        "load a new roll, then set it in the service menu",
        "поставьте новый рулон, затем укажите это в сервисном меню",
        "yangi rulon qo'ying, so'ng buni xizmat menyusida belgilang"),
    "media.low": (
        ("media counter: {n} print left", "media counter: {n} prints left"),
        ("счётчик бумаги: остался {n} отпечаток", "счётчик бумаги: осталось {n} отпечатка",
         "счётчик бумаги: осталось {n} отпечатков"),
        ("qog'oz hisoblagichi: {n} ta nusxa qoldi",)),
    "media.low.fix": (
        "have a new roll ready; set it in the service menu when loaded",
        "приготовьте новый рулон; поставив его, укажите это в сервисном меню",
        "yangi rulon tayyorlab qo'ying; qo'ygach, buni xizmat menyusida belgilang"),
    "media.ok": (
        ("media counter: {n} print left on the roll", "media counter: {n} prints left on "
         "the roll"),
        ("счётчик бумаги: на рулоне остался {n} отпечаток",
         "счётчик бумаги: на рулоне осталось {n} отпечатка",
         "счётчик бумаги: на рулоне осталось {n} отпечатков"),
        ("qog'oz hisoblagichi: rulonda {n} ta nusxa qoldi",)),
    # the backend (backend_checks.py)
    "backend.unreachable": (
        "backend {url}: {why}",
        "сервер {url}: {why}",
        "server {url}: {why}"),
    "backend.refused": (
        "connection refused (nothing listens at that address)",
        "в соединении отказано (по этому адресу никто не слушает)",
        "ulanish rad etildi (bu manzilda hech kim tinglamayapti)"),
    "backend.no_such_host": (
        "the host name does not resolve",
        "имя хоста не находится",
        "xost nomi topilmadi"),
    "backend.too_slow": ("no answer in time", "нет ответа вовремя", "o'z vaqtida javob yo'q"),
    "backend.no_answer": ("no answer", "нет ответа", "javob yo'q"),
    "backend.unreachable.fix": (
        "is booth-backend serve running there? check backend.url in the config and the "
        "network, then curl {url}/healthz",
        "запущен ли там booth-backend serve? проверьте backend.url в конфигурации и сеть, "
        "затем curl {url}/healthz",
        "u yerda booth-backend serve ishlayaptimi? konfiguratsiyadagi backend.url ni va "
        "tarmoqni tekshiring, so'ng curl {url}/healthz"),
    "backend.error": (
        "backend {url} answers with an error ({detail})",
        "сервер {url} отвечает ошибкой ({detail})",
        "server {url} xato bilan javob beradi ({detail})"),
    "backend.error.fix": (
        "check backend.url, the network, and the server (GET /healthz)",
        "проверьте backend.url, сеть и сам сервер (GET /healthz)",
        "backend.url ni, tarmoqni va serverning o'zini tekshiring (GET /healthz)"),
    "backend.ok": (
        "backend {url} answers /healthz",
        "сервер {url} отвечает на /healthz",
        "server {url} /healthz ga javob beradi"),
    "clock.unknown": (
        "clock: cannot compare with the backend ({detail})",
        "часы: не удаётся сравнить с сервером ({detail})",
        "soat: server bilan solishtirib bo'lmadi ({detail})"),
    "clock.unknown.fix": (
        "see the backend checks",
        "посмотрите проверки сервера",
        "server tekshiruvlarini ko'ring"),
    "clock.ahead": (
        ("{n} second ahead of the backend", "{n} seconds ahead of the backend"),
        ("спешат на {n} секунду относительно сервера",
         "спешат на {n} секунды относительно сервера",
         "спешат на {n} секунд относительно сервера"),
        ("serverdan {n} soniya oldinda",)),
    "clock.behind": (
        ("{n} second behind the backend", "{n} seconds behind the backend"),
        ("отстают на {n} секунду от сервера", "отстают на {n} секунды от сервера",
         "отстают на {n} секунд от сервера"),
        ("serverdan {n} soniya orqada",)),
    "clock.ok": ("clock: {offset}", "часы: {offset}", "soat: {offset}"),
    "clock.off": (
        "clock: {offset} (QR expiry depends on it)",
        "часы: {offset} (от этого зависит срок QR-кода)",
        "soat: {offset} (QR kod muddati bunga bog'liq)"),
    "clock.off.fix": (
        "sudo timedatectl set-ntp true",
        "sudo timedatectl set-ntp true",
        "sudo timedatectl set-ntp true"),
    "token.empty": (
        "device token: backend.device_token is empty",
        "токен будки: backend.device_token пуст",
        "budka tokeni: backend.device_token bo'sh"),
    "token.refused": (
        "device token: the backend refuses it (unknown or revoked)",
        "токен будки: сервер его не принимает (неизвестен или отозван)",
        "budka tokeni: server uni qabul qilmaydi (noma'lum yoki bekor qilingan)"),
    "token.fix": (
        "enroll the booth: create a one-time code on the dashboard (Devices), then kiosk "
        "enroll BACKEND_URL CODE",
        "подключите будку: создайте одноразовый код в панели (Устройства), затем kiosk "
        "enroll BACKEND_URL CODE",
        "budkani ulang: panelda bir martalik kod yarating (Qurilmalar), so'ng kiosk "
        "enroll BACKEND_URL CODE"),
    "token.unchecked": (
        "device token: cannot check it ({detail})",
        "токен будки: проверить не удалось ({detail})",
        "budka tokeni: tekshirib bo'lmadi ({detail})"),
    "token.unchecked.fix": (
        "see the backend check above",
        "посмотрите проверку сервера выше",
        "yuqoridagi server tekshiruvini ko'ring"),
    "token.ok": (
        "device token accepted: this booth is {name!r} (GET /api/devices/me)",
        "токен будки принят: эта будка — {name!r} (GET /api/devices/me)",
        "budka tokeni qabul qilindi: bu budka {name!r} (GET /api/devices/me)"),
    # the fit between settings and what the booth talks to (fit_checks.py)
    "providers.none": (
        "payment providers: the backend takes none of payment.providers {ours} (it takes: "
        "{theirs}): no customer can pay (the booth is out of service, E-PROVIDER)",
        "платёжные системы: сервер не принимает ни одну из payment.providers {ours} (он "
        "принимает: {theirs}): никто не сможет оплатить (будка не работает, E-PROVIDER)",
        "to'lov tizimlari: server payment.providers {ours} dan birortasini ham qabul "
        "qilmaydi (u qabul qiladi: {theirs}): hech kim to'lay olmaydi (budka ishlamaydi, "
        "E-PROVIDER)"),
    "providers.none.fix": (
        "set payment.providers in kiosk.toml to one it takes, or enable one on the backend "
        "({settings})",
        "укажите в payment.providers (kiosk.toml) систему, которую сервер принимает, или "
        "включите её на сервере ({settings})",
        "kiosk.toml dagi payment.providers ga server qabul qiladigan tizimni yozing yoki "
        "uni serverda yoqing ({settings})"),
    # The backend's settings that turn a provider on (kiosk/core/payment_choices.py).
    "backend_settings.payme": (
        "BOOTH_PAYME_MERCHANT_ID and BOOTH_PAYME_KEY",
        "BOOTH_PAYME_MERCHANT_ID и BOOTH_PAYME_KEY",
        "BOOTH_PAYME_MERCHANT_ID va BOOTH_PAYME_KEY"),
    "backend_settings.click": (
        "BOOTH_CLICK_SERVICE_ID, BOOTH_CLICK_MERCHANT_ID and BOOTH_CLICK_SECRET_KEY",
        "BOOTH_CLICK_SERVICE_ID, BOOTH_CLICK_MERCHANT_ID и BOOTH_CLICK_SECRET_KEY",
        "BOOTH_CLICK_SERVICE_ID, BOOTH_CLICK_MERCHANT_ID va BOOTH_CLICK_SECRET_KEY"),
    "backend_settings.webpay": (
        "BOOTH_WEBPAY_STORE_ID and BOOTH_WEBPAY_SECRET_KEY",
        "BOOTH_WEBPAY_STORE_ID и BOOTH_WEBPAY_SECRET_KEY",
        "BOOTH_WEBPAY_STORE_ID va BOOTH_WEBPAY_SECRET_KEY"),
    "backend_settings.sandbox": (
        "BOOTH_SANDBOX=true (demos only)",
        "BOOTH_SANDBOX=true (только для демонстраций)",
        "BOOTH_SANDBOX=true (faqat namoyish uchun)"),
    "providers.no_one": ("none", "ни одной", "hech birini"),
    "or": (" or ", " или ", " yoki "),
    "providers.ok": (
        "payment providers offered: {offered} (payment.providers ∩ the backend's)",
        "предлагаемые платёжные системы: {offered} (payment.providers ∩ серверные)",
        "taklif qilinadigan to'lov tizimlari: {offered} (payment.providers ∩ serverdagilar)"),
    "providers.some": (
        "payment providers offered: {offered} (payment.providers ∩ the backend's); not "
        "enabled on the backend: {left_out}",
        "предлагаемые платёжные системы: {offered} (payment.providers ∩ серверные); на "
        "сервере не включены: {left_out}",
        "taklif qilinadigan to'lov tizimlari: {offered} (payment.providers ∩ "
        "serverdagilar); serverda yoqilmagan: {left_out}"),
    "providers.default_missing": (
        "payment providers offered: {offered}; payment.default_provider {default!r} is not "
        "among them, {first!r} shows first",
        "предлагаемые платёжные системы: {offered}; payment.default_provider {default!r} "
        "среди них нет, первой показывается {first!r}",
        "taklif qilinadigan to'lov tizimlari: {offered}; payment.default_provider "
        "{default!r} ular orasida yo'q, birinchi bo'lib {first!r} ko'rsatiladi"),
    "providers.default_missing.fix": (
        "set payment.default_provider = {first!r}",
        "задайте payment.default_provider = {first!r}",
        "payment.default_provider = {first!r} deb belgilang"),
    "providers.sandbox": (
        "payment providers: the sandbox is offered: it takes no money",
        "платёжные системы: предлагается песочница: она не берёт денег",
        "to'lov tizimlari: sinov muhiti (sandbox) taklif qilinmoqda: u pul olmaydi"),
    "providers.sandbox.fix": (
        "remove sandbox from payment.providers (and BOOTH_SANDBOX on the backend)",
        "уберите sandbox из payment.providers (и BOOTH_SANDBOX на сервере)",
        "sandbox ni payment.providers dan olib tashlang (serverda esa BOOTH_SANDBOX ni)"),
    "currency.ok": (
        "prices in {currency}, the currency of payment.providers",
        "цены в {currency}, в валюте payment.providers",
        "narxlar {currency} da, payment.providers valyutasida"),
    "currency.mismatch": (
        "prices in {currency} (payment.currency), but {theirs}: the backend refuses those "
        "orders",
        "цены в {currency} (payment.currency), но {theirs}: сервер отклонит такие заказы",
        "narxlar {currency} da (payment.currency), lekin {theirs}: server bunday "
        "buyurtmalarni rad etadi"),
    "currency.takes": (
        "{provider} takes {currency}",
        "{provider} принимает {currency}",
        "{provider} {currency} qabul qiladi"),
    "currency.mismatch.fix": (
        "set payment.currency to the providers' currency, or remove {wrong} from "
        "payment.providers",
        "задайте в payment.currency валюту систем или уберите {wrong} из payment.providers",
        "payment.currency ga tizimlar valyutasini yozing yoki {wrong} ni payment.providers "
        "dan olib tashlang"),
    "camera_kind.virtual": (
        "camera kind: virtual (sample pictures, not a camera): customers would pay for "
        "photos of nobody",
        "тип камеры: virtual (картинки-образцы, а не камера): клиенты заплатят за снимки без "
        "людей",
        "kamera turi: virtual (namuna rasmlar, kamera emas): mijozlar odamsiz suratlar "
        "uchun pul to'laydi"),
    "camera_kind.virtual.fix": (
        'set [camera] backend = "webcam" or "dslr" in kiosk.toml',
        'задайте в kiosk.toml [camera] backend = "webcam" или "dslr"',
        'kiosk.toml da [camera] backend = "webcam" yoki "dslr" deb belgilang'),
    "camera_kind.ok": (
        "camera kind: {kind}",
        "тип камеры: {kind}",
        "kamera turi: {kind}"),
    "layouts.broken": (
        "layouts: cannot be read ({detail})",
        "макеты: не читаются ({detail})",
        "maketlar: o'qilmayapti ({detail})"),
    "layouts.broken.fix": ("kiosk layouts check", "kiosk layouts check", "kiosk layouts check"),
    "layout.unknown": (
        "layout {layout!r} (flow.layout): no such layout",
        "макет {layout!r} (flow.layout): такого макета нет",
        "{layout!r} maketi (flow.layout): bunday maket yo'q"),
    "layout.unknown.fix": (
        "set flow.layout to one of {known}",
        "задайте в flow.layout один из: {known}",
        "flow.layout ga quyidagilardan birini yozing: {known}"),
    "paper.inches": (
        "{width}x{height} in",
        "{width}x{height} дюйма",
        "{width}x{height} dyuym"),
    "paper.size_unknown": ("size unknown", "размер неизвестен", "o'lcham noma'lum"),
    "paper.none_listed": (
        "paper: queue {queue!r} lists no media-supported; layout {layout!r} needs {media} "
        "({size})",
        "бумага: очередь {queue!r} не сообщает media-supported; макету {layout!r} нужна "
        "{media} ({size})",
        "qog'oz: {queue!r} navbati media-supported ni bildirmaydi; {layout!r} maketiga "
        "{media} ({size}) kerak"),
    "paper.none_listed.fix": (
        "check the queue's driver: lpoptions -p {queue} -l",
        "проверьте драйвер очереди: lpoptions -p {queue} -l",
        "navbat drayverini tekshiring: lpoptions -p {queue} -l"),
    "paper.ok": (
        "paper: layout {layout!r} prints on {media} ({size}), which queue {queue!r} offers",
        "бумага: макет {layout!r} печатается на {media} ({size}), очередь {queue!r} её "
        "предлагает",
        "qog'oz: {layout!r} maketi {media} ({size}) ga chop etiladi, {queue!r} navbati uni "
        "taklif qiladi"),
    "paper.mismatch": (
        "paper: layout {layout!r} needs {media} ({size}); queue {queue!r} offers {offered}",
        "бумага: макету {layout!r} нужна {media} ({size}); очередь {queue!r} предлагает "
        "{offered}",
        "qog'oz: {layout!r} maketiga {media} ({size}) kerak; {queue!r} navbati {offered} ni "
        "taklif qiladi"),
    "paper.mismatch.fix": (
        "choose a flow.layout for this printer's paper, or the printer's model that takes it "
        "(sudo lpadmin -p QUEUE -m MODEL)",
        "выберите flow.layout под бумагу этого принтера или модель принтера, которая её "
        "берёт (sudo lpadmin -p QUEUE -m MODEL)",
        "shu printer qog'oziga mos flow.layout tanlang yoki bu qog'ozni oladigan modelni "
        "tanlang (sudo lpadmin -p QUEUE -m MODEL)"),
    # the autostart (autostart_checks.py)
    "autostart.twice": (
        "autostart: both {unit} and {entry} are installed: the booth would start twice",
        "автозапуск: установлены и {unit}, и {entry}: будка запустится дважды",
        "avtoishga tushirish: {unit} ham, {entry} ham o'rnatilgan: budka ikki marta ishga "
        "tushadi"),
    "autostart.twice.fix": ("rm {entry}", "rm {entry}", "rm {entry}"),
    "autostart.unit": (
        "autostart: systemd user unit {path}, {kind} ({enabled}; {state})",
        "автозапуск: пользовательский юнит systemd {path}, {kind} ({enabled}; {state})",
        "avtoishga tushirish: systemd foydalanuvchi birligi {path}, {kind} ({enabled}; "
        "{state})"),
    "autostart.cage": ("the booth alone in cage", "будка одна в cage",
                       "budka cage ichida yolg'iz"),
    "autostart.desktop": ("in the desktop session", "в сеансе рабочего стола",
                          "ish stoli seansida"),
    "autostart.enabled": ("enabled", "включён", "yoqilgan"),
    "autostart.not_enabled": ("not enabled", "не включён", "yoqilmagan"),
    "autostart.state_unknown": (
        "systemd user manager not reachable from here, state unknown",
        "менеджер systemd пользователя отсюда недоступен, состояние неизвестно",
        "foydalanuvchi systemd menejeriga bu yerdan ulanib bo'lmaydi, holati noma'lum"),
    "autostart.config_refused": (
        "autostart: systemd user unit {path}, {kind} ({enabled}; {state}): the booth "
        "refused its config",
        "автозапуск: пользовательский юнит systemd {path}, {kind} ({enabled}; {state}): "
        "будка отвергла свою конфигурацию",
        "avtoishga tushirish: systemd foydalanuvchi birligi {path}, {kind} ({enabled}; "
        "{state}): budka o'z konfiguratsiyasini rad etdi"),
    "autostart.config_refused.fix": (
        "fix the config (FAIL lines above, journalctl --user -u {unit}), then systemctl "
        "--user restart {unit}",
        "исправьте конфигурацию (строки FAIL выше, journalctl --user -u {unit}), затем "
        "systemctl --user restart {unit}",
        "konfiguratsiyani tuzating (yuqoridagi FAIL qatorlari, journalctl --user -u "
        "{unit}), so'ng systemctl --user restart {unit}"),
    "autostart.gave_up": (
        "autostart: systemd user unit {path}, {kind} ({enabled}; {state}): restarted too "
        "often, systemd gave up",
        "автозапуск: пользовательский юнит systemd {path}, {kind} ({enabled}; {state}): "
        "слишком много перезапусков, systemd сдался",
        "avtoishga tushirish: systemd foydalanuvchi birligi {path}, {kind} ({enabled}; "
        "{state}): juda ko'p qayta ishga tushirildi, systemd to'xtatdi"),
    "autostart.gave_up.fix": (
        "journalctl --user -u {unit} says why; then systemctl --user reset-failed {unit} "
        "&& systemctl --user restart {unit}",
        "причина — в journalctl --user -u {unit}; затем systemctl --user reset-failed "
        "{unit} && systemctl --user restart {unit}",
        "sababi journalctl --user -u {unit} da; so'ng systemctl --user reset-failed {unit} "
        "&& systemctl --user restart {unit}"),
    "autostart.failed.fix": (
        "journalctl --user -u {unit} says why; then systemctl --user restart {unit}",
        "причина — в journalctl --user -u {unit}; затем systemctl --user restart {unit}",
        "sababi journalctl --user -u {unit} da; so'ng systemctl --user restart {unit}"),
    "autostart.enable.fix": (
        "systemctl --user enable --now {unit}",
        "systemctl --user enable --now {unit}",
        "systemctl --user enable --now {unit}"),
    "autostart.xdg": (
        "autostart: XDG entry {entry} (enabled; nothing restarts a crashed booth and the "
        "desktop shows around it: `kiosk install-autostart --cage` would lock the screen to "
        "the booth)",
        "автозапуск: запись XDG {entry} (включена; упавшую будку никто не перезапустит, и "
        "вокруг неё виден рабочий стол: `kiosk install-autostart --cage` отдаст экран только "
        "будке)",
        "avtoishga tushirish: XDG yozuvi {entry} (yoqilgan; yiqilgan budkani hech kim qayta "
        "ishga tushirmaydi va atrofida ish stoli ko'rinadi: `kiosk install-autostart "
        "--cage` ekranni faqat budkaga beradi)"),
    "autostart.xdg_disabled": (
        "autostart: XDG entry {entry} is disabled",
        "автозапуск: запись XDG {entry} выключена",
        "avtoishga tushirish: XDG yozuvi {entry} o'chirilgan"),
    "autostart.xdg_disabled.fix": (
        "kiosk install-autostart --force",
        "kiosk install-autostart --force",
        "kiosk install-autostart --force"),
    "autostart.none": (
        "autostart: none installed: the booth does not start with the machine",
        "автозапуск не установлен: будка не запустится вместе с компьютером",
        "avtoishga tushirish o'rnatilmagan: budka kompyuter bilan birga ishga tushmaydi"),
    "autostart.none.fix": (
        "kiosk install-autostart --cage (or --systemd to keep a desktop)",
        "kiosk install-autostart --cage (или --systemd, чтобы оставить рабочий стол)",
        "kiosk install-autostart --cage (yoki ish stolini saqlash uchun --systemd)"),
    "fiscal.missing": (
        "fiscal receipts: the backend sends no receipt data to {providers}, so those payments "
        "get no fiscal receipt",
        "фискальные чеки: сервер не передаёт данные чека в {providers}, поэтому по этим оплатам "
        "чека не будет",
        "fiskal cheklar: server {providers} ga chek ma'lumotlarini yubormaydi, shuning uchun bu "
        "to'lovlarga fiskal chek berilmaydi"),
    "fiscal.missing.fix": (
        "set BOOTH_FISCAL_ITEMS and BOOTH_FISCAL_TIN (or BOOTH_FISCAL_PINFL) on the backend and "
        "restart it",
        "задайте на сервере BOOTH_FISCAL_ITEMS и BOOTH_FISCAL_TIN (или BOOTH_FISCAL_PINFL) и "
        "перезапустите его",
        "serverda BOOTH_FISCAL_ITEMS va BOOTH_FISCAL_TIN (yoki BOOTH_FISCAL_PINFL) ni belgilang va "
        "uni qayta ishga tushiring"),
}
