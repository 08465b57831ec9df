"""Fiscal rules of #27 the first tests left out: Payme's SetFiscalData of a cancel receipt
is kept beside the payment's, the phone's photos page links the payment's receipt, and
without the fiscal settings a Click payment still completes with nothing queued for
submit_items."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.backend.refund_helpers import (
    Wired,
    new_order,
    pay_click,
    pay_payme,
    payme_call,
    status,
    stored,
    wired_backend,
)


@pytest.fixture(scope="module")
def unfiscal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wired]:
    with wired_backend(Path(tmp_path_factory.mktemp("unfiscal")), BOOTH_FISCAL_ITEMS="",
                       BOOTH_FISCAL_TIN="") as found:
        yield found


@pytest.fixture(scope="module")
def fiscal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wired]:
    with wired_backend(Path(tmp_path_factory.mktemp("fiscal"))) as found:
        yield found


def receipt(number: int, url: str) -> dict[str, object]:
    return {"receipt_id": number, "status_code": 0, "message": "accepted",
            "terminal_id": "EP000000000025", "fiscal_sign": f"{number:012d}",
            "qr_code_url": url, "date": "20261207101500"}


def test_set_fiscal_data_of_the_cancel_receipt_is_stored_beside_the_payments(
    fiscal: Wired,
) -> None:
    order_id = f"r-{uuid.uuid4().hex[:16]}"
    with fiscal.booth() as booth:
        offered = booth.post("/api/generate-qr", json={
            "order_id": order_id, "paymentType": "payme", "amount": 1000, "copies": 1})
    assert offered.status_code == 200, offered.text
    photos_url = offered.json()["photos_url"]
    transaction = pay_payme(fiscal.server, order_id, 100_000)
    paid = receipt(7001, "https://ofd.soliq.uz/check?t=EP000000000025&r=7001")
    cancelled = receipt(7002, "https://ofd.soliq.uz/check?t=EP000000000025&r=7002")
    for kind, data in (("PERFORM", paid), ("CANCEL", cancelled)):
        answer = payme_call(fiscal.server, "SetFiscalData",
                            {"id": transaction, "type": kind, "fiscal_data": data})
        assert answer["result"] == {"success": True}
    rows = stored(fiscal.server, "SELECT f.kind, f.data FROM payme_fiscal_data f JOIN "
                  "provider_transactions t ON t.id = f.attempt_pk WHERE t.provider_tx_id = :t "
                  "ORDER BY f.kind", t=transaction)
    assert [(kind, json.loads(data) if isinstance(data, str) else data)
            for kind, data in rows] == [("CANCEL", cancelled), ("PERFORM", paid)]
    # The customer's receipt link, on the return page and the photos page, is the payment's.
    for page in (httpx.get(f"{fiscal.server.url}/return/{order_id}/en", timeout=30).text,
                 httpx.get(photos_url, timeout=30, headers={"Accept-Language": "en"}).text):
        assert "id='fiscal-receipt'" in page
        assert "r=7001" in page and "r=7002" not in page


def test_without_fiscal_settings_a_click_payment_completes_and_nothing_is_submitted(
    unfiscal: Wired,
) -> None:
    with unfiscal.booth() as booth:
        order_id = new_order(booth, "click", amount=1000, copies=3)
        pay_click(unfiscal.server, order_id)
        assert status(booth, order_id)["status"] == "paid"
    queued = stored(unfiscal.server, "SELECT count(*) FROM fiscal_receipts r JOIN orders o "
                    "ON o.id = r.order_pk WHERE o.order_id = :o", o=order_id)
    assert queued == [(0,)]
    assert unfiscal.click.submitted == []


def test_without_fiscal_settings_payme_check_perform_allows_without_detail(
    unfiscal: Wired,
) -> None:
    with unfiscal.booth() as booth:
        order_id = new_order(booth, "payme", amount=1000, copies=3)
    answer = payme_call(unfiscal.server, "CheckPerformTransaction",
                        {"amount": 100_000, "account": {"order_id": order_id}})
    assert answer["result"] == {"allow": True}
