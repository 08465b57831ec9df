"""BOOTH_AUTO_REFUND_AFTER_HOURS: a paid order with prints, not delivered after N hours, is
refunded (off at 0, the default). A Click payment is refunded before its month closes even
if N hours have not passed: Click reverses only the current month's payments. Each
automatic refund alerts the operator (a notice on every alert channel).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from backend.alert_words import alert_text
from backend.alerts import channels
from backend.context import BackendContext
from backend.fleet_models import Alert, AlertNotice
from backend.models import Device, Order
from backend.refund_models import OrderCopies, Refund
from backend.refunds import RefundNotFound, RefundRefused, request_refund
from contract.money_words import format_minor
from contract.payment_status import PaymentStatus

AUTO = "auto"
# Click's month closes at midnight: its payments are refunded this long before.
MONTH_END_MARGIN = timedelta(hours=1)
# Never sooner than this after the payment: the booth may be printing it right now.
MIN_AGE = timedelta(minutes=10)


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def month_end(moment: datetime, zone: ZoneInfo) -> datetime:
    local = _as_utc(moment).astimezone(zone)
    first_next = (local.replace(day=28) + timedelta(days=4)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0)
    return first_next.astimezone(UTC)


def due_at(order: Order, hours: float, zone: ZoneInfo) -> datetime:
    paid = _as_utc(order.payment_paid_at or order.created_at)
    due = paid + timedelta(hours=hours)
    if order.payment_method == "click":
        due = min(due, month_end(paid, zone) - MONTH_END_MARGIN)
    return max(due, paid + MIN_AGE)


def auto_refund_candidates(ctx: BackendContext) -> list[tuple[str, str]]:
    """(order_id, booth) of paid, undelivered orders with prints whose time has come."""
    hours = ctx.settings.auto_refund_after_hours
    if hours <= 0:
        return []
    zone = ZoneInfo(ctx.settings.timezone)
    now = ctx.clock.now()
    earliest_paid = now - MIN_AGE
    with ctx.db.read() as session:
        rows = session.execute(
            select(Order, Device.name, OrderCopies.copies)
            .join(Device, Device.id == Order.device_id)
            .outerjoin(OrderCopies, OrderCopies.order_pk == Order.id)
            .outerjoin(Refund, Refund.order_pk == Order.id)
            .where(Order.payment_status == PaymentStatus.paid, Order.delivered_at.is_(None),
                   Refund.id.is_(None), Order.payment_paid_at <= earliest_paid)
        ).all()
    return [(order.order_id, booth) for order, booth, copies in rows
            if (copies is None or copies > 0) and due_at(order, hours, zone) <= _as_utc(now)]


def _alert(ctx: BackendContext, order_id: str, booth: str, message: str) -> None:
    now_ms = ctx.clock.now_ms()
    with ctx.db.write() as session:
        alert = Alert(key=f"auto-refund:{order_id}", booth=booth, kind="auto-refund",
                      message=message, opened_at=now_ms, resolved_at=now_ms)
        session.add(alert)
        session.flush()
        assert alert.id is not None
        for channel in channels(ctx.settings):
            session.add(AlertNotice(alert_id=alert.id, event="opened", channel=channel,
                                    text=f"↩️ {message}", created_at=now_ms))


def run_auto_refunds(ctx: BackendContext) -> int:
    """Asks the refund of every order whose time has come; returns how many were asked."""
    asked = 0
    hours = ctx.settings.auto_refund_after_hours
    for order_id, booth in auto_refund_candidates(ctx):
        try:
            refund = request_refund(
                ctx, order_id, origin=AUTO, requested_by="policy",
                reason=f"not printed {hours:g} h after payment "
                       "(BOOTH_AUTO_REFUND_AFTER_HOURS, or Click's month closing)")
        except (RefundNotFound, RefundRefused):
            continue  # printed or refunded meanwhile
        with ctx.db.read() as session:
            order = session.get_one(Order, refund.order_pk)
        language = ctx.settings.alert_language
        _alert(ctx, order_id, booth, alert_text(
            "auto-refund", language, booth=booth, order=order_id,
            amount=format_minor(order.amount_minor, order.currency, language),
            method=order.payment_method, note=f" ({refund.note})" if refund.note else "",
            status=alert_text(f"refund.{refund.status}", language)))
        asked += 1
    return asked
