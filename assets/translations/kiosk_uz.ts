<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uz_UZ">
    <context>
        <name>ActionsPage</name>
        <message>
            <source>Actions</source>
            <translation>Amallar</translation>
        </message>
        <message>
            <source>Back in service</source>
            <translation>Ishga qaytarish</translation>
        </message>
        <message>
            <source>Cancel stuck job</source>
            <translation>Qotib qolgan ishni bekor qilish</translation>
        </message>
        <message>
            <source>Exit to desktop</source>
            <translation>Ish stoliga chiqish</translation>
        </message>
        <message>
            <source>Free mode: turn off</source>
            <translation>Bepul rejim: o'chirish</translation>
        </message>
        <message>
            <source>Free mode: turn on</source>
            <translation>Bepul rejim: yoqish</translation>
        </message>
        <message>
            <source>In the printer: order {order}, {state} {detail}</source>
            <translation>Printerda: buyurtma {order}, {state} {detail}</translation>
        </message>
        <message>
            <source>No print job is waiting in the printer.</source>
            <translation>Printerda kutayotgan ish yo'q.</translation>
        </message>
        <message>
            <source>Out of service</source>
            <translation>Ishdan chiqarish</translation>
        </message>
        <message>
            <source>Prints on the new roll: {count}</source>
            <translation>Yangi rulondagi nusxalar: {count}</translation>
        </message>
        <message>
            <source>Reboot</source>
            <translation>Qayta yuklash</translation>
        </message>
        <message>
            <source>Restart the app</source>
            <translation>Dasturni qayta ishga tushirish</translation>
        </message>
        <message>
            <source>Resume printer</source>
            <translation>Printerni davom ettirish</translation>
        </message>
        <message>
            <source>Set new roll</source>
            <translation>Yangi rulonni belgilash</translation>
        </message>
        <message>
            <source>Shut down</source>
            <translation>O'chirish</translation>
        </message>
        <message>
            <source>Test print</source>
            <translation>Sinov chop etish</translation>
        </message>
    </context>
    <context>
        <name>AttractScreen</name>
        <message>
            <source>Sorry, the booth cannot take photos right now: its memory is full. Please call the staff (code {code}).</source>
            <translation>Kechirasiz, hozir kabina suratga ola olmaydi: xotirasi to'lgan. Xodimni chaqiring (kod {code}).</translation>
        </message>
        <message>
            <source>Photos to take home</source>
            <translation>Esdalik suratlar</translation>
        </message>
        <message>
            <source>Strike a pose, pay with your phone, and the prints come out right here.</source>
            <translation>Suratga tushing, telefon orqali to'lang — suratlar shu yerning o'zida chiqadi.</translation>
        </message>
        <message>
            <source>Touch to start</source>
            <translation>Boshlash uchun bosing</translation>
        </message>
        <message>
            <source>Free mode: photos without payment</source>
            <translation>Bepul rejim: to'lovsiz suratlar</translation>
        </message>
        <message>
            <source>Strike a pose: the photos are free today, and the prints come out right here.</source>
            <translation>Suratga tushing: bugun suratlar bepul — ular shu yerning o'zida chiqadi.</translation>
        </message>
    </context>
    <context>
        <name>CaptureScreen</name>
        <message>
            <source>Photo {index} of {total}</source>
            <translation>Surat {index} / {total}</translation>
        </message>
        <message>
            <source>Smile!</source>
            <translation>Jilmaying!</translation>
        </message>
        <message>
            <source>Hold still…</source>
            <translation>Qimirlamang…</translation>
        </message>
        <message>
            <source>The camera is not ready</source>
            <translation>Kamera tayyor emas</translation>
        </message>
        <message>
            <source>Please wait a moment…</source>
            <translation>Biroz kuting…</translation>
        </message>
    </context>
    <context>
        <name>CheckingScreen</name>
        <message>
            <source>Did you pay?</source>
            <translation>To'lov qildingizmi?</translation>
        </message>
        <message>
            <source>We are checking with the payment service. Please stay here, this takes a moment.</source>
            <translation>To'lov xizmatidan tekshiryapmiz. Iltimos, shu yerda kuting, bu bir oz vaqt oladi.</translation>
        </message>
    </context>
    <context>
        <name>ChooseScreen</name>
        <message>
            <source>How many prints would you like?</source>
            <translation>Nechta nusxa chiqaramiz?</translation>
        </message>
        <message>
            <source>Every print shows all your photos.</source>
            <translation>Har bir nusxada barcha suratlaringiz bor.</translation>
        </message>
        <message>
            <source>Start over</source>
            <translation>Qaytadan boshlash</translation>
        </message>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n ta nusxa</numerusform>
                <numerusform>%n ta nusxa</numerusform>
            </translation>
        </message>
        <message>
            <source>Photos on your phone only</source>
            <translation>Faqat telefonga suratlar</translation>
        </message>
    </context>
    <context>
        <name>ConfirmPage</name>
        <message>
            <source>No, go back</source>
            <translation>Yo'q, ortga</translation>
        </message>
        <message>
            <source>Yes, do it</source>
            <translation>Ha, bajarish</translation>
        </message>
    </context>
    <context>
        <name>DoneScreen</name>
        <message>
            <source>Enjoy your photos!</source>
            <translation>Suratlaringiz tayyor!</translation>
        </message>
        <message>
            <source>Please take your prints from the tray below.</source>
            <translation>Iltimos, suratlaringizni pastdagi lotokdan oling.</translation>
        </message>
        <message>
            <source>Touch the screen to finish</source>
            <translation>Tugatish uchun ekranga bosing</translation>
        </message>
        <message>
            <source>Scan the code: your photos open on your phone.</source>
            <translation>Kodni skanerlang — suratlar telefoningizda ochiladi.</translation>
        </message>
    </context>
    <context>
        <name>OrderListPage</name>
        <message>
            <source>Back</source>
            <translation>Orqaga</translation>
        </message>
        <message>
            <source>Cannot print it</source>
            <translation>Chop etib bo'lmaydi</translation>
        </message>
        <message>
            <source>Choose an order, then why it is printed again:</source>
            <translation>Buyurtmani tanlang, so'ng qayta chop etish sababini:</translation>
        </message>
        <message>
            <source>Customer asked</source>
            <translation>Mijoz so'radi</translation>
        </message>
        <message>
            <source>Customer left</source>
            <translation>Mijoz ketib qoldi</translation>
        </message>
        <message>
            <source>Late payments</source>
            <translation>Kechikkan to'lovlar</translation>
        </message>
        <message>
            <source>Lost in a jam</source>
            <translation>Printerda tiqilib qoldi</translation>
        </message>
        <message>
            <source>No late payment is waiting.</source>
            <translation>Kechikkan to'lov yo'q.</translation>
        </message>
        <message>
            <source>No paid order in the last 24 hours.</source>
            <translation>Oxirgi 24 soatda to'langan buyurtma yo'q.</translation>
        </message>
        <message>
            <source>Paid, but not printed: the customer may come back for it.</source>
            <translation>To'langan, lekin chop etilmagan: mijoz qaytib kelishi mumkin.</translation>
        </message>
        <message>
            <source>Print damaged</source>
            <translation>Nusxa buzilgan</translation>
        </message>
        <message>
            <source>Print now</source>
            <translation>Hozir chop etish</translation>
        </message>
        <message>
            <source>Refund</source>
            <translation>Pulni qaytarish</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>Qayta chop etish</translation>
        </message>
        <message>
            <source>Reprint a paid order (last 24 hours)</source>
            <translation>To'langan buyurtmani qayta chop etish (24 soat)</translation>
        </message>
        <message>
            <source>Why is the money given back? The backend refunds it through the payment provider.</source>
            <translation>Pul nima uchun qaytariladi? Server uni to'lov tizimi orqali qaytaradi.</translation>
        </message>
    </context>
    <context>
        <name>OutOfServiceScreen</name>
        <message>
            <source>We'll be right back</source>
            <translation>Tez orada qaytamiz</translation>
        </message>
        <message>
            <source>The photobooth is taking a short break. Please ask the staff for help.</source>
            <translation>Fotobudka qisqa tanaffusda. Iltimos, xodimlardan yordam so'rang.</translation>
        </message>
        <message>
            <source>Code: {code}</source>
            <translation>Kod: {code}</translation>
        </message>
    </context>
    <context>
        <name>PaymentLogPage</name>
        <message>
            <source>All</source>
            <translation>Hammasi</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Bekor qilingan</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Muvaffaqiyatsiz</translation>
        </message>
        <message>
            <source>Free</source>
            <translation>Bepul</translation>
        </message>
        <message>
            <source>No order to show.</source>
            <translation>Buyurtmalar yo'q.</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>To'langan</translation>
        </message>
        <message>
            <source>Payment log</source>
            <translation>To'lovlar jurnali</translation>
        </message>
        <message>
            <source>Pending</source>
            <translation>Kutilmoqda</translation>
        </message>
        <message>
            <source>Refunded</source>
            <translation>Qaytarilgan</translation>
        </message>
    </context>
    <context>
        <name>PaymentScreen</name>
        <message>
            <source>Scan to pay with your phone</source>
            <translation>Kodni skanerlab to'lang</translation>
        </message>
        <message>
            <source>Pay with {provider}</source>
            <translation>{provider} orqali to'lov</translation>
        </message>
        <message>
            <source>Open your banking or payment app and point the camera at the code.</source>
            <translation>Bank yoki to'lov ilovasini oching va kamerani kodga qarating.</translation>
        </message>
        <message>
            <source>Preparing your payment code…</source>
            <translation>To'lov kodi tayyorlanmoqda…</translation>
        </message>
        <message>
            <source>Payments are temporarily unavailable</source>
            <translation>To'lov vaqtincha ishlamayapti</translation>
        </message>
        <message>
            <source>Nothing has been charged. Please try again in a few minutes or ask the staff for help.</source>
            <translation>Hech qanday pul yechilmadi. Bir necha daqiqadan so'ng qayta urinib ko'ring yoki xodimlardan yordam so'rang.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Bekor qilish</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Orqaga</translation>
        </message>
        <message>
            <source>Code valid for {time}</source>
            <translation>Kod yana {time} amal qiladi</translation>
        </message>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n ta nusxa</numerusform>
                <numerusform>%n ta nusxa</numerusform>
            </translation>
        </message>
        <message>
            <source>{refused} is not available right now. Please pay with {provider}.</source>
            <translation>{refused} hozir ishlamayapti. Iltimos, {provider} orqali to'lang.</translation>
        </message>
        <message>
            <source>Photos on your phone only</source>
            <translation>Faqat telefonga suratlar</translation>
        </message>
    </context>
    <context>
        <name>PinPage</name>
        <message>
            <source>Back</source>
            <translation>Ortga</translation>
        </message>
        <message>
            <source>Choose a new service PIN</source>
            <translation>Yangi xizmat PIN kodini tanlang</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Tozalash</translation>
        </message>
        <message>
            <source>Leave the service menu</source>
            <translation>Xizmat menyusidan chiqish</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Service: enter the PIN</source>
            <translation>Xizmat: PIN kodni kiriting</translation>
        </message>
        <message>
            <source>The factory PIN must be replaced before anything else.</source>
            <translation>Avval zavod PIN kodini almashtirish kerak.</translation>
        </message>
        <message>
            <source>Type the new PIN again</source>
            <translation>Yangi PIN kodni yana kiriting</translation>
        </message>
        <message>
            <source>Locked after too many wrong PINs: try again in {time}.</source>
            <translation>Juda ko'p noto'g'ri PIN: {time} dan keyin qayta urinib ko'ring.</translation>
        </message>
    </context>
    <context>
        <name>PrintingScreen</name>
        <message>
            <source>Thank you! Printing your photos</source>
            <translation>Rahmat! Suratlaringiz chop etilmoqda</translation>
        </message>
        <message>
            <source>Getting your prints ready…</source>
            <translation>Chop etishga tayyorlanmoqda…</translation>
        </message>
        <message>
            <source>Sending to the printer…</source>
            <translation>Printerga yuborilmoqda…</translation>
        </message>
        <message>
            <source>Printing…</source>
            <translation>Chop etilmoqda…</translation>
        </message>
        <message>
            <source>All printed!</source>
            <translation>Hammasi chop etildi!</translation>
        </message>
        <message>
            <source>Printing is paused</source>
            <translation>Chop etish to'xtatildi</translation>
        </message>
        <message>
            <source>Your photos are coming out below.</source>
            <translation>Suratlaringiz pastdan chiqadi.</translation>
        </message>
        <message>
            <source>The printer needs a moment of attention. Your order is safe: please ask the staff, they will finish your prints.</source>
            <translation>Printerga biroz e'tibor kerak. Buyurtmangiz saqlangan: xodimlardan so'rang, ular suratlaringizni chop etib berishadi.</translation>
        </message>
        <message>
            <source>Code: {code}</source>
            <translation>Kod: {code}</translation>
        </message>
    </context>
    <context>
        <name>ReviewScreen</name>
        <message>
            <source>How do you like it?</source>
            <translation>Sizga yoqdimi?</translation>
        </message>
        <message>
            <source>Retake</source>
            <translation>Qayta olish</translation>
        </message>
        <message>
            <source>Print it</source>
            <translation>Chop etish</translation>
        </message>
        <message>
            <source>Preparing your print…</source>
            <translation>Suratingiz tayyorlanmoqda…</translation>
        </message>
        <message>
            <source>The preview is not ready. You can retake the photos.</source>
            <translation>Ko'rinish tayyor emas. Suratlarni qayta olishingiz mumkin.</translation>
        </message>
    </context>
    <context>
        <name>ServiceMenu</name>
        <message>
            <source>Cancel the print job of order {order}?</source>
            <translation>{order} buyurtmasining chop etish ishi bekor qilinsinmi?</translation>
        </message>
        <message>
            <source>Leave the booth app for the desktop? The booth stops taking customers.</source>
            <translation>Dasturdan ish stoliga chiqilsinmi? Kabina mijozlarni qabul qilmaydi.</translation>
        </message>
        <message>
            <source>Print order {order} again ({reason})? It uses paper.</source>
            <translation>{order} buyurtmasi qayta chop etilsinmi ({reason})? Qog'oz sarflanadi.</translation>
        </message>
        <message>
            <source>Print order {order} now?</source>
            <translation>{order} buyurtmasi hozir chop etilsinmi?</translation>
        </message>
        <message>
            <source>Reboot the machine now?</source>
            <translation>Kompyuter hozir qayta yuklansinmi?</translation>
        </message>
        <message>
            <source>Restart the booth app now?</source>
            <translation>Dastur hozir qayta ishga tushirilsinmi?</translation>
        </message>
        <message>
            <source>Shut the machine down? Someone must switch it on again.</source>
            <translation>Kompyuter o'chirilsinmi? Uni qo'lda yoqish kerak bo'ladi.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong PIN, %n attempt(s) left before a 5-minute lock.</source>
            <translation>
                <numerusform>Noto'g'ri PIN, 5 daqiqalik blokdan oldin %n urinish qoldi.</numerusform>
                <numerusform>Noto'g'ri PIN, 5 daqiqalik blokdan oldin %n urinish qoldi.</numerusform>
            </translation>
        </message>
        <message>
            <source>Refund order {order} ({reason})? The money goes back to the customer; it cannot be undone.</source>
            <translation>{order} buyurtmasi uchun pul qaytarilsinmi ({reason})? Pul mijozga qaytadi; buni bekor qilib bo'lmaydi.</translation>
        </message>
    </context>
    <context>
        <name>ServiceRows</name>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n ta nusxa</numerusform>
                <numerusform>%n ta nusxa</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reprint(s)</source>
            <translation>
                <numerusform>%n ta qayta</numerusform>
                <numerusform>%n ta qayta</numerusform>
            </translation>
        </message>
        <message>
            <source>not yet on the phone page</source>
            <translation>telefon sahifasida hali yo'q</translation>
        </message>
        <message>
            <source>on the phone page</source>
            <translation>telefon sahifasida</translation>
        </message>
        <message>
            <source>photos on the phone only</source>
            <translation>faqat telefonga suratlar</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>Exit service</source>
            <translation>Xizmatdan chiqish</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Amallar</translation>
        </message>
        <message>
            <source>Late payments</source>
            <translation>Kechikkan to'lovlar</translation>
        </message>
        <message>
            <source>Payment log</source>
            <translation>To'lovlar jurnali</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>Qayta chop etish</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Sozlamalar</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>Statistika</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Holat</translation>
        </message>
        <message>
            <source>The settings were changed. Save them?</source>
            <translation>Sozlamalar o'zgartirildi. Saqlansinmi?</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Saqlash</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Bekor qilish</translation>
        </message>
    </context>
    <context>
        <name>ServiceWords</name>
        <message numerus="yes">
            <source>%n hour(s) ago</source>
            <translation>
                <numerusform>%n soat oldin</numerusform>
                <numerusform>%n soat oldin</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n minute(s) ago</source>
            <translation>
                <numerusform>%n daqiqa oldin</numerusform>
                <numerusform>%n daqiqa oldin</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n second(s) ago</source>
            <translation>
                <numerusform>%n soniya oldin</numerusform>
                <numerusform>%n soniya oldin</numerusform>
            </translation>
        </message>
        <message>
            <source>A PIN is 6 to 8 digits.</source>
            <translation>PIN 6 dan 8 tagacha raqamdan iborat.</translation>
        </message>
        <message>
            <source>A door or cover is open</source>
            <translation>Eshikcha yoki qopqoq ochiq</translation>
        </message>
        <message>
            <source>A roll holds 0 to {most} prints.</source>
            <translation>Rulonda 0 dan {most} tagacha nusxa bo'ladi.</translation>
        </message>
        <message>
            <source>Choose a PIN other than the factory one.</source>
            <translation>Zavod PIN kodidan boshqasini tanlang.</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Bajarildi.</translation>
        </message>
        <message>
            <source>Fault: {why}</source>
            <translation>Nosozlik: {why}</translation>
        </message>
        <message>
            <source>Free mode is off.</source>
            <translation>Bepul rejim o'chirildi.</translation>
        </message>
        <message>
            <source>Free mode is on.</source>
            <translation>Bepul rejim yoqildi.</translation>
        </message>
        <message>
            <source>Leaving the booth app…</source>
            <translation>Dasturdan chiqilmoqda…</translation>
        </message>
        <message>
            <source>New roll: {count} prints.</source>
            <translation>Yangi rulon: {count} ta nusxa.</translation>
        </message>
        <message>
            <source>No print file is kept for this order.</source>
            <translation>Bu buyurtmaning chop fayli saqlanmagan.</translation>
        </message>
        <message>
            <source>Not checked yet</source>
            <translation>Hali tekshirilmagan</translation>
        </message>
        <message>
            <source>Not known yet</source>
            <translation>Hozircha noma'lum</translation>
        </message>
        <message>
            <source>Nothing saved: the disk is full ({path}).</source>
            <translation>Hech narsa saqlanmadi: disk to'la ({path}).</translation>
        </message>
        <message>
            <source>Nothing saved: the file {path} cannot be written.</source>
            <translation>Hech narsa saqlanmadi: {path} fayliga yozib bo'lmaydi.</translation>
        </message>
        <message>
            <source>Offline: check cable and power</source>
            <translation>Ulanmagan: kabel va quvvatni tekshiring</translation>
        </message>
        <message>
            <source>Out of paper: load a new roll</source>
            <translation>Qog'oz tugadi: yangi rulon qo'ying</translation>
        </message>
        <message>
            <source>Out of ribbon: replace it</source>
            <translation>Lenta tugadi: almashtiring</translation>
        </message>
        <message>
            <source>Package {number}, {what}</source>
            <translation>{number}-paket, {what}</translation>
        </message>
        <message>
            <source>Paper jam: open and clear it</source>
            <translation>Qog'oz tiqildi: oching va tozalang</translation>
        </message>
        <message>
            <source>Printing</source>
            <translation>Chop etmoqda</translation>
        </message>
        <message>
            <source>Reachable</source>
            <translation>Aloqa bor</translation>
        </message>
        <message>
            <source>Ready to print</source>
            <translation>Chop etishga tayyor</translation>
        </message>
        <message>
            <source>Rebooting…</source>
            <translation>Qayta yuklanmoqda…</translation>
        </message>
        <message>
            <source>Reprint sent to the printer.</source>
            <translation>Qayta chop etish printerga yuborildi.</translation>
        </message>
        <message>
            <source>Restarting the booth…</source>
            <translation>Dastur qayta ishga tushmoqda…</translation>
        </message>
        <message>
            <source>Saved and applied.</source>
            <translation>Saqlandi va qo'llandi.</translation>
        </message>
        <message>
            <source>Saved to {path}</source>
            <translation>{path} ga saqlandi</translation>
        </message>
        <message>
            <source>Sent to the printer.</source>
            <translation>Printerga yuborildi.</translation>
        </message>
        <message>
            <source>Shutting down…</source>
            <translation>O'chirilmoqda…</translation>
        </message>
        <message>
            <source>Stopped by CUPS: fix, then Resume</source>
            <translation>CUPS to'xtatdi: tuzating, so'ng davom ettiring</translation>
        </message>
        <message>
            <source>Test print sent.</source>
            <translation>Sinov nusxasi yuborildi.</translation>
        </message>
        <message>
            <source>That did not work: {why}</source>
            <translation>Bajarilmadi: {why}</translation>
        </message>
        <message>
            <source>The booth is back in service.</source>
            <translation>Kabina yana ishlayapti.</translation>
        </message>
        <message>
            <source>The booth is out of service.</source>
            <translation>Kabina ishdan chiqarildi.</translation>
        </message>
        <message>
            <source>The command “{command}” does not exist on this machine.</source>
            <translation>Bu kompyuterda «{command}» buyrug'i yo'q.</translation>
        </message>
        <message>
            <source>The command “{command}” failed (status {status}).</source>
            <translation>«{command}» buyrug'i xato bilan tugadi (kod {status}).</translation>
        </message>
        <message>
            <source>The job is being canceled.</source>
            <translation>Ish bekor qilinmoqda.</translation>
        </message>
        <message>
            <source>The new PIN is saved.</source>
            <translation>Yangi PIN saqlandi.</translation>
        </message>
        <message>
            <source>The print system does not answer</source>
            <translation>Chop etish tizimi javob bermayapti</translation>
        </message>
        <message>
            <source>The printer was told to resume.</source>
            <translation>Printerga davom etish buyurildi.</translation>
        </message>
        <message>
            <source>The two PINs differ. Start again.</source>
            <translation>PIN kodlar mos emas. Qaytadan boshlang.</translation>
        </message>
        <message>
            <source>This order is not paid (any more).</source>
            <translation>Bu buyurtma (endi) to'langan emas.</translation>
        </message>
        <message>
            <source>Trouble: {why}</source>
            <translation>Muammo: {why}</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Noma'lum</translation>
        </message>
        <message>
            <source>Working</source>
            <translation>Ishlayapti</translation>
        </message>
        <message>
            <source>at payment</source>
            <translation>to'lovda</translation>
        </message>
        <message>
            <source>when the booth restarted</source>
            <translation>kabina qayta ishga tushganda</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>bekor qilingan</translation>
        </message>
        <message>
            <source>checking payment</source>
            <translation>to'lov tekshiruvida</translation>
        </message>
        <message>
            <source>choosing a package</source>
            <translation>paket tanlashda</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>muvaffaqiyatsiz</translation>
        </message>
        <message>
            <source>free</source>
            <translation>bepul</translation>
        </message>
        <message>
            <source>in the printer</source>
            <translation>printerda</translation>
        </message>
        <message>
            <source>must be at least {limit}</source>
            <translation>kamida {limit} bo'lishi kerak</translation>
        </message>
        <message>
            <source>must be at most {limit}</source>
            <translation>ko'pi bilan {limit} bo'lishi kerak</translation>
        </message>
        <message>
            <source>needs at least one</source>
            <translation>kamida bittasi kerak</translation>
        </message>
        <message>
            <source>never</source>
            <translation>hech qachon</translation>
        </message>
        <message>
            <source>not printed</source>
            <translation>chop etilmagan</translation>
        </message>
        <message>
            <source>on the preview</source>
            <translation>ko'rib chiqishda</translation>
        </message>
        <message>
            <source>paid</source>
            <translation>to'langan</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>kutilmoqda</translation>
        </message>
        <message>
            <source>print failed</source>
            <translation>chop etish muvaffaqiyatsiz</translation>
        </message>
        <message>
            <source>printed</source>
            <translation>chop etilgan</translation>
        </message>
        <message>
            <source>printing</source>
            <translation>chop etilmoqda</translation>
        </message>
        <message>
            <source>refunded</source>
            <translation>qaytarilgan</translation>
        </message>
        <message>
            <source>two have the same number of prints</source>
            <translation>ikkitasida nusxalar soni bir xil</translation>
        </message>
        <message>
            <source>waiting to print</source>
            <translation>chop etishni kutmoqda</translation>
        </message>
        <message>
            <source>while taking photos</source>
            <translation>suratga olish paytida</translation>
        </message>
        <message>
            <source>{days} d {hours} h</source>
            <translation>{days} kun {hours} soat</translation>
        </message>
        <message>
            <source>{hours} h {minutes} min</source>
            <translation>{hours} soat {minutes} daq</translation>
        </message>
        <message>
            <source>{setting} {reason}</source>
            <translation>{setting}: {reason}</translation>
        </message>
        <message>
            <source>out of paper</source>
            <translation>qog'oz tugagan</translation>
        </message>
        <message>
            <source>paper needed</source>
            <translation>qog'oz kerak</translation>
        </message>
        <message>
            <source>paper running low</source>
            <translation>qog'oz kam qoldi</translation>
        </message>
        <message>
            <source>paper jam</source>
            <translation>qog'oz tiqilib qolgan</translation>
        </message>
        <message>
            <source>ribbon or ink used up</source>
            <translation>lenta yoki siyoh tugagan</translation>
        </message>
        <message>
            <source>ribbon or ink running low</source>
            <translation>lenta yoki siyoh kam qoldi</translation>
        </message>
        <message>
            <source>waste container full</source>
            <translation>chiqindi idishi to'lgan</translation>
        </message>
        <message>
            <source>a door is open</source>
            <translation>eshikcha ochiq</translation>
        </message>
        <message>
            <source>a cover is open</source>
            <translation>qopqoq ochiq</translation>
        </message>
        <message>
            <source>printer offline</source>
            <translation>printer ulanmagan</translation>
        </message>
        <message>
            <source>connecting to the printer</source>
            <translation>printerga ulanilmoqda</translation>
        </message>
        <message>
            <source>the printer stopped answering</source>
            <translation>printer javob bermay qo'ydi</translation>
        </message>
        <message>
            <source>paused in CUPS</source>
            <translation>CUPS'da to'xtatilgan</translation>
        </message>
        <message>
            <source>the printer is switched off</source>
            <translation>printer o'chirilgan</translation>
        </message>
        <message>
            <source>printer driver missing</source>
            <translation>printer drayveri yo'q</translation>
        </message>
        <message>
            <source>a printer fault</source>
            <translation>printer nosozligi</translation>
        </message>
        <message>
            <source>another printer report</source>
            <translation>printerning boshqa xabari</translation>
        </message>
        <message>
            <source>Wrong service PIN</source>
            <translation>Xizmat PIN kodi noto'g'ri</translation>
        </message>
        <message numerus="yes">
            <source>Wrong service PIN %n times: the pad was locked</source>
            <translation>
                <numerusform>Xizmat PIN kodi %n marta noto'g'ri: panel qulflandi</numerusform>
                <numerusform>Xizmat PIN kodi %n marta noto'g'ri: panel qulflandi</numerusform>
            </translation>
        </message>
        <message>
            <source>The printer stopped</source>
            <translation>Printer to'xtadi</translation>
        </message>
        <message>
            <source>A print failed</source>
            <translation>Chop etish muvaffaqiyatsiz tugadi</translation>
        </message>
        <message>
            <source>The camera stopped</source>
            <translation>Kamera to'xtadi</translation>
        </message>
        <message>
            <source>The backend does not answer</source>
            <translation>Server javob bermayapti</translation>
        </message>
        <message>
            <source>A payment does not match its order</source>
            <translation>To'lov buyurtmaga mos kelmaydi</translation>
        </message>
        <message>
            <source>A cancelled payment was not confirmed</source>
            <translation>Bekor qilingan to'lov tasdiqlanmadi</translation>
        </message>
        <message>
            <source>A service action failed</source>
            <translation>Xizmat amali bajarilmadi</translation>
        </message>
        <message>
            <source>A new PIN was refused</source>
            <translation>Yangi PIN kod rad etildi</translation>
        </message>
        <message>
            <source>A new roll was refused</source>
            <translation>Yangi rulon rad etildi</translation>
        </message>
        <message>
            <source>A late print was refused</source>
            <translation>Kechikkan chop etish rad etildi</translation>
        </message>
        <message>
            <source>The statistics export failed</source>
            <translation>Statistikani eksport qilib bo'lmadi</translation>
        </message>
        <message>
            <source>A refund was refused</source>
            <translation>Pulni qaytarish rad etildi</translation>
        </message>
        <message>
            <source>Settings were refused</source>
            <translation>Sozlamalar rad etildi</translation>
        </message>
        <message>
            <source>A service action was refused</source>
            <translation>Xizmat amali rad etildi</translation>
        </message>
        <message>
            <source>That PIN cannot be used.</source>
            <translation>Bu PIN koddan foydalanib bo'lmaydi.</translation>
        </message>
        <message>
            <source>no more than {limit}</source>
            <translation>{limit} tadan ko'p emas</translation>
        </message>
        <message>
            <source>A photos-on-the-phone package needs photo sharing on (kiosk.toml, [photos] share).</source>
            <translation>«Faqat telefonga suratlar» paketi uchun suratlarni ulashish yoqilgan bo'lishi kerak (kiosk.toml, [photos] share).</translation>
        </message>
        <message>
            <source>QR valid for at most {most} s: a payment made at the last moment would be older than {grace} s when checked and go to the late-payment list instead of printing.</source>
            <translation>QR ko'pi bilan {most} s. amal qiladi: oxirgi daqiqada qilingan to'lov tekshiruvda {grace} s. dan eski bo'lib, chop etish o'rniga kechikkan to'lovlarga tushadi.</translation>
        </message>
        <message>
            <source>Taking the photos would last {capture} s, longer than the booth waits for a touch ({idle} s): fewer shots or a shorter countdown.</source>
            <translation>Suratga olish {capture} s. davom etadi — bu kabina teginishni kutadigan vaqtdan ({idle} s.) uzoq: kamroq surat yoki qisqaroq sanoq tanlang.</translation>
        </message>
        <message>
            <source>Refunded: the money goes back to the customer.</source>
            <translation>Qaytarildi: pul mijozga qaytadi.</translation>
        </message>
        <message>
            <source>Refund requested: the payment provider has not confirmed it yet.</source>
            <translation>Qaytarish so'raldi: to'lov tizimi hali tasdiqlamadi.</translation>
        </message>
        <message>
            <source>The backend cannot be reached: the refund is queued and is sent as soon as it is back.</source>
            <translation>Server bilan aloqa yo'q: qaytarish navbatga qo'yildi va aloqa tiklanishi bilan yuboriladi.</translation>
        </message>
        <message>
            <source>The provider refused the refund ({note}): refund the customer by hand.</source>
            <translation>To'lov tizimi qaytarishni rad etdi ({note}): pulni mijozga qo'lda qaytaring.</translation>
        </message>
        <message>
            <source>refund queued</source>
            <translation>qaytarish navbatda</translation>
        </message>
        <message>
            <source>refund requested</source>
            <translation>qaytarish so'ralgan</translation>
        </message>
        <message>
            <source>refund refused</source>
            <translation>qaytarish rad etildi</translation>
        </message>
        <message>
            <source>not refundable</source>
            <translation>qaytarib bo'lmaydi</translation>
        </message>
        <message>
            <source>The backend does not know this order as this booth's: nothing was refunded.</source>
            <translation>Server bu buyurtmani ushbu kabinaniki deb bilmaydi: hech narsa qaytarilmadi.</translation>
        </message>
        <message>
            <source>The backend refuses: this order was delivered (printed or on the phone) or is not paid. Nothing was refunded.</source>
            <translation>Server rad etdi: buyurtma allaqachon berilgan (chop etilgan yoki telefonda) yoki to'lanmagan. Hech narsa qaytarilmadi.</translation>
        </message>
        <message>
            <source>A refund of this order is already under way.</source>
            <translation>Bu buyurtma uchun qaytarish allaqachon boshlangan.</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n ta nusxa</numerusform>
                <numerusform>%n ta nusxa</numerusform>
            </translation>
        </message>
        <message>
            <source>Add a package</source>
            <translation>Paket qo'shish</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Ortga</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Tozalash</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message numerus="yes">
            <source>Price of the package of %n print(s)</source>
            <translation>
                <numerusform>%n nusxali paket narxi</numerusform>
                <numerusform>%n nusxali paket narxi</numerusform>
            </translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>O'chirish</translation>
        </message>
        <message>
            <source>Save and apply</source>
            <translation>Saqlash va qo'llash</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Sozlamalar</translation>
        </message>
        <message>
            <source>{n} s</source>
            <translation>{n} s.</translation>
        </message>
        <message>
            <source>Photos on the phone only</source>
            <translation>Faqat telefonga suratlar</translation>
        </message>
        <message>
            <source>Price of the photos-on-the-phone package</source>
            <translation>«Telefonga suratlar» paketi narxi</translation>
        </message>
        <message>
            <source>Choose a layout</source>
            <translation>Maketni tanlang</translation>
        </message>
        <message numerus="yes">
            <source>%n shot(s) in strips, cut from a {size} in sheet</source>
            <translation>
                <numerusform>%n ta surat, {size} dyuymli varaqdan kesilgan lentalarda</numerusform>
                <numerusform>%n ta surat, {size} dyuymli varaqdan kesilgan lentalarda</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shot(s) on a {size} in sheet</source>
            <translation>
                <numerusform>%n ta surat, {size} dyuymli varaqda</numerusform>
                <numerusform>%n ta surat, {size} dyuymli varaqda</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatisticsPage</name>
        <message>
            <source>All time</source>
            <translation>Butun davr</translation>
        </message>
        <message>
            <source>Export as CSV to:</source>
            <translation>CSV ni eksport qilish:</translation>
        </message>
        <message>
            <source>Failed payments</source>
            <translation>Muvaffaqiyatsiz to'lovlar</translation>
        </message>
        <message>
            <source>Free prints</source>
            <translation>Bepul nusxalar</translation>
        </message>
        <message>
            <source>Free sessions</source>
            <translation>Bepul seanslar</translation>
        </message>
        <message>
            <source>Left {step}</source>
            <translation>Chiqib ketdi: {step}</translation>
        </message>
        <message>
            <source>Paid orders</source>
            <translation>To'langan buyurtmalar</translation>
        </message>
        <message>
            <source>Prints</source>
            <translation>Nusxalar</translation>
        </message>
        <message>
            <source>Reprints</source>
            <translation>Qayta chop etishlar</translation>
        </message>
        <message>
            <source>Revenue, {provider} ({currency})</source>
            <translation>Tushum, {provider} ({currency})</translation>
        </message>
        <message>
            <source>Sessions started</source>
            <translation>Boshlangan seanslar</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>Statistika</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>Shu hafta</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Bugun</translation>
        </message>
        <message>
            <source>of them photos on the phone only</source>
            <translation>shundan faqat telefonga suratlar</translation>
        </message>
        <message>
            <source>photos on the phone delivered</source>
            <translation>telefonga suratlar yetkazildi</translation>
        </message>
    </context>
    <context>
        <name>StatusPage</name>
        <message>
            <source>{free}: full, the booth cannot save; free space ({code})</source>
            <translation>{free}: disk to'la, kabina saqlay olmaydi; joy bo'shating ({code})</translation>
        </message>
        <message>
            <source>{free}: less than a session needs ({need}); no session starts ({code})</source>
            <translation>{free}: bir seansga keragidan kam ({need:.2f} Gbayt); seans boshlanmaydi ({code})</translation>
        </message>
        <message numerus="yes">
            <source>this clock is %n s ahead of the backend's: check NTP</source>
            <translation>
                <numerusform>soat +%n s: NTP ni tekshiring</numerusform>
                <numerusform>soat +%n s: NTP ni tekshiring</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>this clock is %n s behind the backend's: check NTP</source>
            <translation>
                <numerusform>soat −%n s: NTP ni tekshiring</numerusform>
                <numerusform>soat −%n s: NTP ni tekshiring</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n print(s) left</source>
            <translation>
                <numerusform>%n ta nusxa qoldi</numerusform>
                <numerusform>%n ta nusxa qoldi</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n print(s) left: low, bring a roll</source>
            <translation>
                <numerusform>%n ta nusxa qoldi: kam, rulon olib keling</numerusform>
                <numerusform>%n ta nusxa qoldi: kam, rulon olib keling</numerusform>
            </translation>
        </message>
        <message>
            <source>Backend</source>
            <translation>Server</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <source>Device token</source>
            <translation>Qurilma tokeni</translation>
        </message>
        <message>
            <source>Disk free</source>
            <translation>Diskda bo'sh joy</translation>
        </message>
        <message>
            <source>Events to send</source>
            <translation>Yuboriladigan hodisalar</translation>
        </message>
        <message>
            <source>Last errors</source>
            <translation>Oxirgi xatolar</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>Qog'oz</translation>
        </message>
        <message>
            <source>Payment watch</source>
            <translation>To'lov kuzatuvi</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>Printer holati</translation>
        </message>
        <message>
            <source>CUPS reports</source>
            <translation>CUPS xabarlari</translation>
        </message>
        <message>
            <source>Running for</source>
            <translation>Ishlash vaqti</translation>
        </message>
        <message>
            <source>The booth at a glance</source>
            <translation>Kabina bir qarashda</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Versiya</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>qabul qilingan</translation>
        </message>
        <message>
            <source>held (long-poll)</source>
            <translation>ushlab turiladi (long-poll)</translation>
        </message>
        <message>
            <source>none</source>
            <translation>yo'q</translation>
        </message>
        <message>
            <source>none waiting</source>
            <translation>navbat bo'sh</translation>
        </message>
        <message>
            <source>polling every second</source>
            <translation>har soniyada so'rov</translation>
        </message>
        <message>
            <source>refused: enrol the booth again</source>
            <translation>rad etildi: kabinani qayta ro'yxatdan o'tkazing</translation>
        </message>
        <message>
            <source>{count} waiting, oldest {age}</source>
            <translation>{count} ta navbatda, eng eskisi {age}</translation>
        </message>
        <message>
            <source>{whole}.{tenth} GB</source>
            <translation>{whole},{tenth} Gbayt</translation>
        </message>
        <message>
            <source>{state}; last answer {age}</source>
            <translation>{state}; oxirgi javob {age}</translation>
        </message>
        <message>
            <source>{state}; virtual camera: sample pictures, not a real camera</source>
            <translation>{state}; virtual kamera: namuna suratlar, haqiqiy kamera emas</translation>
        </message>
    </context>
    <context>
        <name>PhotosQrPanel</name>
        <message>
            <source>Your photos on your phone</source>
            <translation>Suratlaringiz telefoningizda</translation>
        </message>
    </context>
    <context>
        <name>KioskConfig</name>
        <message>
            <source>Packages</source>
            <translation>Paketlar</translation>
        </message>
        <message>
            <source>Prints</source>
            <translation>Nusxalar</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>Narx</translation>
        </message>
        <message>
            <source>Countdown</source>
            <translation>Teskari sanoq</translation>
        </message>
        <message>
            <source>Shots</source>
            <translation>Suratlar soni</translation>
        </message>
        <message>
            <source>QR valid for</source>
            <translation>QR amal qiladi</translation>
        </message>
        <message>
            <source>Layout</source>
            <translation>Maket</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Til</translation>
        </message>
    </context>
</TS>
