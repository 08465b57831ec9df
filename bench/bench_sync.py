"""Payment notice latency: `longpoll_vs_polling_p95_ratio`.

Backend commits paid → the payment watcher reports it (after committing it
locally), measured from the backend's `paid_at` (stamped in the paying
transaction, same host clock) to the `on_result` callback. Two modes: long-poll
(`wait=25`) and the 1 s polling fallback, measured in alternating batches; each batch's
long-poll p95 is divided by the polling p95 of the same batch (the floor).
Run from the repository root: `.venv/bin/python -m bench.bench_sync [PAYMENTS]`.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path

from backend.local_server import BackendServer, start_backend
from bench.figures import Figure, emit, percentile
from kiosk.core.models import BoothSession, Order
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.payment_watcher import PaymentWatcher

PAYMENTS = 20  # per batch and mode
BATCHES = 2


def _order(store: Store, client: BackendClient) -> tuple[str, float]:
    order_id = f"B{uuid.uuid4().hex[:16]}"
    now = time.time()
    with store.transaction() as session:
        session.add(BoothSession(id=f"S{order_id}", started_at=now))
        session.flush()
        session.add(Order(id=order_id, session_id=f"S{order_id}", package="bench", copies=1,
                          amount_minor=1_000_000, currency="UZS", provider="sandbox",
                          backend_accepted=True, created_at=now, updated_at=now))
    answer = client.generate_qr(order_id, "sandbox", 10_000)
    return order_id, answer.expires_at


def _latencies(backend: BackendServer, store: Store, client: BackendClient, runs: int, *,
               longpoll_wait: int) -> list[float]:
    reported: dict[str, float] = {}
    arrived = threading.Event()

    def on_result(order_id: str, _status: str) -> None:
        reported[order_id] = time.time()
        arrived.set()

    watcher = PaymentWatcher(client, store, on_result=on_result, longpoll_wait=longpoll_wait,
                             fallback_interval=1.0)
    latencies = []
    try:
        for _ in range(runs):
            order_id, expires_at = _order(store, client)
            arrived.clear()
            watcher.watch(order_id, expires_at)
            time.sleep(random.uniform(0.05, 1.0))  # the customer pays at any moment
            backend.sandbox_pay(order_id)
            if not arrived.wait(10):
                raise RuntimeError(f"payment of {order_id} was never reported")
            paid_at = client.payment_status(order_id).paid_at
            assert paid_at is not None
            committed = datetime.fromisoformat(paid_at.replace("Z", "+00:00")).timestamp()
            latencies.append((reported[order_id] - committed) * 1000)
    finally:
        watcher.stop()
    return latencies


def main() -> None:
    payments = int(sys.argv[1]) if len(sys.argv) > 1 else PAYMENTS
    ratio = Figure("longpoll_vs_polling_p95_ratio", "×", 0.15, "lower",
                   floor_unit="ms polling p95",
                   note="paid committed at the backend → the booth's watcher has committed it")
    floors = []
    with tempfile.TemporaryDirectory() as workdir:
        backend = start_backend(Path(workdir) / "backend")
        store = Store(Path(workdir) / "kiosk.sqlite3")
        client = BackendClient(backend.url, backend.token, connect_timeout=3.0,
                               read_timeout=10.0)
        try:
            for _ in range(BATCHES):
                longpoll = _latencies(backend, store, client, payments, longpoll_wait=25)
                polling = _latencies(backend, store, client, payments, longpoll_wait=0)
                floors.append(percentile(polling, 0.95))
                ratio.runs.append(percentile(longpoll, 0.95) / floors[-1])
        finally:
            client.close()
            store.close()
            backend.stop()
    ratio.floor = statistics.median(floors)
    emit([ratio])


if __name__ == "__main__":
    main()
