"""Garbage at every endpoint: a clear 4xx (or the protocol's own error), never a 500,
never a state change."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.backend.conftest import new_order_id, payme_auth, race, status_of

DEEP = b"[" * 100_000 + b"]" * 100_000
BODIES = [b"", b"null", b"\xff\xfe", b"{", b'{"order_id": null}', DEEP, b'"' + b"x" * 2_000_000
          + b'"', b'{"events": [' + b'{"key": 1},' * 1000 + b"{}]}"]
ENDPOINTS = ["/api/generate-qr", "/api/devices/events", "/payme", "/click/prepare",
             "/click/complete", "/webpay/notify", "/sandbox/clock"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_garbage_bodies_never_cause_a_server_error(
    kiosk: httpx.Client, make_order: Callable[..., str], endpoint: str
) -> None:
    order_id = make_order()
    headers = {"Content-Type": "application/json", "Idempotency-Key": new_order_id()}
    if endpoint == "/payme":
        headers["Authorization"] = payme_auth()
    for body in BODIES:
        response = kiosk.post(endpoint, content=body, headers=headers)
        assert response.status_code < 500, (endpoint, body[:40], response.text[:200])
    assert status_of(kiosk, order_id)["status"] == "pending"


@pytest.mark.parametrize("odd", ["%00", "x" * 65, "..%2F..%2Fetc", "%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7",
                                 "a%20b", "'%3B--"])
def test_odd_order_ids_in_paths_are_refused(
    kiosk: httpx.Client, http: httpx.Client, odd: str
) -> None:
    for response in (
        kiosk.get(f"/api/payment-status/{odd}"),
        kiosk.post(f"/api/orders/{odd}/cancel"),
        http.get(f"/sandbox/pay/{odd}"),
        http.post(f"/sandbox/pay/{odd}/pay"),
        http.get(f"/webpay/pay/{odd}"),
    ):
        assert response.status_code in (404, 422), (odd, response.status_code)


def test_sandbox_clock_refuses_bad_values(http: httpx.Client) -> None:
    for body in ({"seconds": -1}, {"seconds": 1.5}, {"seconds": "1"}, {}):
        assert http.post("/sandbox/clock", json=body).status_code == 422


def test_20_concurrent_generate_qr_for_one_order_make_one_order(kiosk: httpx.Client) -> None:
    order_id = new_order_id()
    body = {"order_id": order_id, "paymentType": "sandbox", "amount": 300}
    answers = race(*[lambda: kiosk.post("/api/generate-qr", json=body)] * 20)
    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.text for answer in answers}) == 1
