<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uz_UZ">
    <context>
        <name>AttractScreen</name>
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
        <name>ServiceScreen</name>
        <message>
            <source>Service: enter the PIN</source>
            <translation>Xizmat: PIN kodni kiriting</translation>
        </message>
        <message>
            <source>Wrong PIN, try again.</source>
            <translation>PIN noto'g'ri, qayta urinib ko'ring.</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Tozalash</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Orqaga</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Xizmat</translation>
        </message>
        <message>
            <source>Printer: {state}</source>
            <translation>Printer holati: {state}</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>noma'lum</translation>
        </message>
        <message>
            <source>Prints left on the roll: {count}</source>
            <translation>Rulonda qolgan: {count}</translation>
        </message>
        <message>
            <source>Technician code: {code}</source>
            <translation>Texnik kod: {code}</translation>
        </message>
        <message>
            <source>Resume printer</source>
            <translation>Printerni davom ettirish</translation>
        </message>
        <message>
            <source>Test print</source>
            <translation>Sinov chop etish</translation>
        </message>
        <message>
            <source>New roll: {count}</source>
            <translation>Yangi rulon: {count}</translation>
        </message>
        <message>
            <source>Exit service</source>
            <translation>Xizmatdan chiqish</translation>
        </message>
    </context>
</TS>
