"""The technician's Refund against the real backend over HTTP (sandbox: refunds at once),
private cupsd and a real store; the runner plays the UI thread the answers come back on.

Each order is paid at the backend as a customer would (the sandbox's Pay button) and kept
in the booth's store as a late payment from two days ago that never printed."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlmodel import select

from backend.local_server import BackendServer
from contract.payment_status import PaymentStatus
from kiosk.core import orders
from kiosk.core.desk_work import Outcome
from kiosk.core.models import Order, OutboxItem
from sync.api_client import BackendClient
from sync.reconciler import REPRINT_LIST_EVENT
from tests.backend.refund_helpers import stored
from tests.harness.dashboard import report_printed
from tests.integration.test_service_menu import ask, old_paid_order, read

AMOUNT = 20000  # what old_paid_order charged, in whole sum


def paid_at_the_backend(backend: BackendServer, order_id: str, token: str | None = None) -> None:
    client = BackendClient(backend.url, token or backend.token, connect_timeout=5,
                           read_timeout=10)
    try:
        client.generate_qr(order_id, "sandbox", AMOUNT)
    finally:
        client.close()
    backend.sandbox_pay(order_id)


def backend_refunds(backend: BackendServer, order_id: str) -> list[tuple[str, str]]:
    """The backend's refund rows for the order: (status, origin)."""
    return [(str(status), str(origin)) for status, origin in stored(
        backend, "SELECT r.status, r.origin FROM refunds r JOIN orders o ON o.id = r.order_pk "
        "WHERE o.order_id = :order_id", order_id=order_id)]


def local_status(booth, order_id: str) -> PaymentStatus:
    with booth.store.reading() as db:
        return db.get(Order, order_id).payment_status


def late_booth(make_booth, tmp_path: Path, order_id: str):
    old_paid_order(tmp_path / "kiosk", order_id)
    booth, runner = make_booth()
    runner.until(lambda: booth.store.events(kind=REPRINT_LIST_EVENT, subject=order_id),
                 "the reconciler lists the order for the technician", booth)
    assert [line.order_id for line in read(booth, runner, booth.orders.late_payments)] == [
        order_id]
    return booth, runner


def refund(booth, runner, order_id: str) -> Outcome:
    return ask(booth, runner, lambda done: booth.orders.refund(
        order_id, "booth technician: cannot print", done))


def test_a_refund_the_backend_accepts_ends_the_order_refunded_and_off_the_late_list(
        make_booth, backend: BackendServer, tmp_path: Path) -> None:
    order_id = f"refund-ok-{uuid.uuid4().hex[:8]}"
    paid_at_the_backend(backend, order_id)
    booth, runner = late_booth(make_booth, tmp_path, order_id)

    answer = refund(booth, runner, order_id)

    assert (answer.ok, answer.detail["refund"]) == (True, "refunded")
    assert local_status(booth, order_id) == PaymentStatus.refunded
    assert read(booth, runner, booth.orders.late_payments) == []
    logged = {line.order_id: line for line in read(
        booth, runner, lambda done: booth.orders.payment_log(None, done))}
    assert (logged[order_id].payment_status, logged[order_id].refund) == ("refunded", "refunded")
    assert backend_refunds(backend, order_id) == [("refunded", "booth")]
    again = refund(booth, runner, order_id)
    assert (again.ok, again.problem) == (False, "not_paid"), "a refunded order is not asked again"
    assert len(backend_refunds(backend, order_id)) == 1


def test_a_refund_of_another_booths_order_is_refused_and_changes_nothing(
        make_booth, backend: BackendServer, tmp_path: Path) -> None:
    order_id = f"refund-other-{uuid.uuid4().hex[:8]}"
    paid_at_the_backend(backend, order_id, token=backend.add_device(f"other-{order_id}"))
    booth, runner = late_booth(make_booth, tmp_path, order_id)

    answer = refund(booth, runner, order_id)

    assert (answer.ok, answer.problem) == (False, "unknown_order")
    assert local_status(booth, order_id) == PaymentStatus.paid
    assert [line.order_id for line in read(booth, runner, booth.orders.late_payments)] == [
        order_id]
    assert booth.store.events(kind=orders.REFUND_REFUSED, subject=order_id)
    assert backend_refunds(backend, order_id) == []


