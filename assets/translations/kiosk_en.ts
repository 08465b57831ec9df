<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AttractScreen</name>
        <message>
            <source>Photos to take home</source>
            <translation>Photos to take home</translation>
        </message>
        <message>
            <source>Strike a pose, pay with your phone, and the prints come out right here.</source>
            <translation>Strike a pose, pay with your phone, and the prints come out right here.</translation>
        </message>
        <message>
            <source>Touch to start</source>
            <translation>Touch to start</translation>
        </message>
    </context>
    <context>
        <name>CaptureScreen</name>
        <message>
            <source>Photo {index} of {total}</source>
            <translation>Photo {index} of {total}</translation>
        </message>
        <message>
            <source>Smile!</source>
            <translation>Smile!</translation>
        </message>
        <message>
            <source>Hold still…</source>
            <translation>Hold still…</translation>
        </message>
    </context>
    <context>
        <name>CheckingScreen</name>
        <message>
            <source>Did you pay?</source>
            <translation>Did you pay?</translation>
        </message>
        <message>
            <source>We are checking with the payment service. Please stay here, this takes a moment.</source>
            <translation>We are checking with the payment service. Please stay here, this takes a moment.</translation>
        </message>
    </context>
    <context>
        <name>ChooseScreen</name>
        <message>
            <source>How many prints would you like?</source>
            <translation>How many prints would you like?</translation>
        </message>
        <message>
            <source>Every print shows all your photos.</source>
            <translation>Every print shows all your photos.</translation>
        </message>
        <message>
            <source>Start over</source>
            <translation>Start over</translation>
        </message>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n print</numerusform>
                <numerusform>%n prints</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DoneScreen</name>
        <message>
            <source>Enjoy your photos!</source>
            <translation>Enjoy your photos!</translation>
        </message>
        <message>
            <source>Please take your prints from the tray below.</source>
            <translation>Please take your prints from the tray below.</translation>
        </message>
        <message>
            <source>Touch the screen to finish</source>
            <translation>Touch the screen to finish</translation>
        </message>
    </context>
    <context>
        <name>OutOfServiceScreen</name>
        <message>
            <source>We'll be right back</source>
            <translation>We'll be right back</translation>
        </message>
        <message>
            <source>The photobooth is taking a short break. Please ask the staff for help.</source>
            <translation>The photobooth is taking a short break. Please ask the staff for help.</translation>
        </message>
        <message>
            <source>Code: {code}</source>
            <translation>Code: {code}</translation>
        </message>
    </context>
    <context>
        <name>PaymentScreen</name>
        <message>
            <source>Scan to pay with your phone</source>
            <translation>Scan to pay with your phone</translation>
        </message>
        <message>
            <source>Pay with {provider}</source>
            <translation>Pay with {provider}</translation>
        </message>
        <message>
            <source>Open your banking or payment app and point the camera at the code.</source>
            <translation>Open your banking or payment app and point the camera at the code.</translation>
        </message>
        <message>
            <source>Preparing your payment code…</source>
            <translation>Preparing your payment code…</translation>
        </message>
        <message>
            <source>Payments are temporarily unavailable</source>
            <translation>Payments are temporarily unavailable</translation>
        </message>
        <message>
            <source>Nothing has been charged. Please try again in a few minutes or ask the staff for help.</source>
            <translation>Nothing has been charged. Please try again in a few minutes or ask the staff for help.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Code valid for {time}</source>
            <translation>Code valid for {time}</translation>
        </message>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n print</numerusform>
                <numerusform>%n prints</numerusform>
            </translation>
        </message>
        <message>
            <source>{refused} is not available right now. Please pay with {provider}.</source>
            <translation>{refused} is not available right now. Please pay with {provider}.</translation>
        </message>
    </context>
    <context>
        <name>PrintingScreen</name>
        <message>
            <source>Thank you! Printing your photos</source>
            <translation>Thank you! Printing your photos</translation>
        </message>
        <message>
            <source>Getting your prints ready…</source>
            <translation>Getting your prints ready…</translation>
        </message>
        <message>
            <source>Sending to the printer…</source>
            <translation>Sending to the printer…</translation>
        </message>
        <message>
            <source>Printing…</source>
            <translation>Printing…</translation>
        </message>
        <message>
            <source>All printed!</source>
            <translation>All printed!</translation>
        </message>
        <message>
            <source>Printing is paused</source>
            <translation>Printing is paused</translation>
        </message>
        <message>
            <source>Your photos are coming out below.</source>
            <translation>Your photos are coming out below.</translation>
        </message>
        <message>
            <source>The printer needs a moment of attention. Your order is safe: please ask the staff, they will finish your prints.</source>
            <translation>The printer needs a moment of attention. Your order is safe: please ask the staff, they will finish your prints.</translation>
        </message>
        <message>
            <source>Code: {code}</source>
            <translation>Code: {code}</translation>
        </message>
    </context>
    <context>
        <name>ReviewScreen</name>
        <message>
            <source>How do you like it?</source>
            <translation>How do you like it?</translation>
        </message>
        <message>
            <source>Retake</source>
            <translation>Retake</translation>
        </message>
        <message>
            <source>Print it</source>
            <translation>Print it</translation>
        </message>
        <message>
            <source>Preparing your print…</source>
            <translation>Preparing your print…</translation>
        </message>
        <message>
            <source>The preview is not ready. You can retake the photos.</source>
            <translation>The preview is not ready. You can retake the photos.</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>Service: enter the PIN</source>
            <translation>Service: enter the PIN</translation>
        </message>
        <message>
            <source>Wrong PIN, try again.</source>
            <translation>Wrong PIN, try again.</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>Service</translation>
        </message>
        <message>
            <source>Printer: {state}</source>
            <translation>Printer: {state}</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>unknown</translation>
        </message>
        <message>
            <source>Prints left on the roll: {count}</source>
            <translation>Prints left on the roll: {count}</translation>
        </message>
        <message>
            <source>Technician code: {code}</source>
            <translation>Technician code: {code}</translation>
        </message>
        <message>
            <source>Resume printer</source>
            <translation>Resume printer</translation>
        </message>
        <message>
            <source>Test print</source>
            <translation>Test print</translation>
        </message>
        <message>
            <source>New roll: {count}</source>
            <translation>New roll: {count}</translation>
        </message>
        <message>
            <source>Exit service</source>
            <translation>Exit service</translation>
        </message>
    </context>
</TS>
