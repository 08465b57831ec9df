"""Writes a payment status learned from the backend into the local orders row.

One transaction holds the row change and its event (which also queues it for the
outbox), so "state first, then screen" holds for every caller.
"""

from __future__ import annotations

import logging

from contract.payment_status import PaymentStatus
from kiosk.core import orders
from kiosk.core.store import Store
from sync.api_client import BackendClient, BackendError, PaymentAnswer

log = logging.getLogger(__name__)


def commit_payment(store: Store, answer: PaymentAnswer, reason: str,
                   kind: str | None = None) -> PaymentStatus:
    """Commit the answer; returns the order's local status afterwards.

    A paid order only moves on to refunded: a contradicting answer is kept as a
    `payment.mismatch` event for the technician and the row stays paid.
    """
    with store.transaction() as session:
        return orders.settle_payment(store, session, orders.BackendPayment(
            order_id=answer.order_id, status=answer.status, transaction_id=answer.transaction_id,
            paid_at=answer.paid_at, method=answer.method, raw=answer.raw), reason, kind)


def cancel_and_commit(client: BackendClient, store: Store, order_id: str,
                      why: str) -> PaymentStatus:
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
            orders.give_up(store, session, order_id, why, str(exc))
        return PaymentStatus.pending
    return commit_payment(store, answer, reason=why)
