<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>ActionsPage</name>
        <message>
            <source>Actions</source>
            <translation>Actions</translation>
        </message>
        <message>
            <source>Back in service</source>
            <translation>Back in service</translation>
        </message>
        <message>
            <source>Cancel stuck job</source>
            <translation>Cancel stuck job</translation>
        </message>
        <message>
            <source>Exit to desktop</source>
            <translation>Exit to desktop</translation>
        </message>
        <message>
            <source>Free mode: turn off</source>
            <translation>Free mode: turn off</translation>
        </message>
        <message>
            <source>Free mode: turn on</source>
            <translation>Free mode: turn on</translation>
        </message>
        <message>
            <source>In the printer: order {order}, {state} {detail}</source>
            <translation>In the printer: order {order}, {state} {detail}</translation>
        </message>
        <message>
            <source>No print job is waiting in the printer.</source>
            <translation>No print job is waiting in the printer.</translation>
        </message>
        <message>
            <source>Out of service</source>
            <translation>Out of service</translation>
        </message>
        <message>
            <source>Prints on the new roll: {count}</source>
            <translation>Prints on the new roll: {count}</translation>
        </message>
        <message>
            <source>Reboot</source>
            <translation>Reboot</translation>
        </message>
        <message>
            <source>Restart the app</source>
            <translation>Restart the app</translation>
        </message>
        <message>
            <source>Resume printer</source>
            <translation>Resume printer</translation>
        </message>
        <message>
            <source>Set new roll</source>
            <translation>Set new roll</translation>
        </message>
        <message>
            <source>Shut down</source>
            <translation>Shut down</translation>
        </message>
        <message>
            <source>Test print</source>
            <translation>Test print</translation>
        </message>
    </context>
    <context>
        <name>AttractScreen</name>
        <message>
            <source>Sorry, the booth cannot take photos right now: its memory is full. Please call the staff (code {code}).</source>
            <translation>Sorry, the booth cannot take photos right now: its memory is full. Please call the staff (code {code}).</translation>
        </message>
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
        <message>
            <source>Free mode: photos without payment</source>
            <translation>Free mode: photos without payment</translation>
        </message>
        <message>
            <source>Strike a pose: the photos are free today, and the prints come out right here.</source>
            <translation>Strike a pose: the photos are free today, and the prints come out right here.</translation>
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
        <message>
            <source>The camera is not ready</source>
            <translation>The camera is not ready</translation>
        </message>
        <message>
            <source>Please wait a moment…</source>
            <translation>Please wait a moment…</translation>
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
        <message>
            <source>Photos on your phone only</source>
            <translation>Photos on your phone only</translation>
        </message>
    </context>
    <context>
        <name>ConfirmPage</name>
        <message>
            <source>No, go back</source>
            <translation>No, go back</translation>
        </message>
        <message>
            <source>Yes, do it</source>
            <translation>Yes, do it</translation>
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
        <message>
            <source>Scan the code: your photos open on your phone.</source>
            <translation>Scan the code: your photos open on your phone.</translation>
        </message>
    </context>
    <context>
        <name>OrderListPage</name>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Cannot print it</source>
            <translation>Cannot print it</translation>
        </message>
        <message>
            <source>Choose an order, then why it is printed again:</source>
            <translation>Choose an order, then why it is printed again:</translation>
        </message>
        <message>
            <source>Customer asked</source>
            <translation>Customer asked</translation>
        </message>
        <message>
            <source>Customer left</source>
            <translation>Customer left</translation>
        </message>
        <message>
            <source>Late payments</source>
            <translation>Late payments</translation>
        </message>
        <message>
            <source>Lost in a jam</source>
            <translation>Lost in a jam</translation>
        </message>
        <message>
            <source>No late payment is waiting.</source>
            <translation>No late payment is waiting.</translation>
        </message>
        <message>
            <source>No paid order in the last 24 hours.</source>
            <translation>No paid order in the last 24 hours.</translation>
        </message>
        <message>
            <source>Paid, but not printed: the customer may come back for it.</source>
            <translation>Paid, but not printed: the customer may come back for it.</translation>
        </message>
        <message>
            <source>Print damaged</source>
            <translation>Print damaged</translation>
        </message>
        <message>
            <source>Print now</source>
            <translation>Print now</translation>
        </message>
        <message>
            <source>Refund</source>
            <translation>Refund</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <source>Reprint a paid order (last 24 hours)</source>
            <translation>Reprint a paid order (last 24 hours)</translation>
        </message>
        <message>
            <source>Why is the money given back? The backend refunds it through the payment provider.</source>
            <translation>Why is the money given back? The backend refunds it through the payment provider.</translation>
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
        <name>PaymentLogPage</name>
        <message>
            <source>All</source>
            <translation>All</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Failed</translation>
        </message>
        <message>
            <source>Free</source>
            <translation>Free</translation>
        </message>
        <message>
            <source>No order to show.</source>
            <translation>No order to show.</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>Paid</translation>
        </message>
        <message>
            <source>Payment log</source>
            <translation>Payment log</translation>
        </message>
        <message>
            <source>Pending</source>
            <translation>Pending</translation>
        </message>
        <message>
            <source>Refunded</source>
            <translation>Refunded</translation>
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
        <message>
            <source>Photos on your phone only</source>
            <translation>Photos on your phone only</translation>
        </message>
    </context>
    <context>
        <name>PinPage</name>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Choose a new service PIN</source>
            <translation>Choose a new service PIN</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>Leave the service menu</source>
            <translation>Leave the service menu</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Service: enter the PIN</source>
            <translation>Service: enter the PIN</translation>
        </message>
        <message>
            <source>The factory PIN must be replaced before anything else.</source>
            <translation>The factory PIN must be replaced before anything else.</translation>
        </message>
        <message>
            <source>Type the new PIN again</source>
            <translation>Type the new PIN again</translation>
        </message>
        <message>
            <source>Locked after too many wrong PINs: try again in {time}.</source>
            <translation>Locked after too many wrong PINs: try again in {time}.</translation>
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
        <name>ServiceMenu</name>
        <message>
            <source>Cancel the print job of order {order}?</source>
            <translation>Cancel the print job of order {order}?</translation>
        </message>
        <message>
            <source>Leave the booth app for the desktop? The booth stops taking customers.</source>
            <translation>Leave the booth app for the desktop? The booth stops taking customers.</translation>
        </message>
        <message>
            <source>Print order {order} again ({reason})? It uses paper.</source>
            <translation>Print order {order} again ({reason})? It uses paper.</translation>
        </message>
        <message>
            <source>Print order {order} now?</source>
            <translation>Print order {order} now?</translation>
        </message>
        <message>
            <source>Reboot the machine now?</source>
            <translation>Reboot the machine now?</translation>
        </message>
        <message>
            <source>Restart the booth app now?</source>
            <translation>Restart the booth app now?</translation>
        </message>
        <message>
            <source>Shut the machine down? Someone must switch it on again.</source>
            <translation>Shut the machine down? Someone must switch it on again.</translation>
        </message>
        <message numerus="yes">
            <source>Wrong PIN, %n attempt(s) left before a 5-minute lock.</source>
            <translation>
                <numerusform>Wrong PIN, %n attempt left before a 5-minute lock.</numerusform>
                <numerusform>Wrong PIN, %n attempts left before a 5-minute lock.</numerusform>
            </translation>
        </message>
        <message>
            <source>Refund order {order} ({reason})? The money goes back to the customer; it cannot be undone.</source>
            <translation>Refund order {order} ({reason})? The money goes back to the customer; it cannot be undone.</translation>
        </message>
    </context>
    <context>
        <name>ServiceRows</name>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n print</numerusform>
                <numerusform>%n prints</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reprint(s)</source>
            <translation>
                <numerusform>%n reprint</numerusform>
                <numerusform>%n reprints</numerusform>
            </translation>
        </message>
        <message>
            <source>not yet on the phone page</source>
            <translation>not yet on the phone page</translation>
        </message>
        <message>
            <source>on the phone page</source>
            <translation>on the phone page</translation>
        </message>
        <message>
            <source>photos on the phone only</source>
            <translation>photos on the phone only</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>Exit service</source>
            <translation>Exit service</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Actions</translation>
        </message>
        <message>
            <source>Late payments</source>
            <translation>Late payments</translation>
        </message>
        <message>
            <source>Payment log</source>
            <translation>Payment log</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>Statistics</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>The settings were changed. Save them?</source>
            <translation>The settings were changed. Save them?</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Discard</translation>
        </message>
    </context>
    <context>
        <name>ServiceWords</name>
        <message numerus="yes">
            <source>%n hour(s) ago</source>
            <translation>
                <numerusform>%n hour ago</numerusform>
                <numerusform>%n hours ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n minute(s) ago</source>
            <translation>
                <numerusform>%n minute ago</numerusform>
                <numerusform>%n minutes ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n second(s) ago</source>
            <translation>
                <numerusform>%n second ago</numerusform>
                <numerusform>%n seconds ago</numerusform>
            </translation>
        </message>
        <message>
            <source>A PIN is 6 to 8 digits.</source>
            <translation>A PIN is 6 to 8 digits.</translation>
        </message>
        <message>
            <source>A door or cover is open</source>
            <translation>A door or cover is open</translation>
        </message>
        <message>
            <source>A roll holds 0 to {most} prints.</source>
            <translation>A roll holds 0 to {most} prints.</translation>
        </message>
        <message>
            <source>Choose a PIN other than the factory one.</source>
            <translation>Choose a PIN other than the factory one.</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Done.</translation>
        </message>
        <message>
            <source>Fault: {why}</source>
            <translation>Fault: {why}</translation>
        </message>
        <message>
            <source>Free mode is off.</source>
            <translation>Free mode is off.</translation>
        </message>
        <message>
            <source>Free mode is on.</source>
            <translation>Free mode is on.</translation>
        </message>
        <message>
            <source>Leaving the booth app…</source>
            <translation>Leaving the booth app…</translation>
        </message>
        <message>
            <source>New roll: {count} prints.</source>
            <translation>New roll: {count} prints.</translation>
        </message>
        <message>
            <source>No print file is kept for this order.</source>
            <translation>No print file is kept for this order.</translation>
        </message>
        <message>
            <source>Not checked yet</source>
            <translation>Not checked yet</translation>
        </message>
        <message>
            <source>Not known yet</source>
            <translation>Not known yet</translation>
        </message>
        <message>
            <source>Nothing saved: the disk is full ({path}).</source>
            <translation>Nothing saved: the disk is full ({path}).</translation>
        </message>
        <message>
            <source>Nothing saved: the file {path} cannot be written.</source>
            <translation>Nothing saved: the file {path} cannot be written.</translation>
        </message>
        <message>
            <source>Offline: check cable and power</source>
            <translation>Offline: check cable and power</translation>
        </message>
        <message>
            <source>Out of paper: load a new roll</source>
            <translation>Out of paper: load a new roll</translation>
        </message>
        <message>
            <source>Out of ribbon: replace it</source>
            <translation>Out of ribbon: replace it</translation>
        </message>
        <message>
            <source>Package {number}, {what}</source>
            <translation>Package {number}, {what}</translation>
        </message>
        <message>
            <source>Paper jam: open and clear it</source>
            <translation>Paper jam: open and clear it</translation>
        </message>
        <message>
            <source>Printing</source>
            <translation>Printing</translation>
        </message>
        <message>
            <source>Reachable</source>
            <translation>Reachable</translation>
        </message>
        <message>
            <source>Ready to print</source>
            <translation>Ready to print</translation>
        </message>
        <message>
            <source>Rebooting…</source>
            <translation>Rebooting…</translation>
        </message>
        <message>
            <source>Reprint sent to the printer.</source>
            <translation>Reprint sent to the printer.</translation>
        </message>
        <message>
            <source>Restarting the booth…</source>
            <translation>Restarting the booth…</translation>
        </message>
        <message>
            <source>Saved and applied.</source>
            <translation>Saved and applied.</translation>
        </message>
        <message>
            <source>Saved to {path}</source>
            <translation>Saved to {path}</translation>
        </message>
        <message>
            <source>Sent to the printer.</source>
            <translation>Sent to the printer.</translation>
        </message>
        <message>
            <source>Shutting down…</source>
            <translation>Shutting down…</translation>
        </message>
        <message>
            <source>Stopped by CUPS: fix, then Resume</source>
            <translation>Stopped by CUPS: fix, then Resume</translation>
        </message>
        <message>
            <source>Test print sent.</source>
            <translation>Test print sent.</translation>
        </message>
        <message>
            <source>That did not work: {why}</source>
            <translation>That did not work: {why}</translation>
        </message>
        <message>
            <source>The booth is back in service.</source>
            <translation>The booth is back in service.</translation>
        </message>
        <message>
            <source>The booth is out of service.</source>
            <translation>The booth is out of service.</translation>
        </message>
        <message>
            <source>The command “{command}” does not exist on this machine.</source>
            <translation>The command “{command}” does not exist on this machine.</translation>
        </message>
        <message>
            <source>The command “{command}” failed (status {status}).</source>
            <translation>The command “{command}” failed (status {status}).</translation>
        </message>
        <message>
            <source>The job is being canceled.</source>
            <translation>The job is being canceled.</translation>
        </message>
        <message>
            <source>The new PIN is saved.</source>
            <translation>The new PIN is saved.</translation>
        </message>
        <message>
            <source>The print system does not answer</source>
            <translation>The print system does not answer</translation>
        </message>
        <message>
            <source>The printer was told to resume.</source>
            <translation>The printer was told to resume.</translation>
        </message>
        <message>
            <source>The two PINs differ. Start again.</source>
            <translation>The two PINs differ. Start again.</translation>
        </message>
        <message>
            <source>This order is not paid (any more).</source>
            <translation>This order is not paid (any more).</translation>
        </message>
        <message>
            <source>Trouble: {why}</source>
            <translation>Trouble: {why}</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Unknown</translation>
        </message>
        <message>
            <source>Working</source>
            <translation>Working</translation>
        </message>
        <message>
            <source>at payment</source>
            <translation>at payment</translation>
        </message>
        <message>
            <source>when the booth restarted</source>
            <translation>when the booth restarted</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>cancelled</translation>
        </message>
        <message>
            <source>checking payment</source>
            <translation>checking payment</translation>
        </message>
        <message>
            <source>choosing a package</source>
            <translation>choosing a package</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>failed</translation>
        </message>
        <message>
            <source>free</source>
            <translation>free</translation>
        </message>
        <message>
            <source>in the printer</source>
            <translation>in the printer</translation>
        </message>
        <message>
            <source>must be at least {limit}</source>
            <translation>must be at least {limit}</translation>
        </message>
        <message>
            <source>must be at most {limit}</source>
            <translation>must be at most {limit}</translation>
        </message>
        <message>
            <source>needs at least one</source>
            <translation>needs at least one</translation>
        </message>
        <message>
            <source>never</source>
            <translation>never</translation>
        </message>
        <message>
            <source>not printed</source>
            <translation>not printed</translation>
        </message>
        <message>
            <source>on the preview</source>
            <translation>on the preview</translation>
        </message>
        <message>
            <source>paid</source>
            <translation>paid</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>pending</translation>
        </message>
        <message>
            <source>print failed</source>
            <translation>print failed</translation>
        </message>
        <message>
            <source>printed</source>
            <translation>printed</translation>
        </message>
        <message>
            <source>printing</source>
            <translation>printing</translation>
        </message>
        <message>
            <source>refunded</source>
            <translation>refunded</translation>
        </message>
        <message>
            <source>two have the same number of prints</source>
            <translation>two have the same number of prints</translation>
        </message>
        <message>
            <source>waiting to print</source>
            <translation>waiting to print</translation>
        </message>
        <message>
            <source>while taking photos</source>
            <translation>while taking photos</translation>
        </message>
        <message>
            <source>{days} d {hours} h</source>
            <translation>{days} d {hours} h</translation>
        </message>
        <message>
            <source>{hours} h {minutes} min</source>
            <translation>{hours} h {minutes} min</translation>
        </message>
        <message>
            <source>{setting} {reason}</source>
            <translation>{setting} {reason}</translation>
        </message>
        <message>
            <source>out of paper</source>
            <translation>out of paper</translation>
        </message>
        <message>
            <source>paper needed</source>
            <translation>paper needed</translation>
        </message>
        <message>
            <source>paper running low</source>
            <translation>paper running low</translation>
        </message>
        <message>
            <source>paper jam</source>
            <translation>paper jam</translation>
        </message>
        <message>
            <source>ribbon or ink used up</source>
            <translation>ribbon or ink used up</translation>
        </message>
        <message>
            <source>ribbon or ink running low</source>
            <translation>ribbon or ink running low</translation>
        </message>
        <message>
            <source>waste container full</source>
            <translation>waste container full</translation>
        </message>
        <message>
            <source>a door is open</source>
            <translation>a door is open</translation>
        </message>
        <message>
            <source>a cover is open</source>
            <translation>a cover is open</translation>
        </message>
        <message>
            <source>printer offline</source>
            <translation>printer offline</translation>
        </message>
        <message>
            <source>connecting to the printer</source>
            <translation>connecting to the printer</translation>
        </message>
        <message>
            <source>the printer stopped answering</source>
            <translation>the printer stopped answering</translation>
        </message>
        <message>
            <source>paused in CUPS</source>
            <translation>paused in CUPS</translation>
        </message>
        <message>
            <source>the printer is switched off</source>
            <translation>the printer is switched off</translation>
        </message>
        <message>
            <source>printer driver missing</source>
            <translation>printer driver missing</translation>
        </message>
        <message>
            <source>a printer fault</source>
            <translation>a printer fault</translation>
        </message>
        <message>
            <source>another printer report</source>
            <translation>another printer report</translation>
        </message>
        <message>
            <source>Wrong service PIN</source>
            <translation>Wrong service PIN</translation>
        </message>
        <message numerus="yes">
            <source>Wrong service PIN %n times: the pad was locked</source>
            <translation>
                <numerusform>Wrong service PIN %n time: the pad was locked</numerusform>
                <numerusform>Wrong service PIN %n times: the pad was locked</numerusform>
            </translation>
        </message>
        <message>
            <source>The printer stopped</source>
            <translation>The printer stopped</translation>
        </message>
        <message>
            <source>A print failed</source>
            <translation>A print failed</translation>
        </message>
        <message>
            <source>The camera stopped</source>
            <translation>The camera stopped</translation>
        </message>
        <message>
            <source>The backend does not answer</source>
            <translation>The backend does not answer</translation>
        </message>
        <message>
            <source>A payment does not match its order</source>
            <translation>A payment does not match its order</translation>
        </message>
        <message>
            <source>A cancelled payment was not confirmed</source>
            <translation>A cancelled payment was not confirmed</translation>
        </message>
        <message>
            <source>A service action failed</source>
            <translation>A service action failed</translation>
        </message>
        <message>
            <source>A new PIN was refused</source>
            <translation>A new PIN was refused</translation>
        </message>
        <message>
            <source>A new roll was refused</source>
            <translation>A new roll was refused</translation>
        </message>
        <message>
            <source>A late print was refused</source>
            <translation>A late print was refused</translation>
        </message>
        <message>
            <source>The statistics export failed</source>
            <translation>The statistics export failed</translation>
        </message>
        <message>
            <source>A refund was refused</source>
            <translation>A refund was refused</translation>
        </message>
        <message>
            <source>Settings were refused</source>
            <translation>Settings were refused</translation>
        </message>
        <message>
            <source>A service action was refused</source>
            <translation>A service action was refused</translation>
        </message>
        <message>
            <source>That PIN cannot be used.</source>
            <translation>That PIN cannot be used.</translation>
        </message>
        <message>
            <source>no more than {limit}</source>
            <translation>no more than {limit}</translation>
        </message>
        <message>
            <source>A photos-on-the-phone package needs photo sharing on (kiosk.toml, [photos] share).</source>
            <translation>A photos-on-the-phone package needs photo sharing on (kiosk.toml, [photos] share).</translation>
        </message>
        <message>
            <source>QR valid for at most {most} s: a payment made at the last moment would be older than {grace} s when checked and go to the late-payment list instead of printing.</source>
            <translation>QR valid for at most {most} s: a payment made at the last moment would be older than {grace} s when checked and go to the late-payment list instead of printing.</translation>
        </message>
        <message>
            <source>Taking the photos would last {capture} s, longer than the booth waits for a touch ({idle} s): fewer shots or a shorter countdown.</source>
            <translation>Taking the photos would last {capture} s, longer than the booth waits for a touch ({idle} s): fewer shots or a shorter countdown.</translation>
        </message>
        <message>
            <source>Refunded: the money goes back to the customer.</source>
            <translation>Refunded: the money goes back to the customer.</translation>
        </message>
        <message>
            <source>Refund requested: the payment provider has not confirmed it yet.</source>
            <translation>Refund requested: the payment provider has not confirmed it yet.</translation>
        </message>
        <message>
            <source>The backend cannot be reached: the refund is queued and is sent as soon as it is back.</source>
            <translation>The backend cannot be reached: the refund is queued and is sent as soon as it is back.</translation>
        </message>
        <message>
            <source>The provider refused the refund ({note}): refund the customer by hand.</source>
            <translation>The provider refused the refund ({note}): refund the customer by hand.</translation>
        </message>
        <message>
            <source>refund queued</source>
            <translation>refund queued</translation>
        </message>
        <message>
            <source>refund requested</source>
            <translation>refund requested</translation>
        </message>
        <message>
            <source>refund refused</source>
            <translation>refund refused</translation>
        </message>
        <message>
            <source>not refundable</source>
            <translation>not refundable</translation>
        </message>
        <message>
            <source>The backend does not know this order as this booth's: nothing was refunded.</source>
            <translation>The backend does not know this order as this booth's: nothing was refunded.</translation>
        </message>
        <message>
            <source>The backend refuses: this order was delivered (printed or on the phone) or is not paid. Nothing was refunded.</source>
            <translation>The backend refuses: this order was delivered (printed or on the phone) or is not paid. Nothing was refunded.</translation>
        </message>
        <message>
            <source>A refund of this order is already under way.</source>
            <translation>A refund of this order is already under way.</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message numerus="yes">
            <source>%n print(s)</source>
            <translation>
                <numerusform>%n print</numerusform>
                <numerusform>%n prints</numerusform>
            </translation>
        </message>
        <message>
            <source>Add a package</source>
            <translation>Add a package</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message numerus="yes">
            <source>Price of the package of %n print(s)</source>
            <translation>
                <numerusform>Price of the package of %n print</numerusform>
                <numerusform>Price of the package of %n prints</numerusform>
            </translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Save and apply</source>
            <translation>Save and apply</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>{n} s</source>
            <translation>{n} s</translation>
        </message>
        <message>
            <source>Photos on the phone only</source>
            <translation>Photos on the phone only</translation>
        </message>
        <message>
            <source>Price of the photos-on-the-phone package</source>
            <translation>Price of the photos-on-the-phone package</translation>
        </message>
        <message>
            <source>Choose a layout</source>
            <translation>Choose a layout</translation>
        </message>
        <message numerus="yes">
            <source>%n shot(s) in strips, cut from a {size} in sheet</source>
            <translation>
                <numerusform>%n shot in strips, cut from a {size} in sheet</numerusform>
                <numerusform>%n shots in strips, cut from a {size} in sheet</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shot(s) on a {size} in sheet</source>
            <translation>
                <numerusform>%n shot on a {size} in sheet</numerusform>
                <numerusform>%n shots on a {size} in sheet</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatisticsPage</name>
        <message>
            <source>All time</source>
            <translation>All time</translation>
        </message>
        <message>
            <source>Export as CSV to:</source>
            <translation>Export as CSV to:</translation>
        </message>
        <message>
            <source>Failed payments</source>
            <translation>Failed payments</translation>
        </message>
        <message>
            <source>Free prints</source>
            <translation>Free prints</translation>
        </message>
        <message>
            <source>Free sessions</source>
            <translation>Free sessions</translation>
        </message>
        <message>
            <source>Left {step}</source>
            <translation>Left {step}</translation>
        </message>
        <message>
            <source>Paid orders</source>
            <translation>Paid orders</translation>
        </message>
        <message>
            <source>Prints</source>
            <translation>Prints</translation>
        </message>
        <message>
            <source>Reprints</source>
            <translation>Reprints</translation>
        </message>
        <message>
            <source>Revenue, {provider} ({currency})</source>
            <translation>Revenue, {provider} ({currency})</translation>
        </message>
        <message>
            <source>Sessions started</source>
            <translation>Sessions started</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>Statistics</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>This week</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>of them photos on the phone only</source>
            <translation>of them photos on the phone only</translation>
        </message>
        <message>
            <source>photos on the phone delivered</source>
            <translation>photos on the phone delivered</translation>
        </message>
    </context>
    <context>
        <name>StatusPage</name>
        <message>
            <source>{free}: full, the booth cannot save; free space ({code})</source>
            <translation>{free}: full, the booth cannot save; free space ({code})</translation>
        </message>
        <message>
            <source>{free}: less than a session needs ({need}); no session starts ({code})</source>
            <translation>{free}: less than a session needs ({need}); no session starts ({code})</translation>
        </message>
        <message numerus="yes">
            <source>this clock is %n s ahead of the backend's: check NTP</source>
            <translation>
                <numerusform>clock %n s ahead: check NTP</numerusform>
                <numerusform>clock %n s ahead: check NTP</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>this clock is %n s behind the backend's: check NTP</source>
            <translation>
                <numerusform>clock %n s behind: check NTP</numerusform>
                <numerusform>clock %n s behind: check NTP</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n print(s) left</source>
            <translation>
                <numerusform>%n print left</numerusform>
                <numerusform>%n prints left</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n print(s) left: low, bring a roll</source>
            <translation>
                <numerusform>%n print left: low, bring a roll</numerusform>
                <numerusform>%n prints left: low, bring a roll</numerusform>
            </translation>
        </message>
        <message>
            <source>Backend</source>
            <translation>Backend</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Camera</translation>
        </message>
        <message>
            <source>Device token</source>
            <translation>Device token</translation>
        </message>
        <message>
            <source>Disk free</source>
            <translation>Disk free</translation>
        </message>
        <message>
            <source>Events to send</source>
            <translation>Events to send</translation>
        </message>
        <message>
            <source>Last errors</source>
            <translation>Last errors</translation>
        </message>
        <message>
            <source>Paper</source>
            <translation>Paper</translation>
        </message>
        <message>
            <source>Payment watch</source>
            <translation>Payment watch</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>Printer</translation>
        </message>
        <message>
            <source>CUPS reports</source>
            <translation>CUPS reports</translation>
        </message>
        <message>
            <source>Running for</source>
            <translation>Running for</translation>
        </message>
        <message>
            <source>The booth at a glance</source>
            <translation>The booth at a glance</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>accepted</translation>
        </message>
        <message>
            <source>held (long-poll)</source>
            <translation>held (long-poll)</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>none waiting</source>
            <translation>none waiting</translation>
        </message>
        <message>
            <source>polling every second</source>
            <translation>polling every second</translation>
        </message>
        <message>
            <source>refused: enrol the booth again</source>
            <translation>refused: enrol the booth again</translation>
        </message>
        <message>
            <source>{count} waiting, oldest {age}</source>
            <translation>{count} waiting, oldest {age}</translation>
        </message>
        <message>
            <source>{whole}.{tenth} GB</source>
            <translation>{whole}.{tenth} GB</translation>
        </message>
        <message>
            <source>{state}; last answer {age}</source>
            <translation>{state}; last answer {age}</translation>
        </message>
        <message>
            <source>{state}; virtual camera: sample pictures, not a real camera</source>
            <translation>{state}; virtual camera: sample pictures, not a real camera</translation>
        </message>
    </context>
    <context>
        <name>PhotosQrPanel</name>
        <message>
            <source>Your photos on your phone</source>
            <translation>Your photos on your phone</translation>
        </message>
    </context>
    <context>
        <name>KioskConfig</name>
        <message>
            <source>Packages</source>
            <translation>Packages</translation>
        </message>
        <message>
            <source>Prints</source>
            <translation>Prints</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>Price</translation>
        </message>
        <message>
            <source>Countdown</source>
            <translation>Countdown</translation>
        </message>
        <message>
            <source>Shots</source>
            <translation>Shots</translation>
        </message>
        <message>
            <source>QR valid for</source>
            <translation>QR valid for</translation>
        </message>
        <message>
            <source>Layout</source>
            <translation>Layout</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
    </context>
</TS>
