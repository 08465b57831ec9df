"""Providers' numbers are bounded and WebPay's fields checked before its signature is trusted."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

import httpx
import pytest

from backend.local_server import BackendServer
from tests.backend.conftest import CLICK_SECRET, CLICK_SERVICE_ID, WEBPAY_SECRET, payme_auth

WEBPAY_SIGNED = ("batch_timestamp", "currency_id", "amount", "payment_method", "order_id",
                 "site_order_id", "transaction_id", "payment_type", "rrn")


def new_order(server: BackendServer, provider: str, amount: int,
              order_id: str | None = None) -> str:
    order_id = order_id or f"s-{uuid.uuid4().hex[:12]}"
    answer = httpx.post(f"{server.url}/api/generate-qr",
                        json={"order_id": order_id, "paymentType": provider, "amount": amount},
                        headers={"Authorization": f"Bearer {server.token}"})
    assert answer.status_code == 200, answer.text
    return order_id


def payme(server: BackendServer, method: str, params: dict[str, Any]) -> httpx.Response:
    return httpx.post(f"{server.url}/payme", headers={"Authorization": payme_auth()},
                      json={"jsonrpc": "2.0", "id": 7, "method": method, "params": params})


@pytest.mark.parametrize("method, params", [
    ("CreateTransaction", {"time": 2**63}),
    ("CreateTransaction", {"time": 10**30}),
    ("GetStatement", {"from": 0, "to": 2**64}),
    ("GetStatement", {"from": 10**30, "to": 1}),
])
def test_payme_numbers_out_of_range_answer_invalid_params_over_http_200(
    backend: BackendServer, method: str, params: dict[str, Any],
) -> None:
    if method == "CreateTransaction":
        order_id = new_order(backend, "payme", 1000)
        params = {"id": secrets.token_hex(12), "amount": 100_000,
                  "account": {"order_id": order_id}, **params}
    answer = payme(backend, method, params)
    assert answer.status_code == 200, answer.text
    assert answer.json()["error"]["code"] == -32602


def test_payme_giant_amount_is_a_wrong_amount(backend: BackendServer) -> None:
    order_id = new_order(backend, "payme", 1000)
    answer = payme(backend, "CheckPerformTransaction",
                   {"amount": 10**30, "account": {"order_id": order_id}})
    assert answer.status_code == 200 and answer.json()["error"]["code"] == -31001


def _click_sign(form: dict[str, str]) -> str:
    text = (form["click_trans_id"] + form["service_id"] + CLICK_SECRET
            + form["merchant_trans_id"] + form.get("merchant_prepare_id", "") + form["amount"]
            + form["action"] + form["sign_time"])
    return hashlib.md5(text.encode()).hexdigest()


@pytest.mark.parametrize("path, field, value", [
    ("/click/prepare", "click_trans_id", str(10**30)),
    ("/click/prepare", "click_paydoc_id", str(2**64)),
    ("/click/complete", "merchant_prepare_id", str(2**64)),
    ("/click/prepare", "error", str(10**30)),
])
def test_click_numbers_out_of_range_answer_bad_request_codes(
    backend: BackendServer, path: str, field: str, value: str,
) -> None:
    order_id = new_order(backend, "click", 1000)
    form = {"click_trans_id": "12345", "service_id": CLICK_SERVICE_ID,
            "click_paydoc_id": "777", "merchant_trans_id": order_id, "amount": "1000.00",
            "action": "1" if path.endswith("complete") else "0", "error": "0",
            "error_note": "Success", "sign_time": "2026-11-22 10:00:00"}
    if path.endswith("complete"):
        form["merchant_prepare_id"] = "1"
    form[field] = value
    form["sign_string"] = _click_sign(form)
    answer = httpx.post(f"{backend.url}{path}", data=form)
    assert answer.status_code == 200, answer.text
    assert answer.json()["error"] == -8


def _webpay_signed(form: dict[str, str]) -> dict[str, str]:
    text = "".join(form[name] for name in WEBPAY_SIGNED) + WEBPAY_SECRET
    return {**form, "wsb_signature": hashlib.md5(text.encode()).hexdigest()}


def test_a_webpay_notify_re_split_across_its_fields_is_refused(backend: BackendServer) -> None:
    target = f"x{uuid.uuid4().hex[:12]}"
    own = f"w{target}"  # the forger's own order: paid, its notify genuinely signed
    for order_id in (target, own):
        new_order(backend, "webpay", 10, order_id)
    genuine = _webpay_signed({
        "batch_timestamp": "1795000000", "currency_id": "BYN", "amount": "10.00",
        "payment_method": "test", "order_id": "555", "site_order_id": own,
        "transaction_id": "987654321", "payment_type": "1", "rrn": "123456789012"})
    # The same signature with one letter moved across the order_id | site_order_id boundary.
    forged = {**genuine, "order_id": "555w", "site_order_id": target}
    answer = httpx.post(f"{backend.url}/webpay/notify", data=forged)
    assert answer.status_code == 400 and "order_id" in answer.text, answer.text
    status = httpx.get(f"{backend.url}/api/payment-status/{target}",
                       headers={"Authorization": f"Bearer {backend.token}"})
    assert status.json()["status"] == "pending"
