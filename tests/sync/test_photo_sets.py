"""Photo sets: a retake after payment composes the print again and the booth uploads the
order's photos as the next set. The real backend over HTTP, the real uploader and store:
the page shows the newest set only, an older set arriving late is refused, a retry of the
same bytes is answered as the first time, and a restart between two sets (of the booth and
of the backend) still ends with the final set on the phone."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlmodel import select

from backend.local_server import BackendServer
from kiosk.core import orders
from kiosk.core.models import BoothSession, PhotoUpload
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.payment_record import commit_payment
from sync.photo_preparation import prepare_photo
from sync.photo_uploader import PhotoUploader
from tests.conftest import BackendSpec
from tests.harness.photo_files import jpeg_bytes
from tests.harness.waiting import wait_for
from tests.sync.conftest import local_order, make_client

# A newer set takes the order's row lock and reads the set and its files in one statement:
# PostgreSQL as well as SQLite.
BACKEND = [BackendSpec(), BackendSpec(database="postgres")]
NAMES = ("print.jpg", "shot-1.jpg")


def paid_with_photos(store: Store, client: BackendClient, backend: BackendServer,
                     files: Path) -> str:
    """A pay-first order, paid through the sandbox before any photo, with the photos link."""
    order_id = f"T{uuid.uuid4().hex[:16]}"
    with store.transaction() as db:
        db.add(BoothSession(id=f"S{order_id}", started_at=store.clock(), shots=[]))
        db.flush()
        orders.offer(store, db, order_id=order_id, session_id=f"S{order_id}", copies=0,
                     amount_minor=1_500_000, currency="UZS", provider="sandbox",
                     print_file=None, free=False)
    answer = client.generate_qr(order_id, "sandbox", 15_000)
    with store.transaction() as db:
        orders.accept(store, db, order_id, provider="sandbox", payment_url=answer.payment_url,
                      offered_until=store.clock() + 180, photos_url=answer.photos_url,
                      amount=15_000, language="uz", booth_lifetime=None)
    backend.sandbox_pay(order_id)
    commit_payment(store, client.payment_status(order_id), "paid in the test")
    files.mkdir(parents=True, exist_ok=True)
    return order_id


def compose(store: Store, order_id: str, files: Path, colour: int) -> None:
    """What the booth's review does: the shot taken (again), the print composed (again) and
    made the order's (orders.attach_print_file: the next print version)."""
    shot, print_file = files / "shot-1.jpg", files / "print.jpg"
    shot.write_bytes(jpeg_bytes(90, 60, (colour, 20, 200)))
    print_file.write_bytes(jpeg_bytes(120, 180, (20, colour, 90)))
    with store.transaction() as db:
        booth_session = db.get(BoothSession, f"S{order_id}")
        assert booth_session is not None
        booth_session.shots = [str(shot)]
        db.add(booth_session)
        orders.attach_print_file(db, order_id, str(print_file))


def expected(files: Path, work: Path) -> dict[str, bytes]:
    return {"print.jpg": (files / "print.jpg").read_bytes(),
            "shot-1.jpg": prepare_photo(files / "shot-1.jpg", work / "shot-1.jpg").read_bytes()}


def on_the_phone(url: str) -> dict[str, bytes]:
    page = httpx.get(url, timeout=10)
    assert page.status_code == 200
    return {name: httpx.get(f"{url}/{name}", timeout=10).content
            for name in NAMES if f"/{name}?download=1" in page.text}


def delivered_set(store: Store, order_id: str) -> int | None:
    """The set every upload row is of, once every one is uploaded and the order delivered."""
    with store.reading() as db:
        rows = list(db.exec(select(PhotoUpload).where(PhotoUpload.order_id == order_id)))
    sets = {row.photo_set for row in rows}
    done = rows and all(row.state == "uploaded" for row in rows) and len(sets) == 1
    return sets.pop() if done and local_order(store, order_id).photos_delivered_at else None


def uploads_of(backend: BackendServer, token: str,
               order_id: str) -> Callable[[str, bytes, int], httpx.Response]:
    """PUT name, bytes, set of the order, as its booth (the device that sold it)."""
    def put(name: str, body: bytes, photo_set: int) -> httpx.Response:
        return httpx.put(f"{backend.url}/api/orders/{order_id}/photos/{name}",
                         params={"photo_set": photo_set}, content=body, timeout=10,
                         headers={"Authorization": f"Bearer {token}",
                                  "Content-Type": "image/jpeg"})
    return put


def test_a_late_upload_of_an_older_set_is_refused_and_the_page_keeps_the_newer(
    store: Store, client: BackendClient, backend: BackendServer, device_token: str,
    tmp_path: Path,
) -> None:
    order_id = paid_with_photos(store, client, backend, tmp_path / "files")
    put = uploads_of(backend, device_token, order_id)
    old = {name: jpeg_bytes(80, 60, (200, 10, 10)) for name in NAMES}
    new = {name: jpeg_bytes(80, 60, (10, 10, 200)) for name in NAMES}
    assert put("shot-1.jpg", old["shot-1.jpg"], 1).status_code == 201
    assert put("shot-1.jpg", new["shot-1.jpg"], 2).status_code == 201
    url = local_order(store, order_id).photos_url or ""

    late = put("print.jpg", old["print.jpg"], 1)  # set 1's print, still on the wire
    assert late.status_code == 409 and "replaced by set 2" in late.json()["detail"]
    assert on_the_phone(url) == {"shot-1.jpg": new["shot-1.jpg"]}
    assert put("print.jpg", new["print.jpg"], 2).status_code == 201
    again = put("print.jpg", new["print.jpg"], 2)  # a retry of the same bytes
    assert again.status_code == 200 and again.json()["photo_set"] == 2
    assert put("print.jpg", old["print.jpg"], 2).status_code == 409  # other bytes, same name
    assert on_the_phone(url) == new
    stored = Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id
    assert [p.name for p in stored.iterdir()] == ["set-2"]
    assert sorted(p.name for p in (stored / "set-2").iterdir()) == sorted(NAMES)


