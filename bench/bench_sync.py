"""Payment notice latency benchmark; prints JSON.

Backend commits paid → the payment watcher reports it (after committing it
locally), measured from the backend's `paid_at` (stamped in the paying
transaction, same host clock) to the `on_result` callback. Two modes: long-poll
(`wait=25`) and the 1 s polling fallback. Target (issue 7): long-poll p95 ≤ 100 ms.
Run from the repository root: `.venv/bin/python -m bench.bench_sync [RUNS]`.
"""

from __future__ import annotations

import json
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
from kiosk.core.models import BoothSession, Order
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.payment_watcher import PaymentWatcher

RUNS = 30


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


def _summary(latencies: list[float]) -> dict[str, float | int]:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"runs": len(ordered), "median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(p95, 1), "max_ms": round(ordered[-1], 1)}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    with tempfile.TemporaryDirectory() as workdir:
        backend = start_backend(Path(workdir) / "backend")
        store = Store(Path(workdir) / "kiosk.sqlite3")
        client = BackendClient(backend.url, backend.token, connect_timeout=3.0,
                               read_timeout=10.0)
        try:
            longpoll = _latencies(backend, store, client, runs, longpoll_wait=25)
            fallback = _latencies(backend, store, client, runs, longpoll_wait=0)
        finally:
            client.close()
            store.close()
            backend.stop()
    print(json.dumps({
        "benchmark": "sync: backend commits paid -> watcher reports (committed locally)",
        "measured_from": "backend paid_at (ms resolution) to on_result",
        "longpoll_wait_25s": _summary(longpoll),
        "fallback_polling_1s": _summary(fallback),
        "target_longpoll_p95_ms": 100,
    }, indent=2))


if __name__ == "__main__":
    main()
