"""The dashboard in the operator's language (uz, ru, en): the templates' words, the booth
states and the alert kinds, plural forms per language, money as the booth shows it.

Templates call `_("English words")` (the English text is the key, and the text shown when a
language lacks it), `_.n(key, count)` for a counted noun and `_.money(minor, currency)`.
"""

from __future__ import annotations

from contract.money_words import format_minor
from contract.number_words import plural_form

LANGUAGES = ("uz", "ru", "en")
LANGUAGE_NAMES = {"uz": "O'zbekcha", "ru": "Русский", "en": "English"}

# English → (Russian, Uzbek).
WORDS: dict[str, tuple[str, str]] = {
    # the frame
    "Photobooth fleet": ("Парк фотобудок", "Fotobudkalar parki"),
    "Photobooth operator": ("Оператор фотобудок", "Fotobudka operatori"),
    "Booths": ("Будки", "Budkalar"),
    "Orders": ("Заказы", "Buyurtmalar"),
    "Paid, not printed": ("Оплачено, не напечатано", "To'langan, chop etilmagan"),
    "Devices": ("Устройства", "Qurilmalar"),
    "Log out": ("Выйти", "Chiqish"),
    "Language": ("Язык", "Til"),
    # logging in
    "Log in": ("Войти", "Kirish"),
    "Operator login": ("Вход оператора", "Operator kirishi"),
    "Name": ("Имя", "Ism"),
    "Password": ("Пароль", "Parol"),
    "Wrong name or password.": ("Неверное имя или пароль.", "Ism yoki parol noto'g'ri."),
    "Too many wrong passwords: try again in {minutes} min.": (
        "Слишком много неверных паролей: попробуйте через {minutes} мин.",
        "Juda ko'p noto'g'ri parol: {minutes} daqiqadan keyin urinib ko'ring."),
    # the fleet
    "booths online": ("будок в сети", "budka tarmoqda"),
    "paid today": ("оплачено сегодня", "bugun to'langan"),
    "open alerts": ("открытых тревог", "ochiq ogohlantirish"),
    "updated {time}": ("обновлено {time}", "yangilandi {time}"),
    "Alerts": ("Тревоги", "Ogohlantirishlar"),
    "open {booth}": ("открыть {booth}", "{booth} ni ochish"),
    "Booth": ("Будка", "Budka"),
    "Status": ("Статус", "Holat"),
    "State": ("Состояние", "Vaziyat"),
    "Printer": ("Принтер", "Printer"),
    "Prints left": ("Осталось отпечатков", "Qolgan nusxalar"),
    "Outbox": ("Очередь событий", "Hodisalar navbati"),
    "Version": ("Версия", "Versiya"),
    "Today": ("Сегодня", "Bugun"),
    "free mode": ("бесплатный режим", "bepul rejim"),
    "online": ("в сети", "tarmoqda"),
    "offline since {time}": ("не в сети с {time}", "{time} dan beri tarmoqda emas"),
    "clock {n} s off the backend's": ("часы смещены на {n} с от сервера",
                                       "soat serverdan {n} soniya farq qiladi"),
    "never seen": ("ещё не выходила на связь", "hali bog'lanmagan"),
    "low (under {count})": ("мало (меньше {count})", "kam ({count} dan kam)"),
    "{count} waiting": ("{count} в очереди", "{count} ta navbatda"),
    "oldest {age}": ("старейшее {age}", "eng eskisi {age}"),
    "No booths yet:": ("Будок пока нет:", "Hali budkalar yo'q:"),
    "enroll one": ("подключите первую", "birinchisini ulang"),
    # units
    "{s} s": ("{s} с", "{s} soniya"),
    "{m} min": ("{m} мин", "{m} daq"),
    "{h} h {m} min": ("{h} ч {m} мин", "{h} soat {m} daq"),
    "{d} d {h} h": ("{d} д {h} ч", "{d} kun {h} soat"),
    "B": ("Б", "B"),
    "KB": ("КБ", "KB"),
    "MB": ("МБ", "MB"),
    "GB": ("ГБ", "GB"),
    "TB": ("ТБ", "TB"),
    # orders and devices
    "Export CSV": ("Выгрузить CSV", "CSV yuklab olish"),
    "The customer paid and no print finished. Print the order at the booth (service menu) or "
    "refund it with the provider: Payme's CancelTransaction refunds it (state −2) until a print "
    "is reported, and answers −31007 once the order is delivered.": (
        "Клиент оплатил, а печать не завершилась. Напечатайте заказ на будке (сервисное меню) "
        "или верните деньги через платёжную систему: CancelTransaction в Payme возвращает их "
        "(состояние −2), пока печать не подтверждена, и отвечает −31007 после выдачи заказа.",
        "Mijoz to'lagan, lekin chop etish tugamagan. Buyurtmani budkada chop eting (xizmat "
        "menyusi) yoki to'lov tizimi orqali pulni qaytaring: Payme'dagi CancelTransaction "
        "chop etish tasdiqlanmaguncha pulni qaytaradi (holat −2), buyurtma berilgach −31007 "
        "javobini beradi."),
    "all": ("все", "hammasi"),
    "From": ("С", "Dan"),
    "To": ("По", "Gacha"),
    "Show": ("Показать", "Ko'rsatish"),
    "The newest {count} are shown; the CSV has them all.": (
        "Показаны последние {count}; в CSV — все.",
        "Oxirgi {count} tasi ko'rsatilgan; CSV faylda hammasi bor."),
    "Enrollment code for {booth}": ("Код подключения для {booth}", "{booth} uchun ulash kodi"),
    "On the booth, within the hour (until {time}), run:": (
        "На будке в течение часа (до {time}) выполните:",
        "Budkada bir soat ichida ({time} gacha) bajaring:"),
    "The code works once; the booth receives its own token, nobody copies it.": (
        "Код действует один раз; будка получает свой токен, его никто не копирует.",
        "Kod bir marta ishlaydi; budka o'z tokenini oladi, uni hech kim nusxalamaydi."),
    "Enroll a new booth": ("Подключить новую будку", "Yangi budkani ulash"),
    "Booth name": ("Имя будки", "Budka nomi"),
    "Create a one-time code": ("Создать одноразовый код", "Bir martalik kod yaratish"),
    "A booth name is 1–63 letters, digits, spaces, dots, dashes or underscores.": (
        "Имя будки — от 1 до 63 букв, цифр, пробелов, точек, дефисов или подчёркиваний.",
        "Budka nomi 1–63 ta harf, raqam, bo'shliq, nuqta, chiziqcha yoki pastki chiziqdan "
        "iborat."),
    "A name already in use issues a new token for that booth.": (
        "Занятое имя выдаёт этой будке новый токен.",
        "Band nom shu budkaga yangi token beradi."),
    "Tokens": ("Токены", "Tokenlar"),
    "Revoke": ("Отозвать", "Bekor qilish"),
    "No booths yet.": ("Будок пока нет.", "Hali budkalar yo'q."),
    # a booth
    "Now": ("Сейчас", "Hozir"),
    "warning under {count}": ("предупреждение ниже {count}",
                              "{count} dan kam bo'lsa ogohlantirish"),
    "Camera health": ("Камера", "Kamera"),
    "Printer health": ("Принтер (исправность)", "Printer holati"),
    "Backend health": ("Связь с сервером", "Server bilan aloqa"),
    "Disk free": ("Свободно на диске", "Diskda bo'sh joy"),
    "Uptime": ("Работает", "Ishlash vaqti"),
    "Last heartbeat": ("Последний сигнал", "Oxirgi signal"),
    "paid": ("оплачено", "to'langan"),
    "revenue": ("выручка", "tushum"),
    "None.": ("Нет.", "Yo'q."),
    "resolved {time}": ("закрыта {time}", "{time} da yopildi"),
    "Revenue per day, last 30 days": ("Выручка по дням за 30 дней",
                                      "Oxirgi 30 kundagi kunlik tushum"),
    "best day: {amount}": ("лучший день: {amount}", "eng yaxshi kun: {amount}"),
    "Hover a bar for its day.": ("Наведите на столбец, чтобы увидеть день.",
                                 "Kunni ko'rish uchun ustunga olib boring."),
    "Recent orders": ("Последние заказы", "Oxirgi buyurtmalar"),
    "Events": ("События", "Hodisalar"),
    "At the booth": ("На будке", "Budkada"),
    "Event": ("Событие", "Hodisa"),
    "Subject": ("Объект", "Obyekt"),
    "No events yet.": ("Событий пока нет.", "Hali hodisalar yo'q."),
    # orders
    "Created": ("Создан", "Yaratilgan"),
    "Order": ("Заказ", "Buyurtma"),
    "Amount": ("Сумма", "Summa"),
    "Provider": ("Платёжная система", "To'lov tizimi"),
    "Transaction": ("Транзакция", "Tranzaksiya"),
    "Paid": ("Оплачен", "To'langan"),
    "Printed": ("Напечатан", "Chop etilgan"),
    "not printed": ("не напечатан", "chop etilmagan"),
    "No orders.": ("Заказов нет.", "Buyurtmalar yo'q."),
    "pending": ("ожидает оплаты", "to'lov kutilmoqda"),
    "failed": ("не оплачен", "to'lanmagan"),
    "cancelled": ("отменён", "bekor qilingan"),
    "refunded": ("возвращён", "qaytarilgan"),
    # refunds (backend.refunds) and the audit log
    "A refund needs a reason (at most {limit} characters).": (
        "Для возврата нужна причина (не длиннее {limit} символов).",
        "Qaytarish uchun sabab kerak ({limit} belgidan oshmasin)."),
    "Tick the confirmation to refund the customer's money.": (
        "Отметьте подтверждение, чтобы вернуть деньги покупателю.",
        "Xaridorga pulni qaytarish uchun tasdiqni belgilang."),
    "Refunded by hand needs the reason and the provider's reference (its cabinet's refund or "
    "transaction number).": (
        "Для записи возврата вручную нужны причина и номер у провайдера (номер возврата или "
        "транзакции в его кабинете).",
        "Qo'lda qaytarishni yozish uchun sabab va provayderdagi raqam kerak (kabinetdagi "
        "qaytarish yoki tranzaksiya raqami)."),
    "No order {order}.": ("Заказа {order} нет.", "{order} buyurtmasi yo'q."),
    "order {order} is {status}: only a paid order is refunded": (
        "заказ {order}: {status}; вернуть можно только оплаченный заказ",
        "{order} buyurtmasi: {status}; faqat to'langan buyurtma qaytariladi"),
    "order {order} was delivered: it is not refunded (an operator may refund it as goodwill, "
    "with a reason)": (
        "заказ {order} выдан: он не возвращается (оператор может вернуть деньги по доброй "
        "воле, указав причину)",
        "{order} buyurtmasi topshirilgan: u qaytarilmaydi (operator sababini ko'rsatib, "
        "xayrixohlik sifatida qaytarishi mumkin)"),
    "order {order}: the refund through {provider} is in progress; record a refund by hand only "
    "once it has failed": (
        "заказ {order}: возврат через {provider} ещё идёт; записывайте возврат вручную, только "
        "если он не удался",
        "{order} buyurtmasi: {provider} orqali qaytarish davom etmoqda; qo'lda qaytarishni "
        "faqat u muvaffaqiyatsiz bo'lgandan keyin yozing"),
    "Refund": ("Возврат", "Qaytarish"),
    "Refund (goodwill)": ("Возврат (по доброй воле)", "Qaytarish (xayrixohlik)"),
    "refund by hand": ("вернуть вручную", "qo'lda qaytarish"),
    "refund requested": ("возврат запрошен", "qaytarish so'ralgan"),
    "refund refunded": ("деньги возвращены", "pul qaytarilgan"),
    "refund failed": ("вернуть вручную", "qo'lda qaytarish"),
    "goodwill": ("по доброй воле", "xayrixohlik"),
    "asked from booth": ("запрошен с будки", "budkadan so'ralgan"),
    "asked from dashboard": ("запрошен в панели", "paneldan so'ralgan"),
    "asked from auto": ("запрошен автоматически", "avtomatik so'ralgan"),
    "asked from provider": ("сделан платёжной системой", "to'lov tizimi qaytargan"),
    "This order was printed: a refund now is goodwill, recorded as such.": (
        "Заказ напечатан: возврат теперь — по доброй воле и так и записывается.",
        "Buyurtma chop etilgan: endi qaytarish xayrixohlik sifatida yoziladi."),
    "Reason": ("Причина", "Sabab"),
    "Refund {amount} through {provider}": ("Вернуть {amount} через {provider}",
                                           "{amount} ni {provider} orqali qaytarish"),
    "Refunded by hand": ("Возвращено вручную", "Qo'lda qaytarilgan"),
    "Reference": ("Номер операции", "Operatsiya raqami"),
    "the cabinet's refund number": ("номер возврата в кабинете", "kabinetdagi qaytarish raqami"),
    "Record the refund": ("Записать возврат", "Qaytarishni yozib qo'yish"),
    "Refund not made": ("Возврат не выполнен", "Qaytarish amalga oshmadi"),
    "Back to the orders": ("Назад к заказам", "Buyurtmalarga qaytish"),
    "Refund sends the money back through its provider; a refund the provider refuses shows "
    "as “refund by hand”: refund it in the provider's cabinet, then record it with Refunded "
    "by hand.": (
        "«Возврат» отправляет деньги через платёжную систему; если она отказала, заказ "
        "помечен «вернуть вручную»: верните деньги в её кабинете и запишите это кнопкой "
        "«Возвращено вручную».",
        "«Qaytarish» pulni to'lov tizimi orqali qaytaradi; tizim rad etsa, «qo'lda qaytarish» "
        "deb ko'rsatiladi: pulni tizim kabinetida qaytaring va «Qo'lda qaytarilgan» bilan "
        "yozib qo'ying."),
    "Audit log": ("Журнал действий", "Harakatlar jurnali"),
    "What operators did on this dashboard: the newest 200 actions.": (
        "Что операторы делали в панели: последние 200 действий.",
        "Operatorlar panelda nima qilgani: oxirgi 200 ta harakat."),
    "When": ("Когда", "Qachon"),
    "Operator": ("Оператор", "Operator"),
    "Address": ("Адрес", "Manzil"),
    "Action": ("Действие", "Harakat"),
    "Order / booth": ("Заказ / будка", "Buyurtma / budka"),
    "Detail": ("Подробности", "Tafsilot"),
    "No actions yet.": ("Действий пока нет.", "Hali harakatlar yo'q."),
    # booth states (backend.heartbeats)
    "waiting for a customer": ("ждёт клиента", "mijozni kutmoqda"),
    "taking photos": ("снимает", "suratga olmoqda"),
    "customer reviewing photos": ("клиент смотрит снимки", "mijoz suratlarni ko'rmoqda"),
    "customer choosing a package": ("клиент выбирает пакет", "mijoz paket tanlamoqda"),
    "showing a payment code": ("показывает код оплаты", "to'lov kodini ko'rsatmoqda"),
    "checking a payment": ("проверяет оплату", "to'lovni tekshirmoqda"),
    "printing": ("печатает", "chop etmoqda"),
    "handing over prints": ("выдаёт отпечатки", "nusxalarni bermoqda"),
    "out of service": ("не работает", "ishlamayapti"),
    "technician in the service menu": ("техник в сервисном меню", "texnik xizmat menyusida"),
    # printer and health words (backend.heartbeats)
    "ready": ("готов", "tayyor"),
    "out of paper": ("нет бумаги", "qog'oz tugagan"),
    "out of ribbon": ("нет ленты", "lenta tugagan"),
    "paper jam": ("замятие бумаги", "qog'oz tiqilgan"),
    "door open": ("открыта дверца", "eshikcha ochiq"),
    "printer offline": ("принтер не в сети", "printer ulanmagan"),
    "stopped": ("остановлен", "to'xtatilgan"),
    "not reachable through CUPS": ("недоступен через CUPS", "CUPS orqali ulanib bo'lmaydi"),
    "starting": ("запускается", "ishga tushmoqda"),
    "works": ("работает", "ishlayapti"),
    "needs a look": ("требует внимания", "e'tibor kerak"),
    "fault": ("неисправность", "nosozlik"),
    "unknown": ("неизвестно", "noma'lum"),
    # alert kinds (backend.alerts)
    "The booth is offline": ("Будка не на связи", "Budka aloqada emas"),
    "The printer needs attention": ("Принтеру нужно внимание", "Printerga e'tibor kerak"),
    "Paper is running low": ("Бумага заканчивается", "Qog'oz tugab bormoqda"),
    "Events are not reaching the backend": ("События не доходят до сервера",
                                            "Hodisalar serverga yetib bormayapti"),
    "Paid but not printed: print or refund it": (
        "Оплачено, но не напечатано: напечатайте или верните деньги",
        "To'langan, lekin chop etilmagan: chop eting yoki pulni qaytaring"),
    "Customers are turned away": ("Клиенты уходят без кода оплаты",
                                  "Mijozlar to'lov kodisiz ketmoqda"),
    "No payment provider in common": ("Нет общей платёжной системы",
                                      "Umumiy to'lov tizimi yo'q"),
    "The service PIN pad is locked": ("PIN-клавиатура сервиса заблокирована",
                                      "Xizmat PIN paneli qulflangan"),
    "Refunded automatically": ("Возврат сделан автоматически", "Pul avtomatik qaytarildi"),
    "The booth's disk is full: it cannot save": (
        "Диск будки заполнен: она не может сохранять",
        "Budka diski to'la: u saqlay olmaydi"),
    "An alert": ("Тревога", "Ogohlantirish"),
    # booth events (the booth's log; the kind and its recorded words follow in small type)
    "A session started": ("Начался сеанс", "Seans boshlandi"),
    "A session ended": ("Сеанс закончился", "Seans tugadi"),
    "An order was made": ("Создан заказ", "Buyurtma yaratildi"),
    "A payment code was shown": ("Показан код оплаты", "To'lov kodi ko'rsatildi"),
    "An order was paid": ("Заказ оплачен", "Buyurtma to'landi"),
    "A payment failed": ("Оплата не прошла", "To'lov o'tmadi"),
    "A print was sent": ("Отправлено на печать", "Chop etishga yuborildi"),
    "A print was sent again": ("Печать отправлена снова", "Chop etishga qayta yuborildi"),
    "A print is done": ("Печать готова", "Chop etildi"),
    "A print failed": ("Печать не удалась", "Chop etish muvaffaqiyatsiz"),
    "The printer stopped": ("Принтер остановился", "Printer to'xtadi"),
    "The printer works again": ("Принтер снова работает", "Printer yana ishlayapti"),
    "The photos reached the phone page": ("Фото доставлены на страницу",
                                          "Suratlar sahifaga yetkazildi"),
    "The service menu": ("Сервисное меню", "Xizmat menyusi"),
    "A booth event": ("Событие будки", "Budka hodisasi"),
}

