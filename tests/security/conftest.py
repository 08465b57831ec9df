"""A real backend process (SQLite) with every provider on, for probing it as an attacker."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from tests.backend.conftest import PROVIDER_ENV

# How long a raw-socket probe waits for an answer before failing (never reached when the
# server answers as it should; without the fix the server waits for a body never sent).
ANSWER_DEADLINE_S = 30.0


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    server = start_backend(tmp_path_factory.mktemp("security"), extra_env=PROVIDER_ENV)
    yield server
    server.stop()


@pytest.fixture
def http(backend: BackendServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=backend.url, timeout=60) as client:
        yield client


def raw_exchange(url: str, head: bytes, body: bytes = b"") -> bytes:
    """Sends a request's head (and some body) on a fresh socket; the status line answered."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=ANSWER_DEADLINE_S) as sock:
        sock.sendall(head + body)
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0]
