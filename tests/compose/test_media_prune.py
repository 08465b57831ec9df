"""Pruning shots and prints by age and size, never the files an order still needs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.core.media_prune import DAY, prune
from kiosk.core.models import BoothSession, Order, PhotoUpload, PrintJob
from kiosk.core.store import Store

NOW = 1_800_000_000.0
OLD = NOW - 30 * DAY


def media(path: Path, mtime: float, size: int = 1000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff" * size)
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "kiosk.db", clock=lambda: NOW)
    yield store
    store.close()


def booth_session(store: Store, data_dir: Path, session_id: str, *, mtime: float = OLD,
                  order: str | None = None, status: str = "paid",
                  job_state: str | None = None) -> list[Path]:
    """A session with two shots and a print (and optionally an order and a print job)."""
    shots = [media(data_dir / "shots" / session_id / f"{n}.jpg", mtime) for n in (1, 2)]
    stem = order or session_id
    printed = media(data_dir / "prints" / f"{stem}.jpg", mtime)
    preview = media(data_dir / "prints" / f"{stem}.preview.jpg", mtime)
    with store.transaction() as db:
        db.add(BoothSession(id=session_id, started_at=mtime,
                            shots=[str(p.relative_to(data_dir)) for p in shots],
                            print_file=str(printed)))
        if order:
            db.add(Order(id=order, session_id=session_id, package="1", copies=1,
                         amount_minor=2_000_000, currency="UZS", provider="sandbox",
                         payment_status=status, print_file=str(printed), created_at=mtime,
                         updated_at=mtime))
        if order and job_state:
            db.flush()
            db.add(PrintJob(order_id=order, file=str(printed), state=job_state,
                            created_at=mtime, updated_at=mtime))
    return [*shots, printed, preview]


def test_old_files_of_a_session_without_an_order_are_deleted(store, tmp_path):
    files = booth_session(store, tmp_path, "s1")
    deleted = prune(tmp_path, store, keep_days=14, max_megabytes=100, now=NOW)
    assert sorted(deleted) == sorted(files)
    assert not any(f.exists() for f in files)
    assert not (tmp_path / "shots" / "s1").exists()  # the emptied session folder goes too


def test_young_files_stay(store, tmp_path):
    files = booth_session(store, tmp_path, "s1", mtime=NOW - 2 * DAY)
    assert prune(tmp_path, store, keep_days=14, max_megabytes=100, now=NOW) == []
    assert all(f.exists() for f in files)


def test_a_paid_order_not_yet_printed_keeps_every_file(store, tmp_path):
    files = booth_session(store, tmp_path, "s1", order="o1", status="paid", job_state="failed")
    assert prune(tmp_path, store, keep_days=1, max_megabytes=0, now=NOW) == []
    assert all(f.exists() for f in files)


def test_a_pending_order_keeps_its_files_because_payment_may_arrive_late(store, tmp_path):
    files = booth_session(store, tmp_path, "s1", order="o1", status="pending")
    assert prune(tmp_path, store, keep_days=1, max_megabytes=0, now=NOW) == []
    assert all(f.exists() for f in files)


@pytest.mark.parametrize(("status", "job_state"), [("paid", "printed"), ("cancelled", None),
                                                   ("failed", None)])
def test_printed_or_abandoned_orders_are_pruned_when_old(store, tmp_path, status, job_state):
    files = booth_session(store, tmp_path, "s1", order="o1", status=status, job_state=job_state)
    assert sorted(prune(tmp_path, store, keep_days=14, max_megabytes=100, now=NOW)) == \
        sorted(files)


def test_over_the_size_limit_the_oldest_go_first(store, tmp_path):
    megabyte = 1024 * 1024
    oldest = media(tmp_path / "shots" / "a" / "1.jpg", NOW - 3 * DAY, megabyte)
    middle = media(tmp_path / "shots" / "b" / "1.jpg", NOW - 2 * DAY, megabyte)
    newest = media(tmp_path / "prints" / "c.jpg", NOW - 1 * DAY, megabyte)
    protected = booth_session(store, tmp_path, "s1", mtime=NOW - 9 * DAY, order="o1")
    deleted = prune(tmp_path, store, keep_days=14, max_megabytes=2, now=NOW)
    assert deleted == [oldest, middle]
    assert newest.exists() and all(f.exists() for f in protected)


def test_no_media_folders_yet_is_nothing_to_do(store, tmp_path):
    assert prune(tmp_path / "fresh", store, keep_days=1, max_megabytes=1, now=NOW) == []


def upload_copies(data_dir: Path, order: str, mtime: float = OLD) -> list[Path]:
    """The copies the photo uploader prepared for an order's phone page."""
    return [media(data_dir / "uploads" / order / name, mtime) for name in
            ("shot-1.jpg", "shot-2.jpg", "print.jpg")]


def queue_upload(store: Store, order: str, state: str) -> None:
    with store.transaction() as db:
        db.add(PhotoUpload(order_id=order, name="print.jpg", source="x", state=state,
                           created_at=OLD, updated_at=OLD))


def test_prepared_upload_copies_of_a_delivered_order_are_pruned_when_old(store, tmp_path):
    files = booth_session(store, tmp_path, "s1", order="o1", job_state="printed")
    queue_upload(store, "o1", "uploaded")
    copies = upload_copies(tmp_path, "o1")
    deleted = prune(tmp_path, store, keep_days=14, max_megabytes=100, now=NOW)
    assert sorted(deleted) == sorted([*files, *copies])
    assert not (tmp_path / "uploads" / "o1").exists()  # the emptied order folder goes too


def test_an_upload_in_flight_keeps_its_copies_and_the_photos_they_come_from(store, tmp_path):
    files = booth_session(store, tmp_path, "s1", order="o1", job_state="printed")
    queue_upload(store, "o1", "pending")
    copies = upload_copies(tmp_path, "o1")
    assert prune(tmp_path, store, keep_days=1, max_megabytes=0, now=NOW) == []
    assert all(f.exists() for f in [*files, *copies])


def test_upload_copies_count_in_the_size_limit(store, tmp_path):
    megabyte = 1024 * 1024
    copies = [media(tmp_path / "uploads" / "old" / "print.jpg", NOW - 3 * DAY, megabyte),
              media(tmp_path / "uploads" / "old" / "shot-1.jpg", NOW - 3 * DAY, megabyte)]
    newest = media(tmp_path / "prints" / "c.jpg", NOW - 1 * DAY, megabyte)
    assert sorted(prune(tmp_path, store, keep_days=14, max_megabytes=1, now=NOW)) == \
        sorted(copies)
    assert newest.exists()


def test_a_phone_only_order_on_the_phone_is_pruned_when_old(store, tmp_path):
    files = booth_session(store, tmp_path, "s1", order="o1")
    with store.transaction() as db:
        order = db.get(Order, "o1")
        order.copies, order.photos_delivered_at = 0, OLD
        db.add(order)
    assert sorted(prune(tmp_path, store, keep_days=14, max_megabytes=100, now=NOW)) == \
        sorted(files)


def test_old_technician_exports_are_pruned(store, tmp_path):
    export = media(tmp_path / "exports" / "orders-2026.csv", OLD)
    assert prune(tmp_path, store, keep_days=14, max_megabytes=100, now=NOW) == [export]
