"""The "Fiscal receipt" link the customer's pages show once the receipt's URL is known."""

from __future__ import annotations

from html import escape

from backend.context import BackendContext
from backend.fiscal_receipts import receipt_url_of
from backend.models import Order
from backend.order_lookups import read_order

LABELS = {"uz": "Fiskal chek", "ru": "Фискальный чек", "en": "Fiscal receipt"}


def receipt_url(ctx: BackendContext, order: Order) -> str:
    with ctx.db.read() as session:
        return receipt_url_of(session, order)


def receipt_url_by_id(ctx: BackendContext, order_id: str) -> str:
    order = read_order(ctx.db, order_id)
    return "" if order is None else receipt_url(ctx, order)


def receipt_link(url: str, language: str = "en") -> str:
    """Markup of the link (empty until the URL is known); stored URLs are https only."""
    if not url.startswith("https://"):
        return ""
    return (f"<p class='receipt'><a id='fiscal-receipt' href='{escape(url)}' "
            f"rel='noopener noreferrer' target='_blank'>"
            f"{escape(LABELS.get(language, LABELS['en']))}</a></p>")