def test_a_refund_of_a_delivered_order_is_refused_with_the_backends_409(
        make_booth, backend: BackendServer, tmp_path: Path) -> None:
    order_id = f"refund-delivered-{uuid.uuid4().hex[:8]}"
    paid_at_the_backend(backend, order_id)
    report_printed(backend, backend.token, order_id)
    booth, runner = late_booth(make_booth, tmp_path, order_id)

    answer = refund(booth, runner, order_id)

    assert (answer.ok, answer.problem) == (False, "refused")
    assert local_status(booth, order_id) == PaymentStatus.paid
    assert [(line.order_id, line.refund) for line in read(
        booth, runner, booth.orders.late_payments)] == [(order_id, "refused")]
    assert backend_refunds(backend, order_id) == []


def test_a_refund_asked_while_the_backend_is_down_is_queued_then_sent_once_when_it_is_back(
        make_booth, backend: BackendServer, tmp_path: Path) -> None:
    order_id = f"refund-queued-{uuid.uuid4().hex[:8]}"
    paid_at_the_backend(backend, order_id)
    booth, runner = late_booth(make_booth, tmp_path, order_id)
    backend.stop()

    answer = refund(booth, runner, order_id)

    assert (answer.ok, answer.detail["refund"]) == (True, "queued")
    assert local_status(booth, order_id) == PaymentStatus.paid
    assert read(booth, runner, booth.orders.late_payments) == [], "queued: off the late list"
    again = refund(booth, runner, order_id)
    assert (again.ok, again.problem) == (False, "refund_open"), "one queued refund, not two"

    backend.start()
    runner.until(lambda: local_status(booth, order_id) == PaymentStatus.refunded,
                 "the outbox delivers the refund once the backend is back", booth)
    with booth.store.reading() as db:
        queued = [item for item in db.exec(select(OutboxItem))
                  if item.payload["kind"] == orders.REFUND_QUEUED]
    assert [item.delivered_at is not None for item in queued] == [True]
    booth.relay.flush_once()
    assert backend_refunds(backend, order_id) == [("refunded", "booth")]
    assert len(booth.store.events(kind="payment.refunded", subject=order_id)) == 1


def test_a_queued_refund_the_backend_refuses_when_it_is_back_returns_to_the_late_list(
        make_booth, backend: BackendServer, tmp_path: Path) -> None:
    order_id = f"refund-queued-409-{uuid.uuid4().hex[:8]}"
    paid_at_the_backend(backend, order_id)
    report_printed(backend, backend.token, order_id)
    booth, runner = late_booth(make_booth, tmp_path, order_id)
    backend.stop()
    assert refund(booth, runner, order_id).detail["refund"] == "queued"

    backend.start()
    runner.until(lambda: booth.store.events(kind=orders.REFUND_REFUSED, subject=order_id),
                 "the outbox hears the backend's 409", booth)
    late = read(booth, runner, booth.orders.late_payments)
    assert [(line.order_id, line.refund) for line in late] == [(order_id, "refused")]
    assert local_status(booth, order_id) == PaymentStatus.paid
    with booth.store.reading() as db:
        undelivered = [item for item in db.exec(select(OutboxItem))
                       if item.payload["kind"] == orders.REFUND_QUEUED
                       and item.delivered_at is None]
    assert undelivered == [], "a refused refund is not tried again and again"
    assert backend_refunds(backend, order_id) == []


def test_a_late_payment_refunded_elsewhere_leaves_the_late_list_at_the_next_pass(
        make_booth, backend: BackendServer, tmp_path: Path) -> None:
    order_id = f"refund-elsewhere-{uuid.uuid4().hex[:8]}"
    paid_at_the_backend(backend, order_id)
    booth, runner = late_booth(make_booth, tmp_path, order_id)
    elsewhere = BackendClient(backend.url, backend.token, connect_timeout=5, read_timeout=10)
    try:
        assert elsewhere.request_refund(order_id, "refunded by the operator").refund.status \
            == "refunded"
    finally:
        elsewhere.close()

    booth.reconciler.nudge()
    runner.until(lambda: local_status(booth, order_id) == PaymentStatus.refunded,
                 "the reconciler learns the refund from payment-status", booth)
    assert read(booth, runner, booth.orders.late_payments) == []
    refused = ask(booth, runner, lambda done: booth.orders.print_late(order_id, done))
    assert (refused.ok, refused.problem) == (False, "not_paid"), "a refunded order never prints"
