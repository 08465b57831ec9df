"""The customer switches provider on a pending order: over real HTTP, with each provider's
own protocol paying (or refusing to pay twice), on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import html
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from backend.local_server import BackendServer
from tests.backend.conftest import new_order_id, race, status_of
from tests.backend.test_click import ClickClient, trans_id
from tests.backend.test_payme import Payme, create, error_code, tx_id
from tests.backend.test_webpay import stored

AMOUNT = 1000


def generate(kiosk: httpx.Client, order_id: str, payment_type: str,
             amount: int = AMOUNT, **extra: Any) -> httpx.Response:
    return kiosk.post("/api/generate-qr", json={"order_id": order_id, "paymentType": payment_type,
                                               "amount": amount, **extra})


def qr(kiosk: httpx.Client, order_id: str, payment_type: str, **extra: Any) -> dict[str, Any]:
    answer = generate(kiosk, order_id, payment_type, **extra)
    assert answer.status_code == 200, answer.text
    return answer.json()


def payme_params(url: str) -> dict[str, str]:
    encoded = url.rsplit("/", 1)[1]
    pairs = base64.b64decode(encoded).decode().split(";")
    return dict(pair.split("=", 1) for pair in pairs)


@pytest.fixture
def click(http: httpx.Client) -> ClickClient:
    return ClickClient(http)


@pytest.fixture
def order_id() -> str:
    return new_order_id()


# --- the contract ---------------------------------------------------------------------------


def test_switch_with_no_attempt_answers_the_other_providers_url(
    kiosk: httpx.Client, order_id: str
) -> None:
    payme = qr(kiosk, order_id, "payme")
    click = qr(kiosk, order_id, "click")
    assert click["payment_url"].startswith("https://my.click.uz/services/pay?")
    assert parse_qs(urlparse(click["payment_url"]).query)["transaction_param"] == [order_id]
    same_terms = ("order_id", "amount", "currency", "status", "expires_at")
    assert [click[k] for k in same_terms] == [payme[k] for k in same_terms]
    assert status_of(kiosk, order_id)["method"] == "click"


def test_switching_is_idempotent_per_type(kiosk: httpx.Client, order_id: str) -> None:
    payme = qr(kiosk, order_id, "payme")
    click = qr(kiosk, order_id, "click")
    assert qr(kiosk, order_id, "payme") == payme
    assert qr(kiosk, order_id, "payme") == payme
    assert qr(kiosk, order_id, "click") == click


def test_switch_while_a_payme_transaction_is_in_progress_is_409_naming_it(
    kiosk: httpx.Client, payme: Payme, order_id: str
) -> None:
    first = qr(kiosk, order_id, "payme")
    assert "result" in create(payme, order_id, tx_id())
    answer = generate(kiosk, order_id, "click")
    assert answer.status_code == 409
    assert answer.json()["in_progress"] == "payme"
    assert "payme" in answer.json()["detail"]
    assert qr(kiosk, order_id, "payme") == first


def test_switch_while_a_click_prepare_is_in_progress_is_409_naming_it(
    kiosk: httpx.Client, click: ClickClient, order_id: str
) -> None:
    qr(kiosk, order_id, "click")
    assert click.prepare(order_id, trans_id())["error"] == 0
    answer = generate(kiosk, order_id, "payme")
    assert (answer.status_code, answer.json()["in_progress"]) == (409, "click")


def test_switch_after_the_payme_transaction_was_cancelled(
    kiosk: httpx.Client, payme: Payme, order_id: str
) -> None:
    qr(kiosk, order_id, "payme")
    transaction = tx_id()
    create(payme, order_id, transaction)
    assert payme("CancelTransaction", {"id": transaction, "reason": 3})["result"]["state"] == -1
    assert qr(kiosk, order_id, "click")["status"] == "pending"


def test_switch_after_click_cancelled_its_prepare(
    kiosk: httpx.Client, click: ClickClient, order_id: str
) -> None:
    qr(kiosk, order_id, "click")
    trans = trans_id()
    prepared = click.prepare(order_id, trans)
    assert click.complete(order_id, trans, prepared["merchant_prepare_id"],
                          error="-5017")["error"] == -9
    assert qr(kiosk, order_id, "payme")["status"] == "pending"


@pytest.mark.parametrize(("settle", "status"), [("pay", "paid"), ("decline", "failed"),
                                                 ("cancel", "cancelled")])
def test_switching_a_settled_order_is_409_with_its_status(
    kiosk: httpx.Client, backend: BackendServer, order_id: str, settle: str, status: str
) -> None:
    qr(kiosk, order_id, "sandbox")
    if settle == "cancel":
        kiosk.post(f"/api/orders/{order_id}/cancel")
    else:
        getattr(backend, f"sandbox_{settle}")(order_id)
    answer = generate(kiosk, order_id, "payme")
    assert (answer.status_code, answer.json()["status"]) == (409, status)
    assert status in answer.json()["detail"]
    # The same call as before still answers: a kiosk retrying learns nothing new.
    assert qr(kiosk, order_id, "sandbox")["status"] == status


def test_switch_to_a_provider_in_another_currency_is_409(
    kiosk: httpx.Client, order_id: str
) -> None:
    qr(kiosk, order_id, "payme")
    answer = generate(kiosk, order_id, "webpay")
    assert answer.status_code == 409
    assert "UZS" in answer.json()["detail"] and "BYN" in answer.json()["detail"]


def test_a_switch_is_a_payment_event(
    kiosk: httpx.Client, backend: BackendServer, order_id: str
) -> None:
    qr(kiosk, order_id, "payme")
    qr(kiosk, order_id, "click", language="uz")
    qr(kiosk, order_id, "click", language="uz")
    rows = stored(backend, "SELECT e.kind, e.reason FROM payment_events e JOIN orders o "
                           "ON o.id = e.order_pk WHERE o.order_id = :o ORDER BY e.id", o=order_id)
    assert [kind for kind, _ in rows] == ["order.created", "order.offered"]
    assert "payme to click" in rows[1][1]


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("payment_type", ["bitcoin", "PAYME", " "])
def test_an_unknown_payment_type_is_400_with_the_allowed_ones(
    kiosk: httpx.Client, order_id: str, payment_type: str
) -> None:
    answer = generate(kiosk, order_id, payment_type)
    assert answer.status_code == 400
    allowed = ["click", "payme", "sandbox", "webpay"]
    assert answer.json()["allowed"] == allowed
    assert ", ".join(allowed) in answer.json()["detail"]
    assert kiosk.get(f"/api/payment-status/{order_id}").status_code == 404


@pytest.mark.parametrize("language", ["de", "", "RU", 1])
def test_an_unknown_language_is_refused_with_the_reason(
    kiosk: httpx.Client, order_id: str, language: Any
) -> None:
    answer = generate(kiosk, order_id, "payme", language=language)
    assert answer.status_code == 422
    assert "language" in answer.json()["detail"]


# --- money is safe across a switch ------------------------------------------------------------


def test_pay_by_the_first_provider_after_switching(
    kiosk: httpx.Client, payme: Payme, click: ClickClient, order_id: str
) -> None:
    """Scanned the Payme QR, switched to Click, then paid in the still-open Payme page."""
    qr(kiosk, order_id, "payme")
    qr(kiosk, order_id, "click")
    account = {"order_id": order_id}
    assert payme("CheckPerformTransaction",
                 {"amount": AMOUNT * 100, "account": account})["result"] == {"allow": True}
    transaction = tx_id()
    assert "result" in create(payme, order_id, transaction)
    assert payme("PerformTransaction", {"id": transaction})["result"]["state"] == 2
    status = status_of(kiosk, order_id)
    assert (status["status"], status["method"], status["transaction_id"]) == (
        "paid", "payme", transaction)
    # Click cannot take the money a second time.
    assert click.prepare(order_id, trans_id())["error"] == -4
    assert status_of(kiosk, order_id)["transaction_id"] == transaction


def test_paid_by_click_after_switching_payme_refuses_a_second_payment(
    kiosk: httpx.Client, payme: Payme, click: ClickClient, order_id: str
) -> None:
    qr(kiosk, order_id, "payme")
    qr(kiosk, order_id, "click")
    trans = trans_id()
    prepared = click.prepare(order_id, trans)
    assert click.complete(order_id, trans, prepared["merchant_prepare_id"])["error"] == 0
    assert error_code(payme("CheckPerformTransaction", {
        "amount": AMOUNT * 100, "account": {"order_id": order_id}})) == -31008
    assert error_code(create(payme, order_id, tx_id())) == -31008
    status = status_of(kiosk, order_id)
    assert (status["status"], status["method"], status["transaction_id"]) == (
        "paid", "click", trans)
    assert generate(kiosk, order_id, "payme").json()["status"] == "paid"


def test_payme_create_racing_click_prepare_exactly_one_wins(
    kiosk: httpx.Client, payme: Payme, click: ClickClient
) -> None:
    for _ in range(8):
        order_id = new_order_id()
        qr(kiosk, order_id, "payme")
        qr(kiosk, order_id, "click")
        payme_tx, click_tx = tx_id(), trans_id()
        created, prepared = race(lambda o=order_id, t=payme_tx: create(payme, o, t),
                                 lambda o=order_id, t=click_tx: click.prepare(o, t))
        payme_won, click_won = "result" in created, prepared["error"] == 0
        assert payme_won != click_won, (created, prepared)
        if payme_won:
            assert prepared["error"] == -7  # the order is reserved by Payme
            assert payme("PerformTransaction", {"id": payme_tx})["result"]["state"] == 2
            assert click.prepare(order_id, trans_id())["error"] == -4
            method, transaction = "payme", payme_tx
        else:
            assert error_code(created) == -31008
            done = click.complete(order_id, click_tx, prepared["merchant_prepare_id"])
            assert done["error"] == 0
            assert error_code(create(payme, order_id, tx_id())) == -31008
            method, transaction = "click", click_tx
        status = status_of(kiosk, order_id)
        assert (status["status"], status["method"], status["transaction_id"]) == (
            "paid", method, transaction)


# --- the provider's page in the customer's language --------------------------------------------


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_payme_link_carries_the_language_and_a_return_url(
    kiosk: httpx.Client, backend: BackendServer, order_id: str, language: str
) -> None:
    params = payme_params(qr(kiosk, order_id, "payme", language=language)["payment_url"])
    assert params["l"] == language
    assert params["c"] == f"{backend.url}/return/{order_id}/{language}"
    assert (params["ac.order_id"], params["a"]) == (order_id, str(AMOUNT * 100))


def test_a_payme_link_without_a_language_asks_for_russian(
    kiosk: httpx.Client, backend: BackendServer, order_id: str
) -> None:
    params = payme_params(qr(kiosk, order_id, "payme")["payment_url"])
    assert (params["l"], params["c"]) == ("ru", f"{backend.url}/return/{order_id}")


def test_click_link_carries_a_return_url_in_the_language(
    kiosk: httpx.Client, http: httpx.Client, backend: BackendServer, order_id: str
) -> None:
    url = qr(kiosk, order_id, "click", language="uz")["payment_url"]
    (back,) = parse_qs(urlparse(url).query)["return_url"]
    assert back == f"{backend.url}/return/{order_id}/uz"
    page = http.get(back.replace(backend.url, ""))
    assert page.status_code == 200 and "Rahmat" in page.text


@pytest.mark.parametrize(("language", "form_language"),
                         [("en", "english"), ("ru", "russian"), ("uz", "russian")])
def test_webpay_form_carries_wsb_language_id(
    kiosk: httpx.Client, http: httpx.Client, backend: BackendServer, order_id: str,
    language: str, form_language: str
) -> None:
    url = qr(kiosk, order_id, "webpay", amount=10, language=language)["payment_url"]
    page = http.get(url.replace(backend.url, ""))
    fields = {html.unescape(name): html.unescape(value) for name, value in
              re.findall(r"name='([^']*)' value='([^']*)'", page.text)}
    assert fields["wsb_language_id"] == form_language
    assert fields["wsb_return_url"] == f"{backend.url}/return/{order_id}/{language}"


def test_a_language_change_gives_the_link_in_that_language(
    kiosk: httpx.Client, order_id: str
) -> None:
    russian = qr(kiosk, order_id, "payme", language="ru")
    english = qr(kiosk, order_id, "payme", language="en")
    assert payme_params(english["payment_url"])["l"] == "en"
    assert english["expires_at"] == russian["expires_at"]


@pytest.mark.parametrize(("language", "words"), [("uz", "Rahmat"), ("ru", "Спасибо"),
                                                 ("en", "Thank you")])
def test_the_return_page_speaks_the_customers_language(
    http: httpx.Client, language: str, words: str
) -> None:
    page = http.get(f"/return/{new_order_id()}/{language}")
    assert page.status_code == 200 and words in page.text


# --- what the booth asks at start ---------------------------------------------------------------


def test_devices_me_names_the_device_and_the_enabled_providers(
    kiosk: httpx.Client, backend: BackendServer
) -> None:
    me = kiosk.get("/api/devices/me").json()
    assert me["name"] == "test-kiosk"
    assert me["providers"] == ["click", "payme", "sandbox", "webpay"]
