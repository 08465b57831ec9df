"""Fixtures for sync/: the real backend (tests/conftest.py: sandbox, SQLite) reached through
a real TCP proxy on loopback, and a real kiosk SQLite store per test.

Timeouts and backoffs are injected small so offline scenarios run in seconds with
the same code paths as on the booth.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from backend.local_server import BackendServer
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.core.models import BoothSession, Order
from kiosk.core.store import Store
from sync.api_client import BackendClient

WAIT = 20.0


class Results:
    """Collects callback invocations from worker threads."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.arrived = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, *args: Any) -> None:
        with self._lock:
            self.calls.append(args)
        self.arrived.set()

    def wait(self, timeout: float = WAIT) -> tuple[Any, ...]:
        assert self.arrived.wait(timeout), "callback never came"
        return self.calls[0]


@pytest.fixture
def device_token(backend: BackendServer) -> str:
    return backend.add_device(f"kiosk-{uuid.uuid4().hex[:8]}")


@pytest.fixture
def proxy(backend: BackendServer) -> Iterator[TcpProxy]:
    port = urlparse(backend.url).port
    assert port is not None
    tcp = TcpProxy("127.0.0.1", port)
    yield tcp
    tcp.stop()


def make_client(url: str, token: str, *, retries: int = 2) -> BackendClient:
    return BackendClient(url, token, connect_timeout=1.0, read_timeout=3.0, retries=retries,
                         backoff_base=0.05)


@pytest.fixture
def client(proxy: TcpProxy, device_token: str) -> Iterator[BackendClient]:
    api = make_client(proxy.url, device_token)
    yield api
    api.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    local = Store(tmp_path / "kiosk.sqlite3")
    yield local
    local.close()


def make_order(store: Store, *, amount_major: int = 15_000, provider: str = "sandbox",
               created_at: float | None = None) -> str:
    """A chosen package, written locally (pending) before anything goes on the network."""
    order_id = f"T{uuid.uuid4().hex[:16]}"
    now = store.clock() if created_at is None else created_at
    with store.transaction() as session:
        session.add(BoothSession(id=f"S{order_id}", started_at=now))
        session.flush()
        session.add(Order(id=order_id, session_id=f"S{order_id}", package="2 strips", copies=2,
                          amount_minor=amount_major * 100, currency="UZS", provider=provider,
                          created_at=now, updated_at=now))
    return order_id


def local_order(store: Store, order_id: str) -> Order:
    with store.reading() as session:
        order = session.get(Order, order_id)
    assert order is not None
    return order


def backend_db_path(backend: BackendServer) -> Path:
    url = backend.database_url
    assert url.startswith("sqlite:///"), url
    return Path(url.removeprefix("sqlite:///"))


def backend_device_id(backend: BackendServer, token: str) -> int:
    digest = hashlib.sha256(token.encode()).hexdigest()
    with sqlite3.connect(backend_db_path(backend)) as db:
        row = db.execute("SELECT id FROM devices WHERE token_hash = ?", (digest,)).fetchone()
    assert row, "device not in the backend database"
    return int(row[0])
