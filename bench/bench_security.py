"""The backend under attack: `webhook_p99_login_storm_ratio`, `rss_growth_oversized_posts_mb`.

1. Payme webhook calls (CheckTransaction, offered at 20 per second, an open loop) while
   wrong logins arrive 40 at a time: 40 clients each fetch the login form and post a wrong
   password (an unknown name, each attempt from another address, so no lock answers them
   cheaply), and the next 40 go when all are answered; the attacker runs in a process of
   its own at the lowest CPU priority, as on another machine. The webhook's p99 during
   the storm divided by its p99 in
   the quiet moment just before, in the same run (≤ 3).
2. Three 50 MB unauthenticated posts at once (/payme, /click/prepare, /webpay/notify,
   chunked): how far the backend's RSS rises above where it was (peak, sampled every 5 ms).
On SQLite. Run from the repository root: `.venv/bin/python -m bench.bench_security`.
"""

from __future__ import annotations

import asyncio
import base64
import multiprocessing
import os
import re
import secrets
import sys
import tempfile
import threading
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event as EventType
from pathlib import Path

import psutil

from backend.local_server import BackendServer, start_backend
from bench.bench_backend import RawHttp
from bench.figures import Figure, emit, percentile

RUNS = 3
STORM_CLIENTS = 40
OFFERED_PER_S = 20
OFFERED_SECONDS = 10
OVERSIZED_MB = 50
PAYME_KEY = "bench-key"
ENV = {"BOOTH_PAYME_MERCHANT_ID": "bench", "BOOTH_PAYME_KEY": PAYME_KEY,
       "BOOTH_CLICK_SERVICE_ID": "1", "BOOTH_CLICK_MERCHANT_ID": "1",
       "BOOTH_CLICK_SECRET_KEY": "bench", "BOOTH_WEBPAY_STORE_ID": "1",
       "BOOTH_WEBPAY_SECRET_KEY": "bench"}
CSRF = re.compile(rb'name="csrf_token" value="([^"]+)"')
COOKIE = re.compile(rb"set-cookie: (booth_admin=[^;]+)", re.IGNORECASE)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


async def webhook_p99(server: BackendServer) -> float:
    """p99 in ms of CheckTransaction offered at OFFERED_PER_S for OFFERED_SECONDS."""
    auth = "Basic " + base64.b64encode(f"Paycom:{PAYME_KEY}".encode()).decode()
    latencies: list[float] = []

    async def one() -> None:
        client = RawHttp("127.0.0.1", server.port, {"Authorization": auth})
        started = time.perf_counter()
        await client.post_json("/payme", {"jsonrpc": "2.0", "id": 1, "method": "CheckTransaction",
                                          "params": {"id": secrets.token_hex(12)}})
        latencies.append(time.perf_counter() - started)
        await client.close()

    calls = []
    start = time.perf_counter()
    for index in range(OFFERED_PER_S * OFFERED_SECONDS):
        await asyncio.sleep(max(0.0, start + index / OFFERED_PER_S - time.perf_counter()))
        calls.append(asyncio.create_task(one()))
    await asyncio.gather(*calls)
    return percentile(latencies, 0.99) * 1000


def storm_process(server: BackendServer, stop: EventType, counts: Queue) -> None:
    """The attacker, in a process of its own (as on another machine): waves of wrong logins
    until told to stop; then the count of each answer status. An attacker elsewhere takes
    none of the backend's CPU: this one runs at the lowest priority, the nearest this machine
    comes to that (at the same priority it takes a core's worth from the backend it storms)."""
    os.nice(19)
    answered: list[int] = []

    async def waves() -> None:
        while not stop.is_set():
            await asyncio.gather(*(wrong_login(server, answered) for _ in range(STORM_CLIENTS)))

    asyncio.run(waves())
    counts.put({status: answered.count(status) for status in sorted(set(answered))})


async def wrong_login(server: BackendServer, answered: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    address = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    writer.write(b"GET /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    page = await _answer(reader)
    cookie, csrf = COOKIE.search(page), CSRF.search(page)
    assert cookie and csrf, page[:300]
    form = (b"csrf_token=" + csrf.group(1) + b"&name=nobody-" + secrets.token_hex(4).encode()
            + b"&password=wrong-wrong-wrong")
    writer.write(b"POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\n"
                 b"X-Forwarded-For: " + address.encode() + b"\r\n"
                 b"Cookie: " + cookie.group(1) + b"\r\n"
                 b"Content-Length: " + str(len(form)).encode() + b"\r\n\r\n" + form)
    answer = await _answer(reader)
    answered.append(int(answer.split(b" ", 2)[1]))
    writer.close()
    await writer.wait_closed()


async def _answer(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(re.search(rb"content-length: (\d+)", head, re.IGNORECASE).group(1))  # type: ignore[union-attr]
    return head + await reader.readexactly(length)


async def storm_ratio(server: BackendServer) -> tuple[float, float, dict[int, int]]:
    quiet = await webhook_p99(server)
    stop, counts = multiprocessing.Event(), multiprocessing.Queue()
    storm = multiprocessing.Process(target=storm_process, args=(server, stop, counts))
    storm.start()
    await asyncio.sleep(1)  # the storm is under way
    during = await webhook_p99(server)
    stop.set()
    answered = counts.get(timeout=120)
    storm.join()
    return during / quiet, quiet, answered


def oversized_post(server: BackendServer, path: str) -> None:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    chunk = b"x" * (256 * 1024)
    try:
        connection.putrequest("POST", path)
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Transfer-Encoding", "chunked")
        connection.endheaders()
        for _ in range(OVERSIZED_MB * 4):
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        connection.send(b"0\r\n\r\n")
        connection.getresponse().read()
    except OSError:
        pass  # answered 413 and closed while this was still sending
    finally:
        connection.close()


def rss_growth_mb(server: BackendServer) -> float:
    assert server.process is not None
    process = psutil.Process(server.process.pid)
    before = process.memory_info().rss
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            done.wait(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    posts = [threading.Thread(target=oversized_post, args=(server, path))
             for path in ("/payme", "/click/prepare", "/webpay/notify")]
    for post in posts:
        post.start()
    for post in posts:
        post.join()
    done.set()
    sampler.join()
    return (peak[0] - before) / (1024 * 1024)


def main() -> int:
    ratio = Figure("webhook_p99_login_storm_ratio", "×", 3, "lower", floor_unit="ms",
                   note=f"Payme p99 at {OFFERED_PER_S}/s during {STORM_CLIENTS} parallel "
                        "wrong logins ÷ quiet p99 (floor) of the same run")
    growth = Figure("rss_growth_oversized_posts_mb", "MB", 20, "lower",
                    note=f"peak RSS rise, 3 parallel {OVERSIZED_MB} MB unauthenticated posts")
    with tempfile.TemporaryDirectory(prefix="bench-security-") as tmp:
        server = start_backend(Path(tmp), extra_env=ENV)
        try:
            for run in range(RUNS):
                measured, quiet, counts = asyncio.run(storm_ratio(server))
                log(f"run {run + 1}: storm p99 ÷ quiet p99 = {measured:.2f} "
                    f"(quiet {quiet:.1f} ms); login answers {counts}")
                ratio.runs.append(measured)
                ratio.floor = quiet if ratio.floor is None else min(ratio.floor, quiet)
                grown = rss_growth_mb(server)
                log(f"run {run + 1}: RSS +{grown:.1f} MB on oversized posts")
                growth.runs.append(grown)
        finally:
            server.stop()
    emit([ratio, growth])
    return 0


if __name__ == "__main__":
    sys.exit(main())
