"""The kiosk window: one stacked screen per flow state, fullscreen, hard to leave.

It shows what the driver's notices say and turns taps into driver intents; it
never talks to the camera, CUPS or the backend itself.
"""

from __future__ import annotations

import logging
import os
import shutil
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QProcess, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from assets import asset_path
from kiosk.core.flow_table import State
from kiosk.core.notices import (
    AppExit,
    Composed,
    ComposeFailed,
    FlowMoved,
    FreeModeChanged,
    HealthChanged,
    Notice,
    PrintProgress,
    SettingsApplied,
    ShotFailed,
    ShotSaved,
)
from kiosk.core.screen_views import (
    AttractView,
    CaptureView,
    CheckingView,
    ChooseView,
    DoneView,
    OutOfServiceView,
    PaymentView,
    PrintingView,
    ReviewView,
    ScreenView,
    ServiceView,
)
from ui.i18n import LanguageSwitch
from ui.metrics import Metrics
from ui.page_stacks import ScreenStack
from ui.photo_views import image_from_rgb
from ui.screen_set import ScreenSet
from ui.service_menu import ServiceMenu
from ui.theme import apply_palette, load_fonts

if TYPE_CHECKING:
    from kiosk.core.config import KioskConfig
    from kiosk.core.driver import BoothDriver

log = logging.getLogger(__name__)

FRAME_INTERVAL_MS = 33
WINDOWED_SIZE = (1280, 800)
# Screen blanking off for X11; on other platforms there is nothing to ask.
XSET_AWAKE = ["s", "off", "-dpms", "s", "noblank"]
XSET_RESTORE = ["s", "on", "+dpms"]
TOUCH_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
# The service PIN pad from a keyboard (also the hidden corner: five taps top-right).
SERVICE_KEYS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
                Qt.Key.Key_S)
