<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
    <context>
        <name>ActionsPage</name>
        <message>
            <source>Actions</source>
            <translation>Действия</translation>
        </message>
        <message>
            <source>Back in service</source>
            <translation>Вернуть в работу</translation>
        </message>
        <message>
            <source>Cancel stuck job</source>
            <translation>Отменить зависшее задание</translation>
        </message>
        <message>
            <source>Exit to desktop</source>
            <translation>Выйти на рабочий стол</translation>
        </message>
        <message>
            <source>Free mode: turn off</source>
            <translation>Бесплатный режим: выключить</translation>
        </message>
        <message>
            <source>Free mode: turn on</source>
            <translation>Бесплатный режим: включить</translation>
        </message>
        <message>
            <source>In the printer: order {order}, {state} {detail}</source>
            <translation>В принтере: заказ {order}, {state} {detail}</translation>
        </message>
        <message>
            <source>No print job is waiting in the printer.</source>
            <translation>В принтере нет ожидающих заданий.</translation>
        </message>
        <message>
            <source>Out of service</source>
            <translation>Вывести из работы</translation>
        </message>
        <message>
            <source>Prints on the new roll: {count}</source>
            <translation>Отпечатков на новом рулоне: {count}</translation>
        </message>
        <message>
            <source>Reboot</source>
            <translation>Перезагрузить</translation>
        </message>
        <message>
            <source>Restart the app</source>
            <translation>Перезапустить программу</translation>
        </message>
        <message>
            <source>Resume printer</source>
            <translation>Возобновить принтер</translation>
        </message>
        <message>
            <source>Set new roll</source>
            <translation>Установить новый рулон</translation>
        </message>
        <message>
            <source>Shut down</source>
            <translation>Выключить</translation>
        </message>
        <message>
            <source>Test print</source>
            <translation>Тестовая печать</translation>
        </message>
    </context>
    <context>
        <name>AttractScreen</name>
        <message>
            <source>Sorry, the booth cannot take photos right now: its memory is full. Please call the staff (code {code}).</source>
            <translation>Извините, сейчас будка не может фотографировать: память заполнена. Позовите сотрудника (код {code}).</translation>
        </message>
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
        <message>
            <source>Free mode: photos without payment</source>
            <translation>Бесплатный режим: фото без оплаты</translation>
        </message>
        <message>
            <source>Strike a pose: the photos are free today, and the prints come out right here.</source>
            <translation>Позируйте: сегодня фото бесплатно — снимки напечатаются прямо здесь.</translation>
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
        <message>
            <source>The camera is not ready</source>
            <translation>Камера не готова</translation>
        </message>
        <message>
            <source>Please wait a moment…</source>
            <translation>Подождите немного…</translation>
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
        <message>
            <source>Photos on your phone only</source>
            <translation>Только фото на телефон</translation>
        </message>
    </context>
    <context>
        <name>ConfirmPage</name>
        <message>
            <source>No, go back</source>
            <translation>Нет, назад</translation>
        </message>
        <message>
            <source>Yes, do it</source>
            <translation>Да, выполнить</translation>
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
        <message>
            <source>Scan the code: your photos open on your phone.</source>
            <translation>Отсканируйте код — фото откроются на вашем телефоне.</translation>
        </message>
    </context>
    <context>
        <name>OrderListPage</name>
        <message>
            <source>Back</source>
            <translation>Назад</translation>
        </message>
        <message>
            <source>Cannot print it</source>
            <translation>Не печатается</translation>
        </message>
        <message>
            <source>Choose an order, then why it is printed again:</source>
            <translation>Выберите заказ, затем причину повторной печати:</translation>
        </message>
        <message>
            <source>Customer asked</source>
            <translation>Клиент попросил</translation>
        </message>
        <message>
            <source>Customer left</source>
            <translation>Клиент ушёл</translation>
        </message>
        <message>
            <source>Late payments</source>
            <translation>Поздние оплаты</translation>
        </message>
        <message>
            <source>Lost in a jam</source>
            <translation>Застрял в принтере</translation>
        </message>
        <message>
            <source>No late payment is waiting.</source>
            <translation>Поздних оплат нет.</translation>
        </message>
        <message>
            <source>No paid order in the last 24 hours.</source>
            <translation>За последние 24 часа оплаченных заказов нет.</translation>
        </message>
        <message>
            <source>Paid, but not printed: the customer may come back for it.</source>
            <translation>Оплачено, но не напечатано: клиент может вернуться за фото.</translation>
        </message>
        <message>
            <source>Print damaged</source>
            <translation>Отпечаток испорчен</translation>
        </message>
        <message>
            <source>Print now</source>
            <translation>Напечатать сейчас</translation>
        </message>
        <message>
            <source>Refund</source>
            <translation>Вернуть деньги</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>Повторная печать</translation>
        </message>
        <message>
            <source>Reprint a paid order (last 24 hours)</source>
            <translation>Повторная печать оплаченного заказа (24 часа)</translation>
        </message>
        <message>
            <source>Why is the money given back? The backend refunds it through the payment provider.</source>
            <translation>Почему возвращаются деньги? Сервер вернёт их через платёжную систему.</translation>
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
        <name>PaymentLogPage</name>
        <message>
            <source>All</source>
            <translation>Все</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Отменённые</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Неудачные</translation>
        </message>
        <message>
            <source>Free</source>
            <translation>Бесплатные</translation>
        </message>
        <message>
            <source>No order to show.</source>
            <translation>Заказов нет.</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>Оплаченные</translation>
        </message>
        <message>
            <source>Payment log</source>
            <translation>Журнал оплат</translation>
        </message>
        <message>
            <source>Pending</source>
            <translation>Ожидают</translation>
        </message>
        <message>
            <source>Refunded</source>
            <translation>Возвращённые</translation>
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
        <message>
            <source>Photos on your phone only</source>
            <translation>Только фото на телефон</translation>
        </message>
    </context>
    <context>
        <name>PinPage</name>
        <message>
            <source>Back</source>
            <translation>Назад</translation>
        </message>
        <message>
            <source>Choose a new service PIN</source>
            <translation>Задайте новый сервисный PIN</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Стереть</translation>
        </message>
        <message>
            <source>Leave the service menu</source>
            <translation>Выйти из сервисного меню</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Service: enter the PIN</source>
            <translation>Сервис: введите PIN-код</translation>
        </message>
        <message>
            <source>The factory PIN must be replaced before anything else.</source>
            <translation>Сначала нужно заменить заводской PIN.</translation>
        </message>
        <message>
            <source>Type the new PIN again</source>
            <translation>Введите новый PIN ещё раз</translation>
        </message>
        <message>
            <source>Locked after too many wrong PINs: try again in {time}.</source>
            <translation>Заблокировано после неверных PIN: попробуйте через {time}.</translation>
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
        <name>ServiceMenu</name>
        <message>
            <source>Cancel the print job of order {order}?</source>
            <translation>Отменить задание печати заказа {order}?</translation>
        </message>
        <message>
            <source>Leave the booth app for the desktop? The booth stops taking customers.</source>
            <translation>Выйти из программы на рабочий стол? Будка перестанет принимать клиентов.</translation>
        </message>
        <message>
            <source>Print order {order} again ({reason})? It uses paper.</source>
            <translation>Напечатать заказ {order} ещё раз ({reason})? Расходуется бумага.</translation>
        </message>
        <message>
            <source>Print order {order} now?</source>
            <translation>Напечатать заказ {order} сейчас?</translation>
        </message>
        <message>
            <source>Reboot the machine now?</source>
            <translation>Перезагрузить компьютер сейчас?</translation>
        </message>
        <message>
            <source>Restart the booth app now?</source>
            <translation>Перезапустить программу сейчас?</translation>
        </message>
        <message>
            <source>Shut the machine down? Someone must switch it on again.</source>
            <translation>Выключить компьютер? Включать придётся вручную.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong PIN, %n attempt(s) left before a 5-minute lock.</source>
            <translation>
                <numerusform>Неверный PIN, осталась %n попытка до блокировки на 5 минут.</numerusform>
                <numerusform>Неверный PIN, осталось %n попытки до блокировки на 5 минут.</numerusform>
                <numerusform>Неверный PIN, осталось %n попыток до блокировки на 5 минут.</numerusform>
            </translation>
        </message>
        <message>
            <source>Refund order {order} ({reason})? The money goes back to the customer; it cannot be undone.</source>
            <translation>Вернуть деньги за заказ {order} ({reason})? Деньги вернутся клиенту; отменить нельзя.</translation>
        </message>
    </context>
    <context>
        <name>ServiceRows</name>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n отпечаток</numerusform>
                <numerusform>%n отпечатка</numerusform>
                <numerusform>%n отпечатков</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reprint(s)</source>
            <translation>
                <numerusform>%n повтор</numerusform>
                <numerusform>%n повтора</numerusform>
                <numerusform>%n повторов</numerusform>
            </translation>
        </message>
        <message>
            <source>not yet on the phone page</source>
            <translation>ещё не на странице для телефона</translation>
        </message>
        <message>
            <source>on the phone page</source>
            <translation>на странице для телефона</translation>
        </message>
        <message>
            <source>photos on the phone only</source>
            <translation>только фото на телефон</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>Exit service</source>
            <translation>Выйти из сервиса</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Действия</translation>
        </message>
        <message>
            <source>Late payments</source>
            <translation>Поздние оплаты</translation>
        </message>
        <message>
            <source>Payment log</source>
            <translation>Журнал оплат</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>Повторная печать</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Настройки</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>Статистика</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Состояние</translation>
        </message>
        <message>
            <source>The settings were changed. Save them?</source>
            <translation>Настройки изменены. Сохранить?</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Сохранить</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Не сохранять</translation>
        </message>
    </context>
    <context>
        <name>ServiceWords</name>
        <message numerus="yes">
            <source>%n hour(s) ago</source>
            <translation>
                <numerusform>%n час назад</numerusform>
                <numerusform>%n часа назад</numerusform>
                <numerusform>%n часов назад</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n minute(s) ago</source>
            <translation>
                <numerusform>%n минуту назад</numerusform>
                <numerusform>%n минуты назад</numerusform>
                <numerusform>%n минут назад</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n second(s) ago</source>
            <translation>
                <numerusform>%n секунду назад</numerusform>
                <numerusform>%n секунды назад</numerusform>
                <numerusform>%n секунд назад</numerusform>
            </translation>
        </message>
        <message>
            <source>A PIN is 6 to 8 digits.</source>
            <translation>PIN состоит из 6–8 цифр.</translation>
        </message>
        <message>
            <source>A door or cover is open</source>
            <translation>Открыта дверца или крышка</translation>
        </message>
        <message>
            <source>A roll holds 0 to {most} prints.</source>
            <translation>На рулоне от 0 до {most} отпечатков.</translation>
        </message>
        <message>
            <source>Choose a PIN other than the factory one.</source>
            <translation>Выберите PIN, отличный от заводского.</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Готово.</translation>
        </message>
        <message>
            <source>Fault: {why}</source>
            <translation>Неисправность: {why}</translation>
        </message>
        <message>
            <source>Free mode is off.</source>
            <translation>Бесплатный режим выключен.</translation>
        </message>
        <message>
            <source>Free mode is on.</source>
            <translation>Бесплатный режим включён.</translation>
        </message>
        <message>
            <source>Leaving the booth app…</source>
            <translation>Выход из программы…</translation>
        </message>
        <message>
            <source>New roll: {count} prints.</source>
            <translation>Новый рулон: {count} отпечатков.</translation>
        </message>
        <message>
            <source>No print file is kept for this order.</source>
            <translation>Файл печати этого заказа не сохранился.</translation>
        </message>
        <message>
            <source>Not checked yet</source>
            <translation>Ещё не проверено</translation>
        </message>
        <message>
            <source>Not known yet</source>
            <translation>Пока неизвестно</translation>
        </message>
        <message>
            <source>Nothing saved: the disk is full ({path}).</source>
            <translation>Ничего не сохранено: диск заполнен ({path}).</translation>
        </message>
        <message>
            <source>Nothing saved: the file {path} cannot be written.</source>
            <translation>Ничего не сохранено: файл {path} недоступен для записи.</translation>
        </message>
        <message>
            <source>Offline: check cable and power</source>
            <translation>Не в сети: проверьте кабель и питание</translation>
        </message>
        <message>
            <source>Out of paper: load a new roll</source>
            <translation>Нет бумаги: вставьте новый рулон</translation>
        </message>
        <message>
            <source>Out of ribbon: replace it</source>
            <translation>Закончилась лента: замените её</translation>
        </message>
        <message>
            <source>Package {number}, {what}</source>
            <translation>Пакет {number}, {what}</translation>
        </message>
        <message>
            <source>Paper jam: open and clear it</source>
            <translation>Замятие бумаги: откройте и устраните</translation>
        </message>
        <message>
            <source>Printing</source>
            <translation>Печатает</translation>
        </message>
        <message>
            <source>Reachable</source>
            <translation>Доступен</translation>
        </message>
        <message>
            <source>Ready to print</source>
            <translation>Готов к печати</translation>
        </message>
        <message>
            <source>Rebooting…</source>
            <translation>Перезагрузка…</translation>
        </message>
        <message>
            <source>Reprint sent to the printer.</source>
            <translation>Повторная печать отправлена на принтер.</translation>
        </message>
        <message>
            <source>Restarting the booth…</source>
            <translation>Перезапуск программы…</translation>
        </message>
        <message>
            <source>Saved and applied.</source>
            <translation>Сохранено и применено.</translation>
        </message>
        <message>
            <source>Saved to {path}</source>
            <translation>Сохранено в {path}</translation>
        </message>
        <message>
            <source>Sent to the printer.</source>
            <translation>Отправлено на принтер.</translation>
        </message>
        <message>
            <source>Shutting down…</source>
            <translation>Выключение…</translation>
        </message>
        <message>
            <source>Stopped by CUPS: fix, then Resume</source>
            <translation>Остановлен CUPS: устраните, затем «Возобновить»</translation>
        </message>
        <message>
            <source>Test print sent.</source>
            <translation>Тестовая печать отправлена.</translation>
        </message>
        <message>
            <source>That did not work: {why}</source>
            <translation>Не получилось: {why}</translation>
        </message>
        <message>
            <source>The booth is back in service.</source>
            <translation>Будка снова работает.</translation>
        </message>
        <message>
            <source>The booth is out of service.</source>
            <translation>Будка выведена из работы.</translation>
        </message>
        <message>
            <source>The command “{command}” does not exist on this machine.</source>
            <translation>Команды «{command}» на этом компьютере нет.</translation>
        </message>
        <message>
            <source>The command “{command}” failed (status {status}).</source>
            <translation>Команда «{command}» завершилась с ошибкой (код {status}).</translation>
        </message>
        <message>
            <source>The job is being canceled.</source>
            <translation>Задание отменяется.</translation>
        </message>
        <message>
            <source>The new PIN is saved.</source>
            <translation>Новый PIN сохранён.</translation>
        </message>
        <message>
            <source>The print system does not answer</source>
            <translation>Система печати не отвечает</translation>
        </message>
        <message>
            <source>The printer was told to resume.</source>
            <translation>Принтеру дана команда продолжить.</translation>
        </message>
        <message>
            <source>The two PINs differ. Start again.</source>
            <translation>PIN-коды не совпадают. Начните заново.</translation>
        </message>
        <message>
            <source>This order is not paid (any more).</source>
            <translation>Этот заказ (уже) не оплачен.</translation>
        </message>
        <message>
            <source>Trouble: {why}</source>
            <translation>Проблема: {why}</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Неизвестно</translation>
        </message>
        <message>
            <source>Working</source>
            <translation>Работает</translation>
        </message>
        <message>
            <source>at payment</source>
            <translation>на оплате</translation>
        </message>
        <message>
            <source>when the booth restarted</source>
            <translation>при перезапуске будки</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>отменён</translation>
        </message>
        <message>
            <source>checking payment</source>
            <translation>при проверке оплаты</translation>
        </message>
        <message>
            <source>choosing a package</source>
            <translation>при выборе пакета</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>не прошёл</translation>
        </message>
        <message>
            <source>free</source>
            <translation>бесплатно</translation>
        </message>
        <message>
            <source>in the printer</source>
            <translation>в принтере</translation>
        </message>
        <message>
            <source>must be at least {limit}</source>
            <translation>не меньше {limit}</translation>
        </message>
        <message>
            <source>must be at most {limit}</source>
            <translation>не больше {limit}</translation>
        </message>
        <message>
            <source>needs at least one</source>
            <translation>нужен хотя бы один</translation>
        </message>
        <message>
            <source>never</source>
            <translation>никогда</translation>
        </message>
        <message>
            <source>not printed</source>
            <translation>не напечатан</translation>
        </message>
        <message>
            <source>on the preview</source>
            <translation>на просмотре</translation>
        </message>
        <message>
            <source>paid</source>
            <translation>оплачен</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>ожидает</translation>
        </message>
        <message>
            <source>print failed</source>
            <translation>печать не удалась</translation>
        </message>
        <message>
            <source>printed</source>
            <translation>напечатан</translation>
        </message>
        <message>
            <source>printing</source>
            <translation>печатается</translation>
        </message>
        <message>
            <source>refunded</source>
            <translation>возвращён</translation>
        </message>
        <message>
            <source>two have the same number of prints</source>
            <translation>у двух одинаковое число отпечатков</translation>
        </message>
        <message>
            <source>waiting to print</source>
            <translation>ждёт печати</translation>
        </message>
        <message>
            <source>while taking photos</source>
            <translation>во время съёмки</translation>
        </message>
        <message>
            <source>{days} d {hours} h</source>
            <translation>{days} д {hours} ч</translation>
        </message>
        <message>
            <source>{hours} h {minutes} min</source>
            <translation>{hours} ч {minutes} мин</translation>
        </message>
        <message>
            <source>{setting} {reason}</source>
            <translation>{setting}: {reason}</translation>
        </message>
        <message>
            <source>out of paper</source>
            <translation>нет бумаги</translation>
        </message>
        <message>
            <source>paper needed</source>
            <translation>нужна бумага</translation>
        </message>
        <message>
            <source>paper running low</source>
            <translation>бумага заканчивается</translation>
        </message>
        <message>
            <source>paper jam</source>
            <translation>замятие бумаги</translation>
        </message>
        <message>
            <source>ribbon or ink used up</source>
            <translation>лента или чернила закончились</translation>
        </message>
        <message>
            <source>ribbon or ink running low</source>
            <translation>лента или чернила заканчиваются</translation>
        </message>
        <message>
            <source>waste container full</source>
            <translation>контейнер отходов полон</translation>
        </message>
        <message>
            <source>a door is open</source>
            <translation>открыта дверца</translation>
        </message>
        <message>
            <source>a cover is open</source>
            <translation>открыта крышка</translation>
        </message>
        <message>
            <source>printer offline</source>
            <translation>принтер не в сети</translation>
        </message>
        <message>
            <source>connecting to the printer</source>
            <translation>подключение к принтеру</translation>
        </message>
        <message>
            <source>the printer stopped answering</source>
            <translation>принтер перестал отвечать</translation>
        </message>
        <message>
            <source>paused in CUPS</source>
            <translation>приостановлен в CUPS</translation>
        </message>
        <message>
            <source>the printer is switched off</source>
            <translation>принтер выключен</translation>
        </message>
        <message>
            <source>printer driver missing</source>
            <translation>нет драйвера принтера</translation>
        </message>
        <message>
            <source>a printer fault</source>
            <translation>неисправность принтера</translation>
        </message>
        <message>
            <source>another printer report</source>
            <translation>другое сообщение принтера</translation>
        </message>
        <message>
            <source>Wrong service PIN</source>
            <translation>Неверный сервисный PIN</translation>
        </message>
        <message numerus="yes">
            <source>Wrong service PIN %n times: the pad was locked</source>
            <translation>
                <numerusform>Неверный сервисный PIN %n раз: панель заблокирована</numerusform>
                <numerusform>Неверный сервисный PIN %n раза: панель заблокирована</numerusform>
                <numerusform>Неверный сервисный PIN %n раз: панель заблокирована</numerusform>
            </translation>
        </message>
        <message>
            <source>The printer stopped</source>
            <translation>Принтер остановился</translation>
        </message>
        <message>
            <source>A print failed</source>
            <translation>Печать не удалась</translation>
        </message>
        <message>
            <source>The camera stopped</source>
            <translation>Камера остановилась</translation>
        </message>
        <message>
            <source>The backend does not answer</source>
            <translation>Сервер не отвечает</translation>
        </message>
        <message>
            <source>A payment does not match its order</source>
            <translation>Платёж не совпадает с заказом</translation>
        </message>
        <message>
            <source>A cancelled payment was not confirmed</source>
            <translation>Отмена платежа не подтверждена</translation>
        </message>
        <message>
            <source>A service action failed</source>
            <translation>Сервисное действие не выполнено</translation>
        </message>
        <message>
            <source>A new PIN was refused</source>
            <translation>Новый PIN отклонён</translation>
        </message>
        <message>
            <source>A new roll was refused</source>
            <translation>Новый рулон отклонён</translation>
        </message>
        <message>
            <source>A late print was refused</source>
            <translation>Поздняя печать отклонена</translation>
        </message>
        <message>
            <source>The statistics export failed</source>
            <translation>Экспорт статистики не удался</translation>
        </message>
        <message>
            <source>A refund was refused</source>
            <translation>Возврат отклонён</translation>
        </message>
        <message>
            <source>Settings were refused</source>
            <translation>Настройки отклонены</translation>
        </message>
        <message>
            <source>A service action was refused</source>
            <translation>Сервисное действие отклонено</translation>
        </message>
        <message>
            <source>That PIN cannot be used.</source>
            <translation>Этот PIN использовать нельзя.</translation>
        </message>
        <message>
            <source>no more than {limit}</source>
            <translation>не больше {limit}</translation>
        </message>
        <message>
            <source>A photos-on-the-phone package needs photo sharing on (kiosk.toml, [photos] share).</source>
            <translation>Пакету «только фото на телефон» нужна отправка фото на телефон (kiosk.toml, [photos] share).</translation>
        </message>
        <message>
            <source>QR valid for at most {most} s: a payment made at the last moment would be older than {grace} s when checked and go to the late-payment list instead of printing.</source>
            <translation>QR действует не больше {most} с: оплата в последний момент к проверке была бы старше {grace} с и попала бы в поздние оплаты, а не в печать.</translation>
        </message>
        <message>
            <source>Taking the photos would last {capture} s, longer than the booth waits for a touch ({idle} s): fewer shots or a shorter countdown.</source>
            <translation>Съёмка длилась бы {capture} с — дольше, чем будка ждёт касания ({idle} с): меньше кадров или короче отсчёт.</translation>
        </message>
        <message>
            <source>Refunded: the money goes back to the customer.</source>
            <translation>Возврат сделан: деньги вернутся клиенту.</translation>
        </message>
        <message>
            <source>Refund requested: the payment provider has not confirmed it yet.</source>
            <translation>Возврат запрошен: платёжная система ещё не подтвердила его.</translation>
        </message>
        <message>
            <source>The backend cannot be reached: the refund is queued and is sent as soon as it is back.</source>
            <translation>Сервер недоступен: возврат поставлен в очередь и уйдёт, как только связь вернётся.</translation>
        </message>
        <message>
            <source>The provider refused the refund ({note}): refund the customer by hand.</source>
            <translation>Платёжная система отказала в возврате ({note}): верните деньги клиенту вручную.</translation>
        </message>
        <message>
            <source>refund queued</source>
            <translation>возврат в очереди</translation>
        </message>
        <message>
            <source>refund requested</source>
            <translation>возврат запрошен</translation>
        </message>
        <message>
            <source>refund refused</source>
            <translation>возврат отклонён</translation>
        </message>
        <message>
            <source>not refundable</source>
            <translation>возврату не подлежит</translation>
        </message>
        <message>
            <source>The backend does not know this order as this booth's: nothing was refunded.</source>
            <translation>Сервер не знает этот заказ как заказ этой будки: ничего не возвращено.</translation>
        </message>
        <message>
            <source>The backend refuses: this order was delivered (printed or on the phone) or is not paid. Nothing was refunded.</source>
            <translation>Сервер отказал: заказ уже выдан (напечатан или на телефоне) или не оплачен. Ничего не возвращено.</translation>
        </message>
        <message>
            <source>A refund of this order is already under way.</source>
            <translation>Возврат этого заказа уже идёт.</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n отпечаток</numerusform>
                <numerusform>%n отпечатка</numerusform>
                <numerusform>%n отпечатков</numerusform>
            </translation>
        </message>
        <message>
            <source>Add a package</source>
            <translation>Добавить пакет</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Назад</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Стереть</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message numerus="yes">
            <source>Price of the package of %n print(s)</source>
            <translation>
                <numerusform>Цена пакета из %n отпечатка</numerusform>
                <numerusform>Цена пакета из %n отпечатков</numerusform>
                <numerusform>Цена пакета из %n отпечатков</numerusform>
            </translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Убрать</translation>
        </message>
        <message>
            <source>Save and apply</source>
            <translation>Сохранить и применить</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Настройки</translation>
        </message>
        <message>
            <source>{n} s</source>
            <translation>{n} с</translation>
        </message>
        <message>
            <source>Photos on the phone only</source>
            <translation>Только фото на телефон</translation>
        </message>
        <message>
            <source>Price of the photos-on-the-phone package</source>
            <translation>Цена пакета «фото на телефон»</translation>
        </message>
        <message>
            <source>Choose a layout</source>
            <translation>Выберите макет</translation>
        </message>
        <message numerus="yes">
            <source>%n shot(s) in strips, cut from a {size} in sheet</source>
            <translation>
                <numerusform>%n снимок на полосках, разрезанных из листа {size} дюйма</numerusform>
                <numerusform>%n снимка на полосках, разрезанных из листа {size} дюйма</numerusform>
                <numerusform>%n снимков на полосках, разрезанных из листа {size} дюйма</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shot(s) on a {size} in sheet</source>
            <translation>
                <numerusform>%n снимок на листе {size} дюйма</numerusform>
                <numerusform>%n снимка на листе {size} дюйма</numerusform>
                <numerusform>%n снимков на листе {size} дюйма</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatisticsPage</name>
        <message>
            <source>All time</source>
            <translation>За всё время</translation>
        </message>
        <message>
            <source>Export as CSV to:</source>
            <translation>Выгрузить CSV в:</translation>
        </message>
        <message>
            <source>Failed payments</source>
            <translation>Неудачные оплаты</translation>
        </message>
        <message>
            <source>Free prints</source>
            <translation>Бесплатные отпечатки</translation>
        </message>
        <message>
            <source>Free sessions</source>
            <translation>Бесплатные сеансы</translation>
        </message>
        <message>
            <source>Left {step}</source>
            <translation>Ушли {step}</translation>
        </message>
        <message>
            <source>Paid orders</source>
            <translation>Оплаченные заказы</translation>
        </message>
        <message>
            <source>Prints</source>
            <translation>Отпечатки</translation>
        </message>
        <message>
            <source>Reprints</source>
            <translation>Повторные печати</translation>
        </message>
        <message>
            <source>Revenue, {provider} ({currency})</source>
            <translation>Выручка, {provider} ({currency})</translation>
        </message>
        <message>
            <source>Sessions started</source>
            <translation>Начатые сеансы</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>Статистика</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>Эта неделя</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Сегодня</translation>
        </message>
        <message>
            <source>of them photos on the phone only</source>
            <translation>из них только фото на телефон</translation>
        </message>
        <message>
            <source>photos on the phone delivered</source>
            <translation>фото на телефон доставлено</translation>
        </message>
    </context>
    <context>
        <name>StatusPage</name>
        <message>
            <source>{free}: full, the booth cannot save; free space ({code})</source>
            <translation>{free}: диск заполнен, будка не может сохранять; освободите место ({code})</translation>
        </message>
        <message>
            <source>{free}: less than a session needs ({need}); no session starts ({code})</source>
            <translation>{free}: меньше, чем нужно на сеанс ({need}); сеансы не начинаются ({code})</translation>
        </message>
        <message numerus="yes">
            <source>this clock is %n s ahead of the backend's: check NTP</source>
            <translation>
                <numerusform>часы +%n с: проверьте NTP</numerusform>
                <numerusform>часы +%n с: проверьте NTP</numerusform>
                <numerusform>часы +%n с: проверьте NTP</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>this clock is %n s behind the backend's: check NTP</source>
            <translation>
                <numerusform>часы −%n с: проверьте NTP</numerusform>
                <numerusform>часы −%n с: проверьте NTP</numerusform>
                <numerusform>часы −%n с: проверьте NTP</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n print(s) left</source>
            <translation>
                <numerusform>Осталось %n отпечаток</numerusform>
                <numerusform>Осталось %n отпечатка</numerusform>
                <numerusform>Осталось %n отпечатков</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n print(s) left: low, bring a roll</source>
            <translation>
                <numerusform>Осталось %n отпечаток: мало, нужен рулон</numerusform>
                <numerusform>Осталось %n отпечатка: мало, нужен рулон</numerusform>
                <numerusform>Осталось %n отпечатков: мало, нужен рулон</numerusform>
            </translation>
        </message>
        <message>
            <source>Backend</source>
            <translation>Сервер</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Камера</translation>
        </message>
        <message>
            <source>Device token</source>
            <translation>Токен устройства</translation>
        </message>
        <message>
            <source>Disk free</source>
            <translation>Свободно на диске</translation>
        </message>
        <message>
            <source>Events to send</source>
            <translation>События к отправке</translation>
        </message>
        <message>
            <source>Last errors</source>
            <translation>Последние ошибки</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>Бумага</translation>
        </message>
        <message>
            <source>Payment watch</source>
            <translation>Ожидание оплат</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>Принтер</translation>
        </message>
        <message>
            <source>CUPS reports</source>
            <translation>Сообщения CUPS</translation>
        </message>
        <message>
            <source>Running for</source>
            <translation>Работает уже</translation>
        </message>
        <message>
            <source>The booth at a glance</source>
            <translation>Будка одним взглядом</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Версия</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>принят</translation>
        </message>
        <message>
            <source>held (long-poll)</source>
            <translation>удерживается (long-poll)</translation>
        </message>
        <message>
            <source>none</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>none waiting</source>
            <translation>очередь пуста</translation>
        </message>
        <message>
            <source>polling every second</source>
            <translation>опрос каждую секунду</translation>
        </message>
        <message>
            <source>refused: enrol the booth again</source>
            <translation>отклонён: зарегистрируйте будку заново</translation>
        </message>
        <message>
            <source>{count} waiting, oldest {age}</source>
            <translation>{count} в очереди, старейшее {age}</translation>
        </message>
        <message>
            <source>{whole}.{tenth} GB</source>
            <translation>{whole},{tenth} ГБ</translation>
        </message>
        <message>
            <source>{state}; last answer {age}</source>
            <translation>{state}; последний ответ {age}</translation>
        </message>
        <message>
            <source>{state}; virtual camera: sample pictures, not a real camera</source>
            <translation>{state}; виртуальная камера: образцы, а не настоящая камера</translation>
        </message>
    </context>
    <context>
        <name>PhotosQrPanel</name>
        <message>
            <source>Your photos on your phone</source>
            <translation>Ваши фото на телефоне</translation>
        </message>
    </context>
    <context>
        <name>KioskConfig</name>
        <message>
            <source>Packages</source>
            <translation>Пакеты</translation>
        </message>
        <message>
            <source>Prints</source>
            <translation>Отпечатки</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>Цена</translation>
        </message>
        <message>
            <source>Countdown</source>
            <translation>Обратный отсчёт</translation>
        </message>
        <message>
            <source>Shots</source>
            <translation>Кадров</translation>
        </message>
        <message>
            <source>QR valid for</source>
            <translation>QR действует</translation>
        </message>
        <message>
            <source>Layout</source>
            <translation>Макет</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Язык</translation>
        </message>
    </context>
</TS>
