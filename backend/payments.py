"""Order and attempt state changes shared by every provider; each change writes an event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from backend.database import order_changed
from backend.models import (
    STATE_CANCELLED,
    STATE_CANCELLED_AFTER_PERFORM,
    STATE_CREATED,
    STATE_PERFORMED,
    Order,
    PaymentEvent,
    ProviderTransaction,
)
from backend.refund_rows import settle_refund_row
from contract.money import MoneyError, from_major_text
from contract.payment_status import PaymentStatus

# A plain INSERT: events are never read back in the transaction that writes them.
INSERT_EVENT = insert(PaymentEvent.__table__)  # type: ignore[attr-defined]

# An order that may still take money: a card decline (failed) can be followed by a retry.
PAYABLE_STATUSES = (PaymentStatus.pending, PaymentStatus.failed)


def is_order_amount(text: str, order: Order) -> bool:
    """A provider's decimal amount ("1000.00") is exactly the order's amount."""
    try:
        return from_major_text(text, order.currency) == order.amount_minor
    except MoneyError:
        return False


def record(
    session: Session,
    order: Order,
    kind: str,
    now_ms: int,
    *,
    attempt: ProviderTransaction | None = None,
    from_status: PaymentStatus | None = None,
    to_status: PaymentStatus | None = None,
    reason: str = "",
    payload: dict[str, Any] | None = None,
) -> None:
    session.execute(
        INSERT_EVENT,
        {
            "order_pk": order.id,
            "attempt_pk": None if attempt is None else attempt.id,
            "at": now_ms,
            "kind": kind,
            "from_status": from_status,
            "to_status": to_status,
            "reason": reason,
            "payload": payload,
        },
    )


def set_status(
    session: Session,
    order: Order,
    to_status: PaymentStatus,
    now_ms: int,
    *,
    reason: str,
    payload: dict[str, Any] | None = None,
    attempt: ProviderTransaction | None = None,
) -> None:
    from_status = order.payment_status
    if from_status == to_status:
        return
    order.payment_status = to_status
    if to_status == PaymentStatus.paid:
        order.payment_paid_at = datetime.fromtimestamp(now_ms / 1000, tz=UTC)
        if attempt is not None:
            order.payment_transaction_id = attempt.provider_tx_id
            order.payment_method = attempt.provider
    if payload is not None:
        order.payment_raw = payload
    session.add(order)
    record(
        session,
        order,
        "order.status",
        now_ms,
        attempt=attempt,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        payload=payload,
    )
    if to_status == PaymentStatus.refunded:
        settle_refund_row(session, order, now_ms, reason)
    order_changed(session, order)


def open_attempt(
    session: Session,
    order: Order,
    provider: str,
    provider_tx_id: str,
    now_ms: int,
    *,
    provider_time: int = 0,
    payload: dict[str, Any] | None = None,
) -> ProviderTransaction:
    """A new attempt in state 1; the caller holds the order lock and saw no active attempt."""
    attempt = ProviderTransaction(
        provider=provider,
        provider_tx_id=provider_tx_id,
        order_pk=order.id,
        amount_minor=order.amount_minor,
        state=STATE_CREATED,
        provider_time=provider_time,
        create_time=now_ms,
    )
    session.add(attempt)
    session.flush()
    record(session, order, "attempt.created", now_ms, attempt=attempt, payload=payload)
    return attempt


def perform_attempt(
    session: Session,
    order: Order,
    attempt: ProviderTransaction,
    now_ms: int,
    *,
    payload: dict[str, Any] | None = None,
) -> None:
    attempt.state = STATE_PERFORMED
    attempt.perform_time = now_ms
    session.add(attempt)
    record(session, order, "attempt.performed", now_ms, attempt=attempt, payload=payload)
    set_status(
        session, order, PaymentStatus.paid, now_ms, reason=f"{attempt.provider} performed",
        payload=payload, attempt=attempt,
    )


def cancel_attempt(
    session: Session,
    order: Order,
    attempt: ProviderTransaction,
    reason: int,
    now_ms: int,
    *,
    payload: dict[str, Any] | None = None,
    order_status: PaymentStatus | None = None,
) -> None:
    """State 1 → -1 (the order stays payable unless order_status says otherwise);
    2 → -2 (the order is refunded unless order_status says otherwise)."""
    performed = attempt.state == STATE_PERFORMED
    attempt.state = STATE_CANCELLED_AFTER_PERFORM if performed else STATE_CANCELLED
    attempt.reason = reason
    attempt.cancel_time = now_ms
    session.add(attempt)
    record(
        session, order, "attempt.cancelled", now_ms, attempt=attempt,
        reason=f"reason {reason}", payload=payload,
    )
    target = order_status or (PaymentStatus.refunded if performed else None)
    if target is not None:
        set_status(
            session, order, target, now_ms,
            reason=f"{attempt.provider} cancelled (reason {reason})",
            payload=payload, attempt=attempt,
        )
