"""Click SHOP API over real HTTP: every row of Click's own test list, then bad input."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.backend.conftest import CLICK_SECRET, CLICK_SERVICE_ID, new_order_id, status_of

_click_ids = itertools.count(10_000_000 + (hash(new_order_id()) % 10_000_000))


class ClickClient:
    """Speaks like Click: form-encoded requests signed with the shared secret."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    @staticmethod
    def sign(form: dict[str, str], secret: str = CLICK_SECRET) -> str:
        text = (
            form["click_trans_id"] + form["service_id"] + secret + form["merchant_trans_id"]
            + form.get("merchant_prepare_id", "") + form["amount"] + form["action"]
            + form["sign_time"]
        )
        return hashlib.md5(text.encode()).hexdigest()

    def form(self, order_id: str, click_trans_id: str, amount: str = "1000.00", **extra: str):
        form = {
            "click_trans_id": click_trans_id,
            "service_id": CLICK_SERVICE_ID,
            "click_paydoc_id": str(next(_click_ids)),
            "merchant_trans_id": order_id,
            "amount": amount,
            "action": "0",
            "error": "0",
            "error_note": "Success",
            "sign_time": "2026-11-22 10:00:00",
        }
        form.update(extra)
        return form

    def post(self, path: str, form: dict[str, str], *, sign: bool = True) -> dict[str, Any]:
        if sign:
            form = {**form, "sign_string": self.sign(form)}
        response = self.http.post(path, data=form)
        assert response.status_code == 200
        return response.json()

    def prepare(self, order_id: str, click_trans_id: str, **extra: str) -> dict[str, Any]:
        return self.post("/click/prepare", self.form(order_id, click_trans_id, **extra))

    def complete(
        self, order_id: str, click_trans_id: str, prepare_id: Any, **extra: str
    ) -> dict[str, Any]:
        form = self.form(order_id, click_trans_id, action="1",
                         merchant_prepare_id=str(prepare_id))
        form.update(extra)
        return self.post("/click/complete", form)


@pytest.fixture
def click(http: httpx.Client) -> ClickClient:
    return ClickClient(http)


@pytest.fixture
def click_order(make_order: Callable[..., str]) -> str:
    return make_order("click", 1000)


def trans_id() -> str:
    return str(next(_click_ids))


def prepared(click: ClickClient, order_id: str) -> tuple[str, int]:
    click_trans_id = trans_id()
    answer = click.prepare(order_id, click_trans_id)
    assert answer["error"] == 0, answer
    return click_trans_id, answer["merchant_prepare_id"]


