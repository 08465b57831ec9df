"""Fiscal receipts of orders: the items a provider needs, and the receipt URL once known.

Payme gets the items in CheckPerformTransaction's `detail` and reports the receipt with
SetFiscalData; Click gets them by ofd_data/submit_items (the queue in click_receipts.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from backend.context import BackendContext
from backend.fiscal_items import payme_detail
from backend.fiscal_setup import fiscal_setup
from backend.models import Order
from backend.order_lookups import find_attempt
from backend.refund_models import FiscalReceipt, OrderCopies, PaymeFiscalData

# An order from a booth older than `copies`: one print.
DEFAULT_COPIES = 1
FISCAL_KINDS = ("PERFORM", "CANCEL")


def copies_of(session: Session, order: Order) -> int:
    row = session.get(OrderCopies, order.id)
    return DEFAULT_COPIES if row is None else row.copies


def payme_check_detail(ctx: BackendContext, order: Order) -> dict[str, Any] | None:
    """CheckPerformTransaction's `detail`, or None without fiscal settings."""
    setup = fiscal_setup(ctx.settings)
    if setup is None:
        return None
    with ctx.db.read() as session:
        copies = copies_of(session, order)
    return payme_detail(setup.lines(order.amount_minor, copies))


def store_payme_fiscal_data(ctx: BackendContext, transaction_id: str, kind: str,
                            data: dict[str, Any]) -> bool:
    """SetFiscalData, kept per transaction and type (a repeat replaces it); False: no such
    transaction. A PERFORM receipt's qr_code_url becomes the order's receipt link."""
    with ctx.db.write() as session:
        attempt = find_attempt(session, "payme", transaction_id)
        if attempt is None:
            return False
        now_ms = ctx.clock.now_ms()
        row = session.scalars(select(PaymeFiscalData).where(
            PaymeFiscalData.attempt_pk == attempt.id, PaymeFiscalData.kind == kind)
        ).one_or_none()
        if row is None:
            assert attempt.id is not None
            row = PaymeFiscalData(attempt_pk=attempt.id, kind=kind, data=data)
        row.data = data
        row.received_at = now_ms
        session.add(row)
        url = data.get("qr_code_url")
        if kind == "PERFORM" and isinstance(url, str) and url.startswith("https://"):
            receipt = session.get(FiscalReceipt, attempt.order_pk)
            if receipt is None:
                receipt = FiscalReceipt(order_pk=attempt.order_pk, provider="payme")
            receipt.qr_code_url = url[:2000]
            session.add(receipt)
        return True


def receipt_url_of(session: Session, order: Order) -> str:
    receipt = session.get(FiscalReceipt, order.id)
    return "" if receipt is None else receipt.qr_code_url
