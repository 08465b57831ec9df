"""A backend wired to the provider stand-ins, and paying through each provider as it would."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import secrets
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from backend.local_server import BackendServer, start_backend
from tests.backend.conftest import CLICK_SECRET, CLICK_SERVICE_ID, PAYME_KEY, PROVIDER_ENV
from tests.backend.provider_standins import ClickMerchant, PaymeSubscribe, WebPayOperations

PAYME_MERCHANT = PROVIDER_ENV["BOOTH_PAYME_MERCHANT_ID"]
CLICK_USER_ID = "31337"
FISCAL_ITEMS = {
    "print": {"title": "Photo print 10×15", "spic": "10305001001000000",
              "package_code": "1521379", "units": 0, "vat_percent": 12},
    "digital": {"title": "Digital photos", "spic": "10305001002000000",
                "package_code": "1521380", "units": 0, "vat_percent": 12},
}
FISCAL_TIN = "305123456"
WEBPAY_API = {"login": "booth-api", "password": "webpay-api-secret", "billing_id": "515151"}
_click_ids = itertools.count(20_000_000 + secrets.randbelow(10_000_000))


@dataclass
class Wired:
    server: BackendServer
    payme: PaymeSubscribe
    click: ClickMerchant
    webpay: WebPayOperations

    def booth(self, token: str | None = None) -> httpx.Client:
        return httpx.Client(base_url=self.server.url, timeout=40,
                            headers={"Authorization": f"Bearer {token or self.server.token}"})


def wired_env(payme: PaymeSubscribe, click: ClickMerchant,
              webpay: WebPayOperations | None = None, **extra: str) -> dict[str, str]:
    webpay_api = {} if webpay is None else {
        "BOOTH_WEBPAY_API_URL": f"{webpay.url}/WSBApi",
        "BOOTH_WEBPAY_API_LOGIN": WEBPAY_API["login"],
        "BOOTH_WEBPAY_API_PASSWORD": WEBPAY_API["password"],
        "BOOTH_WEBPAY_BILLING_ID": WEBPAY_API["billing_id"],
    }
    return {
        **PROVIDER_ENV,
        **webpay_api,
        "BOOTH_PAYME_SUBSCRIBE_URL": f"{payme.url}/api",
        "BOOTH_CLICK_API_URL": f"{click.url}/v2/merchant",
        "BOOTH_CLICK_MERCHANT_USER_ID": CLICK_USER_ID,
        "BOOTH_PROVIDER_TIMEOUT_SECONDS": "1",
        "BOOTH_REFUND_RETRY_SECONDS": "0.1",
        "BOOTH_FISCAL_ITEMS": json.dumps(FISCAL_ITEMS, ensure_ascii=False),
        "BOOTH_FISCAL_TIN": FISCAL_TIN,
        **extra,
    }


@contextmanager
def wired_backend(workdir: Path, database_url: str | None = None,
                  **extra: str) -> Iterator[Wired]:
    payme = PaymeSubscribe(PAYME_MERCHANT, PAYME_KEY)
    click = ClickMerchant(CLICK_SERVICE_ID, CLICK_USER_ID, CLICK_SECRET)
    webpay = WebPayOperations(**WEBPAY_API)
    server = None
    try:
        server = start_backend(workdir, database_url=database_url,
                               extra_env=wired_env(payme, click, webpay, **extra))
        payme.backend_url = server.url
        yield Wired(server, payme, click, webpay)
    finally:
        if server is not None:
            server.stop()
        payme.stop()
        click.stop()
        webpay.stop()


def new_order(booth: httpx.Client, payment_type: str, amount: int = 1000,
              copies: int | None = 1) -> str:
    order_id = f"r-{uuid.uuid4().hex[:16]}"
    body: dict[str, Any] = {"order_id": order_id, "paymentType": payment_type,
                            "amount": amount}
    if copies is not None:
        body["copies"] = copies
    answer = booth.post("/api/generate-qr", json=body)
    assert answer.status_code == 200, answer.text
    return order_id


def payme_call(server: BackendServer, method: str, params: dict[str, Any]) -> dict[str, Any]:
    key = base64.b64encode(f"Paycom:{PAYME_KEY}".encode()).decode()
    answer = httpx.post(f"{server.url}/payme", headers={"Authorization": f"Basic {key}"},
                        json={"jsonrpc": "2.0", "id": 7, "method": method, "params": params},
                        timeout=30)
    assert answer.status_code == 200
    return answer.json()


def pay_payme(server: BackendServer, order_id: str, amount_tiyin: int) -> str:
    transaction = secrets.token_hex(12)
    params = {"amount": amount_tiyin, "account": {"order_id": order_id}}
    assert payme_call(server, "CheckPerformTransaction", params)["result"]["allow"] is True
    created = payme_call(server, "CreateTransaction",
                         {"id": transaction, "time": 1_700_000_000_000, **params})
    assert created["result"]["state"] == 1, created
    assert payme_call(server, "PerformTransaction", {"id": transaction})["result"]["state"] == 2
    return transaction


def _click_form(order_id: str, trans: str, paydoc: str, action: str,
                **extra: str) -> dict[str, str]:
    form = {"click_trans_id": trans, "service_id": CLICK_SERVICE_ID, "click_paydoc_id": paydoc,
            "merchant_trans_id": order_id, "amount": "1000.00", "action": action,
            "error": "0", "error_note": "Success", "sign_time": "2026-12-01 10:00:00", **extra}
    signed = (form["click_trans_id"] + form["service_id"] + CLICK_SECRET
              + form["merchant_trans_id"] + form.get("merchant_prepare_id", "")
              + form["amount"] + form["action"] + form["sign_time"])
    form["sign_string"] = hashlib.md5(signed.encode()).hexdigest()
    return form


def pay_click(server: BackendServer, order_id: str) -> str:
    """Prepare and Complete as Click sends them; the payment id (click_paydoc_id)."""
    trans, paydoc = str(next(_click_ids)), str(next(_click_ids))
    prepared = httpx.post(f"{server.url}/click/prepare",
                          data=_click_form(order_id, trans, paydoc, "0")).json()
    assert prepared["error"] == 0, prepared
    done = httpx.post(f"{server.url}/click/complete", data=_click_form(
        order_id, trans, paydoc, "1",
        merchant_prepare_id=str(prepared["merchant_prepare_id"]))).json()
    assert done["error"] == 0, done
    return paydoc


def refund(booth: httpx.Client, order_id: str, reason: str = "printer jammed") -> httpx.Response:
    """The booth's refund request, as the device API takes it."""
    return booth.post(f"/api/orders/{order_id}/refund", json={"reason": reason})


def printed(booth: httpx.Client, order_id: str) -> None:
    """The booth reports the print finished (its outbox's print.printed event)."""
    key = uuid.uuid4().hex
    answer = booth.post("/api/devices/events", headers={"Idempotency-Key": key}, json={
        "events": [{"key": key, "at": time.time(), "kind": "print.printed",
                    "subject": order_id}]})
    assert answer.status_code == 200, answer.text


def status(booth: httpx.Client, order_id: str) -> dict[str, Any]:
    answer = booth.get(f"/api/payment-status/{order_id}")
    assert answer.status_code == 200, answer.text
    return answer.json()


def stored(server: BackendServer, sql: str, **params: Any) -> list[Any]:
    engine = create_engine(server.database_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())
    finally:
        engine.dispose()


def events(server: BackendServer, order_id: str, kind: str) -> list[str]:
    return [row[0] for row in stored(
        server, "SELECT e.reason FROM payment_events e JOIN orders o ON o.id = e.order_pk "
                "WHERE o.order_id = :o AND e.kind = :k ORDER BY e.id", o=order_id, k=kind)]
