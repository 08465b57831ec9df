"""An order became refunded, whoever did it: its refund row says so.

Called by payments.set_status for every change to `refunded` (Payme's CancelTransaction, a
WebPay notify, the sandbox, a Click reversal, an operator's record of a refund by hand). A
refund the provider started without us (Payme's cabinet) gets its row here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from backend.models import Order
from backend.refund_models import REFUNDED, REQUESTED, Refund

PROVIDER_ORIGIN = "provider"


def refund_of(session: Session, order: Order) -> Refund | None:
    return session.scalars(select(Refund).where(Refund.order_pk == order.id)).one_or_none()


def refund_view(refund: Refund | None) -> dict[str, str] | None:
    """payment-status's `refund`: null, or its status and the provider's words."""
    if refund is None:
        return None
    return {"status": refund.status, "note": refund.note}


def refund_in_flight(session: Session, order: Order) -> bool:
    """A refund is asked for and not yet refused: the order must not be delivered now."""
    refund = refund_of(session, order)
    return refund is not None and refund.status in (REQUESTED, REFUNDED)


def settle_refund_row(session: Session, order: Order, now_ms: int, note: str) -> None:
    assert order.id is not None
    refund = refund_of(session, order)
    if refund is None:
        refund = Refund(order_pk=order.id, status=REFUNDED, origin=PROVIDER_ORIGIN,
                        provider=order.payment_method or "", requested_at=now_ms)
    if refund.status == REFUNDED and refund.settled_at is not None:
        return
    refund.status = REFUNDED
    refund.settled_at = now_ms
    refund.note = note
    refund.call_due_at = None
    refund.call_lease_until = None
    session.add(refund)
