"""The statuses an order's payment goes through, as the kiosk API reports them."""

from __future__ import annotations

from enum import StrEnum


class PaymentStatus(StrEnum):
    pending = "pending"
    paid = "paid"
    failed = "failed"
    cancelled = "cancelled"
    refunded = "refunded"


# A status the payment cannot leave by itself (refunded follows paid only by a refund).
FINAL = frozenset({PaymentStatus.paid, PaymentStatus.cancelled, PaymentStatus.refunded})