def test_row_01_prepare_with_a_bad_signature_is_minus_1(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    form = click.form(click_order, trans_id())
    form["sign_string"] = ClickClient.sign(form, "not-the-secret")
    answer = click.post("/click/prepare", form, sign=False)
    assert (answer["error"], answer["error_note"]) == (-1, "SIGN CHECK FAILED!")
    assert prepared(click, click_order)  # nothing was reserved by the forged call


def test_row_02_prepare_for_an_unknown_order_is_minus_5(click: ClickClient) -> None:
    assert click.prepare(new_order_id(), trans_id())["error"] == -5


def test_row_03_prepare_ok_answers_a_prepare_id(click: ClickClient, click_order: str) -> None:
    click_trans_id = trans_id()
    answer = click.prepare(click_order, click_trans_id)
    assert answer["error"] == 0 and answer["error_note"] == "Success"
    assert answer["click_trans_id"] == int(click_trans_id)
    assert answer["merchant_trans_id"] == click_order
    assert isinstance(answer["merchant_prepare_id"], int)
    again = click.prepare(click_order, click_trans_id)
    assert again["merchant_prepare_id"] == answer["merchant_prepare_id"]


def test_row_04_complete_with_a_bad_signature_is_minus_1(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    form = click.form(click_order, click_trans_id, action="1",
                      merchant_prepare_id=str(prepare_id))
    form["sign_string"] = ClickClient.sign(form, "forged")
    assert click.post("/click/complete", form, sign=False)["error"] == -1
    assert status_of(kiosk, click_order)["status"] == "pending"


def test_row_05_complete_with_a_wrong_amount_is_minus_2(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    answer = click.complete(click_order, click_trans_id, prepare_id, amount="999.00")
    assert answer["error"] == -2
    assert status_of(kiosk, click_order)["status"] == "pending"


def test_row_06_complete_ok_pays_the_order(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    answer = click.complete(click_order, click_trans_id, prepare_id)
    assert answer["error"] == 0 and answer["merchant_confirm_id"] == prepare_id
    status = status_of(kiosk, click_order)
    assert (status["status"], status["method"], status["transaction_id"]) == (
        "paid", "click", click_trans_id,
    )


def paid(click: ClickClient, order_id: str) -> tuple[str, int]:
    click_trans_id, prepare_id = prepared(click, order_id)
    assert click.complete(order_id, click_trans_id, prepare_id)["error"] == 0
    return click_trans_id, prepare_id


def test_row_07_the_same_complete_again_is_minus_4(click: ClickClient, click_order: str) -> None:
    click_trans_id, prepare_id = paid(click, click_order)
    assert click.complete(click_order, click_trans_id, prepare_id)["error"] == -4


def test_row_08_complete_with_an_error_on_a_paid_order_is_minus_9_and_stays_paid(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = paid(click, click_order)
    answer = click.complete(click_order, click_trans_id, prepare_id, error="-5017")
    assert answer["error"] == -9
    assert status_of(kiosk, click_order)["status"] == "paid"


def test_row_09_new_prepare_for_another_order_is_ok(
    click: ClickClient, make_order: Callable[..., str]
) -> None:
    paid(click, make_order("click", 1000))
    assert click.prepare(make_order("click", 1000), trans_id())["error"] == 0


def test_row_10_complete_with_an_unknown_prepare_id_is_minus_6(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, _ = prepared(click, click_order)
    assert click.complete(click_order, click_trans_id, 999999999)["error"] == -6
    assert status_of(kiosk, click_order)["status"] == "pending"


def test_row_11_valid_complete_after_a_bad_one_is_ok(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    click.complete(click_order, click_trans_id, 999999999)
    assert click.complete(click_order, click_trans_id, prepare_id)["error"] == 0
    assert status_of(kiosk, click_order)["status"] == "paid"


def test_row_12_prepare_for_another_order_is_ok(
    click: ClickClient, make_order: Callable[..., str]
) -> None:
    assert click.prepare(make_order("click", 1000), trans_id())["error"] == 0


def test_row_13_complete_with_an_error_cancels_the_attempt(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    answer = click.complete(click_order, click_trans_id, prepare_id, error="-5017")
    assert answer["error"] == -9
    assert status_of(kiosk, click_order)["status"] == "pending"


def test_row_14_the_same_cancelled_complete_again_is_minus_9(
    click: ClickClient, click_order: str
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    click.complete(click_order, click_trans_id, prepare_id, error="-5017")
    assert click.complete(click_order, click_trans_id, prepare_id, error="-5017")["error"] == -9


def test_row_15_complete_ok_on_the_cancelled_attempt_is_minus_9(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    click.complete(click_order, click_trans_id, prepare_id, error="-5017")
    assert click.complete(click_order, click_trans_id, prepare_id)["error"] == -9
    assert status_of(kiosk, click_order)["status"] == "pending"


def test_a_new_prepare_after_a_cancelled_one_can_pay(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    click.complete(click_order, click_trans_id, prepare_id, error="-5017")
    paid(click, click_order)
    assert status_of(kiosk, click_order)["status"] == "paid"


def test_prepare_on_a_paid_order_is_minus_4(click: ClickClient, click_order: str) -> None:
    paid(click, click_order)
    assert click.prepare(click_order, trans_id())["error"] == -4


def test_order_cancelled_by_the_kiosk_is_minus_9(
    click: ClickClient, click_order: str, kiosk: httpx.Client
) -> None:
    click_trans_id, prepare_id = prepared(click, click_order)
    kiosk.post(f"/api/orders/{click_order}/cancel")
    assert click.complete(click_order, click_trans_id, prepare_id)["error"] == -9
    assert click.prepare(click_order, trans_id())["error"] == -9
    assert status_of(kiosk, click_order)["status"] == "cancelled"


@pytest.mark.parametrize("endpoint", ["/click/prepare", "/click/complete"])
def test_action_for_the_other_step_is_minus_3(
    click: ClickClient, click_order: str, endpoint: str
) -> None:
    if endpoint == "/click/prepare":
        form = click.form(click_order, trans_id(), action="1")
    else:
        form = click.form(click_order, trans_id(), action="0", merchant_prepare_id="1")
    assert click.post(endpoint, form)["error"] == -3


@pytest.mark.parametrize(
    "change",
    [
        {"click_trans_id": "12.5"},
        {"click_trans_id": "-4"},
        {"click_paydoc_id": "abc"},
        {"error": "oops"},
        {"service_id": "9999"},
    ],
)
def test_malformed_fields_are_minus_8_and_change_nothing(
    click: ClickClient, click_order: str, kiosk: httpx.Client, change: dict[str, str]
) -> None:
    form = click.form(click_order, trans_id())
    form.update(change)
    assert click.post("/click/prepare", form)["error"] == -8
    assert prepared(click, click_order)


@pytest.mark.parametrize("missing", ["click_trans_id", "amount", "sign_time", "sign_string"])
def test_missing_fields_are_minus_8(click: ClickClient, click_order: str, missing: str) -> None:
    form = click.form(click_order, trans_id())
    form["sign_string"] = ClickClient.sign(form)
    del form[missing]
    assert click.post("/click/prepare", form, sign=False)["error"] == -8


@pytest.mark.parametrize("amount", ["1000.001", "abc", "NaN", "sNaN", "Infinity", "1e400", "-1000",
                                    "1 000", "1e999999999", "1e-999999999"])
def test_bad_amounts_are_minus_2(click: ClickClient, click_order: str, amount: str) -> None:
    assert click.prepare(click_order, trans_id(), amount=amount)["error"] == -2


def test_amount_without_decimals_is_accepted_as_sent(click: ClickClient, click_order: str) -> None:
    assert click.prepare(click_order, trans_id(), amount="1000")["error"] == 0


@pytest.mark.parametrize("body", [b"\xff\xfe", b"", b"garbage"])
def test_undecodable_bodies_are_minus_8(http: httpx.Client, body: bytes) -> None:
    response = http.post("/click/prepare", content=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200 and response.json()["error"] == -8


def test_signature_with_unicode_garbage_is_minus_1(click: ClickClient, click_order: str) -> None:
    form = click.form(click_order, trans_id())
    form["sign_string"] = "подпись"
    assert click.post("/click/prepare", form, sign=False)["error"] == -1
