"""The backend under load: `payme_lifecycles_ratio`, `payme_call_p99_ms_at_50_per_s`,
`longpoll_1000_rss_growth_mb`, `longpoll_wake_p99_ms`.

1. Payme lifecycles (CheckPerform + Create + Perform) per second with 16 clients, against
   the floor of the same run: the rate of the server's trivial authenticated endpoint
   (`GET /api/devices/me`) with the same clients, divided by 3 (a lifecycle is 3 calls).
2. Per-call p99 with lifecycles offered at 50 per second (an open loop: a lifecycle starts
   on time whether or not the previous ones are done).
3. 1000 long-poll waiters parked at once: how much the backend's RSS grows; then 8
   concurrent sandbox payers: wake latency p99 from the paid commit (the backend's paid_at,
   same host clock) to the waiter's answer.
On SQLite (the embedded default); the same on a throwaway PostgreSQL is reported with a
`_postgresql` suffix. Run from the repository root: `.venv/bin/python -m bench.bench_backend`.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil

from backend.local_server import BackendServer, start_backend
from bench.figures import Figure, emit, percentile
from tests.harness.postgres import start_postgres, unavailable_reason

CLIENTS = 16
LIFECYCLES = 300  # fewer runs and orders than before: `make bench` stays under 12 minutes
OFFERED_SECONDS = 10
RUNS = 2
LONGPOLL_RUNS = 1
WAITERS = 1000
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


async def create_orders(server: BackendServer, count: int, payment_type: str) -> list[str]:
    """Orders made by 32 concurrent clients, as booths of a fleet do."""
    order_ids = [f"b-{secrets.token_hex(8)}" for _ in range(count)]
    queue: asyncio.Queue[str] = asyncio.Queue()
    for order_id in order_ids:
        queue.put_nowait(order_id)

    async def client_loop() -> None:
        client = RawHttp("127.0.0.1", server.port, {"Authorization": f"Bearer {server.token}"})
        while not queue.empty():
            order_id = queue.get_nowait()
            answer = await client.post_json("/api/generate-qr", {
                "order_id": order_id, "paymentType": payment_type, "amount": 1000})
            if answer.get("order_id") != order_id:
                raise RuntimeError(f"generate-qr answered {answer}")
        await client.close()

    await asyncio.gather(*(client_loop() for _ in range(32)))
    return order_ids


def lifecycle_calls(order_id: str) -> list[tuple[str, dict[str, Any]]]:
    transaction = secrets.token_hex(12)
    return [
        ("CheckPerformTransaction", {"amount": 100000, "account": {"order_id": order_id}}),
        ("CreateTransaction", {"id": transaction, "time": int(time.time() * 1000),
                               "amount": 100000, "account": {"order_id": order_id}}),
        ("PerformTransaction", {"id": transaction}),
    ]


async def run_lifecycle(client: RawHttp, order_id: str, latencies: list[float]) -> None:
    for method, params in lifecycle_calls(order_id):
        started = time.perf_counter()
        answer = await client.post_json("/payme", {
            "jsonrpc": "2.0", "id": 1, "method": method, "params": params})
        latencies.append(time.perf_counter() - started)
        if "result" not in answer:
            raise RuntimeError(f"{method} for {order_id} answered {answer}")


def payme_clients(server: BackendServer, count: int) -> list[RawHttp]:
    auth = "Basic " + base64.b64encode(f"Paycom:{PAYME_KEY}".encode()).decode()
    return [RawHttp("127.0.0.1", server.port, {"Authorization": auth}) for _ in range(count)]


async def trivial_rate(server: BackendServer) -> float:
    """Calls per second of GET /api/devices/me (a token lookup and a tiny answer)."""
    clients = [RawHttp("127.0.0.1", server.port, {"Authorization": f"Bearer {server.token}"})
               for _ in range(CLIENTS)]
    calls = LIFECYCLES * 3
    left = [calls]

    async def client_loop(client: RawHttp) -> None:
        while left[0] > 0:
            left[0] -= 1
            await client.get_json("/api/devices/me")

    started = time.perf_counter()
    await asyncio.gather(*(client_loop(client) for client in clients))
    elapsed = time.perf_counter() - started
    for client in clients:
        await client.close()
    return calls / elapsed


async def lifecycle_rate(server: BackendServer) -> float:
    """Payme lifecycles per second, 16 clients as fast as they can."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for order_id in await create_orders(server, LIFECYCLES, "payme"):
        queue.put_nowait(order_id)
    clients = payme_clients(server, CLIENTS)
    latencies: list[float] = []

    async def client_loop(client: RawHttp) -> None:
        while not queue.empty():
            await run_lifecycle(client, queue.get_nowait(), latencies)

    started = time.perf_counter()
    await asyncio.gather(*(client_loop(client) for client in clients))
    elapsed = time.perf_counter() - started
    for client in clients:
        await client.close()
    return LIFECYCLES / elapsed


