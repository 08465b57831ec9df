"""What the dashboard shows: each booth's status as of its heartbeat, and its day in money.

"Today" and the days of a booth's chart are calendar days in the operator's time zone
(BOOTH_TIMEZONE). Amounts stay in minor units per currency; contract.money formats them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlmodel import Session

from backend.database import Database
from backend.heartbeats import Booth, fleet_booths, printer_words
from backend.models import DeviceEvent, Order
from contract.money import major_text
from contract.payment_status import PaymentStatus

# The dashboard calls a booth offline after 3 minutes without a heartbeat (it sends every
# 60 s); the alert waits 5 (alerts.OFFLINE_AFTER_MS).
OFFLINE_AFTER_MS = 3 * 60 * 1000
CHART_DAYS = 30


def day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()


def money_text(minor: int, currency: str) -> str:
    """For people: 35 000 UZS, 12 500.50 BYN (thousands grouped, no .00 on whole amounts)."""
    whole, _, fraction = major_text(minor, currency).partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u202f")
    return f"{grouped}{'.' + fraction if fraction.strip('0') else ''} {currency}"


def money(totals: dict[str, int]) -> str:
    return ", ".join(money_text(minor, currency)
                     for currency, minor in sorted(totals.items())) or "0"


@dataclass
class DayFigures:
    sessions: int = 0  # orders started: a session that reached the payment screen
    paid: int = 0
    revenue: dict[str, int] = field(default_factory=dict)  # currency → minor units

    @property
    def revenue_text(self) -> str:
        return money(self.revenue)


@dataclass
class BoothRow:
    booth: Booth
    online: bool
    today: DayFigures

    @property
    def name(self) -> str:
        return self.booth.name

    @property
    def status(self) -> dict[str, Any]:
        return self.booth.status

    @property
    def printer_text(self) -> str:
        return printer_words(str(self.booth.printer.get("state", ""))) \
            if self.booth.status else "—"


def figures_since(session: Session, device_ids: dict[int, str],
                  since: datetime) -> dict[str, DayFigures]:
    """Per booth name: orders started, paid and revenue since `since`."""
    figures: dict[str, DayFigures] = defaultdict(DayFigures)
    if not device_ids:
        return figures
    started = session.execute(
        select(Order.device_id, func.count())
        .where(Order.device_id.in_(list(device_ids)), Order.created_at >= since)
        .group_by(Order.device_id)
    )
    for device_id, count in started:
        figures[device_ids[device_id]].sessions += count
    paid = session.execute(
        select(Order.device_id, Order.currency, func.count(), func.sum(Order.amount_minor))
        .where(Order.device_id.in_(list(device_ids)),
               Order.payment_status == PaymentStatus.paid, Order.payment_paid_at >= since)
        .group_by(Order.device_id, Order.currency)
    )
    for device_id, currency, count, total in paid:
        day = figures[device_ids[device_id]]
        day.paid += count
        day.revenue[currency] = day.revenue.get(currency, 0) + int(total or 0)
    return figures


def fleet_rows(db: Database, now_ms: int, zone: ZoneInfo) -> list[BoothRow]:
    now = datetime.fromtimestamp(now_ms / 1000, tz=UTC)
    with db.read() as session:
        booths = fleet_booths(session)
        names = {device_id: booth.name for booth in booths for device_id in booth.device_ids}
        today = figures_since(session, names, day_start(local_day(now, zone), zone))
    return [BoothRow(booth, booth.online(now_ms, OFFLINE_AFTER_MS), today[booth.name])
            for booth in booths]


@dataclass(frozen=True)
class DayTotal:
    day: date
    paid: int
    revenue_minor: int


@dataclass
class BoothReport:
    row: BoothRow
    currency: str
    days: list[DayTotal]
    orders: list[Order]
    events: list[DeviceEvent]


def booth_report(db: Database, name: str, now_ms: int, zone: ZoneInfo,
                 recent: int = 50) -> BoothReport | None:
    now = datetime.fromtimestamp(now_ms / 1000, tz=UTC)
    today = local_day(now, zone)
    first_day = today - timedelta(days=CHART_DAYS - 1)
    with db.read() as session:
        booth = next((b for b in fleet_booths(session) if b.name == name), None)
        if booth is None:
            return None
        ids = booth.device_ids
        figures = figures_since(session, dict.fromkeys(ids, name), day_start(today, zone))
        paid = session.execute(
            select(Order.payment_paid_at, Order.currency, Order.amount_minor)
            .where(Order.device_id.in_(ids), Order.payment_status == PaymentStatus.paid,
                   Order.payment_paid_at >= day_start(first_day, zone))
        ).all()
        orders = list(session.scalars(
            select(Order).where(Order.device_id.in_(ids))
            .order_by(Order.created_at.desc(), Order.id.desc()).limit(recent)))
        events = list(session.scalars(
            select(DeviceEvent).where(DeviceEvent.device_id.in_(ids))
            .order_by(DeviceEvent.received_at.desc(), DeviceEvent.id.desc()).limit(recent)))
    by_currency: dict[str, int] = defaultdict(int)
    for _, currency, amount in paid:
        by_currency[currency] += amount
    currency = max(by_currency, key=by_currency.__getitem__, default="UZS")
    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for paid_at, order_currency, amount in paid:
        if order_currency == currency:
            totals = per_day[local_day(paid_at, zone)]
            totals[0] += 1
            totals[1] += amount
    days = [DayTotal(day, *per_day.get(day, [0, 0]))
            for day in (first_day + timedelta(days=n) for n in range(CHART_DAYS))]
    row = BoothRow(booth, booth.online(now_ms, OFFLINE_AFTER_MS), figures[name])
    return BoothReport(row, currency, days, orders, events)

