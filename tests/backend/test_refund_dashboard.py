"""The dashboard's refunds: Refund (reason, confirmation, CSRF), Refunded by hand, the
refund state and the provider's words on each order, the CSV's refund columns, the audit
log."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterator

import httpx
import pytest

from tests.backend.refund_helpers import (
    Wired,
    new_order,
    pay_payme,
    payme_call,
    printed,
    status,
    wired_backend,
)
from tests.backend.test_webpay import notify, notify_form
from tests.harness.dashboard import csrf_of, logged_in, new_operator
from tests.harness.waiting import wait_for


@pytest.fixture(scope="module")
def wired(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wired]:
    with wired_backend(tmp_path_factory.mktemp("refund-dashboard")) as found:
        yield found


@pytest.fixture(scope="module")
def operator(wired: Wired) -> str:
    return new_operator(wired.server)


@pytest.fixture
def admin(wired: Wired, operator: str) -> Iterator[httpx.Client]:
    client = logged_in(wired.server, operator)
    yield client
    client.close()


@pytest.fixture
def booth(wired: Wired) -> Iterator[httpx.Client]:
    with wired.booth() as client:
        yield client


def paid(wired: Wired, booth: httpx.Client, provider: str = "sandbox") -> str:
    if provider == "webpay":  # a payment WebPay's operations API refuses to refund
        order_id = new_order(booth, "webpay", amount=10)
        transaction = str(secrets.randbelow(10**12))
        wired.webpay.pay(transaction, order_id, "10.00")
        wired.webpay.refusing.add(transaction)
        notify(httpx.Client(base_url=wired.server.url),
               notify_form(order_id, "1", transaction))
        return order_id
    order_id = new_order(booth, "sandbox")
    wired.server.sandbox_pay(order_id)
    return order_id


def undelivered_page(admin: httpx.Client) -> str:
    page = admin.get("/admin/orders", params={"view": "undelivered"})
    assert page.status_code == 200
    return page.text


def post(admin: httpx.Client, path: str, **fields: str) -> httpx.Response:
    token = csrf_of(undelivered_page(admin))
    return admin.post(path, data={"csrf_token": token, **fields})


def csv_row(admin: httpx.Client, order_id: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(admin.get("/admin/orders.csv").text))
    return next(row for row in rows if row["order_id"] == order_id)


def test_refund_from_paid_not_printed_refunds_the_order_and_is_audited(
    wired: Wired, admin: httpx.Client, booth: httpx.Client, operator: str
) -> None:
    order_id = paid(wired, booth)
    assert "action=\"/admin/orders/refund\"" in undelivered_page(admin)
    answer = post(admin, "/admin/orders/refund", order_id=order_id,
                  reason="paper ran out", confirm="1",
                  back="/admin/orders?view=undelivered")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/admin/orders?view=undelivered"
    assert status(booth, order_id)["status"] == "refunded"
    row = csv_row(admin, order_id)
    assert (row["status"], row["refund_status"], row["refund_origin"], row["refund_by"],
            row["refund_reason"]) == ("refunded", "refunded", "dashboard", operator,
                                      "paper ran out")
    assert row["refund_note"] == "sandbox: refunded at once"
    audit = admin.get("/admin/audit").text
    assert order_id in audit and operator in audit and "127.0.0.1" in audit
    assert "reason: paper ran out" in audit


def test_refund_without_the_confirmation_or_a_reason_changes_nothing(
    wired: Wired, admin: httpx.Client, booth: httpx.Client
) -> None:
    order_id = paid(wired, booth)
    unconfirmed = post(admin, "/admin/orders/refund", order_id=order_id, reason="jam")
    assert unconfirmed.status_code == 422
    no_reason = post(admin, "/admin/orders/refund", order_id=order_id, reason=" ",
                     confirm="1")
    assert no_reason.status_code == 422
    assert status(booth, order_id)["refund"] is None


def test_refund_without_the_csrf_token_is_refused(
    wired: Wired, admin: httpx.Client, booth: httpx.Client
) -> None:
    order_id = paid(wired, booth)
    forged = admin.post("/admin/orders/refund", data={"order_id": order_id, "reason": "x",
                                                      "confirm": "1"})
    assert forged.status_code == 403
    assert status(booth, order_id)["refund"] is None


def test_a_printed_order_is_refunded_only_as_goodwill_with_a_reason(
    wired: Wired, admin: httpx.Client, booth: httpx.Client
) -> None:
    order_id = paid(wired, booth)
    printed(booth, order_id)
    refused = post(admin, "/admin/orders/refund", order_id=order_id, reason="smudged",
                   confirm="1")
    assert refused.status_code == 409
    assert "delivered" in refused.text
    assert status(booth, order_id)["status"] == "paid"
    page = admin.get("/admin/orders").text
    assert "Refund (goodwill)" in page
    done = post(admin, "/admin/orders/refund", order_id=order_id, reason="smudged print",
                confirm="1", goodwill="1")
    assert done.status_code == 303
    assert status(booth, order_id)["status"] == "refunded"
    assert csv_row(admin, order_id)["refund_origin"] == "dashboard (goodwill)"


def test_a_refund_the_provider_refuses_shows_refund_by_hand_and_is_recorded_by_hand(
    wired: Wired, admin: httpx.Client, booth: httpx.Client, operator: str
) -> None:
    order_id = paid(wired, booth, "webpay")
    post(admin, "/admin/orders/refund", order_id=order_id, reason="camera broke", confirm="1")
    page = undelivered_page(admin)
    assert "refund by hand" in page and "WebPay refused TransactionRefund: 512" in page
    assert status(booth, order_id)["refund"]["status"] == "failed"
    incomplete = post(admin, "/admin/orders/refunded-by-hand", order_id=order_id,
                      reason="refunded in the cabinet", reference="")
    assert incomplete.status_code == 422
    done = post(admin, "/admin/orders/refunded-by-hand", order_id=order_id,
                reason="refunded in the cabinet", reference="WP-REF-7781")
    assert done.status_code == 303
    answer = status(booth, order_id)
    assert answer["status"] == "refunded"
    assert answer["refund"]["status"] == "refunded"
    row = csv_row(admin, order_id)
    assert row["refund_reference"] == "WP-REF-7781"
    assert f"refunded by hand by {operator}" in row["refund_note"]
    assert "refunded-by-hand" in admin.get("/admin/audit").text


def test_the_audit_log_needs_the_login(wired: Wired) -> None:
    answer = httpx.get(f"{wired.server.url}/admin/audit")
    assert answer.status_code == 303


def test_a_printed_payme_order_refunded_as_goodwill_completes_through_cancel_transaction(
    wired: Wired, admin: httpx.Client, booth: httpx.Client
) -> None:
    order_id = new_order(booth, "payme")
    transaction = pay_payme(wired.server, order_id, 100_000)
    printed(booth, order_id)
    done = post(admin, "/admin/orders/refund", order_id=order_id, reason="wrong photos",
                confirm="1", goodwill="1")
    assert done.status_code == 303
    wait_for(lambda: status(booth, order_id)["status"] == "refunded",
             "Payme's CancelTransaction accepted for the goodwill refund")
    checked = payme_call(wired.server, "CheckTransaction", {"id": transaction})["result"]
    assert (checked["state"], checked["reason"]) == (-2, 5)


def test_refunded_by_hand_is_refused_while_the_providers_refund_is_in_progress(
    wired: Wired, admin: httpx.Client, booth: httpx.Client
) -> None:
    order_id = new_order(booth, "payme")
    transaction = pay_payme(wired.server, order_id, 100_000)
    wired.payme.paused.add(transaction)  # Payme queued the cancel, not yet carried out
    post(admin, "/admin/orders/refund", order_id=order_id, reason="jam", confirm="1")
    assert status(booth, order_id)["refund"]["status"] == "requested"
    row = admin.get("/admin/orders").text.split(order_id, 1)[1].split("</tr>", 1)[0]
    assert "requested" in row and "Refunded by hand" not in row
    answer = post(admin, "/admin/orders/refunded-by-hand", order_id=order_id,
                  reason="cash", reference="R-1")
    assert answer.status_code == 409
    assert "in progress" in answer.text
    wired.payme.resume(transaction)
    wait_for(lambda: status(booth, order_id)["status"] == "refunded",
             "Payme's CancelTransaction")
    assert status(booth, order_id)["refund"]["note"] == "payme cancelled (reason 5)"


def test_a_reason_with_markup_is_shown_as_text_and_back_stays_on_the_dashboard(
    wired: Wired, admin: httpx.Client, booth: httpx.Client
) -> None:
    order_id = paid(wired, booth)
    reason = "<script>alert(1)</script>"
    assert booth.post(f"/api/orders/{order_id}/refund",
                      json={"reason": reason}).status_code == 202
    page = admin.get("/admin/orders").text
    assert reason not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    other = paid(wired, booth)
    answer = post(admin, "/admin/orders/refund", order_id=other, reason="jam", confirm="1",
                  back="//evil.example/admin/orders")
    assert answer.headers["location"] == "/admin/orders?view=undelivered"


def test_a_refused_refund_and_the_audit_log_speak_the_operators_language(
    wired: Wired, booth: httpx.Client
) -> None:
    order_id = paid(wired, booth)
    printed(booth, order_id)
    russian = logged_in(wired.server, new_operator(wired.server))
    try:
        csrf = csrf_of(russian.get("/admin/devices").text)
        chosen = russian.post("/admin/language", data={"csrf_token": csrf, "language": "ru"},
                              headers={"Referer": f"{wired.server.url}/admin"})
        assert chosen.status_code == 303
        refused = post(russian, "/admin/orders/refund", order_id=order_id, reason="пятно",
                       confirm="1")
        assert refused.status_code == 409
        assert f"заказ {order_id} выдан: он не возвращается" in refused.text
        assert "was delivered" not in refused.text
        unknown = post(russian, "/admin/orders/refund", order_id="no-such-order",
                       reason="x", confirm="1")
        assert unknown.status_code == 404 and "Заказа no-such-order нет." in unknown.text
        audit = russian.get("/admin/audit").text
        assert "Журнал действий" in audit and "Audit log" not in audit
    finally:
        russian.close()
