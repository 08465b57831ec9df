"""The booth and its real window in this process (offscreen without a display), ticking as
`kiosk` itself does: what the autopilot customer taps, here or in a crash-test booth."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from ui.bridge import MainThreadPost
from ui.kiosk_window import KioskWindow

WINDOW_SIZE = (1280, 720)


class BoothOnScreen:
    def __init__(self, config: KioskConfig, config_path: Path):
        self.app = QApplication.instance() or QApplication([])
        self.bridge = MainThreadPost()
        self.booth = Booth(config, post=self.bridge.post, config_path=config_path)
        self.window = KioskWindow(self.booth.driver, windowed=True)
        self.window.service_menu.use_orders(self.booth.orders)
        self.window.resize(*WINDOW_SIZE)
        self.ticker = QTimer()
        self.ticker.timeout.connect(self.booth.driver.tick)

    def start(self) -> None:
        self.ticker.start(1000)
        self.booth.start()
        self.window.show()

    def stop(self) -> None:
        """Window first (its workers joined), then the booth's services in reverse."""
        self.ticker.stop()
        self.window.allow_close()
        self.window.close()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.booth.stop()
