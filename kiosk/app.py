"""The composition root: config → store → services → flow → driver → UI; stop in reverse.

Nothing else constructs services. `Booth` holds everything but the widgets and
runs without a QApplication (tests drive it with a plain queue as `post`);
`run_booth` adds Qt: the main-thread bridge, the window and the tick timer.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.camera.service import CameraService
from kiosk.config import KioskConfig
from kiosk.driver import BoothDriver, Post
from kiosk.flow import BoothFlow
from kiosk.layouts import load_layouts
from kiosk.logs import setup_logging
from kiosk.store import Store
from printing.service import PrintingService
from sync.api_client import BackendClient
from sync.backend_health import BackendHealth
from sync.checkout import Checkout
from sync.outbox_relay import OutboxRelay
from sync.payment_desk import PaymentDesk
from sync.payment_watcher import PaymentWatcher
from sync.reconciler import Reconciler

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"


class StartupError(Exception):
    """The booth cannot start; the message says why, for the technician."""


class Booth:
    def __init__(self, config: KioskConfig, *, post: Post, clock: Callable[[], float] = time.time):
        self.config = config
        data_dir = config.data_dir()
        data_dir.mkdir(parents=True, exist_ok=True)
        layouts, problems = load_layouts(ASSETS / "layouts")
        for problem in problems:
            log.error("layouts: %s", problem)
        if config.flow.layout not in layouts:
            raise StartupError(f"flow.layout = {config.flow.layout!r}: no such layout "
                               f"(available: {', '.join(sorted(layouts))})")
        self.store = Store(data_dir / "kiosk.db", clock=clock)
        self.camera = CameraService(config.camera, assets_dir=ASSETS,
                                    on_status=lambda status: self.driver.on_camera_status(status))
        self.printing = PrintingService(
            config.printing, self.store, clock=clock,
            on_status=lambda status: self.driver.on_printer_status(status),
            on_job=lambda order_id, state, detail: self.driver.on_print_job(order_id, state,
                                                                            detail))
        backend = config.backend
        self.client = BackendClient(backend.url, backend.device_token,
                                    connect_timeout=backend.connect_timeout,
                                    read_timeout=backend.read_timeout)
        self.checkout = Checkout(self.client, self.store, clock=clock)
        self.watcher = PaymentWatcher(
            self.client, self.store, clock=clock, longpoll_wait=backend.longpoll_wait,
            on_result=lambda order_id, status: self.driver.on_payment_result(order_id, status))
        self.payments = PaymentDesk(self.client, self.store, self.checkout, self.watcher)
        self.relay = OutboxRelay(self.client, self.store, clock=clock)
        self.reconciler = Reconciler(
            self.client, self.store, clock=clock, late_grace=config.flow.late_payment_grace,
            on_print=lambda order_id: self.driver.on_late_payment(order_id),
            on_reprint_list=lambda order_id: log.warning(
                "order %s was paid too late for its customer: on the reprint list", order_id))
        self.health = BackendHealth(
            self.client, on_change=lambda up, reason: self.driver.on_backend_health(up, reason))
        self.flow = BoothFlow(config, self.store, can_print=self.printing.can_print, clock=clock)
        self.driver = BoothDriver(config, self.store, self.flow, camera=self.camera,
                                  printing=self.printing, payments=self.payments,
                                  layout=layouts[config.flow.layout], data_dir=data_dir,
                                  post=post, clock=clock)
        self._started: list[Any] = []

    def start(self) -> None:
        for service in (self.camera, self.printing, self.health, self.relay, self.reconciler):
            service.start()
            self._started.append(service)
        self.flow.resume()

    def stop(self) -> None:
        """Stop what started, in reverse, then the workers that serve single requests."""
        while self._started:
            service = self._started.pop()
            try:
                service.stop()
            except Exception:
                log.exception("stopping %s failed", type(service).__name__)
        for service in (self.payments, self.watcher, self.checkout, self.driver):
            service.stop()
        self.client.close()
        self.store.close()


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or platform in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"))


def run_booth(config: KioskConfig, *, windowed: bool = False, verbose: bool = False) -> int:
    """Run the booth until the window closes or the process is told to stop."""
    setup_logging(logging.DEBUG if verbose else logging.INFO)
    if not has_display():
        log.error("no display: DISPLAY and WAYLAND_DISPLAY are not set, so the booth has no "
                  "screen to run on")
        return 3
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.bridge import MainThreadPost
    from ui.kiosk_window import KioskWindow

    app = QApplication.instance() or QApplication([])
    bridge = MainThreadPost()
    try:
        booth = Booth(config, post=bridge.post)
    except StartupError as exc:
        log.error("cannot start: %s", exc)
        return 2
    window = KioskWindow(booth.driver, windowed=windowed or not config.ui.fullscreen)
    ticker = QTimer()
    ticker.timeout.connect(booth.driver.tick)
    ticker.start(1000)
    # Python runs signal handlers only between Qt events (the ticker provides them); the
    # exit is queued so a signal arriving before exec() still ends the loop, and exit(),
    # unlike quit(), is not vetoed by the window refusing to close.
    def stop(signum: int, _frame: object) -> None:
        log.info("%s received: stopping", signal.Signals(signum).name)
        QTimer.singleShot(0, lambda: app.exit(0))

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    booth.start()
    window.show()
    log.info("booth %s running (%s)", config.booth.id, "windowed" if windowed else "fullscreen")
    try:
        return app.exec()
    finally:
        ticker.stop()
        window.allow_close()
        window.close()
        # Widgets left for interpreter exit can crash in the binding's teardown: delete now.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        booth.stop()
