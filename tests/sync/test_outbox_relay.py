"""Outbox relay: at least once from the kiosk, exactly once at the backend, in order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import col, select

from backend.local_server import BackendServer
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.core.models import OutboxItem
from kiosk.core.store import Store
from sync.api_client import BackendClient, BackendUnreachable
from sync.outbox_relay import OutboxRelay
from tests.harness.waiting import wait_for
from tests.sync.conftest import backend_db_path, backend_device_id, make_client
from tests.sync.test_payment_watcher import FakeClock


def record_events(store: Store, count: int, kind: str = "session.started") -> None:
    with store.transaction() as session:
        for number in range(count):
            store.record(session, kind, f"S{number}", "customer touched the screen",
                         {"n": number})


def local_keys(store: Store) -> list[str]:
    with store.reading() as session:
        return list(session.exec(select(OutboxItem.idempotency_key)
                                 .order_by(col(OutboxItem.id))))


def delivered_keys(backend: BackendServer, token: str) -> list[str]:
    device_id = backend_device_id(backend, token)
    with sqlite3.connect(backend_db_path(backend)) as db:
        rows = db.execute("SELECT key FROM device_events WHERE device_id = ? ORDER BY id",
                          (device_id,)).fetchall()
    return [row[0] for row in rows]


def fast_relay(client: BackendClient, store: Store, **kwargs: object) -> OutboxRelay:
    return OutboxRelay(client, store, poll_interval=0.05, backoff_base=0.01, backoff_cap=0.05,
                       **kwargs)  # type: ignore[arg-type]


def test_outbox_survives_1000_events_offline_and_a_restart_and_delivers_each_once(
        backend: BackendServer, proxy: TcpProxy, device_token: str, tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    store = Store(db)
    record_events(store, 1000)
    keys = local_keys(store)
    client = make_client(proxy.url, device_token)
    proxy.drop()
    relay = fast_relay(client, store)
    relay.start()
    wait_for(lambda: proxy.connections_dropped >= 10, what="the relay to keep trying offline")
    relay.stop()
    assert relay.pending_count() == 1000
    assert relay.last_error and "devices/events" in relay.last_error
    client.close()
    store.close()

    # The kiosk restarts; the network is back, but the first answer is lost on the way.
    store = Store(db)
    client = make_client(proxy.url, device_token)
    proxy.pass_through()
    proxy.cut_next(20)
    relay = fast_relay(client, store)
    relay.start()
    try:
        wait_for(lambda: relay.pending_count() == 0, what="the outbox to drain")
    finally:
        relay.stop()
        client.close()
        store.close()

    assert proxy.connections_cut == 1
    assert delivered_keys(backend, device_token) == keys
    assert relay.dropped_count() == 0


def test_outbox_is_bounded_and_counts_what_it_drops(
        backend: BackendServer, client: BackendClient, store: Store, proxy: TcpProxy,
        device_token: str) -> None:
    clock = FakeClock()
    store.clock = clock
    relay = fast_relay(client, store, clock=clock, max_items=10, max_age_days=30)
    record_events(store, 15)
    newest = local_keys(store)[5:]
    proxy.drop()
    with pytest.raises(BackendUnreachable):
        relay.flush_once()
    assert (relay.pending_count(), relay.dropped_count()) == (10, 5)
    assert local_keys(store) == newest

    clock.advance(31 * 86_400)
    proxy.pass_through()
    record_events(store, 1, kind="print.printed")
    fresh = [key for key in local_keys(store) if key not in newest]
    assert relay.flush_once() == 1
    assert relay.dropped_count() == 15
    assert delivered_keys(backend, device_token) == fresh


def test_event_the_backend_refuses_is_set_aside_and_the_rest_delivered(
        backend: BackendServer, client: BackendClient, store: Store, device_token: str) -> None:
    record_events(store, 3)
    with store.transaction() as session:
        store.record(session, "print.failed", "X" * 300, "subject longer than the contract")
    record_events(store, 3)
    keys = local_keys(store)
    relay = fast_relay(client, store)
    assert relay.flush_once() == 6
    assert relay.rejected_count() == 1
    assert relay.pending_count() == 0
    assert delivered_keys(backend, device_token) == keys[:3] + keys[4:]
    assert [e.subject for e in store.events("print.failed")] == ["X" * 300]
