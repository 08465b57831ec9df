"""Photos on the customer's phone: the link in generate-qr, uploads, the page, expiry."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from tests.backend.conftest import new_order_id
from tests.harness.photo_files import jpeg_bytes
from tests.harness.waiting import wait_for

PRIVATE = {"cache-control": "private", "x-robots-tag": "noindex",
           "referrer-policy": "no-referrer"}


def qr(kiosk: httpx.Client, order_id: str) -> dict:
    answer = kiosk.post("/api/generate-qr",
                        json={"order_id": order_id, "paymentType": "sandbox", "amount": 1000})
    assert answer.status_code == 200, answer.text
    return answer.json()


def put(client: httpx.Client, order_id: str, name: str, body: bytes,
        content_type: str = "image/jpeg") -> httpx.Response:
    return client.put(f"/api/orders/{order_id}/photos/{name}", content=body,
                      headers={"Content-Type": content_type})


def token_of(photos_url: str) -> str:
    return photos_url.rsplit("/p/", 1)[1]


def assert_private(response: httpx.Response) -> None:
    for header, word in PRIVATE.items():
        assert word in response.headers.get(header, ""), (header, response.headers)


@pytest.fixture
def paid_order(kiosk: httpx.Client, backend: BackendServer) -> Callable[[], tuple[str, str]]:
    def make() -> tuple[str, str]:
        order_id = new_order_id()
        url = qr(kiosk, order_id)["photos_url"]
        backend.sandbox_pay(order_id)
        return order_id, url

    return make


def test_generate_qr_answers_a_photos_url_with_a_random_128_bit_token(
    kiosk: httpx.Client, backend: BackendServer
) -> None:
    order_id = new_order_id()
    first = qr(kiosk, order_id)
    assert first["photos_url"].startswith(f"{backend.url}/p/")
    token = token_of(first["photos_url"])
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", token)  # 18 random bytes = 144 bits
    assert order_id not in token
    assert qr(kiosk, order_id)["photos_url"] == first["photos_url"]
    assert token_of(qr(kiosk, new_order_id())["photos_url"]) != token


def test_the_database_keeps_only_the_token_hash(kiosk: httpx.Client,
                                                backend: BackendServer) -> None:
    if not backend.database_url.startswith("sqlite"):
        pytest.skip("read through the SQLite file")
    token = token_of(qr(kiosk, new_order_id())["photos_url"])
    dump = "\n".join(sqlite3.connect(backend.database_url.removeprefix("sqlite:///"))
                     .iterdump())
    assert token not in dump
    assert hashlib.sha256(token.encode()).hexdigest() in dump


def test_an_upload_is_stored_and_the_same_bytes_again_answer_200(
    kiosk: httpx.Client, paid_order: Callable[[], tuple[str, str]], backend: BackendServer
) -> None:
    order_id, _url = paid_order()
    body = jpeg_bytes()
    first = put(kiosk, order_id, "print.jpg", body)
    assert first.status_code == 201, first.text
    assert first.json()["sha256"] == hashlib.sha256(body).hexdigest()
    assert put(kiosk, order_id, "print.jpg", body).status_code == 200
    stored = Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id / "print.jpg"
    assert stored.read_bytes() == body
    assert [p.name for p in stored.parent.iterdir()] == ["print.jpg"]


def test_other_bytes_under_the_same_name_are_a_conflict(
    kiosk: httpx.Client, paid_order: Callable[[], tuple[str, str]], backend: BackendServer
) -> None:
    order_id, _url = paid_order()
    body = jpeg_bytes()
    assert put(kiosk, order_id, "shot-1.jpg", body).status_code == 201
    answer = put(kiosk, order_id, "shot-1.jpg", jpeg_bytes(color=(0, 0, 255)))
    assert answer.status_code == 409
    assert "other content" in answer.json()["detail"]
    stored = Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id / "shot-1.jpg"
    assert stored.read_bytes() == body


@pytest.mark.parametrize(
    ("name", "body", "content_type", "status", "fragment"),
    [
        ("print.jpg", b"GIF89a not a jpeg", "image/jpeg", 415, "JPEG"),
        ("print.jpg", jpeg_bytes()[:-200], "image/jpeg", 415, "JPEG"),
        ("print.jpg", jpeg_bytes(), "image/png", 415, "image/jpeg"),
        ("photo.png", jpeg_bytes(), "image/jpeg", 422, "print.jpg or shot-N.jpg"),
        ("shot-0.jpg", jpeg_bytes(), "image/jpeg", 422, "print.jpg or shot-N.jpg"),
        ("..%2F..%2Fescape.jpg", jpeg_bytes(), "image/jpeg", 404, "Not Found"),
    ],
)
def test_what_is_not_a_jpeg_under_a_photo_name_is_refused(
    kiosk: httpx.Client, paid_order: Callable[[], tuple[str, str]], name: str, body: bytes,
    content_type: str, status: int, fragment: str,
) -> None:
    order_id, _url = paid_order()
    answer = put(kiosk, order_id, name, body, content_type)
    assert answer.status_code == status, answer.text
    assert fragment in answer.json()["detail"]


def test_an_oversized_upload_is_refused_and_leaves_nothing(
    kiosk: httpx.Client, paid_order: Callable[[], tuple[str, str]], backend: BackendServer
) -> None:
    order_id, _url = paid_order()
    body = jpeg_bytes()[:-2] + b"\0" * (20 * 1024 * 1024) + b"\xff\xd9"
    answer = put(kiosk, order_id, "print.jpg", body)
    assert answer.status_code == 413
    assert "at most" in answer.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        yield body[:1024]
        for start in range(1024, len(body), 1 << 20):
            yield body[start:start + (1 << 20)]

    streamed = kiosk.put(f"/api/orders/{order_id}/photos/print.jpg", content=chunks(),
                         headers={"Content-Type": "image/jpeg"})
    assert streamed.status_code == 413
    media = Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id
    assert not media.exists() or list(media.iterdir()) == []


def test_an_unpaid_order_takes_no_photos(kiosk: httpx.Client) -> None:
    order_id = new_order_id()
    qr(kiosk, order_id)
    answer = put(kiosk, order_id, "print.jpg", jpeg_bytes())
    assert answer.status_code == 409
    assert "paid" in answer.json()["detail"]


def test_another_device_cannot_upload_to_an_order(
    backend: BackendServer, paid_order: Callable[[], tuple[str, str]]
) -> None:
    order_id, _url = paid_order()
    other = backend.add_device("other-booth")
    with httpx.Client(base_url=backend.url, headers={"Authorization": f"Bearer {other}"}) as c:
        assert put(c, order_id, "print.jpg", jpeg_bytes()).status_code == 404
    with httpx.Client(base_url=backend.url, headers={"Authorization": "Bearer forged"}) as c:
        assert put(c, order_id, "print.jpg", jpeg_bytes()).status_code == 401
    with httpx.Client(base_url=backend.url) as c:
        assert put(c, order_id, "print.jpg", jpeg_bytes()).status_code == 401


def test_the_page_shows_each_photo_with_a_download_and_is_private(
    kiosk: httpx.Client, http: httpx.Client, paid_order: Callable[[], tuple[str, str]]
) -> None:
    order_id, url = paid_order()
    token = token_of(url)
    shot, printed = jpeg_bytes(color=(0, 200, 0)), jpeg_bytes(120, 80)
    assert put(kiosk, order_id, "shot-1.jpg", shot).status_code == 201
    waiting = http.get(f"/p/{token}", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert waiting.status_code == 200
    assert_private(waiting)
    assert "ещё загружаются" in waiting.text and "http-equiv='refresh'" in waiting.text
    assert put(kiosk, order_id, "print.jpg", printed).status_code == 201
    page = http.get(f"/p/{token}", headers={"Accept-Language": "en"})
    assert "refresh" not in page.text
    assert page.text.count("?download=1") == 2 and "id='share'" in page.text
    photo = http.get(f"/p/{token}/print.jpg")
    assert photo.status_code == 200 and photo.content == printed
    assert photo.headers["content-type"] == "image/jpeg"
    assert_private(photo)
    download = http.get(f"/p/{token}/shot-1.jpg", params={"download": 1})
    assert download.content == shot
    assert download.headers["content-disposition"].startswith("attachment")


def test_guessed_tokens_and_unpaid_orders_are_not_found(
    kiosk: httpx.Client, http: httpx.Client, paid_order: Callable[[], tuple[str, str]]
) -> None:
    order_id, url = paid_order()
    token = token_of(url)
    flipped = ("A" if token[0] != "A" else "B") + token[1:]
    unpaid = token_of(qr(kiosk, new_order_id())["photos_url"])
    for guess in (order_id, flipped, token[:-1], "x" * 200, unpaid):
        answer = http.get(f"/p/{guess}")
        assert answer.status_code == 404, guess
        assert_private(answer)
        assert http.get(f"/p/{guess}/print.jpg").status_code == 404


@pytest.fixture(scope="module")
def short_lived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    """Its own backend: this test moves the clock, and the sweeper runs every 0.2 s."""
    server = start_backend(tmp_path_factory.mktemp("photo-expiry"), extra_env={
        "BOOTH_PHOTO_KEEP_DAYS": "30", "BOOTH_ALERT_INTERVAL_SECONDS": "0.2"})
    yield server
    server.stop()


def test_after_the_keep_days_the_page_is_gone_and_the_files_deleted(
    short_lived: BackendServer,
) -> None:
    auth = {"Authorization": f"Bearer {short_lived.token}"}
    with httpx.Client(base_url=short_lived.url, headers=auth, timeout=30) as kiosk:
        order_id = new_order_id()
        token = token_of(qr(kiosk, order_id)["photos_url"])
        short_lived.sandbox_pay(order_id)
        assert put(kiosk, order_id, "print.jpg", jpeg_bytes()).status_code == 201
        media = Path(short_lived.env["BOOTH_MEDIA_DIR"]) / order_id
        assert (media / "print.jpg").exists()
        assert kiosk.get(f"/p/{token}").status_code == 200
        kiosk.post("/sandbox/clock", json={"seconds": 29 * 86_400})
        assert kiosk.get(f"/p/{token}").status_code == 200
        kiosk.post("/sandbox/clock", json={"seconds": 2 * 86_400})
        gone = kiosk.get(f"/p/{token}", headers={"Accept-Language": "uz"})
        assert gone.status_code == 410 and "Muddati tugadi" in gone.text
        assert_private(gone)
        wait_for(lambda: not media.exists(), "the sweeper deleted the order's photos")
        assert kiosk.get(f"/p/{token}/print.jpg").status_code == 410


def delivered_at(backend: BackendServer, order_id: str) -> object:
    with sqlite3.connect(backend.database_url.removeprefix("sqlite:///")) as db:
        return db.execute("SELECT delivered_at FROM orders WHERE order_id = ?",
                          (order_id,)).fetchone()[0]


@pytest.mark.parametrize(("digital", "delivered"), [(True, True), (False, False)])
def test_a_phone_only_order_is_delivered_when_the_booth_has_its_photos_on_the_page(
    kiosk: httpx.Client, backend: BackendServer, paid_order: Callable[[], tuple[str, str]],
    digital: bool, delivered: bool,
) -> None:
    if not backend.database_url.startswith("sqlite"):
        pytest.skip("read through the SQLite file")
    order_id, _url = paid_order()
    event = {"key": f"k-{order_id}", "at": 1_765_000_000.0, "kind": "photos.delivered",
             "subject": order_id, "reason": "every photo is on the page",
             "data": {"digital": digital}}
    answer = kiosk.post("/api/devices/events", json={"events": [event]},
                        headers={"Idempotency-Key": f"b-{order_id}"})
    assert answer.status_code == 200, answer.text
    # A printed package is delivered by its print, not by its photos.
    assert (delivered_at(backend, order_id) is not None) is delivered
