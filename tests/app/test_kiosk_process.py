"""The real `kiosk` process under a service manager's notify socket: READY, pings, STATUS,
STOPPING on SIGTERM; a booth that cannot print still starts and says so; a bad config
exits with the key and the reason, and never says READY."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable
from pathlib import Path

from printing.private_cupsd import free_port
from tests.app.conftest import KioskProcess
from tests.harness.notify_socket import NotifySocket

START_DEADLINE = 60.0
WATCHDOG_USEC = 2_000_000


def test_ready_pings_status_and_stopping_on_sigterm(
        start_kiosk: Callable[..., KioskProcess], notify: NotifySocket) -> None:
    kiosk = start_kiosk(env={"WATCHDOG_USEC": str(WATCHDOG_USEC)})
    ready = notify.wait_for("READY", "1", timeout=START_DEADLINE)
    assert ready.fields["STATUS"].startswith("attract;")
    notify.wait_for("STATUS", contains="attract; printer ready")
    first_ping = len(notify.with_key("WATCHDOG"))
    while len(notify.with_key("WATCHDOG")) < first_ping + 4:
        assert notify.read(START_DEADLINE) is not None, "the pings stopped"
    pings = [m.at for m in notify.with_key("WATCHDOG")][first_ping:]
    gap = statistics.median(b - a for a, b in itertools.pairwise(pings))
    # Every half period, as asked: well inside the watchdog's limit, not a busy loop.
    assert WATCHDOG_USEC / 4e6 <= gap <= WATCHDOG_USEC / 1e6

    assert kiosk.terminate() == 0, kiosk.log()
    assert notify.wait_for("STOPPING", "1").fields["STATUS"] == "stopping"


def test_a_booth_whose_printer_is_unreachable_starts_and_says_so(
        start_kiosk: Callable[..., KioskProcess], notify: NotifySocket) -> None:
    closed = f"127.0.0.1:{free_port()}"
    kiosk = start_kiosk(printing={"cups_server": closed})
    notify.wait_for("READY", "1", timeout=START_DEADLINE)
    status = notify.wait_for("STATUS", contains="out_of_service E-CUPS")
    assert f"cannot reach CUPS at {closed}" in status.fields["STATUS"]
    assert kiosk.terminate() == 0


def test_a_bad_config_exits_2_with_the_key_and_the_reason_and_never_ready(
        start_kiosk: Callable[..., KioskProcess], notify: NotifySocket, tmp_path: Path) -> None:
    kiosk = start_kiosk(printing={"poll_seconds": 99})
    assert kiosk.process.wait(START_DEADLINE) == 2
    output = kiosk.log()
    assert "refusing to start" in output
    assert "printing.poll_seconds = 99: Input should be less than or equal to 10" in output
    assert "Traceback" not in output
    assert notify.drain() == []
