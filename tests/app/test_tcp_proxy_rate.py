"""The TCP proxy's link rate: what it carries each way, shared by every connection, arrives
whole and no sooner than the rate allows (a lower bound: a busy machine only adds to it)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from kiosk.app.autopilot.tcp_proxy import TcpProxy

RATE = 100_000  # bytes a second


class Sink:
    """A loopback server that reads every connection to its end and answers nothing."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)  # so that close() is noticed between accepts
        self.stopping = threading.Event()
        self.port = self.listener.getsockname()[1]
        self.received: list[bytes] = []
        self.threads: list[threading.Thread] = []
        self.acceptor = threading.Thread(target=self._accept, daemon=True)
        self.acceptor.start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(None)
            thread = threading.Thread(target=self._read, args=(connection,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _read(self, connection: socket.socket) -> None:
        parts = []
        with connection:
            while data := connection.recv(65536):
                parts.append(data)
        self.received.append(b"".join(parts))

    def close(self) -> None:
        self.stopping.set()
        self.acceptor.join()
        self.listener.close()
        for thread in self.threads:
            thread.join()


@pytest.fixture
def proxy() -> Iterator[tuple[TcpProxy, Sink]]:
    sink = Sink()
    link = TcpProxy("127.0.0.1", sink.port)
    yield link, sink
    link.stop()
    sink.close()


def send(port: int, body: bytes) -> None:
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(body)
        client.shutdown(socket.SHUT_WR)
        client.recv(1)  # the proxy closes once the upstream has read it all


def test_a_limited_link_carries_no_more_than_its_rate_across_connections(
    proxy: tuple[TcpProxy, Sink],
) -> None:
    link, sink = proxy
    link.limit_rate(RATE)
    bodies = [bytes([index]) * 60_000 for index in range(2)]
    started = time.monotonic()
    senders = [threading.Thread(target=send, args=(link.port, body)) for body in bodies]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    took = time.monotonic() - started
    # Two connections share one link: 120 kB at 100 kB/s cannot take less than 1.2 s.
    assert took >= 0.95 * sum(map(len, bodies)) / RATE
    sink.close()
    assert sorted(sink.received) == sorted(bodies)


def test_lifting_the_limit_passes_bytes_through_unchanged(
    proxy: tuple[TcpProxy, Sink],
) -> None:
    link, sink = proxy
    link.limit_rate(RATE)
    link.pass_through()
    body = bytes(range(256)) * 400
    send(link.port, body)
    sink.close()
    assert sink.received == [body]
