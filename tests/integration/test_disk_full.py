"""A full disk, and a disk too small for one more session, on the whole booth: its data
directory on a real tmpfs filled to capacity, the real backend and cupsd. Nobody is left
stuck: a payment heard while nothing can be saved is kept and saved when space returns (the
customer then gets the print), no session starts on a disk that cannot hold one, and a print
with no progress calls the technician."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core.booth_status import disk_free_bytes
from kiosk.core.flow_table import State
from kiosk.core.models import BoothSession, Order, PrintJob, PrintJobState
from kiosk.core.notices import PrintProgress
from kiosk.core.orders import REPRINT_LIST_EVENT
from kiosk.core.ports import HealthState
from kiosk.core.session_space import MB, session_bytes
from printing.fault_printer import FaultPrinter
from tests.backend.refund_helpers import stored
from tests.conftest import lp_readable_tempdir
from tests.harness.tmpfs import fill, mounted_tmpfs
from tests.integration.conftest import DS620
from tests.integration.test_paid_session import capture_and_choose

# One session of the booth below needs 40 MB (2 shots, sharing on: kiosk.core.session_space).
DISK_KB = 48 * 1024


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """The booth's data directory on a disk of its own (asked for before the booth, so the
    booth stops before the disk goes)."""
    with mounted_tmpfs(tmp_path / "disk", size_kb=DISK_KB, mode=0o700) as where:
        yield where


def paid_jobs(booth, order_id: str) -> list[PrintJobState]:
    with booth.store.reading() as db:
        return [job.state for job in db.exec(select(PrintJob).where(
            PrintJob.order_id == order_id))]


def test_a_payment_heard_while_the_disk_is_full_is_saved_when_space_returns_and_printed_once(
        disk: Path, make_booth, backend, prints_dir: Path) -> None:
    booth, runner = make_booth(storage={"data_dir": str(disk)})
    capture_and_choose(booth, runner)
    order_id = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth).order_id
    fill(disk)

    backend.sandbox_pay(order_id)
    runner.until(lambda: booth.storage.health().faulted, "the full disk reported", booth)
    # The watcher lives on, keeping the answer it could not save.
    assert booth.watcher.watching() == [order_id]
    runner.until(lambda: booth.driver.technician_code() == "E-STORAGE",
                 "the booth out of service with E-STORAGE", booth)
    assert booth.flow.state is State.out_of_service
    with booth.store.reading() as db:
        assert db.get(Order, order_id).payment_status == PaymentStatus.pending
    # The fleet hears of it: the heartbeat goes out on a full disk, with the storage fault.
    assert booth.driver.booth_status().health["storage"].code == "E-STORAGE"
    assert booth.heartbeat.send_once()
    (body,) = [json.loads(b) if isinstance(b, str) else b for (b,) in stored(
        backend, "SELECT body FROM device_heartbeats")]
    assert body["health"]["storage"]["code"] == "E-STORAGE", body["health"]

    (disk / "filler").unlink()
    runner.until(lambda: booth.flow.state is State.done, "the customer's print", booth)
    with booth.store.reading() as db:
        assert db.get(Order, order_id).payment_status == PaymentStatus.paid
    assert paid_jobs(booth, order_id) == [PrintJobState.printed]
    assert len(list(prints_dir.iterdir())) == 1
    assert booth.storage.health().state is HealthState.ok
    assert booth.watcher.watching() == []


def test_no_session_starts_on_a_disk_too_small_for_one_and_selling_resumes_with_space(
        disk: Path, make_booth) -> None:
    booth, _ = make_booth(storage={"data_dir": str(disk)})
    hog = disk / "old-photos"
    with hog.open("wb") as handle:  # real blocks: less free than one session needs
        os.posix_fallocate(handle.fileno(), 0,
                           disk_free_bytes(disk) - session_bytes(booth.config) + MB)
    booth.driver.touch()
    assert booth.flow.state is State.attract
    assert booth.flow.context.session_refused == "E-DISK"
    with booth.store.reading() as db:
        assert db.exec(select(BoothSession)).all() == []
    status = booth.driver.booth_status()
    assert status.disk_free_bytes < status.disk_needed_bytes

    hog.unlink()
    booth.driver.touch()
    assert booth.flow.state is State.capture
    assert booth.flow.context.session_refused is None


class MovableClock:
    """The booth's clock: real time, moved forward by the test."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def test_a_print_with_no_progress_calls_the_technician_and_lists_the_order(
        make_booth, backend, cupsd, request) -> None:
    printer = FaultPrinter(lp_readable_tempdir("booth-stuck-printer-"))
    printer.set_mode("wait")  # the job stays "processing": no news from the printer
    cupsd.add_booth_queue(request.node.queue_name, DS620, printer.uri)
    clock = MovableClock()
    booth, runner = make_booth(clock=clock)
    entered: list[State] = []
    booth.flow.subscribe(lambda t: entered.append(t.target) if t.target is not t.source
                         else None)
    capture_and_choose(booth, runner)
    order_id = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth).order_id
    backend.sandbox_pay(order_id)
    runner.until(lambda: PrintJobState.printing in [
        n.update.state for n in runner.notices if isinstance(n, PrintProgress)],
        "the job at the printer", booth)
    assert booth.flow.state is State.printing

    # The deadline counts from the printer's last news: a minute short of it, printing stays.
    clock.offset += booth.config.flow.printing_timeout - 60
    booth.driver.tick()
    assert booth.flow.state is State.printing
    clock.offset += 60
    runner.until(lambda: booth.flow.state is State.out_of_service, "the technician called",
                 booth)
    assert booth.driver.technician_code() == "E-PRINT-WAIT"
    listed = booth.store.events(REPRINT_LIST_EVENT, subject=order_id)
    assert len(listed) == 1 and "no progress" in listed[0].reason

    # The printer wakes up: the held job prints once, and the booth sells again.
    printer.set_mode("print")
    runner.until(lambda: paid_jobs(booth, order_id) == [PrintJobState.printed],
                 "the held job printed", booth)
    runner.until(lambda: booth.flow.state is State.attract, "back to attract", booth)
    assert len(printer.deliveries()) == 1
    assert entered.count(State.printing) == 1
