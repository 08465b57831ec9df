"""An idle keep-alive connection outlives uvicorn's 5 s default: a booth (or a proxy) that
sends on a connection the server is just closing gets a reset instead of an answer, so the
server must not close connections that are idle only between a customer's steps."""

from __future__ import annotations

import select
import socket

from backend.cli import KEEP_ALIVE_S
from backend.local_server import BackendServer
from tests.conftest import BackendSpec

# SQLite only: the server's keep-alive is the same with PostgreSQL.
BACKEND = BackendSpec(providers=True)

UVICORN_DEFAULT_S = 5
LOOK_FOR_S = UVICORN_DEFAULT_S + 2


def request(sock: socket.socket, path: str) -> bytes:
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = sock.recv(4096)
        assert chunk, "the server closed the connection instead of answering"
        answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += sock.recv(4096)
    return head.split(b"\r\n")[0]


def test_an_idle_connection_is_kept_past_uvicorns_default(backend: BackendServer) -> None:
    assert KEEP_ALIVE_S > LOOK_FOR_S
    with socket.create_connection(("127.0.0.1", backend.port), timeout=30) as sock:
        assert request(sock, "/healthz").endswith(b"200 OK")
        # The server closing it would make the socket readable (EOF) within the wait.
        readable, _, _ = select.select([sock], [], [], LOOK_FOR_S)
        assert readable == [], "the server closed an idle connection within 7 s"
        assert request(sock, "/healthz").endswith(b"200 OK")
