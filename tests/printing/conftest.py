"""The printing tests' DS620 queues on fault-injecting backends of the private cupsd
(tests/conftest.py), a cupsd of a test's own to kill, and a real store."""

from __future__ import annotations

import itertools
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.core.config import PrintingSection
from kiosk.core.models import BoothSession, Order, PrintJob
from kiosk.core.ports import Health, PrinterStatus, PrintJobUpdate
from kiosk.core.store import Store
from printing.fault_printer import FAULT_BACKEND, FaultPrinter
from printing.private_cupsd import PrivateCups
from printing.service import PrintingService
from tests.conftest import DS620_MODEL, lp_readable_tempdir
from tests.harness.waiting import wait_for

DEADLINE = 30.0
_queue_numbers = itertools.count(1)


@pytest.fixture
def own_cupsd() -> Iterator[PrivateCups]:
    """A cupsd of the test's own, for tests that kill it."""
    root = lp_readable_tempdir("booth-cupsd-own-")
    server = PrivateCups(root / "cups", backends={"fault": FAULT_BACKEND})
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@dataclass
class Printer:
    cupsd: PrivateCups
    queue: str
    fault: FaultPrinter


def add_fault_printer(cupsd: PrivateCups) -> Printer:
    queue = f"booth{next(_queue_numbers)}"
    fault = FaultPrinter(cupsd.root.parent / "devices" / queue)
    cupsd.add_booth_queue(queue, DS620_MODEL, fault.uri)
    return Printer(cupsd, queue, fault)


@pytest.fixture
def printer(cupsd: PrivateCups) -> Printer:
    """A DS620 queue (real Gutenprint filter chain) on the fault-injecting backend."""
    return add_fault_printer(cupsd)


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "print.jpg"
    Image.new("RGB", (120, 180), (200, 120, 60)).save(path, quality=85)
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    db = Store(tmp_path / "booth.db")
    yield db
    db.close()


def add_order(store: Store, order_id: str, *, payment_status: str = "paid", free: bool = False,
              copies: int = 1, print_file: Path | None = None) -> None:
    now = store.clock()
    with store.transaction() as session:
        session.add(BoothSession(id=f"s-{order_id}", started_at=now))
        session.flush()
        session.add(Order(id=order_id, session_id=f"s-{order_id}", package="classic",
                          copies=copies, amount_minor=1000000, currency="UZS",
                          provider="sandbox", payment_status=payment_status, free=free,
                          print_file=str(print_file) if print_file else None,
                          created_at=now, updated_at=now))


@dataclass
class Recorder:
    """What the service reported through its callbacks (they run on its worker thread)."""

    healths: list[Health] = field(default_factory=list)
    jobs: list[tuple[str, str, str]] = field(default_factory=list)
    threads: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def on_health(self, health: Health) -> None:
        with self.lock:
            self.healths.append(health)
            self.threads.add(threading.current_thread().name)

    def on_job(self, update: PrintJobUpdate) -> None:
        """The report as (order, state, detail); a job CUPS holds is reported "held"."""
        with self.lock:
            self.jobs.append((update.order_id, "held" if update.held else str(update.state),
                              update.detail))
            self.threads.add(threading.current_thread().name)

    def job_states(self, order_id: str) -> list[str]:
        with self.lock:
            return [state for oid, state, _ in self.jobs if oid == order_id]

    def job_reports(self, order_id: str) -> list[tuple[str, str]]:
        with self.lock:
            return [(state, detail) for oid, state, detail in self.jobs if oid == order_id]


@dataclass
class Booth:
    service: PrintingService
    recorder: Recorder
    store: Store

    def row(self, order_id: str) -> PrintJob:
        rows = self.service.jobs_for(order_id)
        assert rows, f"no print_jobs row for {order_id}"
        return rows[-1]

    def wait_row(self, order_id: str, state: str) -> PrintJob:
        return wait_for(lambda: next((r for r in self.service.jobs_for(order_id)
                                      if r.state == state), None),
                        f"{order_id} print job {state}")

    def wait_state(self, *states: str) -> PrinterStatus:
        return wait_for(lambda: self.service.status if self.service.status.state in states
                        else None, f"printer status in {states}")


@pytest.fixture
def make_booth(store: Store) -> Iterator[Callable[..., Booth]]:
    started: list[PrintingService] = []

    def make(server: str, queue: str, **settings: Any) -> Booth:
        config = PrintingSection(queue=queue, cups_server=server,
                                 **{"poll_seconds": 0.2, **settings})
        recorder = Recorder()
        service = PrintingService(config, store, on_health=recorder.on_health,
                                  on_job=recorder.on_job)
        service.start()
        started.append(service)
        return Booth(service, recorder, store)

    yield make
    for service in reversed(started):
        service.stop()
