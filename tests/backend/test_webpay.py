"""WebPay over real HTTP: the auto-submitting form page and the signed notify."""

from __future__ import annotations

import hashlib
import html
import re
import secrets
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from backend.local_server import BackendServer
from tests.backend.conftest import WEBPAY_SECRET, new_order_id, status_of

NOTIFY_FIELDS = ("batch_timestamp", "currency_id", "amount", "payment_method", "order_id",
                 "site_order_id", "transaction_id", "payment_type", "rrn")


def notify_form(order_id: str, payment_type: str = "1", transaction_id: str | None = None,
                amount: str = "10.00", secret: str = WEBPAY_SECRET) -> dict[str, str]:
    form = {
        "batch_timestamp": "1795000000",
        "currency_id": "BYN",
        "amount": amount,
        "payment_method": "test",
        "order_id": str(secrets.randbelow(10**9)),
        "site_order_id": order_id,
        "transaction_id": transaction_id or str(secrets.randbelow(10**12)),
        "payment_type": payment_type,
        "rrn": "123456789012",
    }
    signed = "".join(form[name] for name in NOTIFY_FIELDS) + secret
    form["wsb_signature"] = hashlib.md5(signed.encode()).hexdigest()
    return form


@pytest.fixture
def webpay_order(make_order: Callable[..., str]) -> str:
    return make_order("webpay", 10)


def notify(http: httpx.Client, form: dict[str, str]) -> httpx.Response:
    return http.post("/webpay/notify", data=form)


def stored(backend: BackendServer, sql: str, **params: Any) -> list[Any]:
    engine = create_engine(backend.database_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())
    finally:
        engine.dispose()


def raw_payload(backend: BackendServer, order_id: str) -> dict[str, Any] | None:
    import json

    value = stored(backend, "SELECT payment_raw FROM orders WHERE order_id = :o", o=order_id)[0][0]
    return json.loads(value) if isinstance(value, str) else value


def test_qr_url_leads_to_a_page_that_auto_submits_the_signed_form(
    kiosk: httpx.Client, http: httpx.Client, backend: BackendServer
) -> None:
    order_id = new_order_id()
    qr = kiosk.post("/api/generate-qr",
                    json={"order_id": order_id, "paymentType": "webpay", "amount": 10}).json()
    assert qr["payment_url"] == f"{backend.url}/webpay/pay/{order_id}"
    assert qr["currency"] == "BYN"
    page = http.get(qr["payment_url"])
    assert page.status_code == 200
    assert "action='https://securesandbox.webpay.by/'" in page.text and "submit()" in page.text
    fields = {html.unescape(name): html.unescape(value) for name, value in
              re.findall(r"name='([^']*)' value='([^']*)'", page.text)}
    assert fields["wsb_order_num"] == order_id and fields["wsb_total"] == "10.00"
    assert fields["wsb_notify_url"] == f"{backend.url}/webpay/notify"
    signed = (fields["wsb_seed"] + fields["wsb_storeid"] + order_id + fields["wsb_test"]
              + fields["wsb_currency_id"] + fields["wsb_total"] + WEBPAY_SECRET)
    assert fields["wsb_signature"] == hashlib.sha1(signed.encode()).hexdigest()


def test_good_notify_pays_the_order_and_keeps_the_payload(
    http: httpx.Client, kiosk: httpx.Client, backend: BackendServer, webpay_order: str
) -> None:
    form = notify_form(webpay_order)
    assert notify(http, form).status_code == 200
    status = status_of(kiosk, webpay_order)
    assert (status["status"], status["method"], status["transaction_id"]) == (
        "paid", "webpay", form["transaction_id"],
    )
    assert raw_payload(backend, webpay_order) == form


def test_forged_notify_is_refused_and_changes_nothing(
    http: httpx.Client, kiosk: httpx.Client, backend: BackendServer, webpay_order: str
) -> None:
    forged = notify_form(webpay_order, secret="guessed")
    assert notify(http, forged).status_code == 403
    assert status_of(kiosk, webpay_order)["status"] == "pending"
    assert raw_payload(backend, webpay_order) is None


def test_repeated_notify_answers_200_and_changes_nothing(
    http: httpx.Client, kiosk: httpx.Client, backend: BackendServer, webpay_order: str
) -> None:
    form = notify_form(webpay_order)
    notify(http, form)
    paid_at = status_of(kiosk, webpay_order)["paid_at"]
    assert notify(http, form).status_code == 200
    assert status_of(kiosk, webpay_order)["paid_at"] == paid_at
    rows = stored(backend, "SELECT count(*) FROM payment_events e JOIN orders o "
                  "ON o.id = e.order_pk WHERE o.order_id = :o AND e.kind = 'webpay.notify'",
                  o=webpay_order)
    assert rows[0][0] == 1


