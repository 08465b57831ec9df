"""Everything the autopilot customer meets, on loopback: the backend (sandbox payments), a
private cupsd whose DNP DS620 queue prints through the fault-injecting twin of a printer,
a TCP proxy between booth and backend (the network that can fail), and the booth with its
real window, offscreen when there is no display. Started in order, stopped in reverse."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from backend import local_server
from kiosk.app.autopilot.booth_on_screen import BoothOnScreen
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.core.config import KioskConfig
from printing.fault_printer import FAULT_BACKEND, FaultPrinter
from printing.private_cupsd import PrivateCups

DNP_DS620 = "gutenprint.5.3://dnp-ds620/expert"
QUEUE = "autopilot"


def booth_config(root: Path, backend_url: str, token: str, cups_server: str) -> KioskConfig:
    """Short timeouts (the customer does not dawdle); the rest is the product's defaults."""
    return KioskConfig(
        booth={"id": "autopilot", "event_name": "Autopilot"},
        backend={"url": backend_url, "device_token": token, "longpoll_wait": 10},
        payment={"providers": ["sandbox"], "default_provider": "sandbox"},
        # A short roll: the technician's reload (load_paper_when_low) comes round in a run.
        printing={"queue": QUEUE, "cups_server": cups_server, "poll_seconds": 0.5,
                  "roll_size": 20, "low_paper_threshold": 4},
        storage={"data_dir": str(root / "kiosk")},
        logs={"directory": str(root / "log")},
        flow={"shots": 2, "countdown_seconds": 1, "checking_timeout": 10, "done_seconds": 30},
        camera={"grace_seconds": 2},
        ui={"fullscreen": False, "hide_cursor": False},
    )


def start_printer(root: Path, *, ledger: bool = True) -> tuple[PrivateCups, FaultPrinter]:
    """A private cupsd with one DS620 queue (Gutenprint) on the printer's fault-injecting
    twin, whose deliveries land in root/printer/out; behind the delivery ledger, as a booth's
    queue is, unless `ledger` is False (to measure what CUPS does without it)."""
    # cupsd runs the filters as `lp`: the tree must be traversable.
    for path in (root, root / "printer"):
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(0o755)
    cups = PrivateCups(root / "cups", backends={"fault": FAULT_BACKEND})
    cups.start()
    printer = FaultPrinter(root / "printer")
    if ledger:
        cups.add_booth_queue(QUEUE, DNP_DS620, printer.uri)
    else:
        cups.add_queue(QUEUE, DNP_DS620, printer.uri)
    return cups, printer


class Stage:
    def __init__(self, root: Path):
        self.root = root
        self._stack = ExitStack()

    def start(self) -> None:
        root, stack = self.root, self._stack
        self.backend = local_server.start_backend(root / "backend", device="autopilot-booth")
        stack.callback(self.backend.stop)
        self.cups, self.printer = start_printer(root)
        stack.callback(self.cups.stop)
        self.proxy = TcpProxy("127.0.0.1", self.backend.port)
        stack.callback(self.proxy.stop)
        self.config = booth_config(root, self.proxy.url, self.backend.token, self.cups.server)
        self.on_screen = BoothOnScreen(self.config, root / "kiosk.toml")
        self.booth, self.window = self.on_screen.booth, self.on_screen.window
        self.on_screen.start()
        stack.callback(self.on_screen.stop)

    def stop(self) -> None:
        self._stack.close()
