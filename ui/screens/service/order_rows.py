"""One order as a two-line row of a service list: when, how much, who paid, what printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.money import format_price
from ui.screens.service import words

if TYPE_CHECKING:
    from kiosk.core.order_views import OrderLine

TX_CHARS = 12


def order_row(line: OrderLine, language: str) -> str:
    amount = format_price(line.amount, line.currency, language)
    copies, reprints = line.copies, line.reprints  # lupdate reads plain names only
    prints = QCoreApplication.translate("ServiceRows", "%n print(s)", "", copies) if copies \
        else QCoreApplication.translate("ServiceRows", "photos on the phone only")
    first = f"{words.clock_time(line.created_at)} · {amount} · {prints}"
    if line.reprints:
        first += " · " + QCoreApplication.translate("ServiceRows", "%n reprint(s)", "", reprints)
    tx = line.transaction_id or "–"
    if len(tx) > TX_CHARS:
        tx = tx[:TX_CHARS - 1] + "…"
    delivery = words.print_state(line.print_state) if not line.digital else (
        QCoreApplication.translate("ServiceRows", "on the phone page") if line.photos_delivered
        else QCoreApplication.translate("ServiceRows", "not yet on the phone page"))
    status = words.payment_status(line.payment_status, line.free)
    if line.refund and line.refund != "refunded":
        status = words.refund_mark(line.refund)
    second = f"{line.provider} · {status} · {tx} · {delivery}"
    return f"{first}\n{second}"
