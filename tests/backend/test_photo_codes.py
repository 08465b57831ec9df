"""The short photo code: answered with the token, typed at /p/CODE in any case, refused as
the token is, and wrong codes locking the client address."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from contract.photo_codes import code_for_token
from tests.backend.conftest import new_order_id
from tests.harness.photo_files import jpeg_bytes


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    """Its own backend: these tests lock 127.0.0.1 out of code look-ups and move the clock."""
    server = start_backend(tmp_path_factory.mktemp("photo-codes"),
                           extra_env={"BOOTH_PHOTO_KEEP_DAYS": "30"})
    yield server
    server.stop()


@pytest.fixture
def kiosk(coded: BackendServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=coded.url, timeout=40,
                      headers={"Authorization": f"Bearer {coded.token}"}) as client:
        yield client


def qr(kiosk: httpx.Client, order_id: str) -> dict:
    answer = kiosk.post("/api/generate-qr",
                        json={"order_id": order_id, "paymentType": "sandbox", "amount": 1000})
    assert answer.status_code == 200, answer.text
    return answer.json()


def paid(kiosk: httpx.Client, coded: BackendServer) -> tuple[str, str]:
    """A paid order with its print uploaded: (token, code)."""
    order_id = new_order_id()
    answer = qr(kiosk, order_id)
    coded.sandbox_pay(order_id)
    put = kiosk.put(f"/api/orders/{order_id}/photos/print.jpg", content=jpeg_bytes(),
                    headers={"Content-Type": "image/jpeg"})
    assert put.status_code == 201, put.text
    return answer["photos_url"].rsplit("/p/", 1)[1], answer["photos_code"]


def test_generate_qr_answers_the_same_short_code_of_unmistakable_symbols(
    kiosk: httpx.Client,
) -> None:
    order_id = new_order_id()
    first = qr(kiosk, order_id)
    code = first["photos_code"]
    assert re.fullmatch(r"[1-9A-HJKMNP-TV-Z]{8}", code), code  # no 0 I L O U
    assert code == code_for_token(first["photos_url"].rsplit("/p/", 1)[1])
    assert qr(kiosk, order_id)["photos_code"] == code
    assert qr(kiosk, new_order_id())["photos_code"] != code


def test_a_code_in_any_case_or_with_a_hyphen_opens_the_page_of_its_token(
    kiosk: httpx.Client, coded: BackendServer
) -> None:
    token, code = paid(kiosk, coded)
    for typed in (code, code.lower(), f"{code[:4]}-{code[4:].lower()}"):
        answer = kiosk.get(f"/p/{typed}")
        assert answer.status_code == 303, (typed, answer.text)
        assert answer.headers["location"] == f"/p/{token}"
        assert "no-store" in answer.headers["cache-control"]
        page = kiosk.get(f"/p/{typed}", follow_redirects=True)
        assert page.status_code == 200 and "print.jpg" in page.text


def test_the_database_keeps_neither_the_code_nor_the_token(
    kiosk: httpx.Client, coded: BackendServer
) -> None:
    token, code = paid(kiosk, coded)
    dump = "\n".join(sqlite3.connect(coded.database_url.removeprefix("sqlite:///"))
                     .iterdump())
    assert token not in dump and code not in dump


def test_the_code_of_an_unpaid_order_is_refused_as_its_token_is(kiosk: httpx.Client) -> None:
    code = qr(kiosk, new_order_id())["photos_code"]
    answer = kiosk.get(f"/p/{code}", headers={"Accept-Language": "ru"})
    assert answer.status_code == 404 and "Не найдено" in answer.text


def test_the_code_of_an_expired_page_answers_gone(
    kiosk: httpx.Client, coded: BackendServer
) -> None:
    _token, code = paid(kiosk, coded)
    kiosk.post("/sandbox/clock", json={"seconds": 31 * 86_400})
    assert kiosk.get(f"/p/{code}").status_code == 410


def test_five_wrong_codes_lock_the_address_even_for_a_right_code(
    kiosk: httpx.Client, coded: BackendServer
) -> None:
    _token, code = paid(kiosk, coded)
    wrong = "".join("Z" if c != "Z" else "Y" for c in code)
    for _ in range(5):
        assert kiosk.get(f"/p/{wrong}").status_code == 404
    locked = kiosk.get(f"/p/{code}", headers={"Accept-Language": "uz"})
    assert locked.status_code == 429 and "Juda ko&#x27;p urinish" in locked.text
    kiosk.post("/sandbox/clock", json={"seconds": 16 * 60})
    assert kiosk.get(f"/p/{code}").status_code == 303
