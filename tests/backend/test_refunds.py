"""Refunds over real HTTP: the booth's request, the order's lifecycle, and each provider's
refund call against its stand-in, with every fault (timeout, 5xx, a lost answer after the
provider acted, a refusal) leaving the order consistent and never refunded twice."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest

from tests.backend.conftest import PAYME_KEY, database_url_for
from tests.backend.provider_standins import CLICK_REFUSALS
from tests.backend.refund_helpers import (
    Wired,
    events,
    new_order,
    pay_click,
    pay_payme,
    payme_call,
    printed,
    refund,
    status,
    stored,
    wired_backend,
)
from tests.harness.waiting import wait_for


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def wired(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wired]:
    url = database_url_for(request, request.param, "refunds")
    with wired_backend(tmp_path_factory.mktemp(request.param), database_url=url) as found:
        yield found


@pytest.fixture
def booth(wired: Wired) -> Iterator[httpx.Client]:
    with wired.booth() as client:
        yield client


def refunded(booth: httpx.Client, order_id: str) -> bool:
    return status(booth, order_id)["status"] == "refunded"


def sandbox_paid(wired: Wired, booth: httpx.Client) -> str:
    order_id = new_order(booth, "sandbox")
    wired.server.sandbox_pay(order_id)
    return order_id


# --- the lifecycle ---------------------------------------------------------------------------


def test_sandbox_refund_is_done_at_once_and_payment_status_shows_it(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id = sandbox_paid(wired, booth)
    assert status(booth, order_id)["refund"] is None
    first = refund(booth, order_id)
    assert first.status_code == 202, first.text
    assert first.json()["refund"]["status"] == "refunded"
    answer = status(booth, order_id)
    assert answer["status"] == "refunded"
    assert answer["refund"] == {"status": "refunded", "note": "sandbox: refunded at once"}


def test_a_repeated_refund_request_is_accepted_again_and_makes_one_refund(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id = sandbox_paid(wired, booth)
    assert [refund(booth, order_id).status_code for _ in range(3)] == [202, 202, 202]
    assert len(events(wired.server, order_id, "refund.requested")) == 1
    assert len(events(wired.server, order_id, "refund.call")) == 1
    rows = stored(wired.server, "SELECT count(*) FROM refunds r JOIN orders o "
                  "ON o.id = r.order_pk WHERE o.order_id = :o", o=order_id)
    assert rows[0][0] == 1


def test_refund_of_delivered_order_is_refused(wired: Wired, booth: httpx.Client) -> None:
    order_id = sandbox_paid(wired, booth)
    printed(booth, order_id)
    answer = refund(booth, order_id)
    assert answer.status_code == 409
    assert "delivered" in answer.json()["detail"]
    assert status(booth, order_id) | {"refund": None} == status(booth, order_id)
    assert status(booth, order_id)["status"] == "paid"


def test_refund_of_another_devices_or_an_unknown_order_is_not_found(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id = sandbox_paid(wired, booth)
    with wired.booth(wired.server.add_device("other-booth")) as other:
        assert refund(other, order_id).status_code == 404
    assert refund(booth, "r-no-such-order").status_code == 404
    assert status(booth, order_id)["refund"] is None


def test_refund_of_an_unpaid_order_is_refused(wired: Wired, booth: httpx.Client) -> None:
    order_id = new_order(booth, "sandbox")
    assert refund(booth, order_id).status_code == 409
    assert status(booth, order_id)["status"] == "pending"


def test_a_refund_needs_a_reason(wired: Wired, booth: httpx.Client) -> None:
    order_id = sandbox_paid(wired, booth)
    assert booth.post(f"/api/orders/{order_id}/refund", json={}).status_code == 422
    assert refund(booth, order_id, reason="").status_code == 422
    assert status(booth, order_id)["refund"] is None


def test_printed_event_for_a_refunded_order_is_refused_and_recorded(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id = sandbox_paid(wired, booth)
    assert refund(booth, order_id).status_code == 202
    printed(booth, order_id)
    delivered = stored(wired.server, "SELECT delivered_at FROM orders WHERE order_id = :o",
                       o=order_id)
    assert delivered[0][0] is None
    assert len(events(wired.server, order_id, "delivery.refused")) == 1
    assert status(booth, order_id)["status"] == "refunded"


# --- Payme -------------------------------------------------------------------------------------


def payme_paid(wired: Wired, booth: httpx.Client) -> tuple[str, str]:
    order_id = new_order(booth, "payme")
    return order_id, pay_payme(wired.server, order_id, 100_000)


def test_payme_refund_is_asked_by_receipts_cancel_and_done_by_cancel_transaction(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, transaction = payme_paid(wired, booth)
    cancels_before = wired.payme.cancels
    answer = refund(booth, order_id)
    assert answer.status_code == 202
    assert answer.json()["refund"]["status"] in ("requested", "refunded")
    wait_for(lambda: refunded(booth, order_id), "Payme's CancelTransaction refunds the order")
    wait_for(lambda: wired.payme.cancels > cancels_before, "Payme's CancelTransaction")
    assert wired.payme.cancels == cancels_before + 1
    assert wired.payme.calls[-1]["method"] == "receipts.cancel"
    assert wired.payme.calls[-1]["params"] == {"id": transaction}
    assert wired.payme.bad_auth == 0
    checked = payme_call(wired.server, "CheckTransaction", {"id": transaction})["result"]
    assert (checked["state"], checked["reason"]) == (-2, 5)
    assert status(booth, order_id)["refund"]["status"] == "refunded"


@pytest.mark.parametrize("fault", ["5xx", "timeout", "lost"])
def test_payme_refund_after_a_fault_is_retried_and_refunds_once(
    wired: Wired, booth: httpx.Client, fault: str
) -> None:
    order_id, transaction = payme_paid(wired, booth)
    cancels_before = wired.payme.cancels
    wired.payme.faults.append(fault)
    assert refund(booth, order_id).status_code == 202
    wait_for(lambda: refunded(booth, order_id), f"the refund is done after a {fault}")
    # A retry may still be in flight when the order is refunded: wait for the queue to settle.
    wait_for(lambda: not stored(
        wired.server, "SELECT 1 FROM refunds r JOIN orders o ON o.id = r.order_pk "
        "WHERE o.order_id = :o AND (r.call_due_at IS NOT NULL OR r.call_lease_until IS NOT "
        "NULL)", o=order_id), "no refund call left in the queue")
    wait_for(lambda: wired.payme.cancels > cancels_before, "Payme's CancelTransaction")
    # The faulty call, then one retry: Payme's answer (queued) ends the calls. After a lost
    # answer Payme's CancelTransaction may come before the retry: then none is needed.
    asked = [call for call in wired.payme.calls if call["params"] == {"id": transaction}]
    assert len(asked) in ((1, 2) if fault == "lost" else (2,))
    assert wired.payme.cancels == cancels_before + 1
    assert status(booth, order_id)["refund"]["status"] == "refunded"


def change_payme_key(wired: Wired, new: str, *, old: str) -> None:
    auth = base64.b64encode(f"Paycom:{old}".encode()).decode()
    answer = httpx.post(f"{wired.server.url}/payme", headers={"Authorization": f"Basic {auth}"},
                        json={"jsonrpc": "2.0", "id": 9, "method": "ChangePassword",
                              "params": {"password": new}}, timeout=30)
    assert answer.json()["result"] == {"success": True}


def test_after_payme_changed_its_key_a_refund_asks_for_the_new_key_instead_of_a_digest(
    wired: Wired, booth: httpx.Client
) -> None:
    """The backend keeps only a digest of a key Payme changed: it never sends the digest as
    X-Auth; the refund fails at once saying what the operator must do."""
    order_id, _ = payme_paid(wired, booth)
    calls_before = len(wired.payme.calls)
    change_payme_key(wired, "a-new-key-from-payme", old=PAYME_KEY)
    try:
        assert refund(booth, order_id).status_code == 202
        answer = status(booth, order_id)
        assert answer["refund"]["status"] == "failed"
        assert "BOOTH_PAYME_KEY" in answer["refund"]["note"]
        assert len(wired.payme.calls) == calls_before and wired.payme.bad_auth == 0
    finally:
        change_payme_key(wired, PAYME_KEY, old="a-new-key-from-payme")


def test_payme_refusal_fails_the_refund_with_paymes_words(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, transaction = payme_paid(wired, booth)
    wired.payme.refusals[transaction] = (-31007, "Receipt cannot be cancelled")
    assert refund(booth, order_id).status_code == 202
    answer = status(booth, order_id)
    assert answer["status"] == "paid"
    assert answer["refund"]["status"] == "failed"
    assert "-31007 Receipt cannot be cancelled" in answer["refund"]["note"]
    assert refund(booth, order_id).json()["refund"]["status"] == "failed"  # asked once


def test_payme_cabinet_refund_of_an_undelivered_order_makes_its_refund_row(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, transaction = payme_paid(wired, booth)
    cancelled = payme_call(wired.server, "CancelTransaction", {"id": transaction, "reason": 5})
    assert cancelled["result"]["state"] == -2
    assert status(booth, order_id)["refund"]["status"] == "refunded"
    assert refund(booth, order_id).json()["refund"]["status"] == "refunded"


# --- Click -------------------------------------------------------------------------------------


def click_paid(wired: Wired, booth: httpx.Client) -> tuple[str, str]:
    order_id = new_order(booth, "click")
    return order_id, pay_click(wired.server, order_id)


def test_click_reversal_with_the_auth_digest_refunds_the_order(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, payment_id = click_paid(wired, booth)
    answer = refund(booth, order_id)
    assert answer.status_code == 202
    assert answer.json()["refund"]["status"] == "refunded", answer.text
    assert wired.click.reversed[payment_id] == 1
    assert wired.click.bad_auth == 0
    assert status(booth, order_id)["status"] == "refunded"


@pytest.mark.parametrize("refusal", sorted(CLICK_REFUSALS))
def test_click_refusal_fails_the_refund_with_clicks_note_for_a_refund_by_hand(
    wired: Wired, booth: httpx.Client, refusal: str
) -> None:
    order_id, payment_id = click_paid(wired, booth)
    wired.click.refusing[payment_id] = refusal
    assert refund(booth, order_id).status_code == 202
    answer = status(booth, order_id)
    assert answer["status"] == "paid"
    assert answer["refund"]["status"] == "failed"
    assert CLICK_REFUSALS[refusal][1] in answer["refund"]["note"]
    assert wired.click.reversed[payment_id] == 0


@pytest.mark.parametrize("fault", ["5xx", "timeout", "lost"])
def test_click_reversal_after_a_fault_is_retried_and_reverses_once(
    wired: Wired, booth: httpx.Client, fault: str
) -> None:
    order_id, payment_id = click_paid(wired, booth)
    wired.click.faults.append(fault)
    assert refund(booth, order_id).status_code == 202
    wait_for(lambda: refunded(booth, order_id), f"the reversal is done after a {fault}")
    assert wired.click.reversed[payment_id] == 1
    assert status(booth, order_id)["refund"]["status"] == "refunded"