# Counted nouns: English (one, other), Russian (one, few, many), Uzbek (one form).
COUNTED: dict[str, dict[str, tuple[str, ...]]] = {
    "sessions": {"en": ("session", "sessions"), "ru": ("сеанс", "сеанса", "сеансов"),
                 "uz": ("seans",)},
    "{n} paid": {"en": ("{n} paid", "{n} paid"),
                 "ru": ("{n} оплачен", "{n} оплачено", "{n} оплачено"),
                 "uz": ("{n} ta to'langan",)},
    "{n} paid orders in 30 days.": {
        "en": ("{n} paid order in 30 days.", "{n} paid orders in 30 days."),
        "ru": ("{n} оплаченный заказ за 30 дней.", "{n} оплаченных заказа за 30 дней.",
               "{n} оплаченных заказов за 30 дней."),
        "uz": ("30 kunda {n} ta to'langan buyurtma.",)},
}

EVENTS = {"session.started": "A session started", "session.ended": "A session ended",
          "order.created": "An order was made", "payment.qr_issued": "A payment code was shown",
          "payment.paid": "An order was paid", "payment.failed": "A payment failed",
          "print.submitted": "A print was sent", "print.resent": "A print was sent again",
          "print.printed": "A print is done",
          "print.failed": "A print failed", "printer.faulted": "The printer stopped",
          "printer.recovered": "The printer works again",
          "photos.delivered": "The photos reached the phone page"}