def test_a_newer_set_replaces_the_page_from_its_first_photo(
    store: Store, client: BackendClient, backend: BackendServer, device_token: str,
    tmp_path: Path,
) -> None:
    """Never a mix: from the first photo of the new set the page shows that set alone (and
    waits for its print), not the rejected photos beside the new ones."""
    order_id = paid_with_photos(store, client, backend, tmp_path / "files")
    put = uploads_of(backend, device_token, order_id)
    for name in NAMES:
        assert put(name, jpeg_bytes(80, 60, (200, 10, 10)), 1).status_code == 201
    url = local_order(store, order_id).photos_url or ""
    assert httpx.get(f"{url}/shot-1.jpg?w=480", timeout=10).status_code == 200
    new_shot = jpeg_bytes(80, 60, (10, 200, 10))
    assert put("shot-1.jpg", new_shot, 2).status_code == 201
    assert on_the_phone(url) == {"shot-1.jpg": new_shot}
    assert httpx.get(f"{url}/print.jpg", timeout=10).status_code == 404
    stored = Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id
    assert [p.name for p in stored.iterdir()] == ["set-2"]  # set 1's photos and copies: gone


def test_the_uploader_sends_a_retaken_order_again_as_the_next_set(
    store: Store, client: BackendClient, backend: BackendServer, tmp_path: Path,
) -> None:
    files = tmp_path / "files"
    order_id = paid_with_photos(store, client, backend, files)
    uploader = PhotoUploader(client, store, tmp_path / "data", poll_interval=0.2,
                             backoff_base=0.05, backoff_cap=0.2)
    compose(store, order_id, files, 10)
    uploader.start()
    try:
        wait_for(lambda: delivered_set(store, order_id) == 1, "set 1 on the phone")
        url = local_order(store, order_id).photos_url or ""
        assert on_the_phone(url) == expected(files, tmp_path / "first")
        compose(store, order_id, files, 200)  # the retake after payment
        uploader.wake()
        wait_for(lambda: delivered_set(store, order_id) == 2, "set 2 on the phone")
    finally:
        uploader.stop()
    assert on_the_phone(url) == expected(files, tmp_path / "second")
    prepared = tmp_path / "data" / "uploads" / order_id
    assert {p.name: p.read_bytes() for p in prepared.iterdir()} == expected(
        files, tmp_path / "third")  # replaced, not accumulated
    assert [e.data["photo_set"] for e in store.events("photos.replaced", subject=order_id)] \
        == [2]


def test_a_restart_between_the_two_sets_ends_with_the_final_set(
    store: Store, client: BackendClient, backend: BackendServer, device_token: str,
    tmp_path: Path,
) -> None:
    files = tmp_path / "files"
    order_id = paid_with_photos(store, client, backend, files)
    compose(store, order_id, files, 10)
    first = PhotoUploader(client, store, tmp_path / "data", poll_interval=0.2,
                          backoff_base=0.05, backoff_cap=0.2)
    first.start()
    wait_for(lambda: delivered_set(store, order_id) == 1, "set 1 on the phone")
    url = local_order(store, order_id).photos_url or ""
    compose(store, order_id, files, 120)  # retaken while the booth goes down
    first.stop()
    store.close()
    backend.kill()  # the backend is SIGKILLed and comes back on the same database
    backend.start()

    reopened = Store(store.path)
    again = make_client(backend.url, device_token)
    second = PhotoUploader(again, reopened, tmp_path / "data", poll_interval=0.2,
                           backoff_base=0.05, backoff_cap=0.2)
    compose(reopened, order_id, files, 240)  # and once more after the restart
    second.start()
    try:
        wait_for(lambda: delivered_set(reopened, order_id) == 3, "the final set on the phone")
    finally:
        second.stop()
        again.close()
        reopened.close()
    assert on_the_phone(url) == expected(files, tmp_path / "final")


def test_a_refused_photo_of_a_newer_set_changes_nothing_and_leaves_no_folder(
    store: Store, client: BackendClient, backend: BackendServer, device_token: str,
    tmp_path: Path,
) -> None:
    order_id = paid_with_photos(store, client, backend, tmp_path / "files")
    put = uploads_of(backend, device_token, order_id)
    shown = {name: jpeg_bytes(80, 60, (200, 10, 10)) for name in NAMES}
    for name in NAMES:
        assert put(name, shown[name], 1).status_code == 201
    assert put("shot-1.jpg", b"\xff\xd8\xff not a photo \xff\xd9", 2).status_code == 415
    assert on_the_phone(local_order(store, order_id).photos_url or "") == shown
    stored = Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id
    assert sorted(p.name for p in stored.iterdir()) == sorted(NAMES)
