"""Backend benchmark; prints one JSON document.

1. Payme lifecycles (CheckPerform + Create + Perform) per second and per-call p50/p99
   with 16 concurrent clients, on SQLite and on a throwaway PostgreSQL (fsync on).
2. 1000 concurrent long-poll waiters, paid by 1 then 8 concurrent sandbox payers: backend RSS
   while they wait, and wake latency p50/p99 from the paid commit (the backend's paid_at,
   same host clock) to the waiter's answer; also from sending Pay to the answer.
Targets (issue 3): ≥ 150 lifecycles/s and p99 ≤ 50 ms on SQLite; 1000 waiters ≤ 150 MB
RSS, wake p99 ≤ 100 ms. Run from the repository root: `.venv/bin/python -m bench.bench_backend`.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import psutil

from backend.local_server import BackendServer, start_backend
from tests.harness.postgres import start_postgres, unavailable_reason

CLIENTS = 16
LIFECYCLES = 1200
WAITERS = 1000
# One payer: payments arrive one after another; eight: the server is saturated with them.
PAYER_COUNTS = (1, 8)
PAYME_KEY = "bench-key"
ENV = {"BOOTH_PAYME_MERCHANT_ID": "bench", "BOOTH_PAYME_KEY": PAYME_KEY}


class RawHttp:
    """A minimal keep-alive HTTP/1.1 JSON client: the server shares the CPUs with this
    process, so the client must cost little (httpx costs about as much as the server)."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host, self.port = host, port
        self.extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post_json(self, path: str, document: dict[str, Any]) -> dict[str, Any]:
        return json.loads(await self.request("POST", path, json.dumps(document).encode()))

    async def get_json(self, path: str) -> dict[str, Any]:
        return json.loads(await self.request("GET", path))

    async def request(self, method: str, path: str, body: bytes = b"") -> bytes:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n{self.extra}"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        self.writer.write(head.encode() + body)
        status_and_headers = await self.reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in status_and_headers.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        return await self.reader.readexactly(length)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(value: float) -> float:
    return round(value * 1000, 2)


async def create_orders(server: BackendServer, count: int, payment_type: str) -> list[str]:
    order_ids = [f"b-{secrets.token_hex(8)}" for _ in range(count)]
    limits = httpx.Limits(max_connections=32)
    headers = {"Authorization": f"Bearer {server.token}"}
    async with httpx.AsyncClient(base_url=server.url, headers=headers, limits=limits,
                                 timeout=60) as client:
        gate = asyncio.Semaphore(32)

        async def one(order_id: str) -> None:
            async with gate:
                answer = await client.post("/api/generate-qr", json={
                    "order_id": order_id, "paymentType": payment_type, "amount": 1000})
                answer.raise_for_status()

        await asyncio.gather(*(one(order_id) for order_id in order_ids))
    return order_ids


async def payme_lifecycles(server: BackendServer) -> dict[str, Any]:
    order_ids = await create_orders(server, LIFECYCLES, "payme")
    auth = "Basic " + base64.b64encode(f"Paycom:{PAYME_KEY}".encode()).decode()
    latencies: dict[str, list[float]] = {"CheckPerformTransaction": [], "CreateTransaction": [],
                                         "PerformTransaction": []}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for order_id in order_ids:
        queue.put_nowait(order_id)
    failures = 0

    async def client_loop(client: RawHttp) -> None:
        nonlocal failures
        while not queue.empty():
            order_id = queue.get_nowait()
            transaction = secrets.token_hex(12)
            calls = [
                ("CheckPerformTransaction", {"amount": 100000, "account": {"order_id": order_id}}),
                ("CreateTransaction", {"id": transaction, "time": int(time.time() * 1000),
                                       "amount": 100000, "account": {"order_id": order_id}}),
                ("PerformTransaction", {"id": transaction}),
            ]
            for method, params in calls:
                started = time.perf_counter()
                answer = await client.post_json("/payme", {
                    "jsonrpc": "2.0", "id": 1, "method": method, "params": params})
                latencies[method].append(time.perf_counter() - started)
                if "result" not in answer:
                    failures += 1

    clients = [RawHttp("127.0.0.1", server.port, {"Authorization": auth})
               for _ in range(CLIENTS)]
    started = time.perf_counter()
    await asyncio.gather(*(client_loop(client) for client in clients))
    elapsed = time.perf_counter() - started
    for client in clients:
        await client.close()
    every_call = [value for values in latencies.values() for value in values]
    return {
        "clients": CLIENTS,
        "lifecycles": LIFECYCLES,
        "failures": failures,
        "lifecycles_per_s": round(LIFECYCLES / elapsed, 1),
        "call_p50_ms": ms(percentile(every_call, 0.50)),
        "call_p99_ms": ms(percentile(every_call, 0.99)),
        "per_method_p99_ms": {name: ms(percentile(v, 0.99)) for name, v in latencies.items()},
    }


