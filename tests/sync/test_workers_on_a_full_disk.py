"""The booth's background workers on a full disk: the store on a real tmpfs filled to
capacity, the real backend. None dies, each reports the full disk as the storage health
(E-STORAGE) under its own name, and each finishes its work once space returns."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from backend.local_server import BackendServer
from contract.payment_status import PaymentStatus
from kiosk.core.models import OutboxItem
from kiosk.core.ports import HealthState
from kiosk.core.storage_health import StorageHealth
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.photo_uploader import PhotoUploader
from sync.reconciler import Reconciler
from tests.harness.tmpfs import fill, mounted_tmpfs
from tests.harness.waiting import wait_for
from tests.sync.conftest import Results, local_order
from tests.sync.test_outbox_relay import delivered_keys, fast_relay
from tests.sync.test_payment_watcher import accepted_order
from tests.sync.test_photo_uploader import paid_order
from tests.sync.test_reconciler import GRACE


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "disk", size_kb=4096, mode=0o700) as where:
        yield where


@pytest.fixture
def full_store(disk: Path) -> Iterator[Store]:
    store = Store(disk / "kiosk.sqlite3")
    yield store
    store.close()


def waits_for_space(storage: StorageHealth, worker: str) -> None:
    wait_for(lambda: worker in storage.waiting(), f"{worker} reporting the full disk")
    health = storage.health()
    assert health.faulted and health.code == "E-STORAGE"


def test_the_outbox_relay_marks_what_it_sent_once_space_returns(
        disk: Path, full_store: Store, client: BackendClient, backend: BackendServer,
        device_token: str) -> None:
    with full_store.transaction() as db:
        for number in range(5):
            full_store.record(db, "session.started", f"s-{number}", "a customer came")
    fill(disk)
    storage = StorageHealth(None, time.time)
    relay = fast_relay(client, full_store, storage=storage)
    relay.start()
    try:
        waits_for_space(storage, "outbox relay")
        assert relay.pending_count() == 5  # sent, but not marked: nothing could be saved
        (disk / "filler").unlink()
        wait_for(lambda: relay.pending_count() == 0, "every event marked delivered")
        wait_for(lambda: storage.health().state is HealthState.ok, "saving works again")
    finally:
        relay.stop()
    with full_store.reading() as db:
        keys = list(db.exec(select(OutboxItem.idempotency_key)))
    assert sorted(set(delivered_keys(backend, device_token)) & set(keys)) == sorted(keys)


def test_the_reconciler_saves_a_payment_it_learned_on_a_full_disk_without_waiting_its_round(
        disk: Path, full_store: Store, client: BackendClient, backend: BackendServer) -> None:
    order_id, _ = accepted_order(client, full_store)
    backend.sandbox_pay(order_id)
    fill(disk)
    storage, printed = StorageHealth(None, time.time), Results()
    reconciler = Reconciler(client, full_store, late_grace=GRACE, on_print=printed,
                            on_reprint_list=Results(), interval=3600, storage=storage)
    reconciler.start()
    try:
        waits_for_space(storage, "reconciler")
        assert local_order(full_store, order_id).payment_status == PaymentStatus.pending
        (disk / "filler").unlink()
        assert printed.wait() == (order_id,)  # not an hour later: as soon as space returns
    finally:
        reconciler.stop()
    assert local_order(full_store, order_id).payment_status == PaymentStatus.paid
    assert storage.health().state is HealthState.ok


def test_the_photo_uploader_sends_the_photos_once_space_returns_for_their_copies(
        disk: Path, full_store: Store, client: BackendClient, backend: BackendServer,
        tmp_path: Path) -> None:
    order_id = paid_order(full_store, client, backend, tmp_path / "files")
    fill(disk)
    storage = StorageHealth(None, time.time)
    uploader = PhotoUploader(client, full_store, disk, poll_interval=0.1, backoff_base=0.05,
                             backoff_cap=0.2, storage=storage)
    uploader.start()
    try:
        waits_for_space(storage, "photo uploader")
        (disk / "filler").unlink()
        wait_for(lambda: local_order(full_store, order_id).photos_delivered_at,
                 "the photos on the phone page")
        wait_for(lambda: storage.health().state is HealthState.ok, "saving works again")
    finally:
        uploader.stop()
