<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>AttractScreen</name>
        <message>
            <source>Photos to take home</source>
            <translation>Фото на память</translation>
        </message>
        <message>
            <source>Strike a pose, pay with your phone, and the prints come out right here.</source>
            <translation>Позируйте, оплатите телефоном — и снимки напечатаются прямо здесь.</translation>
        </message>
        <message>
            <source>Touch to start</source>
            <translation>Нажмите, чтобы начать</translation>
        </message>
    </context>
    <context>
        <name>CaptureScreen</name>
        <message>
            <source>Photo {index} of {total}</source>
            <translation>Фото {index} из {total}</translation>
        </message>
        <message>
            <source>Smile!</source>
            <translation>Улыбнитесь!</translation>
        </message>
        <message>
            <source>Hold still…</source>
            <translation>Замрите…</translation>
        </message>
    </context>
    <context>
        <name>CheckingScreen</name>
        <message>
            <source>Did you pay?</source>
            <translation>Вы оплатили?</translation>
        </message>
        <message>
            <source>We are checking with the payment service. Please stay here, this takes a moment.</source>
            <translation>Уточняем у платёжного сервиса. Пожалуйста, подождите здесь, это займёт немного времени.</translation>
        </message>
    </context>
    <context>
        <name>ChooseScreen</name>
        <message>
            <source>How many prints would you like?</source>
            <translation>Сколько отпечатков напечатать?</translation>
        </message>
        <message>
            <source>Every print shows all your photos.</source>
            <translation>На каждом отпечатке — все ваши фото.</translation>
        </message>
        <message>
            <source>Start over</source>
            <translation>Начать заново</translation>
        </message>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n отпечаток</numerusform>
                <numerusform>%n отпечатка</numerusform>
                <numerusform>%n отпечатков</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DoneScreen</name>
        <message>
            <source>Enjoy your photos!</source>
            <translation>Ваши фото готовы!</translation>
        </message>
        <message>
            <source>Please take your prints from the tray below.</source>
            <translation>Пожалуйста, заберите снимки из лотка внизу.</translation>
        </message>
        <message>
            <source>Touch the screen to finish</source>
            <translation>Коснитесь экрана, чтобы завершить</translation>
        </message>
    </context>
    <context>
        <name>OutOfServiceScreen</name>
        <message>
            <source>We'll be right back</source>
            <translation>Скоро вернёмся</translation>
        </message>
        <message>
            <source>The photobooth is taking a short break. Please ask the staff for help.</source>
            <translation>Фотобудка ненадолго на перерыве. Пожалуйста, обратитесь к персоналу.</translation>
        </message>
        <message>
            <source>Code: {code}</source>
            <translation>Код: {code}</translation>
        </message>
    </context>
    <context>
        <name>PaymentScreen</name>
        <message>
            <source>Scan to pay with your phone</source>
            <translation>Оплатите, отсканировав код</translation>
        </message>
        <message>
            <source>Pay with {provider}</source>
            <translation>Оплата через {provider}</translation>
        </message>
        <message>
            <source>Open your banking or payment app and point the camera at the code.</source>
            <translation>Откройте банковское или платёжное приложение и наведите камеру на код.</translation>
        </message>
        <message>
            <source>Preparing your payment code…</source>
            <translation>Готовим код для оплаты…</translation>
        </message>
        <message>
            <source>Payments are temporarily unavailable</source>
            <translation>Оплата временно недоступна</translation>
        </message>
        <message>
            <source>Nothing has been charged. Please try again in a few minutes or ask the staff for help.</source>
            <translation>Деньги не списаны. Попробуйте через несколько минут или обратитесь к персоналу.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Назад</translation>
        </message>
        <message>
            <source>Code valid for {time}</source>
            <translation>Код действует ещё {time}</translation>
        </message>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n отпечаток</numerusform>
                <numerusform>%n отпечатка</numerusform>
                <numerusform>%n отпечатков</numerusform>
            </translation>
        </message>
        <message>
            <source>{refused} is not available right now. Please pay with {provider}.</source>
            <translation>{refused} сейчас недоступен. Оплатите через {provider}.</translation>
        </message>
    </context>
    <context>
        <name>PrintingScreen</name>
        <message>
            <source>Thank you! Printing your photos</source>
            <translation>Спасибо! Печатаем ваши фото</translation>
        </message>
        <message>
            <source>Getting your prints ready…</source>
            <translation>Готовим печать…</translation>
        </message>
        <message>
            <source>Sending to the printer…</source>
            <translation>Отправляем на принтер…</translation>
        </message>
        <message>
            <source>Printing…</source>
            <translation>Печатаем…</translation>
        </message>
        <message>
            <source>All printed!</source>
            <translation>Всё напечатано!</translation>
        </message>
        <message>
            <source>Printing is paused</source>
            <translation>Печать приостановлена</translation>
        </message>
        <message>
            <source>Your photos are coming out below.</source>
            <translation>Ваши фото выходят внизу.</translation>
        </message>
        <message>
            <source>The printer needs a moment of attention. Your order is safe: please ask the staff, they will finish your prints.</source>
            <translation>Принтеру нужно немного внимания. Ваш заказ сохранён: обратитесь к персоналу, они допечатают ваши фото.</translation>
        </message>
        <message>
            <source>Code: {code}</source>
            <translation>Код: {code}</translation>
        </message>
    </context>
    <context>
        <name>ReviewScreen</name>
        <message>
            <source>How do you like it?</source>
            <translation>Как вам?</translation>
        </message>
        <message>
            <source>Retake</source>
            <translation>Переснять</translation>
        </message>
        <message>
            <source>Print it</source>
            <translation>Печатать</translation>
        </message>
        <message>
            <source>Preparing your print…</source>
            <translation>Готовим ваш снимок…</translation>
        </message>
        <message>
            <source>The preview is not ready. You can retake the photos.</source>
            <translation>Превью не готово. Можно переснять фото.</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>Service: enter the PIN</source>
            <translation>Сервис: введите PIN-код</translation>
        </message>
        <message>
            <source>Wrong PIN, try again.</source>
            <translation>Неверный PIN, попробуйте ещё раз.</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Стереть</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Назад</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Сервис</translation>
        </message>
        <message>
            <source>Printer: {state}</source>
            <translation>Принтер: {state}</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>неизвестно</translation>
        </message>
        <message>
            <source>Prints left on the roll: {count}</source>
            <translation>Осталось на рулоне: {count}</translation>
        </message>
        <message>
            <source>Technician code: {code}</source>
            <translation>Код для техника: {code}</translation>
        </message>
        <message>
            <source>Resume printer</source>
            <translation>Возобновить принтер</translation>
        </message>
        <message>
            <source>Test print</source>
            <translation>Пробная печать</translation>
        </message>
        <message>
            <source>New roll: {count}</source>
            <translation>Новый рулон: {count}</translation>
        </message>
        <message>
            <source>Exit service</source>
            <translation>Выйти из сервиса</translation>
        </message>
    </context>
</TS>
