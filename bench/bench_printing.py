"""Printing benchmark against a private cupsd; prints JSON.

Accept: submit → CUPS job accepted (printFile returns its id), straight through the
CUPS client and through the service (print_order → on_job "submitted", which adds
the name lookup in CUPS and two durable SQLite commits); one order at a time, each
printed (real Gutenprint rendering) before the next, as at the booth.
Fault: the fault-injecting backend reports paper out → the service's status says
paper_out, at the shipped poll interval.
Targets (issue 4): accept <= 100 ms p95; fault visible <= 2 s.
Run from the repository root: `python -m bench.bench_printing`.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image

from kiosk.core.config import PrintingSection
from kiosk.core.models import BoothSession, Order
from kiosk.core.ports import Health, PrinterState, PrinterStatus
from kiosk.core.store import Store
from printing.cups_client import CupsClient
from printing.private_cupsd import PrivateCups
from printing.service import PrintingService
from tests.cups.fault_printer import FAULT_BACKEND, FaultPrinter

DS620 = "gutenprint.5.3://dnp-ds620/expert"
QUEUE = "bench"
ACCEPT_RUNS = 40
SERVICE_RUNS = 20
FAULT_RUNS = 8
DEADLINE = 60.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values_s: list[float]) -> dict[str, float | int]:
    ms = [v * 1000 for v in values_s]
    return {"runs": len(ms), "median_ms": round(statistics.median(ms), 2),
            "p95_ms": round(percentile(ms, 0.95), 2), "max_ms": round(max(ms), 2)}


class Watch:
    """The service's callbacks, stamped as they arrive on its worker thread."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.jobs: dict[str, list[tuple[str, float]]] = {}
        self.statuses: list[tuple[PrinterStatus, float]] = []
        self.service: PrintingService | None = None

    def on_job(self, order_id: str, state: str, _detail: str) -> None:
        with self.changed:
            self.jobs.setdefault(order_id, []).append((state, time.time()))
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


def bench_client_accept(cupsd: PrivateCups, photo: Path) -> dict[str, float | int]:
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
    return summary(took)


def bench_service(service: PrintingService, watch: Watch, store: Store, photo: Path,
                  fault: FaultPrinter) -> tuple[dict[str, float | int], dict[str, float | int]]:
    took = []
    for run in range(SERVICE_RUNS):
        order_id = f"bench-order-{run}"
        add_order(store, order_id)
        started = time.time()
        service.print_order(order_id, photo, 1, {"media": "w288h432"})
        took.append(watch.job_at(order_id, "submitted") - started)
        watch.job_at(order_id, "printed")

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
    return summary(took), summary(visible)


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-printing-", dir="/tmp"))
    root.chmod(0o755)  # cupsd's filters run as lp
    cupsd = PrivateCups(root / "cups", backends={"fault": FAULT_BACKEND})
    cupsd.start()
    try:
        fault = FaultPrinter(root / "device")
        cupsd.add_queue(QUEUE, DS620, fault.uri)
        photo = root / "photo.jpg"
        Image.new("RGB", (600, 900), (180, 120, 90)).save(photo, quality=90)
        direct = bench_client_accept(cupsd, photo)

        store = Store(root / "booth.db")
        config = PrintingSection(queue=QUEUE, cups_server=cupsd.server)
        watch = Watch()
        service = PrintingService(config, store, on_health=watch.on_health,
                                  on_job=watch.on_job)
        watch.service = service
        service.start()
        try:
            via_service, fault_visible = bench_service(service, watch, store, photo, fault)
        finally:
            service.stop()
            store.close()
    finally:
        cupsd.stop()
        shutil.rmtree(root, ignore_errors=True)
    report = {
        "accept_client_submit": direct,
        "accept_print_order_to_submitted": via_service,
        "fault_to_status_visible": {**fault_visible, "poll_seconds": config.poll_seconds},
        "targets": {
            "accept_p95_ms_max": 100,
            "accept_met": direct["p95_ms"] <= 100 and via_service["p95_ms"] <= 100,
            "fault_visible_ms_max": 2000,
            "fault_visible_met": fault_visible["median_ms"] <= 2000,
        },
        "cpus": os.cpu_count(),
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
