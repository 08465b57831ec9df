"""WebPay refunds through its operations API (WSBApi, SOAP), against a stand-in speaking it on
loopback: done at once, refused (refund by hand), every fault (timeout, 5xx, an answer lost
after WebPay acted) retried without returning the money twice, and the later notify
completing a refund whose answer never came. Without the API: refund by hand, as before."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from backend.settings import SettingsError, load_settings
from tests.backend.conftest import PROVIDER_ENV, database_url_for
from tests.backend.refund_helpers import (
    WEBPAY_API,
    Wired,
    events,
    new_order,
    refund,
    status,
    stored,
    wired_backend,
)
from tests.backend.test_start_report import banner_of
from tests.backend.test_webpay import notify, notify_form
from tests.harness.waiting import wait_for

AMOUNT = "10.00"  # the notify's amount for new_order(…, amount=10)


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def wired(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wired]:
    url = database_url_for(request, request.param, "webpay_refunds")
    with wired_backend(tmp_path_factory.mktemp(request.param), database_url=url) as found:
        yield found


@pytest.fixture
def booth(wired: Wired) -> Iterator[httpx.Client]:
    with wired.booth() as client:
        yield client


def send_notify(server: BackendServer, order_id: str, payment_type: str,
                transaction_id: str) -> None:
    with httpx.Client(base_url=server.url) as http:
        answer = notify(http, notify_form(order_id, payment_type, transaction_id, AMOUNT))
    assert answer.status_code == 200, answer.text


def webpay_paid(wired: Wired, booth: httpx.Client, payment_type: str = "1") -> tuple[str, str]:
    """An order paid through WebPay (notify 1 completed, 4 authorized), known to WebPay."""
    order_id = new_order(booth, "webpay", amount=10)
    transaction = str(secrets.randbelow(10**12))
    wired.webpay.pay(transaction, order_id, AMOUNT,
                     "Authorized" if payment_type == "4" else "Completed")
    send_notify(wired.server, order_id, payment_type, transaction)
    assert status(booth, order_id)["status"] == "paid"
    return order_id, transaction


def asked(wired: Wired, operation: str, transaction: str) -> list[dict[str, str]]:
    return [fields for fields in wired.webpay.calls_of(operation)
            if fields.get("transaction_id") == transaction]


def queue_settled(wired: Wired, order_id: str) -> bool:
    return not stored(
        wired.server, "SELECT 1 FROM refunds r JOIN orders o ON o.id = r.order_pk "
        "WHERE o.order_id = :o AND (r.call_due_at IS NOT NULL OR r.call_lease_until IS NOT "
        "NULL)", o=order_id)


def test_webpay_refund_goes_through_transaction_refund_and_is_done_at_once(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, transaction = webpay_paid(wired, booth)
    answer = refund(booth, order_id)
    assert answer.status_code == 202, answer.text
    assert answer.json()["refund"]["status"] == "refunded"
    assert status(booth, order_id)["status"] == "refunded"
    [sent] = asked(wired, "TransactionRefund", transaction)
    assert sent == {"store_id": WEBPAY_API["billing_id"], "login": WEBPAY_API["login"],
                    "password": hashlib.md5(WEBPAY_API["password"].encode()).hexdigest(),
                    "transaction_id": transaction, "amount": AMOUNT, "currency": "BYN",
                    "refund_reason": "printer jammed"}
    assert wired.webpay.returned[transaction] == 1 and wired.webpay.bad_auth == 0
    # WebPay's notify of the refund comes later: recorded, nothing changes.
    send_notify(wired.server, order_id, "5", transaction)
    assert status(booth, order_id)["refund"]["status"] == "refunded"
    assert len(events(wired.server, order_id, "refund.call")) == 1


def test_an_only_authorized_webpay_payment_is_voided_by_transaction_cancel(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, transaction = webpay_paid(wired, booth, payment_type="4")
    assert refund(booth, order_id).json()["refund"]["status"] == "refunded"
    [sent] = asked(wired, "TransactionCancel", transaction)
    assert sent["cancel_reason"] == "printer jammed" and sent["amount"] == AMOUNT
    assert asked(wired, "TransactionRefund", transaction) == []
    send_notify(wired.server, order_id, "7", transaction)
    assert status(booth, order_id)["status"] == "refunded"


def test_webpay_refusal_fails_the_refund_for_a_refund_by_hand_with_webpays_words(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, transaction = webpay_paid(wired, booth)
    wired.webpay.refusing.add(transaction)
    assert refund(booth, order_id).status_code == 202
    answer = status(booth, order_id)
    assert answer["status"] == "paid"
    assert answer["refund"]["status"] == "failed"
    assert answer["refund"]["note"] == ("refund by hand: WebPay refused TransactionRefund: 512 "
                                        "Refund amount exceeds the transaction amount")
    assert refund(booth, order_id).json()["refund"]["status"] == "failed"  # asked once
    assert len(asked(wired, "TransactionRefund", transaction)) == 1
    assert wired.webpay.returned[transaction] == 0


@pytest.mark.parametrize("fault", ["5xx", "timeout", "lost"])
def test_webpay_refund_after_a_fault_is_checked_retried_and_returns_the_money_once(
    wired: Wired, booth: httpx.Client, fault: str
) -> None:
    order_id, transaction = webpay_paid(wired, booth)
    wired.webpay.faults.append(fault)
    assert refund(booth, order_id).status_code == 202
    wait_for(lambda: status(booth, order_id)["status"] == "refunded",
             f"the refund is done after a {fault}")
    wait_for(lambda: queue_settled(wired, order_id), "no refund call left in the queue")
    assert wired.webpay.returned[transaction] == 1
    # The retry asks WebPay first: after a lost answer it finds the money returned and makes
    # no second TransactionRefund; after a 5xx or a timeout it finds it held and calls again.
    statuses = [fields for fields in wired.webpay.calls_of("GetTransactionStatus")
                if fields["order_num"] == order_id]
    assert len(statuses) >= 1
    calls = asked(wired, "TransactionRefund", transaction)
    assert len(calls) == (1 if fault == "lost" else 2)
    assert status(booth, order_id)["refund"]["status"] == "refunded"


def test_a_refunded_duplicate_of_the_order_does_not_pass_for_the_payments_refund(
    wired: Wired, booth: httpx.Client
) -> None:
    """WebPay lists another transaction of the order refunded (a duplicate payment the
    operator refunded in the cabinet): after a 5xx the retry still refunds the payment."""
    order_id, transaction = webpay_paid(wired, booth)
    duplicate = str(secrets.randbelow(10**12))
    wired.webpay.pay(duplicate, order_id, AMOUNT, "Refunded")
    wired.webpay.faults.append("5xx")
    assert refund(booth, order_id).status_code == 202
    wait_for(lambda: status(booth, order_id)["status"] == "refunded", "the retried refund")
    assert len(asked(wired, "TransactionRefund", transaction)) == 2
    assert wired.webpay.returned[transaction] == 1


def test_a_lost_answer_webpay_cannot_account_for_waits_and_the_refund_notify_completes_it(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, transaction = webpay_paid(wired, booth)
    wired.webpay.faults.append("lost")
    wired.webpay.status_down = True
    try:
        assert refund(booth, order_id).json()["refund"]["status"] == "requested"

        def status_asked() -> int:
            return sum(fields["order_num"] == order_id
                       for fields in wired.webpay.calls_of("GetTransactionStatus"))
        wait_for(lambda: status_asked() >= 2, "the retries ask WebPay for the status")
        assert status(booth, order_id)["refund"]["status"] == "requested"
        send_notify(wired.server, order_id, "5", transaction)
    finally:
        wired.webpay.status_down = False
    assert status(booth, order_id)["status"] == "refunded"
    assert status(booth, order_id)["refund"]["status"] == "refunded"
    wait_for(lambda: queue_settled(wired, order_id), "no refund call left in the queue")
    assert len(asked(wired, "TransactionRefund", transaction)) == 1
    assert wired.webpay.returned[transaction] == 1


def test_a_reason_with_markup_and_cyrillic_reaches_webpay_as_text(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, transaction = webpay_paid(wired, booth)
    reason = "</refund_reason><amount>0.01</amount> принтер сломался & <b>"
    assert refund(booth, order_id, reason=reason).json()["refund"]["status"] == "refunded"
    [sent] = asked(wired, "TransactionRefund", transaction)
    assert sent["refund_reason"] == reason and sent["amount"] == AMOUNT


def test_the_webpay_api_password_is_never_shown_nor_stored(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id, _ = webpay_paid(wired, booth)
    assert refund(booth, order_id).json()["refund"]["status"] == "refunded"
    password = WEBPAY_API["password"]
    digest = hashlib.md5(password.encode()).hexdigest()
    recorded = stored(wired.server, "SELECT e.reason, e.payload FROM payment_events e JOIN "
                      "orders o ON o.id = e.order_pk WHERE o.order_id = :o", o=order_id)
    log = wired.server.log_path.read_text()
    for secret in (password, digest):
        assert secret not in str(recorded) and secret not in log
    assert not any(line.startswith("WARN  WebPay refunds are made by hand")
                   for line in banner_of(wired.server.log_path))
    with pytest.raises(SettingsError) as refused:
        load_settings(environ={"BOOTH_WEBPAY_API_PASSWORD": password,
                               "BOOTH_WEBPAY_API_URL": "ftp://billing.webpay.by/WSBApi"},
                      database_url="sqlite://")
    assert password not in str(refused.value)


def test_the_operations_api_hosts_are_webpays_production_and_its_sandbox_in_test_mode(
) -> None:
    production = load_settings(environ={}, database_url="sqlite://")
    sandbox = load_settings(environ={"BOOTH_WEBPAY_TEST_MODE": "1"}, database_url="sqlite://")
    assert production.webpay_operations_endpoint == "https://billing.webpay.by/WSBApi"
    assert sandbox.webpay_operations_endpoint == "https://sandbox.webpay.by/WSBApi"
    assert not production.webpay_operations_enabled


# --- without the operations API -------------------------------------------------------------


@pytest.fixture(scope="module")
def by_hand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    server = start_backend(Path(tmp_path_factory.mktemp("webpay-by-hand")),
                           extra_env=PROVIDER_ENV)
    yield server
    server.stop()


@pytest.mark.parametrize("payment_type", ["5", "11", "7"])
def test_without_the_operations_api_a_webpay_refund_is_by_hand_and_a_notify_completes_it(
    by_hand: BackendServer, payment_type: str
) -> None:
    with httpx.Client(base_url=by_hand.url, timeout=40,
                      headers={"Authorization": f"Bearer {by_hand.token}"}) as booth:
        order_id = new_order(booth, "webpay", amount=10)
        transaction = str(secrets.randbelow(10**12))
        send_notify(by_hand, order_id, "1", transaction)
        answer = refund(booth, order_id)
        assert answer.status_code == 202
        assert answer.json()["refund"]["status"] == "failed"
        assert answer.json()["refund"]["note"].startswith("refund by hand: WebPay refunds are "
                                                          "made in WebPay's merchant cabinet")
        assert "BOOTH_WEBPAY_API_LOGIN" in answer.json()["refund"]["note"]
        assert status(booth, order_id)["status"] == "paid"
        send_notify(by_hand, order_id, payment_type, transaction)
        assert status(booth, order_id)["status"] == "refunded"
        assert status(booth, order_id)["refund"]["status"] == "refunded"


def test_webpay_without_the_operations_api_is_warned_at_start(by_hand: BackendServer) -> None:
    assert ("WARN  WebPay refunds are made by hand in WebPay's cabinet: set "
            "BOOTH_WEBPAY_API_LOGIN, BOOTH_WEBPAY_API_PASSWORD and BOOTH_WEBPAY_BILLING_ID "
            "(WebPay's support opens the operations API)") in banner_of(by_hand.log_path)
