"""Writes a payment status learned from the backend into the local orders row.

One transaction holds the row change and its event (which also queues it for the
outbox), so "state first, then screen" holds for every caller.
"""

from __future__ import annotations

import logging

from contract.payment_status import PaymentStatus
from kiosk.core.models import Order
from kiosk.core.store import Store
from sync.api_client import BackendClient, BackendError, PaymentAnswer

log = logging.getLogger(__name__)

EVENT_KINDS = {
    PaymentStatus.paid: "payment.paid",
    PaymentStatus.failed: "payment.failed",
    PaymentStatus.cancelled: "payment.cancelled",
    PaymentStatus.refunded: "payment.refunded",
}


def commit_payment(store: Store, answer: PaymentAnswer, reason: str,
                   kind: str | None = None) -> str:
    """Commit the answer; returns the order's local status afterwards.

    A paid order only moves on to refunded: a contradicting answer is kept as a
    `payment.mismatch` event for the technician and the row stays paid.
    """
    with store.transaction() as session:
        order = session.get(Order, answer.order_id)
        if order is None:
            raise LookupError(f"order {answer.order_id} is not in the local store")
        previous = order.payment_status
        data = {"status": answer.status, "previous": previous,
                "transaction_id": answer.transaction_id, "method": answer.method,
                "paid_at": answer.paid_at}
        if previous == answer.status and order.payment_transaction_id == answer.transaction_id:
            return previous
        if previous == PaymentStatus.paid and answer.status != PaymentStatus.refunded:
            store.record(session, "payment.mismatch", order.id,
                         f"backend said {answer.status} for a paid order", data)
            return previous
        order.payment_status = answer.status
        order.payment_transaction_id = answer.transaction_id
        order.payment_paid_at = answer.paid_at
        order.payment_method = answer.method
        order.payment_raw = answer.raw
        order.updated_at = store.clock()
        session.add(order)
        store.record(session, kind or EVENT_KINDS.get(answer.status, "payment.status"),
                     order.id, reason, data)
        return answer.status


def cancel_and_commit(client: BackendClient, store: Store, order_id: str, why: str) -> str:
    """Ask the backend to cancel and commit its final word; returns the local status.

    The answer may be `paid` (the payment won the race). Unreachable: the order stays
    pending, a `payment.cancel_unconfirmed` event says why, and the reconciler settles it.
    """
    try:
        answer = client.cancel_order(order_id)
    except BackendError as exc:
        log.warning("cancel %s (%s): backend unreachable (%s); the reconciler settles it",
                    order_id, why, exc)
        with store.transaction() as session:
            order = session.get(Order, order_id)
            if order is not None:
                order.expires_at = min(order.expires_at or store.clock(), store.clock())
                session.add(order)
            store.record(session, "payment.cancel_unconfirmed", order_id,
                         f"{why}; the backend could not be reached", {"error": str(exc)})
        return PaymentStatus.pending
    return commit_payment(store, answer, reason=why)
