"""Statistics on a big store: `statistics_100k_orders_ms`.

A store of 100 000 orders (and as many sessions, with their print jobs) spread over a
year; the service menu's statistics page (`kiosk.core.statistics.compute`) is timed.
Target (issue 13): under 200 ms. Run from the repository root:
`.venv/bin/python -m bench.bench_statistics [ORDERS]`.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, emit
from kiosk.core.statistics import compute
from kiosk.core.store import Store

ORDERS = 100_000
RUNS = 7
STEPS = ("capture", "review", "choose", "payment", "checking", "done")


def fill(path: Path, orders: int, now: float) -> None:
    """Rows written straight with sqlite3: building the store is not what is measured."""
    Store(path).close()
    rng = random.Random(13)
    sessions, order_rows, jobs = [], [], []
    for n in range(orders):
        at = now - rng.uniform(0, 365 * 86400)
        step = rng.choice(STEPS)
        sessions.append((f"s{n}", at, at + 90, f"timeout in {step}"))
        status = rng.choice(("paid", "paid", "paid", "failed", "cancelled", "refunded"))
        free = rng.random() < 0.05
        order_rows.append((f"o{n}", f"s{n}", "1x", 1, 0 if free else 2_000_000, "UZS",
                           rng.choice(("payme", "click", "webpay")), status, int(free), at, at))
        if status == "paid" or free:
            jobs.append((f"o{n}", "x.jpg", rng.choice((1, 2, 4)), "printed",
                         "damaged" if rng.random() < 0.02 else None, at, at))
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany("INSERT INTO sessions (id, started_at, ended_at, outcome) "
                               "VALUES (?, ?, ?, ?)", sessions)
        connection.executemany(
            "INSERT INTO orders (id, session_id, package, copies, amount_minor, currency, "
            "payment_method, payment_status, free, created_at, updated_at, provider) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sandbox')", order_rows)
        connection.executemany(
            "INSERT INTO print_jobs (order_id, file, copies, state, reprint_reason, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", jobs)
    connection.close()


def main(orders: int) -> None:
    now = time.time()
    figure = Figure("statistics_100k_orders_ms", "ms", 200, "lower",
                    note=f"{orders} orders; the service menu's statistics page")
    with tempfile.TemporaryDirectory(prefix="bench-statistics-") as directory:
        path = Path(directory) / "kiosk.db"
        fill(path, orders, now)
        store = Store(path)
        try:
            compute(store, now)  # the first read opens the connection and warms the cache
            for _ in range(RUNS):
                started = time.perf_counter()
                compute(store, now)
                figure.runs.append((time.perf_counter() - started) * 1000)
        finally:
            store.close()
    emit([figure])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ORDERS)
