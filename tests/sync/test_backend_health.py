"""Backend health: a status the booth acts on, that recovers by itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from backend.local_server import BackendServer
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.core.ports import Health, HealthState
from sync.api_client import BackendClient
from sync.backend_health import BackendHealth
from tests.harness.waiting import wait_for
from tests.sync.conftest import backend_db_path, backend_device_id


class Changes:
    def __init__(self) -> None:
        self.seen: list[tuple[HealthState, str | None]] = []

    def __call__(self, health: Health) -> None:
        self.seen.append((health.state, health.code))


@pytest.fixture
def changes() -> Changes:
    return Changes()


@pytest.fixture
def health(client: BackendClient, changes: Changes) -> Iterator[BackendHealth]:
    checker = BackendHealth(client, interval=0.05, on_health=changes)
    yield checker
    checker.stop()


def test_no_backend_means_payments_unavailable_and_it_recovers_by_itself(
        health: BackendHealth, changes: Changes, proxy: TcpProxy) -> None:
    health.start()
    wait_for(lambda: changes.seen == [(HealthState.ok, None)], what="first check up")
    proxy.drop()
    wait_for(lambda: len(changes.seen) == 2, what="the outage to be noticed")
    assert changes.seen[1] == (HealthState.degraded, None)
    assert "unreachable" in health.health().message and not health.health().faulted
    proxy.pass_through()
    wait_for(lambda: len(changes.seen) == 3, what="recovery")
    assert changes.seen[2] == (HealthState.ok, None) and health.health().state is HealthState.ok


def test_revoked_token_puts_the_booth_out_of_service_with_e_auth(
        health: BackendHealth, changes: Changes, backend: BackendServer,
        device_token: str) -> None:
    assert health.check_once().state is HealthState.ok
    device_id = backend_device_id(backend, device_token)
    with sqlite3.connect(backend_db_path(backend)) as db:
        # What revoking does: the stored hash no longer matches any token.
        db.execute("UPDATE devices SET token_hash = ? WHERE id = ?",
                   (f"revoked-{device_id}", device_id))
    revoked = health.check_once()
    assert revoked.faulted and revoked.code == "E-AUTH"
    assert changes.seen == [(HealthState.ok, None), (HealthState.fault, "E-AUTH")]
