"""Fiscal receipt data: copies on generate-qr, Payme's `detail` and SetFiscalData, Click's
submit_items queue and ofd_data polling, the settings, and the customer's receipt link."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from backend.fiscal_setup import fiscal_warning
from backend.local_server import REPO_ROOT
from backend.settings import SettingsError, load_settings
from tests.backend.refund_helpers import (
    FISCAL_ITEMS,
    FISCAL_TIN,
    Wired,
    new_order,
    pay_click,
    pay_payme,
    payme_call,
    stored,
    wired_backend,
)
from tests.harness.waiting import wait_for


@pytest.fixture(scope="module")
def wired(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wired]:
    with wired_backend(tmp_path_factory.mktemp("fiscal")) as found:
        yield found


@pytest.fixture
def booth(wired: Wired) -> Iterator[httpx.Client]:
    with wired.booth() as client:
        yield client


def check_perform(wired: Wired, order_id: str, amount_tiyin: int) -> dict[str, Any]:
    return payme_call(wired.server, "CheckPerformTransaction",
                      {"amount": amount_tiyin, "account": {"order_id": order_id}})


# --- copies ------------------------------------------------------------------------------------


@pytest.mark.parametrize("copies", [-1, "2", True, 2.0, 10_001])
def test_generate_qr_refuses_copies_that_are_not_a_whole_number_from_0(
    booth: httpx.Client, copies: Any
) -> None:
    answer = booth.post("/api/generate-qr", json={"order_id": "r-bad-copies-0001",
                                                  "paymentType": "sandbox", "amount": 1000,
                                                  "copies": copies})
    assert answer.status_code == 422
    assert "copies" in answer.json()["detail"]


def test_copies_are_stored_on_the_order_and_omitted_copies_are_one(
    wired: Wired, booth: httpx.Client
) -> None:
    three = new_order(booth, "payme", copies=3)
    older = new_order(booth, "payme", copies=None)
    rows = dict(stored(wired.server, "SELECT o.order_id, c.copies FROM order_copies c "
                       "JOIN orders o ON o.id = c.order_pk WHERE o.order_id IN (:a, :b)",
                       a=three, b=older))
    assert rows == {three: 3, older: 1}


# --- Payme -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "copies"), [(1000, 1), (1000, 4), (1000, 3), (999, 7),
                                                (1, 3), (5000, 0)])
def test_payme_check_perform_answers_items_that_add_up_to_the_amount_exactly(
    wired: Wired, booth: httpx.Client, amount: int, copies: int
) -> None:
    order_id = new_order(booth, "payme", amount=amount, copies=copies)
    answer = check_perform(wired, order_id, amount * 100)
    result = answer["result"]
    assert result["allow"] is True
    detail = result["detail"]
    assert detail["receipt_type"] == 0
    items = detail["items"]
    assert sum(i["price"] * i["count"] - i["discount"] for i in items) == amount * 100
    kind = "digital" if copies == 0 else "print"
    assert sum(i["count"] for i in items) == max(copies, 1)
    for item in items:
        assert item["code"] == FISCAL_ITEMS[kind]["spic"]
        assert item["package_code"] == FISCAL_ITEMS[kind]["package_code"]
        assert item["title"] == FISCAL_ITEMS[kind]["title"]
        assert (item["vat_percent"], item["units"]) == (12, 0)
        assert isinstance(item["price"], int) and item["price"] >= 0


def test_payme_detail_of_three_prints_for_1000_sum_splits_the_odd_tiyin(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id = new_order(booth, "payme", amount=1000, copies=3)
    items = check_perform(wired, order_id, 100_000)["result"]["detail"]["items"]
    assert [(i["price"], i["count"]) for i in items] == [(33_334, 1), (33_333, 2)]


def test_without_fiscal_settings_check_perform_has_no_detail(
    payme: Callable[..., dict[str, Any]], make_order: Callable[..., str]
) -> None:
    order_id = make_order("payme", 1000)
    answer = payme("CheckPerformTransaction",
                   {"amount": 100_000, "account": {"order_id": order_id}})
    assert answer["result"] == {"allow": True}


def test_set_fiscal_data_is_stored_answered_and_links_the_receipt(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id = new_order(booth, "payme")
    transaction = pay_payme(wired.server, order_id, 100_000)
    fiscal = {"receipt_id": 7001, "status_code": 0, "message": "accepted",
              "terminal_id": "EP000000000025", "fiscal_sign": "123456789012",
              "qr_code_url": "https://ofd.soliq.uz/check?t=EP000000000025&r=7001",
              "date": "20261207101500"}
    before = httpx.get(f"{wired.server.url}/return/{order_id}/ru").text
    assert "fiscal-receipt" not in before
    answer = payme_call(wired.server, "SetFiscalData",
                        {"id": transaction, "type": "PERFORM", "fiscal_data": fiscal})
    assert answer["result"] == {"success": True}
    rows = stored(wired.server, "SELECT f.kind, f.data FROM payme_fiscal_data f JOIN "
                  "provider_transactions t ON t.id = f.attempt_pk WHERE t.provider_tx_id = :t",
                  t=transaction)
    assert [(kind, json.loads(data) if isinstance(data, str) else data)
            for kind, data in rows] == [("PERFORM", fiscal)]
    page = httpx.get(f"{wired.server.url}/return/{order_id}/ru").text
    assert ("<a id='fiscal-receipt' href='https://ofd.soliq.uz/check?t=EP000000000025&amp;"
            "r=7001'") in page
    assert "Фискальный чек" in page


def test_a_receipt_url_that_is_not_https_is_kept_but_never_linked(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id = new_order(booth, "payme")
    transaction = pay_payme(wired.server, order_id, 100_000)
    answer = payme_call(wired.server, "SetFiscalData", {
        "id": transaction, "type": "PERFORM",
        "fiscal_data": {"receipt_id": 1, "qr_code_url": "javascript:alert(1)"}})
    assert answer["result"] == {"success": True}
    assert "fiscal-receipt" not in httpx.get(f"{wired.server.url}/return/{order_id}").text


def test_set_fiscal_data_for_an_unknown_transaction_is_31003_and_bad_auth_is_32504(
    wired: Wired,
) -> None:
    unknown = payme_call(wired.server, "SetFiscalData", {
        "id": "0" * 24, "type": "PERFORM", "fiscal_data": {"receipt_id": 1}})
    assert unknown["error"]["code"] == -31003
    bad_type = payme_call(wired.server, "SetFiscalData", {
        "id": "0" * 24, "type": "REFUND", "fiscal_data": {}})
    assert bad_type["error"]["code"] == -32602
    forged = httpx.post(f"{wired.server.url}/payme", headers={"Authorization": "Basic eDp5"},
                        json={"jsonrpc": "2.0", "id": 1, "method": "SetFiscalData",
                              "params": {"id": "0" * 24, "type": "PERFORM",
                                         "fiscal_data": {}}}).json()
    assert forged["error"]["code"] == -32504


# --- Click -------------------------------------------------------------------------------------


def click_receipt(wired: Wired, order_id: str) -> str:
    rows = stored(wired.server, "SELECT r.qr_code_url FROM fiscal_receipts r JOIN orders o "
                  "ON o.id = r.order_pk WHERE o.order_id = :o", o=order_id)
    return rows[0][0] if rows else ""


@pytest.mark.parametrize("fault", ["", "5xx"])
def test_click_items_are_submitted_once_then_the_receipt_url_is_polled_and_stored(
    wired: Wired, booth: httpx.Client, fault: str
) -> None:
    order_id = new_order(booth, "click", amount=1000, copies=3)
    if fault == "5xx":
        wired.click.faults.append("5xx")
    payment_id = pay_click(wired.server, order_id)
    url = wait_for(lambda: click_receipt(wired, order_id), "Click's qrCodeURL stored")
    assert url == f"https://ofd.soliq.uz/check?t=CLICK{payment_id}"
    sent = [body for body in wired.click.submitted if str(body["payment_id"]) == payment_id]
    assert len(sent) == 1
    body = sent[0]
    print("\nClick submit_items body as sent:\n" + json.dumps(body, ensure_ascii=False))
    assert body["service_id"] == 4242 and body["payment_id"] == int(payment_id)
    assert [(i["Price"], i["Amount"], i["VAT"]) for i in body["items"]] == [
        (33_334, 1, 3_572), (66_666, 2, 7_143)]
    assert sum(i["Price"] for i in body["items"]) == 100_000
    assert (body["received_ecash"], body["received_cash"], body["received_card"]) == (
        100_000, 0, 0)
    for item in body["items"]:
        assert item["SPIC"] == FISCAL_ITEMS["print"]["spic"]
        assert item["PackageCode"] == FISCAL_ITEMS["print"]["package_code"]
        assert item["VATPercent"] == 12
        assert item["CommissionInfo"] == {"TIN": FISCAL_TIN}
        assert item["Name"].endswith(" dona") and len(item["Name"]) <= 63
    assert wired.click.ofd_questions[payment_id] >= 2
    assert wired.click.bad_auth == 0
    link = "<a id='fiscal-receipt' href='https://ofd.soliq.uz/check?t=CLICK"
    assert link in httpx.get(f"{wired.server.url}/return/{order_id}/uz").text


# --- settings ----------------------------------------------------------------------------------


ITEMS = json.dumps(FISCAL_ITEMS, ensure_ascii=False)


@pytest.mark.parametrize(("environ", "named"), [
    ({"BOOTH_FISCAL_ITEMS": "{not json", "BOOTH_FISCAL_TIN": FISCAL_TIN}, "BOOTH_FISCAL_ITEMS"),
    ({"BOOTH_FISCAL_ITEMS": json.dumps({"print": FISCAL_ITEMS["print"]}),
      "BOOTH_FISCAL_TIN": FISCAL_TIN}, "BOOTH_FISCAL_ITEMS"),
    ({"BOOTH_FISCAL_ITEMS": ITEMS.replace("10305001001000000", "1030500100100000"),
      "BOOTH_FISCAL_TIN": FISCAL_TIN}, "BOOTH_FISCAL_ITEMS"),
    ({"BOOTH_FISCAL_ITEMS": ITEMS, "BOOTH_FISCAL_TIN": "12345678"}, "BOOTH_FISCAL_TIN"),
    ({"BOOTH_FISCAL_ITEMS": ITEMS, "BOOTH_FISCAL_PINFL": "1234567890123"},
     "BOOTH_FISCAL_PINFL"),
    ({"BOOTH_FISCAL_ITEMS": ITEMS}, "BOOTH_FISCAL_PINFL"),
])
def test_malformed_fiscal_settings_are_refused_naming_the_key(
    environ: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings(environ=environ, database_url="sqlite://")
    assert str(refused.value).startswith(f"{named}=")


def test_the_start_stops_on_a_malformed_fiscal_setting_naming_it(tmp_path: Any) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", "migrate", "--database",
         f"sqlite:///{tmp_path / 'b.sqlite3'}"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO_ROOT),
             "BOOTH_FISCAL_ITEMS": ITEMS, "BOOTH_FISCAL_TIN": "12-456789"},
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "BOOTH_FISCAL_TIN='12-456789': Value error, must be the seller's TIN: 9 digits" in (
        done.stderr)


def test_fiscal_warning_names_the_providers_taking_payments_without_receipt_data() -> None:
    payme_only = load_settings(environ={"BOOTH_PAYME_MERCHANT_ID": "m", "BOOTH_PAYME_KEY": "k"},
                               database_url="sqlite://")
    assert fiscal_warning(payme_only) == (
        "no fiscal receipt data is sent to payme: set BOOTH_FISCAL_ITEMS and "
        "BOOTH_FISCAL_TIN (or BOOTH_FISCAL_PINFL)")
    configured = load_settings(environ={"BOOTH_PAYME_MERCHANT_ID": "m", "BOOTH_PAYME_KEY": "k",
                                        "BOOTH_FISCAL_ITEMS": ITEMS,
                                        "BOOTH_FISCAL_TIN": FISCAL_TIN},
                               database_url="sqlite://")
    assert fiscal_warning(configured) is None
    assert fiscal_warning(load_settings(environ={"BOOTH_SANDBOX": "1"},
                                        database_url="sqlite://")) is None
