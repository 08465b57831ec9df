"""The kiosk window: one stacked screen per flow state, fullscreen, hard to leave.

It shows what the driver's notices say and turns taps into driver intents; it
never talks to the camera, CUPS or the backend itself.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QProcess, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from kiosk.flow import FlowContext, State
from ui.i18n import LanguageSwitch
from ui.metrics import Metrics
from ui.photo_views import image_from_rgb
from ui.screen_set import ScreenSet
from ui.theme import apply_palette, load_fonts

log = logging.getLogger(__name__)

FRAME_INTERVAL_MS = 33
WINDOWED_SIZE = (1280, 800)
ASSETS = Path(__file__).resolve().parent.parent / "assets"
# Screen blanking off for X11; on other platforms there is nothing to ask.
XSET_AWAKE = ["s", "off", "-dpms", "s", "noblank"]
XSET_RESTORE = ["s", "on", "+dpms"]
TOUCH_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


class KioskWindow(QWidget):
    def __init__(self, driver: Any, *, windowed: bool = False) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.driver = driver
        self.config = driver.config
        self.windowed = windowed
        self._close_allowed = False
        self._pin_open = False
        self._chosen_copies: int | None = None
        self._last_frame: int | None = None
        self._metrics: Metrics | None = None
        self._awake = False
        app = QApplication.instance()
        load_fonts()
        apply_palette(app, self.config)

        self.screens = ScreenSet(self.config)
        self.stack = QStackedWidget()
        for screen in self.screens.by_state.values():
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.screens.attract.set_slides(sorted((ASSETS / "camera").glob("scene-*.jpg")))
        self.languages = LanguageSwitch()
        self.frame_timer = QTimer(self)
        self.frame_timer.setInterval(FRAME_INTERVAL_MS)
        self.frame_timer.timeout.connect(self.paint_latest_frame)
        self._connect_screens()
        app.installEventFilter(self)
        driver.subscribe(self.on_notice)
        self._use_language(driver.flow.context.language)
        self._enter(driver.flow.state, driver.flow.context)
        self._place_window()

    # ----- window ---------------------------------------------------------------------------

    def _place_window(self) -> None:
        self.setWindowTitle(self.config.booth.name)
        if self.windowed:
            self.resize(*WINDOWED_SIZE)
            return
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        # Without a window manager nobody honours "fullscreen": take the screen's geometry,
        # and fix it, so no screen's minimum size can grow the window past the glass.
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setFixedSize(screen.geometry().size())
            self.move(screen.geometry().topLeft())
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        if self.config.ui.hide_cursor:
            self.setCursor(Qt.CursorShape.BlankCursor)
        self._keep_awake(True)

    def _keep_awake(self, awake: bool) -> None:
        """Best effort: xset where there is an X display; nothing elsewhere."""
        if not os.environ.get("DISPLAY") or shutil.which("xset") is None:
            return
        if awake == self._awake:
            return
        self._awake = awake
        if not QProcess.startDetached("xset", XSET_AWAKE if awake else XSET_RESTORE):
            log.warning("could not run xset: the screen may blank while the booth runs")

    def allow_close(self) -> None:
        """The app is shutting down: the next close request is honoured."""
        self._close_allowed = True
        self._keep_awake(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._close_allowed or self.driver.flow.state is State.service:
            self.frame_timer.stop()
            QApplication.instance().removeEventFilter(self)
            self.languages.release()
            event.accept()
            return
        event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape, Alt+F4 and friends do nothing on a booth; keys have no job here.
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        dpi = self.screen().logicalDotsPerInch() if self.screen() else 96.0
        metrics = Metrics(size.width(), size.height(), dpi)
        if metrics != self._metrics:
            self._metrics = metrics
            self.setStyleSheet(self.screens.apply_metrics(metrics))
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QApplication.quit() (SIGTERM, shutdown) first asks every window to close.
        if event.type() == QEvent.Type.Quit:
            self.allow_close()
        # Every touch on this window keeps the session alive (touch() is cheap to repeat
        # as a press travels up to parents); on attract the screen itself starts a session.
        if (event.type() in TOUCH_EVENTS and isinstance(watched, QWidget)
                and watched.window() is self
                and self.driver.flow.state is not State.attract and not self._pin_open):
            self.driver.touch()
        return False

    # ----- intents ----------------------------------------------------------------------------

    def _connect_screens(self) -> None:
        s, d = self.screens, self.driver
        s.attract.start_requested.connect(d.touch)
        s.attract.language_chosen.connect(self._choose_language)
        s.attract.service_requested.connect(self._open_pin)
        s.out_of_service.service_requested.connect(self._open_pin)
        s.capture.countdown_finished.connect(d.shoot)
        s.review.retake_clicked.connect(d.retake)
        s.review.continue_clicked.connect(d.proceed)
        s.choose.package_chosen.connect(self._choose_package)
        s.choose.cancel_clicked.connect(d.cancel)
        s.payment.cancel_clicked.connect(d.cancel)
        s.service.pin_entered.connect(self._check_pin)
        s.service.pin_cancelled.connect(self._close_pin)
        s.service.resume_clicked.connect(d.service_resume_printer)
        s.service.test_print_clicked.connect(d.service_test_print)
        s.service.roll_set.connect(d.service_set_roll)
        s.service.exit_clicked.connect(d.exit_service)

    def _choose_language(self, language: str) -> None:
        self.driver.set_language(language)
        self._use_language(self.driver.flow.context.language)

    def _choose_package(self, copies: int) -> None:
        self._chosen_copies = copies
        self.driver.choose_package(copies)

    def _open_pin(self) -> None:
        self._pin_open = True
        self.screens.service.show_pin()
        self.stack.setCurrentWidget(self.screens.service)

    def _close_pin(self) -> None:
        self._pin_open = False
        self.stack.setCurrentWidget(self.screens.by_state[self.driver.flow.state.value])

    def _check_pin(self, pin: str) -> None:
        if not self.driver.enter_service(pin):
            self.screens.service.refuse_pin()

    # ----- notices ----------------------------------------------------------------------------

    def on_notice(self, notice: Any) -> None:
        data = notice.data
        if notice.kind == "transition":
            transition = data["transition"]
            self._use_language(transition.context.language)
            self._enter(transition.target, transition.context,
                        moved=transition.target is not transition.source)
        elif notice.kind == "shot":
            self.screens.capture.flash()
        elif notice.kind == "shot_failed" and self.driver.flow.state is State.capture:
            self._start_countdown(self.driver.flow.context)
        elif notice.kind == "composed":
            self.screens.review.set_preview(Path(data["preview"]))
        elif notice.kind == "compose_failed":
            self.screens.review.set_failed()
        elif notice.kind == "print_progress":
            self.screens.printing.set_progress(str(data["state"]))
        elif notice.kind == "printer":
            self.screens.printing.set_attention(bool(data["status"].faulted),
                                                self.driver.technician_code())
            if self.driver.flow.state is State.service:
                self._refresh_service()

    def _use_language(self, language: str) -> None:
        if language != self.languages.language:
            self.screens.set_language(language)
            self.languages.use(language)

    def _enter(self, state: State, context: FlowContext, moved: bool = True) -> None:
        screens = self.screens
        if state is State.capture:
            self._start_countdown(context)
            self.frame_timer.start()
        else:
            screens.capture.stop_countdown()
            self.frame_timer.stop()
        if state is State.review and moved:
            screens.review.set_preview(self.driver.preview_path())
        elif state is State.payment:
            self._show_payment(context)
        elif state is State.printing and moved:
            status = self.driver.printer_status()
            screens.printing.set_progress("pending")
            faulted = bool(status is not None and status.faulted)
            screens.printing.set_attention(faulted, self.driver.technician_code())
        elif state is State.out_of_service:
            screens.out_of_service.set_code(self.driver.technician_code())
        elif state is State.service:
            self._refresh_service()
            screens.service.show_panel()
        if state is State.attract:
            self._chosen_copies = None
        if state is State.service or moved:
            self._pin_open = False
        if not self._pin_open:
            self.stack.setCurrentWidget(screens.by_state[state.value])

    def _start_countdown(self, context: FlowContext) -> None:
        self.screens.capture.start_countdown(len(context.shots) + 1, self.config.flow.shots,
                                             self.config.flow.countdown_seconds)

    def _show_payment(self, context: FlowContext) -> None:
        payment = self.screens.payment
        currency = self.config.payment.currency
        qr = context.qr
        if context.payment_unavailable:
            payment.show_unavailable(self._chosen_price(), currency)
        elif qr and qr.get("payment_url"):
            payment.show_qr(str(qr["payment_url"]), int(qr.get("amount", self._chosen_price())),
                            str(qr.get("currency") or currency),
                            str(qr.get("provider") or self.config.payment.default_provider),
                            float(qr["expires_at"]))
        else:
            payment.show_preparing(self._chosen_price(), currency)

    def _chosen_price(self) -> int:
        if self._chosen_copies is None:
            return 0
        return self.config.package_for(self._chosen_copies).price

    def _refresh_service(self) -> None:
        status = self.driver.printer_status()
        state = str(status.state) if status is not None else ""
        message = status.message if status is not None else ""
        self.screens.service.set_status(state, message, self.driver.media_remaining(),
                                        self.driver.technician_code())

    def paint_latest_frame(self) -> None:
        """Show the camera's newest frame, if it is new; older ones are simply skipped."""
        latest = self.driver.latest_frame()
        if latest is None:
            return
        sequence, frame = latest
        if sequence == self._last_frame:
            return
        self._last_frame = sequence
        self.screens.capture.set_frame(image_from_rgb(frame))