ALERT_KINDS = {"offline": "The booth is offline", "printer": "The printer needs attention",
               "paper-low": "Paper is running low",
               "outbox": "Events are not reaching the backend",
               "undelivered": "Paid but not printed: print or refund it",
               "turned-away": "Customers are turned away",
               "no-provider": "No payment provider in common",
               "pin-lockout": "The service PIN pad is locked",
               "auto-refund": "Refunded automatically",
               "storage": "The booth's disk is full: it cannot save"}


class Words:
    """The operator's language, callable from a template."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"

    def __call__(self, text: str) -> str:
        if self.language == "en":
            return text
        russian, uzbek = WORDS.get(text, (text, text))
        return russian if self.language == "ru" else uzbek

    def n(self, key: str, count: int) -> str:
        forms = COUNTED[key][self.language]
        return forms[min(plural_form(self.language, count), len(forms) - 1)].format(n=count)

    def money(self, minor: int, currency: str) -> str:
        return format_minor(minor, currency, self.language)

    def totals(self, totals: dict[str, int], currency: str = "UZS") -> str:
        """Several currencies' sums; none at all is a zero in the booth's currency."""
        return ", ".join(self.money(minor, code) for code, minor in sorted(totals.items())) \
            or self.money(0, currency)

    def event(self, kind: str) -> str:
        area = kind.split(".", 1)[0]
        return self(EVENTS.get(kind) or ("The service menu" if area == "service"
                                         else "A booth event"))

    def alert(self, kind: str) -> str:
        return self(ALERT_KINDS.get(kind, "An alert"))



def browser_language(accept_language: str | None) -> str:
    """The first of uz, ru, en the browser asks for (by its q order); English when it asks
    for none of them (the dashboard's language before this choice existed)."""
    ranked = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        try:
            quality = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            quality = 0.0
        ranked.append((-quality, index, tag.split("-")[0].lower()))
    return next((tag for _q, _i, tag in sorted(ranked) if tag in LANGUAGES), "en")
