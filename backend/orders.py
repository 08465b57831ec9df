"""The kiosk's side of an order: create it for a QR, read its status, give up on it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from backend.context import BackendContext
from backend.models import STATE_CREATED, Order
from backend.order_lookups import active_attempt, lock_order
from backend.order_status import iso_utc, status_answer
from backend.payments import PAYABLE_STATUSES, cancel_attempt, record, set_status
from backend.photo_links import PreparedLink, link_token, photos_url
from backend.providers.pay_urls import CURRENCY, payment_url
from backend.refund_models import OrderCopies
from backend.refund_rows import refund_of, refund_view
from contract.money import to_major, to_minor
from contract.payment_status import PaymentStatus

QR_LIFETIME = timedelta(minutes=15)
# Payme's "timeout" reason: the kiosk stopped waiting for this attempt.
KIOSK_GAVE_UP_REASON = 4


class OrderConflict(Exception):
    """The order_id exists with other terms, belongs to another device, or may not switch
    provider now; `facts` name what is in the way (the order's status, the busy provider)."""

    def __init__(self, message: str, **facts: str) -> None:
        super().__init__(message)
        self.facts = facts


class OrderNotFound(Exception):
    pass


def _qr_answer(order: Order, photos: tuple[str, str | None]) -> dict[str, Any]:
    url, code = photos
    answer = {
        "order_id": order.order_id,
        "payment_url": order.payment_url,
        "amount": to_major(order.amount_minor, order.currency),
        "currency": order.currency,
        "status": order.payment_status,
        "expires_at": iso_utc(order.expires_at),
        "photos_url": url,
    }
    if code is not None:
        answer["photos_code"] = code  # typed at /p/CODE; absent before codes existed
    return answer


def generate_qr(
    ctx: BackendContext,
    device_id: int,
    order_id: str,
    payment_type: str,
    amount_major: int,
    device_token: str,
    language: str | None = None,
    copies: int = 1,
    link: PreparedLink | None = None,
) -> dict[str, Any]:
    """Idempotent on order_id and paymentType: the same call answers the same QR (and the
    same photos page); another paymentType points a pending order's QR at that provider.
    `link`: a new order's page token, its code already hashed (photo_links.prepare_link)."""
    currency = CURRENCY[payment_type]
    amount_minor = to_minor(amount_major, currency)
    for _ in range(2):
        try:
            with ctx.db.write() as session:
                order = lock_order(session, order_id)
                if order is not None:
                    if order.device_id != device_id:
                        raise OrderConflict("order_id is already used by another device")
                    _offer(ctx, session, order, payment_type, amount_major, language)
                    return _qr_answer(order, _photos_url(ctx, session, order, device_token, link))
                now = ctx.clock.now()
                url = payment_url(ctx.settings, payment_type, order_id, amount_minor, language)
                order = Order(
                    order_id=order_id,
                    device_id=device_id,
                    amount_minor=amount_minor,
                    currency=currency,
                    payment_type=payment_type,
                    payment_url=url,
                    created_at=now,
                    expires_at=now + QR_LIFETIME,
                    payment_method=payment_type,
                )
                session.add(order)
                session.flush()
                assert order.id is not None
                session.add(OrderCopies(order_pk=order.id, copies=copies))
                record(
                    session, order, "order.created", ctx.clock.now_ms(),
                    to_status=PaymentStatus.pending,
                )
                return _qr_answer(order, _photos_url(ctx, session, order, device_token, link))
        except IntegrityError:
            # Another call created the same order_id first: the next pass answers from it.
            continue
    raise OrderConflict(f"order {order_id} is being created by a concurrent call")


def _photos_url(
    ctx: BackendContext, session: Session, order: Order, device_token: str,
    link: PreparedLink | None = None,
) -> tuple[str, str | None]:
    token, code = link_token(session, order, device_token, ctx.clock.now(), link)
    return photos_url(ctx.settings.public_url, token), code


def _offer(
    ctx: BackendContext,
    session: Session,
    order: Order,
    payment_type: str,
    amount_major: int,
    language: str | None,
) -> None:
    """Points an existing order's QR at `payment_type`, or leaves it when nothing changes.

    The customer may switch while nobody is paying: an attempt of another provider that
    is in progress (created, not yet performed or cancelled) keeps the order where it is.
    """
    order_id = order.order_id
    if CURRENCY[payment_type] != order.currency or (
        to_minor(amount_major, order.currency) != order.amount_minor
    ):
        raise OrderConflict(
            f"order {order_id} exists with amount "
            f"{to_major(order.amount_minor, order.currency)} {order.currency}; "
            f"{payment_type} takes {amount_major} {CURRENCY[payment_type]}"
        )
    url = payment_url(ctx.settings, payment_type, order_id, order.amount_minor, language)
    if url == order.payment_url:
        return
    if order.payment_status != PaymentStatus.pending:
        if payment_type == order.payment_type:
            return  # a settled order keeps the QR it had; nothing is payable any more
        raise OrderConflict(
            f"order {order_id} is {order.payment_status}: it cannot switch to {payment_type}",
            status=order.payment_status,
        )
    attempt = active_attempt(session, order)
    if attempt is not None and attempt.provider != payment_type:
        raise OrderConflict(
            f"order {order_id} is being paid with {attempt.provider}: "
            f"it cannot switch to {payment_type} now",
            in_progress=attempt.provider,
        )
    previous = order.payment_type
    order.payment_type = payment_type
    order.payment_method = payment_type
    order.payment_url = url
    session.add(order)
    record(
        session, order, "order.offered", ctx.clock.now_ms(),
        reason=f"QR from {previous} to {payment_type} (language {language or 'default'})",
        payload={"paymentType": payment_type, "language": language, "payment_url": url},
    )


def order_status(ctx: BackendContext, device_id: int, order_id: str) -> dict[str, Any]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.order_id == order_id)).one_or_none()
        if order is None or order.device_id != device_id:
            raise OrderNotFound(order_id)
        return status_answer(order, refund_view(refund_of(session, order)))


def cancel_order(ctx: BackendContext, device_id: int, order_id: str) -> dict[str, Any]:
    """The kiosk gave up: a still-payable order is cancelled; a paid one stays paid."""
    with ctx.db.write() as session:
        order = lock_order(session, order_id)
        if order is None or order.device_id != device_id:
            raise OrderNotFound(order_id)
        if order.payment_status in PAYABLE_STATUSES:
            now_ms = ctx.clock.now_ms()
            attempt = active_attempt(session, order)
            if attempt is not None and attempt.state == STATE_CREATED:
                cancel_attempt(session, order, attempt, KIOSK_GAVE_UP_REASON, now_ms)
            set_status(session, order, PaymentStatus.cancelled, now_ms, reason="kiosk gave up")
        return status_answer(order)