async def call_p99_at(server: BackendServer, per_second: float) -> float:
    """Per-call p99 (s) with lifecycles started at `per_second`, each on a free connection."""
    count = int(OFFERED_SECONDS * per_second)
    order_ids = await create_orders(server, count, "payme")
    idle: asyncio.Queue[RawHttp] = asyncio.Queue()
    for client in payme_clients(server, 64):
        idle.put_nowait(client)
    latencies: list[float] = []

    async def one(order_id: str) -> None:
        client = await idle.get()
        try:
            await run_lifecycle(client, order_id, latencies)
        finally:
            idle.put_nowait(client)

    started = time.perf_counter()
    tasks = []
    for index, order_id in enumerate(order_ids):
        await asyncio.sleep(max(0.0, started + index / per_second - time.perf_counter()))
        tasks.append(asyncio.create_task(one(order_id)))
    await asyncio.gather(*tasks)
    while not idle.empty():
        await idle.get_nowait().close()
    return percentile(latencies, 0.99)


async def long_poll_waiters(server: BackendServer, payers: int) -> tuple[float, float]:
    """(RSS growth in MB with every waiter parked, wake p99 in s from the paid commit)."""
    order_ids = await create_orders(server, WAITERS, "sandbox")
    auth = {"Authorization": f"Bearer {server.token}"}
    process = psutil.Process(server.process.pid)  # type: ignore[union-attr]
    rss_idle = process.memory_info().rss
    from_commit: list[float] = []
    connections = [RawHttp("127.0.0.1", server.port, auth) for _ in order_ids]

    async def wait(order_id: str, connection: RawHttp) -> None:
        body = await connection.get_json(f"/api/payment-status/{order_id}?wait=30")
        wall = time.time()
        if body["status"] != "paid":
            raise RuntimeError(f"waiter for {order_id} answered {body}")
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
    queue: asyncio.Queue[str] = asyncio.Queue()
    for order_id in order_ids:
        queue.put_nowait(order_id)

    async def payer() -> None:
        connection = RawHttp("127.0.0.1", server.port, {})
        while not queue.empty():
            await connection.request("POST", f"/sandbox/pay/{queue.get_nowait()}/pay")
        await connection.close()

    await asyncio.gather(*(payer() for _ in range(payers)))
    await asyncio.gather(*waiters)
    return (rss_waiting - rss_idle) / 2**20, percentile(from_commit, 0.99)


def figures_on(server: BackendServer, suffix: str) -> list[Figure]:
    where = "PostgreSQL" if suffix else "SQLite"
    ratio = Figure(f"payme_lifecycles_ratio{suffix}", "×", 0.5, "higher",
                   floor_unit="lifecycles/s (trivial endpoint ÷ 3)",
                   note=f"Payme lifecycles/s with {CLIENTS} clients ÷ the trivial authenticated "
                   f"endpoint's calls/s ÷ 3, on {where}")
    p99 = Figure(f"payme_call_p99_ms_at_50_per_s{suffix}", "ms", 50, "lower",
                 note=f"per Payme call, 50 lifecycles/s offered for {OFFERED_SECONDS} s, {where}")
    growth = Figure(f"longpoll_1000_rss_growth_mb{suffix}", "MB", 40, "lower",
                    note=f"backend RSS with {WAITERS} long-polls parked, over idle, {where}")
    wake = Figure(f"longpoll_wake_p99_ms{suffix}", "ms", 100, "lower",
                  note=f"paid committed → its waiter answered, {WAITERS} waiters, 8 payers, "
                  f"{where}")
    floors = []
    for _ in range(RUNS):
        floors.append(asyncio.run(trivial_rate(server)) / 3)
        ratio.runs.append(asyncio.run(lifecycle_rate(server)) / floors[-1])
        p99.runs.append(asyncio.run(call_p99_at(server, 50)) * 1000)
    ratio.floor = statistics.median(floors)
    for _ in range(LONGPOLL_RUNS):
        rss, wake_p99 = asyncio.run(long_poll_waiters(server, 8))
        growth.runs.append(rss)
        wake.runs.append(wake_p99 * 1000)
    return [ratio, p99, growth, wake]


def main() -> int:
    figures = []
    with tempfile.TemporaryDirectory(prefix="bench-backend-") as tmp:
        server = start_backend(Path(tmp) / "sqlite", extra_env=ENV)
        try:
            log("on SQLite")
            figures += figures_on(server, "")
        finally:
            server.stop()
        reason = unavailable_reason()
        if reason is not None:
            log(f"PostgreSQL figures skipped: {reason}")
        else:
            cluster = start_postgres(fsync=True)
            try:
                server = start_backend(Path(tmp) / "postgres",
                                       database_url=cluster.create_database("bench"),
                                       extra_env=ENV)
                try:
                    log("on PostgreSQL")
                    figures += figures_on(server, "_postgresql")
                finally:
                    server.stop()
            finally:
                cluster.stop()
    emit(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
