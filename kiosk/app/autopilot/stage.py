"""Everything the autopilot customer meets, on loopback: the backend (sandbox payments), a
private cupsd whose DNP DS620 queue prints through the fault-injecting twin of a printer,
a TCP proxy between booth and backend (the network that can fail), and the booth with its
real window, offscreen when there is no display. Started in order, stopped in reverse."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from backend import local_server
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from printing.fault_printer import FAULT_BACKEND, FaultPrinter
from printing.private_cupsd import PrivateCups
from ui.bridge import MainThreadPost
from ui.kiosk_window import KioskWindow

DNP_DS620 = "gutenprint.5.3://dnp-ds620/expert"
QUEUE = "autopilot"
WINDOW_SIZE = (1280, 720)


def booth_config(root: Path, backend_url: str, token: str, cups_server: str) -> KioskConfig:
    """Short timeouts (the customer does not dawdle); the rest is the product's defaults."""
    return KioskConfig(
        booth={"id": "autopilot", "event_name": "Autopilot"},
        backend={"url": backend_url, "device_token": token, "longpoll_wait": 10},
        payment={"providers": ["sandbox"], "default_provider": "sandbox"},
        printing={"queue": QUEUE, "cups_server": cups_server, "poll_seconds": 0.5},
        storage={"data_dir": str(root / "kiosk")},
        logs={"directory": str(root / "log")},
        flow={"shots": 2, "countdown_seconds": 1, "checking_timeout": 10, "done_seconds": 30},
        ui={"fullscreen": False, "hide_cursor": False},
    )


class Stage:
    def __init__(self, root: Path):
        self.root = root
        self._stack = ExitStack()

    def start(self) -> None:
        root, stack = self.root, self._stack
        # cupsd runs its filters and our printer's backend as `lp`: the tree must be open.
        for path in (root, root / "printer"):
            path.mkdir(parents=True, exist_ok=True)
            path.chmod(0o755)
        self.backend = local_server.start_backend(root / "backend", device="autopilot-booth")
        stack.callback(self.backend.stop)
        self.cups = PrivateCups(root / "cups", backends={"fault": FAULT_BACKEND})
        self.cups.start()
        stack.callback(self.cups.stop)
        self.printer = FaultPrinter(root / "printer")
        (root / "printer" / "out").chmod(0o777)  # the backend writes the prints as `lp`
        self.cups.add_queue(QUEUE, DNP_DS620, self.printer.uri)
        self.proxy = TcpProxy("127.0.0.1", self.backend.port)
        stack.callback(self.proxy.stop)
        self.config = booth_config(root, self.proxy.url, self.backend.token, self.cups.server)
        self.app = QApplication.instance() or QApplication([])
        self.bridge = MainThreadPost()
        self.booth = Booth(self.config, post=self.bridge.post, config_path=root / "kiosk.toml")
        self.window = KioskWindow(self.booth.driver, windowed=True)
        self.window.resize(*WINDOW_SIZE)
        self.ticker = QTimer()
        self.ticker.timeout.connect(self.booth.driver.tick)
        self.ticker.start(1000)
        self.booth.start()
        stack.callback(self._stop_booth)
        self.window.show()

    def _stop_booth(self) -> None:
        self.ticker.stop()
        self.window.allow_close()
        self.window.close()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.booth.stop()

    def stop(self) -> None:
        self._stack.close()
