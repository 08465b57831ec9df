"""The photos outbox: a paid order's shots and print reach the backend's phone page, through
a real backend and a real TCP proxy, across a cut connection and a booth restart."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image
from sqlmodel import select

from backend.local_server import BackendServer
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.core.models import BoothSession, Order, PhotoUpload
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.payment_record import commit_payment
from sync.photo_uploader import PhotoUploader
from tests.harness.photo_files import jpeg_bytes
from tests.harness.waiting import wait_for
from tests.sync.conftest import local_order, make_client


def paid_order(store: Store, client: BackendClient, backend: BackendServer, files: Path,
               *, shots: int = 2, big: bool = False) -> str:
    """A local order paid through the sandbox, with real shot files and a composed print."""
    order_id = f"T{uuid.uuid4().hex[:16]}"
    files.mkdir(parents=True, exist_ok=True)
    shot_paths = []
    for index in range(1, shots + 1):
        path = files / f"{order_id}-shot-{index}.jpg"
        path.write_bytes(jpeg_bytes(3600 if big else 80, 2400 if big else 60,
                                    (40 * index, 90, 160), gps=True, noise=big))
        shot_paths.append(str(path))
    print_file = files / f"{order_id}-print.jpg"
    print_file.write_bytes(jpeg_bytes(1200, 1800, gps=True))
    now = store.clock()
    with store.transaction() as session:
        session.add(BoothSession(id=f"S{order_id}", started_at=now, shots=shot_paths))
        session.flush()
        session.add(Order(id=order_id, session_id=f"S{order_id}", package="1x", copies=1,
                          amount_minor=1_500_000, currency="UZS", provider="sandbox",
                          print_file=str(print_file), created_at=now, updated_at=now))
    answer = client.generate_qr(order_id, "sandbox", 15_000)
    assert answer.photos_url and "/p/" in answer.photos_url
    with store.transaction() as session:
        row = session.get(Order, order_id)
        assert row is not None
        row.photos_url = answer.photos_url
        row.backend_accepted = True
        session.add(row)
    backend.sandbox_pay(order_id)
    commit_payment(store, client.payment_status(order_id), "paid in the test")
    return order_id


def stored(backend: BackendServer, order_id: str) -> Path:
    return Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id


def uploads(store: Store, order_id: str) -> dict[str, str]:
    with store.reading() as session:
        rows = session.exec(select(PhotoUpload).where(PhotoUpload.order_id == order_id))
        return {row.name: row.state for row in rows}


@pytest.fixture
def uploader(client: BackendClient, store: Store, tmp_path: Path) -> Iterator[PhotoUploader]:
    worker = PhotoUploader(client, store, tmp_path / "data", poll_interval=0.2,
                           backoff_base=0.05, backoff_cap=0.2)
    yield worker
    worker.stop()


def test_a_paid_orders_photos_reach_its_page_without_exif_and_at_most_2400_px(
    uploader: PhotoUploader, store: Store, client: BackendClient, backend: BackendServer,
    tmp_path: Path,
) -> None:
    order_id = paid_order(store, client, backend, tmp_path / "shots", big=True)
    uploader.start()
    wait_for(lambda: local_order(store, order_id).photos_delivered_at, "photos delivered")
    assert uploads(store, order_id) == {"shot-1.jpg": "uploaded", "shot-2.jpg": "uploaded",
                                        "print.jpg": "uploaded"}
    on_backend = sorted(p.name for p in stored(backend, order_id).iterdir())
    assert on_backend == ["print.jpg", "shot-1.jpg", "shot-2.jpg"]
    for name in on_backend:
        with Image.open(stored(backend, order_id) / name) as image:
            assert max(image.size) <= 2400
            assert not image.getexif(), f"{name} still carries EXIF"
            assert "exif" not in image.info
    with Image.open(stored(backend, order_id) / "shot-1.jpg") as image:
        assert image.size == (2400, 1600)
    page = httpx.get(local_order(store, order_id).photos_url or "", timeout=10)
    assert page.status_code == 200 and page.text.count("?download=1") == 3
    assert store.events(kind="photos.delivered", subject=order_id)


def test_an_upload_cut_mid_body_is_sent_again_whole_and_stored_once(
    uploader: PhotoUploader, store: Store, client: BackendClient, backend: BackendServer,
    proxy: TcpProxy, tmp_path: Path,
) -> None:
    order_id = paid_order(store, client, backend, tmp_path / "shots", shots=1, big=True)
    proxy.cut_next_request(60_000)  # the first upload's body stops after ~60 kB
    uploader.start()
    wait_for(lambda: local_order(store, order_id).photos_delivered_at, "photos delivered")
    assert proxy.connections_cut == 1
    assert (tmp_path / "data" / "uploads" / order_id / "shot-1.jpg").stat().st_size > 60_000
    prepared = tmp_path / "data" / "uploads" / order_id
    for name in ("shot-1.jpg", "print.jpg"):
        assert (stored(backend, order_id) / name).read_bytes() == (prepared / name).read_bytes()
    assert sorted(p.name for p in stored(backend, order_id).iterdir()) == [
        "print.jpg", "shot-1.jpg"]  # no .part file left behind, no second copy


def test_a_restart_between_paid_and_upload_still_uploads(
    store: Store, client: BackendClient, backend: BackendServer, proxy: TcpProxy,
    device_token: str, tmp_path: Path,
) -> None:
    order_id = paid_order(store, client, backend, tmp_path / "shots", shots=1)
    proxy.drop()
    first = PhotoUploader(client, store, tmp_path / "data", poll_interval=0.2,
                          backoff_base=0.05, backoff_cap=0.2)
    first.start()
    wait_for(lambda: any(row.attempts for row in _rows(store, order_id)), "a failed attempt")
    first.stop()  # the booth goes down with the photos still queued
    store.close()
    assert not stored(backend, order_id).exists()

    reopened = Store(store.path)
    proxy.pass_through()
    again = make_client(proxy.url, device_token)
    second = PhotoUploader(again, reopened, tmp_path / "data", poll_interval=0.2,
                           backoff_base=0.05, backoff_cap=0.2)
    second.start()
    try:
        wait_for(lambda: local_order(reopened, order_id).photos_delivered_at,
                 "photos delivered after the restart")
    finally:
        second.stop()
        again.close()
        reopened.close()
    assert sorted(p.name for p in stored(backend, order_id).iterdir()) == [
        "print.jpg", "shot-1.jpg"]


def test_an_unpaid_order_queues_nothing(
    uploader: PhotoUploader, store: Store, client: BackendClient,
) -> None:
    from tests.sync.conftest import make_order

    order_id = make_order(store)
    answer = client.generate_qr(order_id, "sandbox", 15_000)
    with store.transaction() as session:
        row = session.get(Order, order_id)
        assert row is not None
        row.photos_url, row.print_file = answer.photos_url, "/nonexistent/print.jpg"
        session.add(row)
    assert uploader.run_once() == 0
    assert uploads(store, order_id) == {}


def _rows(store: Store, order_id: str) -> list[PhotoUpload]:
    with store.reading() as session:
        return list(session.exec(select(PhotoUpload).where(PhotoUpload.order_id == order_id)))


def test_jpeg_bytes_with_gps_really_carry_it() -> None:
    # A guard for the fixture: the EXIF test above would pass on files that never had any.
    with Image.open(io.BytesIO(jpeg_bytes(gps=True))) as image:
        assert image.getexif().get_ifd(0x8825)