@pytest.mark.parametrize(
    ("payment_type", "expected"),
    [("1", "paid"), ("4", "paid"), ("2", "failed"), ("8", "failed"), ("3", "pending"),
     ("7", "cancelled"), ("5", "refunded"), ("11", "refunded"), ("6", "pending"),
     ("9", "pending"), ("10", "pending")],
)
def test_each_payment_type_maps_to_its_status(
    http: httpx.Client, kiosk: httpx.Client, backend: BackendServer, webpay_order: str,
    payment_type: str, expected: str,
) -> None:
    form = notify_form(webpay_order, payment_type)
    assert notify(http, form).status_code == 200
    assert status_of(kiosk, webpay_order)["status"] == expected
    assert raw_payload(backend, webpay_order) == form


def test_refund_after_payment_refunds_and_a_late_retry_of_the_payment_changes_nothing(
    http: httpx.Client, kiosk: httpx.Client, webpay_order: str
) -> None:
    transaction = "7001" + str(secrets.randbelow(10**6))
    paid = notify_form(webpay_order, "1", transaction)
    notify(http, paid)
    notify(http, notify_form(webpay_order, "5", transaction))
    assert status_of(kiosk, webpay_order)["status"] == "refunded"
    assert notify(http, paid).status_code == 200
    assert status_of(kiosk, webpay_order)["status"] == "refunded"


def test_payment_after_the_kiosk_gave_up_is_honoured(
    http: httpx.Client, kiosk: httpx.Client, webpay_order: str
) -> None:
    transaction = "7002" + str(secrets.randbelow(10**6))
    notify(http, notify_form(webpay_order, "3", transaction))
    assert kiosk.post(f"/api/orders/{webpay_order}/cancel").json()["status"] == "cancelled"
    assert notify(http, notify_form(webpay_order, "1", transaction)).status_code == 200
    assert status_of(kiosk, webpay_order)["status"] == "paid"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"amount": "11.00"}, 400),
        ({"amount": "10.001"}, 400),
        ({"amount": "1e999999999"}, 400),
        ({"payment_type": "99"}, 400),
        ({"site_order_id": "no-such-order"}, 404),
        ({"site_order_id": "<script>"}, 400),  # not an order id: malformed
    ],
)
def test_bad_notifies_are_refused_and_change_nothing(
    http: httpx.Client, kiosk: httpx.Client, webpay_order: str, change: dict[str, str],
    code: int,
) -> None:
    form = notify_form(webpay_order)
    form.update(change)
    signed = "".join(form[name] for name in NOTIFY_FIELDS) + WEBPAY_SECRET
    form["wsb_signature"] = hashlib.md5(signed.encode()).hexdigest()
    assert notify(http, form).status_code == code
    assert status_of(kiosk, webpay_order)["status"] == "pending"


@pytest.mark.parametrize("missing", ["transaction_id", "wsb_signature", "payment_type"])
def test_notify_missing_a_field_is_400(
    http: httpx.Client, webpay_order: str, missing: str
) -> None:
    form = notify_form(webpay_order)
    del form[missing]
    response = notify(http, form)
    assert response.status_code == 400 and missing in response.text


def test_undecodable_notify_is_400(http: httpx.Client) -> None:
    response = http.post("/webpay/notify", content=b"\xff\xfe\x00",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400


def test_form_page_for_an_unknown_order_is_404(http: httpx.Client) -> None:
    assert http.get(f"/webpay/pay/{new_order_id()}").status_code == 404


def test_a_second_payment_for_a_paid_order_is_recorded_for_a_refund(
    http: httpx.Client, kiosk: httpx.Client, backend: BackendServer, webpay_order: str
) -> None:
    backend.sandbox_pay(webpay_order)
    form = notify_form(webpay_order)
    assert notify(http, form).status_code == 200
    assert notify(http, form).status_code == 200
    assert status_of(kiosk, webpay_order)["method"] == "sandbox"
    rows = stored(backend, "SELECT e.kind FROM payment_events e JOIN orders o "
                  "ON o.id = e.order_pk WHERE o.order_id = :o AND e.kind LIKE 'webpay.%'",
                  o=webpay_order)
    assert sorted(kind for (kind,) in rows) == ["webpay.double_payment", "webpay.notify"]
