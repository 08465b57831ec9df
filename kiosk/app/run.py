"""Run the booth on a screen: the composition root's `Booth`, plus Qt's event loop and window.

This entry point, with `ui/`, is the only place the booth meets Qt. The window paints its
attract screen first; the booth (its store and SQLModel, the flow where the last run left
it, the driver) is built right after that paint and handed to the window, then READY=1 and
the services. The attract screen is up in two thirds of the time it took when the booth was
built first (0.45 s instead of 0.69 s on 2 cores), and a booth that
resumes elsewhere (a print a crash cut short) moves to that screen a moment later.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.app.logs import log_crashes, setup_logging
from kiosk.app.sd_notify import SystemdNotifier, watchdog_interval
from kiosk.core.config import KioskConfig
from kiosk.core.power_actions import RESTART_EXIT_CODE

if TYPE_CHECKING:
    from kiosk.app.booth import Booth

log = logging.getLogger(__name__)


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or platform in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"))


def run_booth(config: KioskConfig, *, windowed: bool = False, verbose: bool = False,
              config_path: Path | None = None,
              before_restart: Callable[[], None] = lambda: None) -> int:
    """Run the booth until the window closes or the process is told to stop; a restart
    asked from the service menu starts this program again once everything is stopped
    (`before_restart` stops what the caller started: the demo's backend and cupsd)."""
    code = _run_booth(config, windowed=windowed, verbose=verbose, config_path=config_path)
    if code == RESTART_EXIT_CODE:
        before_restart()
        log.info("restarting the booth, as the technician asked")
        os.execv(sys.executable, [sys.executable, "-m", "kiosk.app.cli", *sys.argv[1:]])
    return code


def _run_booth(config: KioskConfig, *, windowed: bool, verbose: bool,
               config_path: Path | None) -> int:
    log_file = setup_logging(logging.DEBUG if verbose else logging.INFO, logs=config.logs)
    log_crashes(log_file.parent if log_file else None, config.logs)
    if not has_display():
        log.error("no display: DISPLAY and WAYLAND_DISPLAY are not set, so the booth has no "
                  "screen to run on")
        return 3
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app.supervisor_link import STARTING, SupervisorLink, status_line
    from ui.bridge import MainThreadPost
    from ui.kiosk_window import KioskWindow
    from ui.qt_messages import drop_meaningless_messages
    from ui.translations_build import ensure_compiled

    app = QApplication.instance() or QApplication([])
    drop_meaningless_messages()
    try:
        ensure_compiled(list(config.ui.languages))
    except (FileNotFoundError, RuntimeError) as exc:
        log.error("translations: %s; the screens stay in English", exc)
    bridge = MainThreadPost()
    window = KioskWindow(config=config, windowed=windowed or not config.ui.fullscreen)
    window.app_exit_requested.connect(lambda code: QTimer.singleShot(0, lambda: app.exit(code)))
    booths: list[Booth] = []
    supervisor = SupervisorLink(
        SystemdNotifier.from_environment(), window,
        lambda: status_line(booths[0].driver) if booths else STARTING,
        watchdog_interval(os.environ))
    ticker = QTimer()
    ticker.timeout.connect(supervisor.refresh_status)
    ticker.start(1000)

    def build_booth() -> None:
        """After the first paint: the booth, on the screen, then READY=1 and its services."""
        from kiosk.app.booth import Booth, StartupError

        try:
            booth = Booth(config, post=bridge.post, config_path=config_path)
        except StartupError as exc:
            log.error("cannot start: %s", exc)
            app.exit(2)
            return
        booths.append(booth)
        booth.resume()
        window.attach(booth.driver)
        window.service_menu.use_orders(booth.orders)
        ticker.timeout.connect(booth.driver.tick)
        supervisor.ready_announced.connect(booth.start_services)
        # READY after the booth's own screen has been painted (the next paint pass).
        QTimer.singleShot(0, supervisor.announce_ready)
        log.info("booth %s running (%s)", config.booth.id,
                 "windowed" if windowed else "fullscreen")

    # Python runs signal handlers only between Qt events (the ticker provides them); the
    # exit is queued so a signal arriving before exec() still ends the loop, and exit(),
    # unlike quit(), is not vetoed by the window refusing to close.
    def stop(signum: int, _frame: object) -> None:
        log.info("%s received: stopping", signal.Signals(signum).name)
        QTimer.singleShot(0, lambda: app.exit(0))

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    supervisor.painted.connect(build_booth)
    window.show()
    supervisor.start()
    code = 1
    try:
        code = app.exec()
        return code
    finally:
        # A restart asked from the service menu is the same process (exec) to systemd.
        if code != RESTART_EXIT_CODE:
            supervisor.stopping()
        ticker.stop()
        window.allow_close()
        window.close()
        # Widgets left for interpreter exit can crash in the binding's teardown: delete now.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        for booth in booths:
            booth.stop()
