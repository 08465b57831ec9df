"""Click's fiscal receipts: a durable queue (fiscal_receipts.due_at) that submits an order's
items once, until Click accepts them, then asks for the receipt until it has a qrCodeURL.

A row is claimed under a lease (the same pattern as refunds), so two backend processes
never submit the same receipt at the same time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from backend.context import BackendContext
from backend.fiscal_items import click_items_body
from backend.fiscal_receipts import copies_of
from backend.fiscal_setup import fiscal_setup
from backend.models import Order
from backend.providers import click_merchant
from backend.refund_models import FiscalReceipt

MAX_BACKOFF_MS = 60 * 60 * 1000


@dataclass(frozen=True)
class Job:
    order_pk: int
    payment_id: str
    submitted: bool
    body: dict[str, Any]
    tries: int


def enqueue_click_receipt(ctx: BackendContext, session: Session, order: Order,
                          payment_id: str, now_ms: int) -> None:
    """After a completed Click payment: its receipt is due now (nothing without settings)."""
    if fiscal_setup(ctx.settings) is None or not payment_id.isdigit():
        return
    assert order.id is not None
    if session.get(FiscalReceipt, order.id) is None:
        session.add(FiscalReceipt(order_pk=order.id, provider="click", payment_id=payment_id,
                                  due_at=now_ms))


def due_receipts(ctx: BackendContext, limit: int = 50) -> list[int]:
    now_ms = ctx.clock.now_ms()
    with ctx.db.read() as session:
        return list(session.scalars(
            select(FiscalReceipt.order_pk).where(
                FiscalReceipt.provider == "click", FiscalReceipt.due_at <= now_ms,
                or_(FiscalReceipt.lease_until.is_(None), FiscalReceipt.lease_until <= now_ms))
            .order_by(FiscalReceipt.due_at).limit(limit)))


def _claim(ctx: BackendContext, order_pk: int) -> Job | None:
    setup = fiscal_setup(ctx.settings)
    now_ms = ctx.clock.now_ms()
    with ctx.db.write() as session:
        row = session.scalars(select(FiscalReceipt).where(
            FiscalReceipt.order_pk == order_pk).with_for_update()).one_or_none()
        if (setup is None or row is None or row.due_at is None or row.due_at > now_ms
                or (row.lease_until or 0) > now_ms):
            return None
        order = session.get_one(Order, order_pk)
        lines = setup.lines(order.amount_minor, copies_of(session, order))
        body = click_items_body(lines, int(ctx.settings.click_service_id),
                                int(row.payment_id), setup.seller)
        row.tries += 1
        row.lease_until = now_ms + int(ctx.settings.provider_timeout_seconds * 2000)
        session.add(row)
        return Job(order_pk, row.payment_id, row.submitted, body, row.tries)


def process_receipt(ctx: BackendContext, order_pk: int) -> None:
    job = _claim(ctx, order_pk)
    if job is None:
        return
    accepted, url, note = False, None, ""
    if not job.submitted:
        accepted, note = click_merchant.submit_items(ctx.settings, job.body)
    else:
        url = click_merchant.receipt_url(ctx.settings, job.payment_id)
        note = "receipt fiscalized" if url else "Click has no receipt yet"
    now_ms = ctx.clock.now_ms()
    with ctx.db.write() as session:
        row = session.scalars(select(FiscalReceipt).where(
            FiscalReceipt.order_pk == order_pk).with_for_update()).one()
        row.lease_until = None
        row.note = note[:500]
        if accepted:
            row.submitted = True
            row.submitted_body = job.body
            row.due_at = now_ms  # next: ask for the receipt
        elif url:
            row.qr_code_url = url[:2000]
            row.due_at = None
        else:
            backoff = int(ctx.settings.refund_retry_seconds * 1000) * 2 ** min(job.tries, 12)
            row.due_at = now_ms + min(backoff, MAX_BACKOFF_MS)
        session.add(row)
