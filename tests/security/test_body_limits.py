"""Bodies are bounded while they are read; device routes check the token before the body."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import httpx
import psutil

from backend.local_server import BackendServer
from tests.security.conftest import raw_exchange

MB = 1024 * 1024


def _chunks(total: int, size: int = 256 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * min(size, total - sent)
        sent += size


def test_declared_oversized_body_is_refused_before_it_is_sent(backend: BackendServer) -> None:
    head = (b"POST /payme HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 52428800\r\n\r\n")
    assert raw_exchange(backend.url, head).startswith(b"HTTP/1.1 413")


def test_device_route_refuses_an_unknown_token_before_reading_the_body(
    backend: BackendServer,
) -> None:
    # 200 bytes announced, none sent: only a server that reads no body answers at all.
    head = (b"POST /api/devices/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Authorization: Bearer not-a-device\r\nIdempotency-Key: k\r\n"
            b"Content-Type: application/json\r\nContent-Length: 200\r\n\r\n")
    assert raw_exchange(backend.url, head).startswith(b"HTTP/1.1 401")


def test_chunked_heartbeat_over_its_cap_is_refused_and_not_stored(
    backend: BackendServer, http: httpx.Client,
) -> None:
    padding = "x" * (5 * MB)
    body = json.dumps({"state": "attract", "padding": padding}).encode()

    def chunked() -> Iterator[bytes]:  # no Content-Length: Transfer-Encoding: chunked
        for start in range(0, len(body), 64 * 1024):
            yield body[start:start + 64 * 1024]

    headers = {"Authorization": f"Bearer {backend.token}", "Content-Type": "application/json"}
    try:
        answer = http.post("/api/devices/heartbeat", content=chunked(), headers=headers)
        assert answer.status_code == 413, answer.text
    except (httpx.WriteError, httpx.RemoteProtocolError):
        pass  # the server answered 413 and closed while the client was still sending
    small = http.post("/api/devices/heartbeat", json={"state": "attract"}, headers=headers)
    assert small.status_code == 200, small.text


def test_parallel_oversized_unauthenticated_posts_do_not_grow_the_server(
    backend: BackendServer,
) -> None:
    assert backend.process is not None
    server = psutil.Process(backend.process.pid)
    before = server.memory_info().rss
    paths = ["/payme", "/click/prepare", "/webpay/notify"]

    def post(path: str) -> None:
        try:
            with httpx.Client(base_url=backend.url, timeout=120) as client:
                client.post(path, content=_chunks(50 * MB),
                            headers={"Content-Type": "application/json"})
        except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
            pass

    threads = [threading.Thread(target=post, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    grown_mb = (server.memory_info().rss - before) / MB
    assert grown_mb < 20, f"the backend grew {grown_mb:.0f} MB on refused bodies"
