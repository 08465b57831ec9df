"""The operator's order list: filters (booth, status, provider, dates), the paid-but-not-
delivered view and its CSV export.

Paid but not delivered: the customer paid and no print finished. The operator prints it
(the booth's reprint list) or refunds it: until a `print.printed` event marks the order
delivered, a Payme CancelTransaction refunds it (state -2); after, it answers -31007.
Every filter value reaches SQL as a bound parameter; unknown values are refused by name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select

from backend.database import Database
from backend.fleet_overview import day_start
from backend.models import Device, Order
from backend.refund_models import Refund
from contract.money import major_text
from contract.payment_status import PaymentStatus

PROVIDERS = ("payme", "click", "webpay", "sandbox")
PAGE_ROWS = 200
CSV_COLUMNS = ("order_id", "booth", "created_at", "amount", "currency", "status", "provider",
               "transaction_id", "paid_at", "delivered_at", "refund_status", "refund_origin",
               "refund_by", "refund_reason", "refund_note", "refund_reference",
               "refund_requested_at", "refund_settled_at")


@dataclass
class OrderFilter:
    booth: str = ""
    status: str = ""
    provider: str = ""
    date_from: date | None = None
    date_to: date | None = None
    undelivered: bool = False
    problems: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> OrderFilter:
        """From query parameters; a bad value is named in `problems` and not applied."""
        found = cls(booth=params.get("booth", "").strip()[:200],
                    undelivered=params.get("view") == "undelivered")
        status = params.get("status", "")
        if status in {s.value for s in PaymentStatus}:
            found.status = status
        elif status:
            found.problems.append(f"status: no status {status!r}")
        provider = params.get("provider", "")
        if provider in PROVIDERS:
            found.provider = provider
        elif provider:
            found.problems.append(f"provider: no provider {provider!r}")
        for name in ("date_from", "date_to"):
            text = params.get(name, "")
            try:
                setattr(found, name, date.fromisoformat(text) if text else None)
            except ValueError:
                found.problems.append(f"{name}: {text!r} is not a date (YYYY-MM-DD)")
        return found

    def query(self, zone: ZoneInfo) -> Select[tuple[Order, str]]:
        query = select(Order, Device.name).join(Device, Device.id == Order.device_id)
        if self.booth:
            query = query.where(Device.name == self.booth)
        if self.status:
            query = query.where(Order.payment_status == PaymentStatus(self.status))
        if self.provider:
            query = query.where(Order.payment_method == self.provider)
        if self.date_from:
            query = query.where(Order.created_at >= day_start(self.date_from, zone))
        if self.date_to:
            query = query.where(
                Order.created_at < day_start(self.date_to + timedelta(days=1), zone))
        if self.undelivered:
            query = query.where(Order.payment_status == PaymentStatus.paid,
                                Order.delivered_at.is_(None))
        return query.order_by(Order.created_at.desc(), Order.id.desc())


def search_orders(db: Database, wanted: OrderFilter, zone: ZoneInfo,
                  limit: int | None = PAGE_ROWS) -> list[tuple[Order, str]]:
    query = wanted.query(zone)
    if limit is not None:
        query = query.limit(limit)
    with db.read() as session:
        return [(order, booth) for order, booth in session.execute(query).tuples()]


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula: not from our data.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _ms_iso(ms: int | None) -> str:
    return "" if ms is None else _iso(datetime.fromtimestamp(ms / 1000, tz=UTC))


def _refund_cells(refund: Refund | None) -> tuple[str, ...]:
    if refund is None:
        return ("",) * 8
    origin = f"{refund.origin} (goodwill)" if refund.goodwill else refund.origin
    return (refund.status, origin, refund.requested_by, refund.reason, refund.note,
            refund.reference, _ms_iso(refund.requested_at), _ms_iso(refund.settled_at))


def orders_csv(rows: list[tuple[Order, str]], refunds: Mapping[int, Refund]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for order, booth in rows:
        writer.writerow([_cell(str(value)) for value in (
            order.order_id, booth, _iso(order.created_at),
            major_text(order.amount_minor, order.currency), order.currency,
            order.payment_status.value, order.payment_method or "",
            order.payment_transaction_id or "", _iso(order.payment_paid_at),
            _iso(order.delivered_at), *_refund_cells(refunds.get(order.id or 0)))])
    return buffer.getvalue()
