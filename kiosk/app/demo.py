"""`kiosk demo` (`make demo`): the whole product on this machine, on loopback.

Starts the backend (sandbox payments, SQLite) and a private cupsd whose
Gutenprint DNP DS620 queue writes every job as a file under .demo/prints/, then
runs the booth (virtual camera) wired to both. The log prints each order's
sandbox pay URL: open it and press Pay, as the customer's phone would.
`--headless` runs one simulated paid session without a screen instead.
Ctrl+C stops everything the demo started.
"""

from __future__ import annotations

import argparse
import logging
import secrets
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from backend import local_server
from kiosk.app.booth import Booth
from kiosk.app.config_file import write_config
from kiosk.app.logs import setup_logging
from kiosk.app.run import has_display, run_booth
from kiosk.core.config import KioskConfig
from kiosk.core.flow import ShownQr
from kiosk.core.flow_table import State
from kiosk.core.post_queue import PostQueue
from printing.private_cupsd import PrivateCups

log = logging.getLogger("demo")

DNP_DS620 = "gutenprint.5.3://dnp-ds620/expert"
QUEUE = "photobooth"


DEMO_OPERATOR = "demo"


def start_backend(stack: ExitStack, root: Path, host: str, public_host: str) -> tuple[str, str]:
    """Run booth-backend in sandbox mode; returns its URL and a device token for the booth.
    Logs the operator dashboard's address and a login made for this run."""
    server = local_server.start_backend(root / "backend", host=host, public_host=public_host,
                                        device="demo-booth")
    stack.callback(server.stop)
    password = secrets.token_urlsafe(12)
    server.add_operator(DEMO_OPERATOR, password)
    log.info("operator dashboard at %s/admin (login %s / %s)", server.url, DEMO_OPERATOR,
             password)
    return server.url, server.token


def start_cups(stack: ExitStack, root: Path) -> str:
    # cupsd runs its filters as `lp`: the demo tree must be traversable by it.
    for path in (root, root / "prints"):
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(0o755)
    cups = PrivateCups(root / "cups")
    cups.start()
    stack.callback(cups.stop)
    cups.add_directory_queue(QUEUE, DNP_DS620, root / "prints")
    return cups.server


def demo_config(root: Path, backend_url: str, token: str, cups_server: str,
                windowed: bool) -> KioskConfig:
    return KioskConfig(
        booth={"id": "demo", "event_name": "Photobooth demo"},
        backend={"url": backend_url, "device_token": token},
        payment={"providers": ["sandbox"], "default_provider": "sandbox"},
        printing={"queue": QUEUE, "cups_server": cups_server, "poll_seconds": 1.0},
        storage={"data_dir": str(root / "kiosk")},
        logs={"directory": str(root / "log")},
        ui={"fullscreen": not windowed, "hide_cursor": not windowed},
    )


def config_path(config: KioskConfig) -> Path:
    """Settings saved from the demo's service menu stay in the demo's own directory."""
    return config.data_dir().parent / "kiosk.toml"


def headless_session(config: KioskConfig, prints: Path) -> int:
    """One simulated paid session: touch, shots, package, pay in the sandbox, print."""
    runner = PostQueue()
    booth = Booth(config, post=runner.post, config_path=config_path(config))
    runner.tick = booth.driver.tick
    booth.start()
    try:
        driver = booth.driver
        runner.run_until(lambda: booth.printing.can_print(1), "the printer to be ready")
        driver.touch()
        for shot in range(1, config.flow.shots + 1):
            driver.shoot()
            runner.run_until(lambda s=shot: len(driver.context.shots) >= s, f"shot {shot}")
            log.info("shot %d of %d taken", shot, config.flow.shots)
        runner.run_until(driver.preview_path, "the composed print")
        driver.proceed()
        driver.choose_package(1)
        qr = runner.run_until(lambda: driver.context.qr or driver.context.payment_unavailable,
                              "the payment QR")
        if not isinstance(qr, ShownQr):
            log.error("payments unavailable: %s", qr)
            return 1
        log.info("the customer's phone opens %s and presses Pay", qr.payment_url)
        pay = urllib.request.Request(f"{qr.payment_url}/pay", data=b"", method="POST")
        with urllib.request.urlopen(pay, timeout=10):
            pass
        runner.run_until(lambda: driver.state is State.done, "the print", timeout=120)
        log.info("printed: %s", ", ".join(str(p) for p in sorted(prints.iterdir())))
        return 0
    finally:
        booth.stop()


def run_demo(args: argparse.Namespace) -> int:
    """`kiosk demo` with its parsed arguments (--windowed, --headless, --dir, --lan)."""
    root = args.dir.resolve()
    setup_logging(directory=root / "log")
    if not args.headless and not has_display():
        print("make demo: there is no display (DISPLAY and WAYLAND_DISPLAY are not set), so the "
              "booth has no screen to show.\nRun it on a desktop, under Xvfb "
              "(xvfb-run make demo), or without a screen: make demo ARGS=--headless")
        return 0
    root.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        try:
            host, public = ("0.0.0.0", args.lan) if args.lan else ("127.0.0.1", "127.0.0.1")
            backend_url, token = start_backend(stack, root, host, public)
            log.info("backend (sandbox payments) at %s", backend_url)
            cups_server = start_cups(stack, root)
            log.info("private cupsd at %s; prints land in %s", cups_server, root / "prints")
        except (RuntimeError, OSError) as exc:
            log.error("the demo could not start: %s", exc)
            return 1
        config = demo_config(root, backend_url, token, cups_server, args.windowed)
        config_file = write_config(root / "kiosk.toml",
                                   config.model_dump(mode="json", exclude_defaults=True))
        log.info("while the demo runs: kiosk doctor --config %s", config_file)
        if args.headless:
            return headless_session(config, root / "prints")
        log.info("booth starting; the pay URL of each order appears below (Ctrl+C stops)")
        return run_booth(config, windowed=args.windowed, config_path=config_path(config))