async def long_poll_waiters(server: BackendServer, payers: int) -> dict[str, Any]:
    order_ids = await create_orders(server, WAITERS, "sandbox")
    auth = {"Authorization": f"Bearer {server.token}"}
    process = psutil.Process(server.process.pid)  # type: ignore[union-attr]
    rss_idle = process.memory_info().rss
    answered: dict[str, float] = {}
    from_commit: list[float] = []
    connections = [RawHttp("127.0.0.1", server.port, auth) for _ in order_ids]

    async def wait(order_id: str, connection: RawHttp) -> None:
        body = await connection.get_json(f"/api/payment-status/{order_id}?wait=30")
        answered[order_id] = time.perf_counter()
        wall = time.time()
        assert body["status"] == "paid", body
        stamp = datetime.fromisoformat(body["paid_at"].replace("Z", "+00:00")).timestamp()
        from_commit.append(wall - stamp)
        await connection.close()

    waiters = [asyncio.create_task(wait(order_id, connection))
               for order_id, connection in zip(order_ids, connections, strict=True)]
    probe = RawHttp("127.0.0.1", server.port, {})
    deadline = time.monotonic() + 30
    while (await probe.get_json("/healthz"))["waiting"] < WAITERS:
        if time.monotonic() > deadline:
            raise RuntimeError("the waiters never all parked")
        await asyncio.sleep(0.05)
    await probe.close()
    rss_waiting = process.memory_info().rss
    threads = process.num_threads()
    sent: dict[str, float] = {}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for order_id in order_ids:
        queue.put_nowait(order_id)

    async def payer() -> None:
        connection = RawHttp("127.0.0.1", server.port, {})
        while not queue.empty():
            order_id = queue.get_nowait()
            sent[order_id] = time.perf_counter()
            await connection.request("POST", f"/sandbox/pay/{order_id}/pay")
        await connection.close()

    await asyncio.gather(*(payer() for _ in range(payers)))
    await asyncio.gather(*waiters)
    pay_to_answer = [answered[order_id] - sent[order_id] for order_id in order_ids]
    return {
        "waiters": WAITERS,
        "payers": payers,
        "rss_idle_mb": round(rss_idle / 2**20, 1),
        "rss_with_waiters_mb": round(rss_waiting / 2**20, 1),
        "server_threads_with_waiters": threads,
        "wake_from_commit_p50_ms": ms(percentile(from_commit, 0.50)),
        "wake_from_commit_p99_ms": ms(percentile(from_commit, 0.99)),
        "pay_request_to_answer_p50_ms": ms(percentile(pay_to_answer, 0.50)),
        "pay_request_to_answer_p99_ms": ms(percentile(pay_to_answer, 0.99)),
    }


def run_on(workdir: Path, database_url: str | None) -> dict[str, Any]:
    server = start_backend(workdir, database_url=database_url, extra_env=ENV)
    try:
        log(f"payme lifecycles on {database_url or 'sqlite'}")
        result = {"payme": asyncio.run(payme_lifecycles(server))}
        log("long-poll waiters")
        result["long_poll"] = [
            asyncio.run(long_poll_waiters(server, payers)) for payers in PAYER_COUNTS
        ]
        return result
    finally:
        server.stop()


def main() -> int:
    report: dict[str, Any] = {"cpus": psutil.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="bench-backend-") as tmp:
        report["sqlite"] = run_on(Path(tmp) / "sqlite", None)
        reason = unavailable_reason()
        if reason is not None:
            report["postgresql"] = {"skipped": reason}
        else:
            cluster = start_postgres(fsync=True)
            try:
                url = cluster.create_database("bench")
                report["postgresql"] = run_on(Path(tmp) / "postgres", url)
            finally:
                cluster.stop()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
