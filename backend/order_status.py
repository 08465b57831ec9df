"""What `payment-status` answers for an order: read from the database, or handed to the
long-poll waiters by the commit that changed it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from backend.models import Order


def iso_utc(moment: datetime | None) -> str | None:
    """ISO 8601 UTC with a Z; SQLite hands back naive datetimes, which are UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat().replace("+00:00", "Z")


def status_answer(order: Order, refund: dict[str, str] | None = None) -> dict[str, Any]:
    """What `payment-status` answers for the order; `refund`: null or its status and note
    (a pending order, the only one a long-poll waits on, never has a refund)."""
    return {
        "order_id": order.order_id,
        "status": order.payment_status,
        "paid_at": iso_utc(order.payment_paid_at),
        "transaction_id": order.payment_transaction_id,
        "method": order.payment_method,
        "refund": refund,
    }
