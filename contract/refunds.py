"""The refund in the kiosk API: the booth's request and the state payment-status shows."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

REASON_MAX = 500


class RefundRequest(BaseModel):
    """`POST /api/orders/{order_id}/refund`: the technician's reason."""

    reason: str = Field(min_length=1, max_length=REASON_MAX)


class RefundState(BaseModel):
    """`payment-status`'s `refund` (null without one); `note`: the provider's words."""

    status: Literal["requested", "refunded", "failed"]
    note: str


class RefundAnswer(BaseModel):
    order_id: str
    status: str = Field(description="the order's payment status (refunded once done)")
    refund: RefundState
