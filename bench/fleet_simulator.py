"""A fleet of simulated booths against real backend processes, on loopback only.

Each booth sends what a real one sends (sync/api_client.py), at its rates and sizes:
- a heartbeat every `heartbeat_s` (the booth's 60 s), its first at a random moment;
- sessions, as a Poisson process of `sessions_per_hour` per booth: generate-qr (Payme), the
  booth's long-poll on payment-status (wait=25) on its own connection, the customer paying
  `pay_delay_s` later through Payme's endpoint as Payme calls it (CheckPerformTransaction,
  CreateTransaction, PerformTransaction with Payme's Basic credentials, from a pool of
  Payme's connections to any backend process), the booth's events, its photos uploaded
  (the bytes given, e.g. four ≤ 2 400 px shots and the print), and the customer's phone
  opening the photos page and every photo's copy on it.
Everything is bounded: arrivals stop after `seconds`, every session must finish within
`drain_s` more. The client is a minimal keep-alive HTTP/1.1 client on asyncio: the
simulator shares the CPUs with the servers, so it must cost little (its own CPU time is
reported). Each request's answer is checked; any other answer or a broken connection is a
failure, counted and described.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import random
import resource
import secrets
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

LONGPOLL_WAIT_S = 25
PAYME_CONNECTIONS = 32
EVENT_KINDS = ("session.started", "payment.shown", "payment.paid", "print.submitted",
               "print.printed", "photos.delivered")


@dataclass
class FleetConfig:
    backends: list[int]  # the ports of the backend processes (127.0.0.1)
    tokens: list[str]  # one device token per booth
    photos: dict[str, bytes]  # what each session uploads, by name
    payme_key: str
    seconds: float = 20.0
    sessions_per_hour: float = 6.0
    heartbeat_s: float = 60.0
    pay_delay_s: tuple[float, float] = (2.0, 8.0)
    phone_delay_s: tuple[float, float] = (0.5, 2.0)
    drain_s: float = 60.0
    seed: int = 1


@dataclass
class FleetResult:
    booths: int
    sent: Counter[str] = field(default_factory=Counter)  # requests answered as expected
    failures: list[str] = field(default_factory=list)
    webhook_s: list[float] = field(default_factory=list)  # each Payme call's round trip
    wake_s: list[float] = field(default_factory=list)  # paid commit → long-poll answered
    sessions: int = 0
    sessions_unfinished: int = 0
    cpu_s: float = 0.0  # the simulator's own CPU time (user + system)
    wall_s: float = 0.0
    loop_lag_s: list[float] = field(default_factory=list)  # the simulator's own lateness

    @property
    def ok(self) -> bool:
        return not self.failures and not self.sessions_unfinished


class RequestFailed(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects when the server closed it idle."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"",
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        reused = self.writer is not None
        try:
            return await self._exchange(method, path, body, headers or {})
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            await self.close()
            if not reused:
                raise RequestFailed(f"{method} {path}: {exc!r}") from exc
        # The server closed the idle connection as we sent: once more on a new one.
        try:
            return await self._exchange(method, path, body, headers or {})
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            await self.close()
            raise RequestFailed(f"{method} {path}: {exc!r}") from exc

    async def _exchange(self, method: str, path: str, body: bytes,
                        headers: dict[str, str]) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        more = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self.extra}{more}"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        if len(body) > 65536:
            self.writer.write(head)
            for start in range(0, len(body), 65536):
                self.writer.write(body[start:start + 65536])
                await self.writer.drain()
        else:
            self.writer.write(head + body)
        status_and_headers = await self.reader.readuntil(b"\r\n\r\n")
        lines = status_and_headers.split(b"\r\n")
        status = int(lines[0].split()[1])
        length, chunked, closing = 0, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                closing = True
        answer = await self._chunked() if chunked else await self.reader.readexactly(length)
        if closing:
            await self.close()
        return status, answer

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append(await self.reader.readexactly(size + 2))
            if size == 0:
                return b"".join(part[:-2] for part in parts)

    async def close(self) -> None:
        writer, self.reader, self.writer = self.writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


class Fleet:
    def __init__(self, config: FleetConfig) -> None:
        self.config = config
        self.result = FleetResult(booths=len(config.tokens))
        self.random = random.Random(config.seed)
        self.busy: set[int] = set()
        self.ends_at = 0.0
        self.payme_idle: asyncio.Queue[Connection] = asyncio.Queue()
        auth = "Basic " + base64.b64encode(f"Paycom:{config.payme_key}".encode()).decode()
        for index in range(PAYME_CONNECTIONS):
            self.payme_idle.put_nowait(Connection(
                config.backends[index % len(config.backends)], {"Authorization": auth}))
        # Called after each step of a session with the step's name (a bench's probe).
        self.after_step: Callable[[str], None] = lambda _step: None
        self.backend_of = [config.backends[index % len(config.backends)]
                           for index in range(len(config.tokens))]
        self.main: list[Connection] = [
            Connection(port, {"Authorization": f"Bearer {token}"})
            for port, token in zip(self.backend_of, config.tokens, strict=True)]
        # The heartbeat thread has its own connection: it does not wait behind an upload.
        self.beat: list[Connection] = [
            Connection(port, {"Authorization": f"Bearer {token}"})
            for port, token in zip(self.backend_of, config.tokens, strict=True)]
        self.heartbeat_body = json.dumps(heartbeat_body()).encode()

    async def call(self, what: str, connection: Connection, method: str, path: str,
                   body: bytes = b"", headers: dict[str, str] | None = None,
                   expect: tuple[int, ...] = (200,)) -> bytes:
        """One request; its answer checked, counted under `what`; a failure raises."""
        try:
            status, answer = await connection.request(method, path, body, headers)
        except (RequestFailed, OSError) as exc:
            raise RequestFailed(f"{what}: {exc}") from exc
        if status not in expect:
            raise RequestFailed(f"{what}: {method} {path} answered {status} {answer[:200]!r}")
        self.result.sent[what] += 1
        return answer

    async def run(self) -> FleetResult:
        config = self.config
        usage = resource.getrusage(resource.RUSAGE_SELF)
        started = time.monotonic()
        self.ends_at = started + config.seconds
        tasks = [asyncio.create_task(self.heartbeats(index))
                 for index in range(len(config.tokens))]
        sessions: list[asyncio.Task[None]] = []
        lag = asyncio.create_task(self.watch_lag())
        rate = len(config.tokens) * config.sessions_per_hour / 3600
        at = started
        while rate > 0:
            at += self.random.expovariate(rate)
            if at >= self.ends_at:
                break
            await asyncio.sleep(max(0.0, at - time.monotonic()))
            free = [self.random.randrange(len(config.tokens)) for _ in range(3)]
            booth = next((b for b in free if b not in self.busy), None)
            if booth is not None:
                sessions.append(asyncio.create_task(self.session(booth)))
        await asyncio.gather(*tasks)
        done, pending = await asyncio.wait(sessions, timeout=config.drain_s) if sessions \
            else (set(), set())
        for task in pending:
            task.cancel()
        self.result.sessions_unfinished = len(pending)
        if pending:
            self.result.failures.append(f"{len(pending)} sessions unfinished after the drain")
        lag.cancel()
        await asyncio.gather(lag, *pending, return_exceptions=True)
        await self.close()
        self.result.sessions = len(done)
        after = resource.getrusage(resource.RUSAGE_SELF)
        self.result.cpu_s = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
        self.result.wall_s = time.monotonic() - started
        return self.result

    async def close(self) -> None:
        for connection in [*self.main, *self.beat]:
            await connection.close()
        while not self.payme_idle.empty():
            await self.payme_idle.get_nowait().close()

    async def watch_lag(self) -> None:
        """How late a 100 ms sleep wakes: the simulator's own event loop falling behind."""
        while True:
            before = time.monotonic()
            await asyncio.sleep(0.1)
            self.result.loop_lag_s.append(time.monotonic() - before - 0.1)

    async def heartbeats(self, booth: int) -> None:
        period = self.config.heartbeat_s
        next_at = time.monotonic() + self.random.uniform(0, period)
        while next_at < self.ends_at:
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            try:
                await self.call("heartbeat", self.beat[booth], "POST", "/api/devices/heartbeat",
                                self.heartbeat_body, {"Content-Type": "application/json"})
            except RequestFailed as exc:
                self.result.failures.append(str(exc))
            next_at += period

    async def session(self, booth: int) -> None:
        self.busy.add(booth)
        try:
            await self.run_session(booth)
        except RequestFailed as exc:
            self.result.failures.append(str(exc))
        finally:
            self.busy.discard(booth)

    async def run_session(self, booth: int) -> None:
        """One session of `booth`, step by step; a failed request raises RequestFailed."""
        main, config = self.main[booth], self.config
        json_type = {"Content-Type": "application/json"}
        order_id = f"fleet-{booth}-{secrets.token_hex(6)}"
        qr = json.loads(await self.call(
            "generate-qr", main, "POST", "/api/generate-qr", json.dumps(
                {"order_id": order_id, "paymentType": "payme", "amount": 1000}).encode(),
            json_type))
        self.after_step("generate-qr")
        poller = Connection(self.backend_of[booth], {
            "Authorization": f"Bearer {config.tokens[booth]}"})
        waiting = asyncio.create_task(self.long_poll(poller, order_id))
        try:
            await asyncio.sleep(self.random.uniform(*config.pay_delay_s))
            await self.pay(order_id)
            await waiting
        finally:
            waiting.cancel()
            await poller.close()
        self.after_step("payment and long-poll")
        now = time.time()
        events = [{"key": f"{order_id}-{index}", "at": now, "kind": kind, "subject": order_id,
                   "reason": "", "data": {"digital": False}}
                  for index, kind in enumerate(EVENT_KINDS)]
        await self.call("events", main, "POST", "/api/devices/events",
                        json.dumps({"events": events[:3]}).encode(),
                        {**json_type, "Idempotency-Key": f"{order_id}-a"})
        self.after_step("events")
        for name, body in config.photos.items():
            await self.call("photo-upload", main, "PUT", f"/api/orders/{order_id}/photos/{name}",
                            body, {"Content-Type": "image/jpeg"}, expect=(200, 201))
        self.after_step("photo uploads")
        await self.call("events", main, "POST", "/api/devices/events",
                        json.dumps({"events": events[3:]}).encode(),
                        {**json_type, "Idempotency-Key": f"{order_id}-b"})
        self.after_step("events")
        await asyncio.sleep(self.random.uniform(*config.phone_delay_s))
        await self.phone(str(qr["photos_url"]), self.random.choice(config.backends))
        self.after_step("phone page and copies")

    async def long_poll(self, connection: Connection, order_id: str) -> None:
        while True:
            answer = json.loads(await self.call(
                "long-poll", connection, "GET",
                f"/api/payment-status/{order_id}?wait={LONGPOLL_WAIT_S}"))
            if answer["status"] == "paid":
                woke = time.time()
                paid = datetime.fromisoformat(answer["paid_at"].replace("Z", "+00:00"))
                self.result.wake_s.append(woke - paid.timestamp())
                return
            if answer["status"] != "pending":
                raise RequestFailed(f"long-poll: {order_id} is {answer['status']}")

    async def pay(self, order_id: str) -> None:
        """Payme's three calls for the order, from one of Payme's connections."""
        connection = await self.payme_idle.get()
        try:
            transaction = secrets.token_hex(12)
            account = {"order_id": order_id}
            for method, params in (
                ("CheckPerformTransaction", {"amount": 100000, "account": account}),
                ("CreateTransaction", {"id": transaction, "time": int(time.time() * 1000),
                                       "amount": 100000, "account": account}),
                ("PerformTransaction", {"id": transaction}),
            ):
                started = time.perf_counter()
                answer = json.loads(await self.call(
                    "payme", connection, "POST", "/payme", json.dumps(
                        {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode(),
                    {"Content-Type": "application/json"}))
                self.result.webhook_s.append(time.perf_counter() - started)
                if "result" not in answer:
                    raise RequestFailed(f"payme: {method} for {order_id} answered {answer}")
        finally:
            self.payme_idle.put_nowait(connection)

    async def phone(self, photos_url: str, port: int) -> None:
        """The customer's phone (390 px wide at 2×) on a new connection: the page, then each
        photo's copy as its srcset picks it (the print full width, the shots half of it);
        the lazy ones come too, as the customer scrolls."""
        path = "/p/" + photos_url.rsplit("/p/", 1)[1]
        phone = Connection(port, {"Accept-Language": "ru-RU,ru;q=0.9"})
        try:
            page = (await self.call("phone-page", phone, "GET", path)).decode()
            shown = [name for name in self.config.photos if f"{path}/{name}?w=" in page]
            if len(shown) != len(self.config.photos):
                raise RequestFailed(f"phone-page: {path} shows {shown}")
            for name in shown:
                width = 960 if name == "print.jpg" else 480
                await self.call("phone-photo", phone, "GET", f"{path}/{name}?w={width}",
                                headers={"Accept": "image/webp,image/*,*/*;q=0.8"})
        finally:
            await phone.close()


def heartbeat_body() -> dict[str, Any]:
    """What a booth's heartbeat carries (kiosk/core/booth_status.py), at its usual size."""
    return {
        "version": "1.4.0", "state": "attract",
        "printer": {"state": "idle", "message": "", "reasons": ["none"],
                    "prints_remaining": 312},
        "prints_left": 312,
        "health": {name: {"state": "ok", "message": "", "since": time.time(), "code": None}
                   for name in ("printer", "camera", "backend", "disk", "payment")},
        "outbox": {"depth": 0, "oldest_age": None},
        "disk_free_bytes": 48_000_000_000, "uptime_seconds": 86_400.0, "free_mode": False,
        "low_paper_threshold": 40,
    }


def run_fleet(config: FleetConfig) -> FleetResult:
    return asyncio.run(Fleet(config).run())