SERVICE_FROM = frozenset({State.attract, State.out_of_service, State.printing})
class KioskWindow(QWidget):
    app_exit_requested = Signal(int)  # the technician restarts or leaves the app

    def __init__(self, driver: BoothDriver | None = None, *, windowed: bool = False,
                 config: KioskConfig | None = None) -> None:
        """The window of `driver`'s booth; or, with `config` alone, the attract screen of a
        booth still being built (`attach` hands it the driver): it can be painted before
        the store and the services are loaded, and taps do nothing until then."""
        super().__init__()
        self.setObjectName("KioskWindow")
        self._driver: BoothDriver | None = None
        config = driver.config if driver is not None else config
        if config is None:
            raise TypeError("KioskWindow needs a driver or a config")
        self.config = config
        self.windowed = windowed
        self._close_allowed = False
        self._pin_open = False
        self._last_frame: int | None = None
        self._metrics: Metrics | None = None
        self._awake = False
        self._payment_shown: PaymentView | None = None  # this payment screen's last view
        app = QApplication.instance()
        load_fonts()
        apply_palette(app, self.config)

        self.screens = ScreenSet(self.config)
        self.stack = ScreenStack()
        for screen in self.screens.by_state.values():
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.screens.attract.set_slides(sorted(asset_path("camera").glob("scene-*.jpg")))
        self.languages = LanguageSwitch()
        self.frame_timer = QTimer(self)
        self.frame_timer.setInterval(FRAME_INTERVAL_MS)
        self.frame_timer.timeout.connect(self.paint_latest_frame)
        app.installEventFilter(self)
        self._use_language(self.config.ui.default_language)
        self.stack.setCurrentWidget(self.screens.attract)
        self._place_window()
        if driver is not None:
            self.attach(driver)

    @property
    def driver(self) -> BoothDriver:
        if self._driver is None:
            raise RuntimeError("the kiosk window has no booth yet")
        return self._driver

    def attach(self, driver: BoothDriver) -> None:
        """The booth is built: the screens follow its driver and taps reach it."""
        self._driver = driver
        self.service_menu = ServiceMenu(self.screens.service, driver, self)
        self.service_menu.pin_idle.timeout.connect(self._close_pin)
        self._connect_screens()
        driver.subscribe(self.on_notice)
        self._use_language(driver.context.language)
        self._enter(driver.state, driver.view(), moved=True)

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
        driver = self._driver
        if self._close_allowed or (driver is not None and driver.state is State.service):
            if driver is not None:
                driver.unsubscribe(self.on_notice)
            self.frame_timer.stop()
            self.screens.join_workers()
            QApplication.instance().removeEventFilter(self)
            self.languages.release()
            event.accept()
            return
        event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape, Alt+F4 and friends do nothing on a booth; one combination opens the PIN pad,
        # whose keys a keyboard's digits, Backspace and Enter then press.
        if (event.modifiers(), event.key()) == SERVICE_KEYS and self._driver is not None \
                and self._driver.state in SERVICE_FROM:
            self._open_pin()
        elif self.stack.currentWidget() is self.screens.service \
                and self.screens.service.pin_showing():
            self.screens.service.pin.type_key(event.key(), event.text())
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
                and watched.window() is self and self._driver is not None):
            if self._pin_open:
                self.service_menu.pin_idle.start()
            elif self.driver.state is not State.attract:
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
        s.choose.package_chosen.connect(d.choose_package)
        s.choose.cancel_clicked.connect(d.cancel)
        s.payment.cancel_clicked.connect(d.cancel)
        s.payment.provider_chosen.connect(d.choose_provider)
        s.printing.service_requested.connect(self._open_pin)
        s.service.pin_entered.connect(self.service_menu.check_pin)
        s.service.pin_cancelled.connect(self._close_pin)
        s.service.exit_clicked.connect(d.exit_service)

    def _choose_language(self, language: str) -> None:
        self.driver.set_language(language)
        self._use_language(self.driver.context.language)

    def _open_pin(self) -> None:
        self._pin_open = True
        self.service_menu.pin_idle.start()
        self.screens.service.show_pin()
        self.service_menu.show_pin_lock()
        self.stack.setCurrentWidget(self.screens.service)

    def _close_pin(self) -> None:
        if not self._pin_open:
            return
        self._pin_open = False
        self.service_menu.pin_idle.stop()
        self.stack.setCurrentWidget(self.screens.by_state[self.driver.state.value])

    # ----- notices ----------------------------------------------------------------------------

    def on_notice(self, notice: Notice) -> None:
        match notice:
            case FlowMoved(transition=t, view=view):
                self._use_language(t.context.language)
                self._enter(t.target, view, moved=t.target is not t.source)
            case ShotSaved():
                self.screens.capture.flash()
            case ShotFailed() if self.driver.state is State.capture:
                self._show(self.driver.view())  # the same shot's count again
            case Composed(preview=preview):
                self.screens.review.set_preview(preview)
            case ComposeFailed():
                self.screens.review.set_failed()
            case PrintProgress(update=update):
                # A job CUPS holds keeps its place on the bar; the printer's health note says why.
                self.screens.printing.set_progress(update.state)
            case HealthChanged(source=source):
                if source == "camera" and self.driver.state is State.capture:
                    self._camera_changed()
                self._show_printer_attention()
            case AppExit(code=code):
                self.app_exit_requested.emit(code)
            case SettingsApplied() if self.driver.state is State.choose:
                self._show(self.driver.view())  # the packages as they are now
            case FreeModeChanged(on=on):
                self.screens.attract.set_free_mode(on)
        self.service_menu.on_notice(notice)

    def _use_language(self, language: str) -> None:
        if language != self.languages.language:
            self.screens.set_language(language)
            self.languages.use(language)

    def _enter(self, state: State, view: ScreenView | None, moved: bool) -> None:
        if moved:
            self._payment_shown = None
        if state is not State.capture:
            self.screens.capture.stop_countdown()
            self.frame_timer.stop()
        if view is not None:
            self._show(view)
        if state is State.service or moved:
            self._pin_open = False
        if not self._pin_open:
            self.stack.setCurrentWidget(self.screens.by_state[state.value])

    def _show(self, view: ScreenView) -> None:
        """Draw a screen's view model (the driver says which, and when)."""
        s = self.screens
        match view:
            case AttractView(free_mode=on, refusal=refusal):
                s.attract.set_free_mode(on)
                s.attract.set_refusal(refusal)
            case CaptureView():
                self._start_countdown(view)
                self.frame_timer.start()
            case ReviewView(preview=preview):
                s.review.set_preview(preview)
            case ChooseView(packages=packages, currency=currency):
                s.choose.set_packages(list(packages), currency)
            case PaymentView():
                self._show_payment(view)
            case PrintingView():
                s.printing.set_progress("pending")
                s.printing.show_photos_link(view.photos_url, view.photos_code)
                s.printing.set_attention(view.attention, view.code)
            case DoneView():
                s.done.show_order(view.digital, view.photos_url, view.photos_code)
            case OutOfServiceView(code=code):
                s.out_of_service.set_code(code)
            case ServiceView():
                s.service.show_panel()
            case CheckingView():
                pass  # the screen is its words alone

    def _show_printer_attention(self) -> None:
        view = self.driver.view()
        if isinstance(view, PrintingView):
            self.screens.printing.set_attention(view.attention, view.code)

    def _start_countdown(self, view: CaptureView) -> None:
        capture = self.screens.capture
        if view.camera_ready:
            capture.start_countdown(view.shot, view.shots, view.countdown_seconds)
        else:
            capture.wait_for_camera(view.shot, view.shots)

    def _camera_changed(self) -> None:
        """The count waits while the camera does not answer and starts again once it does."""
        view = self.driver.view()
        if isinstance(view, CaptureView) and view.camera_ready != self.screens.capture.camera_ready:
            self._start_countdown(view)

    def _show_payment(self, view: PaymentView) -> None:
        payment = self.screens.payment
        qr = view.qr
        # The code first: the checkout encoded it (view.qr_modules), else it is encoded on a
        # worker while the rest of the screen is set.
        if view.unavailable:
            payment.show_unavailable(view.amount, view.currency)
        elif qr and qr.payment_url:
            # The guest picked another provider: no code until that provider's arrives.
            payment.show_qr(view.qr_url, qr.amount, qr.currency, qr.provider, qr.expires_at,
                            modules=view.qr_modules)
        else:
            payment.show_preparing(view.amount, view.currency)
        # What did not change stays as it is (a new code changes only the code).
        shown, self._payment_shown = self._payment_shown, view
        if shown is None or (shown.copies, shown.with_preview) != (view.copies,
                                                                   view.with_preview):
            # The composed print, as review showed it; none before the photos (pay first).
            payment.set_order(view.copies,
                              self.screens.review.print_view.pixmap if view.with_preview
                              else None)
        if shown is None or (shown.providers, shown.provider, shown.refused) != (
                view.providers, view.provider, view.refused):
            payment.set_providers(list(view.providers), view.provider, list(view.refused))

    def paint_latest_frame(self) -> None:
        """Show the camera's newest frame, if it is new; older ones are simply skipped. None
        while the camera does not answer: the screen says so instead."""
        latest = self.driver.latest_frame()
        if latest is None or not self.screens.capture.camera_ready:
            return
        sequence, frame = latest
        if sequence == self._last_frame:
            return
        self._last_frame = sequence
        self.screens.capture.set_frame(image_from_rgb(frame))
