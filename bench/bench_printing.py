"""Printing against a private cupsd: `print_order_accept_p95_ms`, `printer_fault_visible_ms`.

Accept: the service's print_order → on_job "submitted" (the name lookup in CUPS, the
submit, two durable SQLite commits), one order at a time, each printed (real Gutenprint
rendering) before the next, as at the booth; the floor is a bare CUPS submit of the same
file in the same run. Fault: the fault-injecting backend reports paper out → the service's
status says paper_out, at the shipped poll interval. Targets (issue 4): accept p95 ≤ 100 ms;
fault visible ≤ 2 s. Run from the repository root: `python -m bench.bench_printing`.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image

from bench.figures import Figure, emit, percentile
from kiosk.core.config import PrintingSection
from kiosk.core.models import BoothSession, Order
from kiosk.core.ports import Health, PrinterState, PrinterStatus, PrintJobUpdate
from kiosk.core.store import Store
from printing.cups_client import CupsClient
from printing.fault_printer import FAULT_BACKEND, FaultPrinter
from printing.private_cupsd import PrivateCups
from printing.service import PrintingService

DS620 = "gutenprint.5.3://dnp-ds620/expert"
QUEUE = "bench"
ACCEPT_RUNS = 40
SERVICE_RUNS = 10
BATCHES = 3
FAULT_RUNS = 8
DEADLINE = 60.0


class Watch:
    """The service's callbacks, stamped as they arrive on its worker thread."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.jobs: dict[str, list[tuple[str, float]]] = {}
        self.statuses: list[tuple[PrinterStatus, float]] = []
        self.service: PrintingService | None = None

    def on_job(self, update: PrintJobUpdate) -> None:
        with self.changed:
            state = "held" if update.held else str(update.state)
            self.jobs.setdefault(update.order_id, []).append((state, time.time()))
            self.changed.notify_all()

    def on_health(self, _health: Health) -> None:
        """A health change: the printer status that caused it, stamped now."""
        assert self.service is not None
        with self.changed:
            self.statuses.append((self.service.status, time.time()))
            self.changed.notify_all()

    def job_at(self, order_id: str, state: str) -> float:
        with self.changed:
            found = self.changed.wait_for(
                lambda: any(s == state for s, _ in self.jobs.get(order_id, [])), DEADLINE)
            if not found:
                raise RuntimeError(f"{order_id} never reached {state}")
            return next(t for s, t in self.jobs[order_id] if s == state)

    def status_at(self, state: PrinterState, since: int) -> float:
        with self.changed:
            found = self.changed.wait_for(
                lambda: any(s.state == state for s, _ in self.statuses[since:]), DEADLINE)
            if not found:
                raise RuntimeError(f"status never became {state}")
            return next(t for s, t in self.statuses[since:] if s.state == state)


def add_order(store: Store, order_id: str) -> None:
    now = store.clock()
    with store.transaction() as session:
        session.add(BoothSession(id=f"s-{order_id}", started_at=now))
        session.flush()
        session.add(Order(id=order_id, session_id=f"s-{order_id}", package="bench", copies=1,
                          amount_minor=1000000, currency="UZS", provider="sandbox",
                          payment_status="paid", created_at=now, updated_at=now))


def bench_client_accept(cupsd: PrivateCups, photo: Path) -> list[float]:
    client = CupsClient(cupsd.server, QUEUE)
    took = []
    for run in range(ACCEPT_RUNS):
        started = time.perf_counter()
        job_id = client.submit(photo, f"bench-direct-{run}", {"media": "w288h432"})
        took.append(time.perf_counter() - started)
        # One order at a time, as at the booth: the next starts when this one printed.
        deadline = time.monotonic() + DEADLINE
        while not ((job := client.job(job_id)) and job.finished):
            if time.monotonic() > deadline:
                raise RuntimeError(f"CUPS job {job_id} did not finish")
            time.sleep(0.02)
    return took


def bench_accept(service: PrintingService, watch: Watch, store: Store, photo: Path,
                 batch: int) -> list[float]:
    took = []
    for run in range(SERVICE_RUNS):
        order_id = f"bench-order-{batch}-{run}"
        add_order(store, order_id)
        started = time.time()
        service.print_order(order_id, photo, 1, {"media": "w288h432"})
        took.append(watch.job_at(order_id, "submitted") - started)
        watch.job_at(order_id, "printed")
    return took


def bench_fault(service: PrintingService, watch: Watch, store: Store, photo: Path,
                fault: FaultPrinter) -> list[float]:
    visible = []
    for run in range(FAULT_RUNS):
        order_id = f"bench-fault-{run}"
        add_order(store, order_id)
        # Start at a random point of the poll cycle, so the runs sample all of it.
        time.sleep(random.uniform(0, service.config.poll_seconds))
        since = len(watch.statuses)
        fault.set_mode("media-empty")
        service.print_order(order_id, photo, 1, {})
        seen = watch.status_at(PrinterState.paper_out, since)
        reported = fault.fault_reported_at()
        assert reported is not None
        visible.append(seen - reported)
        fault.set_mode("print")
        since = len(watch.statuses)
        service.resume()
        watch.job_at(order_id, "printed")
        watch.status_at(PrinterState.ready, since)
    return visible


def main() -> None:
    accept = Figure("print_order_accept_p95_ms", "ms", 100, "lower",
                    floor_unit="ms bare CUPS submit p95",
                    note="print_order → CUPS job accepted and recorded, p95 of a batch")
    fault_visible = Figure("printer_fault_visible_ms", "ms", 2000, "lower",
                           note="the printer reports paper out → the booth's status says so")
    root = Path(tempfile.mkdtemp(prefix="bench-printing-", dir="/tmp"))
    root.chmod(0o755)  # cupsd's filters run as lp
    cupsd = PrivateCups(root / "cups", backends={"fault": FAULT_BACKEND})
    cupsd.start()
    try:
        fault = FaultPrinter(root / "device")
        cupsd.add_queue(QUEUE, DS620, fault.uri)
        photo = root / "photo.jpg"
        Image.new("RGB", (600, 900), (180, 120, 90)).save(photo, quality=90)
        accept.floor = percentile(bench_client_accept(cupsd, photo), 0.95) * 1000
        # In a folder of its own: the store makes its folder private, and cupsd's filters
        # (user lp) must still reach theirs under root.
        store = Store(root / "booth" / "booth.db")
        config = PrintingSection(queue=QUEUE, cups_server=cupsd.server)
        watch = Watch()
        service = PrintingService(config, store, on_health=watch.on_health,
                                  on_job=watch.on_job)
        watch.service = service
        service.start()
        try:
            for batch in range(BATCHES):
                took = bench_accept(service, watch, store, photo, batch)
                accept.runs.append(percentile(took, 0.95) * 1000)
            fault_visible.runs = [seconds * 1000 for seconds in
                                  bench_fault(service, watch, store, photo, fault)]
        finally:
            service.stop()
            store.close()
    finally:
        cupsd.stop()
        shutil.rmtree(root, ignore_errors=True)
    emit([accept, fault_visible])


if __name__ == "__main__":
    main()
