"""What the booth tells its service manager (systemd, Type=notify) while it runs.

STATUS=starting once the window's first screen has been painted (the booth is built after
that paint); READY=1 when `announce_ready` is called, once the booth's own screen is up
(attract, or out of service when a device is down: a booth that cannot print still starts
and says so). WATCHDOG=1 from
a timer on the UI thread, so a frozen event loop stops the pings and gets restarted;
STATUS= with the flow state and the printer state when they change (looked at every
second and with each ping); STOPPING=1 on the way out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.app.sd_notify import SystemdNotifier
from kiosk.core.flow_table import State

if TYPE_CHECKING:
    from kiosk.core.driver import BoothDriver


def status_line(driver: BoothDriver) -> str:
    """One line for `systemctl status`: the screen, its technician code, the printer."""
    state = driver.state
    screen = f"{state} {driver.technician_code()}" if state is State.out_of_service else state
    printer = driver.printer_status()
    words = f": {printer.message}" if printer.faulted and printer.message else ""
    return f"{screen}; printer {printer.state}{words}"


STARTING = "starting"


class SupervisorLink(QObject):
    painted = Signal()  # after the window's first paint pass
    ready_announced = Signal()  # after READY=1: what waited for it may start

    def __init__(self, notifier: SystemdNotifier, window: QWidget,
                 describe: Callable[[], str], watchdog_seconds: float | None) -> None:
        super().__init__(window)
        self.notifier = notifier
        self.window = window
        self.describe = describe
        self.ready = False
        self._status = ""
        self.pings = QTimer(self)
        if watchdog_seconds:
            self.pings.setInterval(max(1, round(watchdog_seconds * 1000)))
        self.pings.timeout.connect(self._ping)
        self._watchdog = bool(watchdog_seconds)
        window.installEventFilter(self)

    def start(self) -> None:
        if self._watchdog and self.notifier.enabled:
            self.pings.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            # After this paint pass: the screens inside the window paint in it too.
            QTimer.singleShot(0, self._first_painted)
        return False

    def refresh_status(self) -> None:
        """Send STATUS= if what the booth is doing changed (after READY)."""
        status = self.describe()
        if self.ready and status != self._status:
            self._status = status
            self.notifier.send(STATUS=status)

    def stopping(self) -> None:
        self.pings.stop()
        self.notifier.send(STOPPING="1", STATUS="stopping")
        self.notifier.close()

    def announce_ready(self) -> None:
        """READY=1 with the booth's status (once)."""
        if self.ready:
            return
        self.ready = True
        self._status = self.describe()
        self.notifier.send(READY="1", STATUS=self._status)
        self.ready_announced.emit()

    def _first_painted(self) -> None:
        self.notifier.send(STATUS=STARTING)
        self.painted.emit()

    def _ping(self) -> None:
        self.notifier.send(WATCHDOG="1")
        self.refresh_status()
