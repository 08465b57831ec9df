"""Backend health: a status the booth acts on, that recovers by itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from backend.local_server import BackendServer
from sync.api_client import BackendClient
from sync.backend_health import BackendHealth
from tests.harness.tcp_proxy import TcpProxy
from tests.harness.waiting import wait_for
from tests.sync.conftest import backend_db_path, backend_device_id


class Changes:
    def __init__(self) -> None:
        self.seen: list[tuple[bool, str]] = []

    def __call__(self, up: bool, reason: str) -> None:
        self.seen.append((up, reason))


@pytest.fixture
def changes() -> Changes:
    return Changes()


@pytest.fixture
def health(client: BackendClient, changes: Changes) -> Iterator[BackendHealth]:
    checker = BackendHealth(client, interval=0.05, on_change=changes)
    yield checker
    checker.stop()


def test_no_backend_means_payments_unavailable_and_it_recovers_by_itself(
        health: BackendHealth, changes: Changes, proxy: TcpProxy) -> None:
    health.start()
    wait_for(lambda: changes.seen == [(True, "ok")], what="first check up")
    proxy.drop()
    wait_for(lambda: len(changes.seen) == 2, what="the outage to be noticed")
    assert changes.seen[1] == (False, "unreachable")
    assert not health.up and health.technician_code is None
    proxy.pass_through()
    wait_for(lambda: len(changes.seen) == 3, what="recovery")
    assert changes.seen[2] == (True, "ok") and health.up


def test_revoked_token_puts_the_booth_out_of_service_with_e_auth(
        health: BackendHealth, changes: Changes, backend: BackendServer,
        device_token: str) -> None:
    assert health.check_once()
    device_id = backend_device_id(backend, device_token)
    with sqlite3.connect(backend_db_path(backend)) as db:
        # What revoking does: the stored hash no longer matches any token.
        db.execute("UPDATE devices SET token_hash = ? WHERE id = ?",
                   (f"revoked-{device_id}", device_id))
    assert not health.check_once()
    assert (health.reason, health.technician_code) == ("unauthorized", "E-AUTH")
    assert changes.seen == [(True, "ok"), (False, "unauthorized")]
