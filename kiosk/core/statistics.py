"""What the booth did today, this week and ever: SQL aggregates over the local store.

All time is read from covering indexes grouped by outcome, status and provider, the
week from an index range; no order row is loaded into Python, so a store of 100 000
orders answers in a fraction of a second (`bench/bench_statistics.py`). Periods follow
the booth's local calendar: today from midnight, the week from Monday midnight.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from contract.money import to_major
from contract.payment_status import PaymentStatus

if TYPE_CHECKING:
    from kiosk.core.store import Store

PERIODS = ("today", "week", "all")
# The customer steps a session can be abandoned at (the flow states before printing).
ABANDON_STEPS = ("capture", "review", "choose", "payment", "checking")
INTERRUPTED = "interrupted"


@dataclass
class PeriodStats:
    period: str
    sessions: int = 0
    abandoned: dict[str, int] = field(default_factory=dict)  # step → sessions
    paid_orders: int = 0
    revenue: dict[tuple[str, str], int] = field(default_factory=dict)  # (provider, cur) → minor
    prints: int = 0  # sheets of paid orders
    free_sessions: int = 0
    free_prints: int = 0
    reprints: int = 0
    failed_payments: int = 0
    digital_orders: int = 0  # paid orders of photos on the phone only (among paid_orders)
    digital_delivered: int = 0  # of those, every photo confirmed on the phone page

    def revenue_major(self) -> dict[tuple[str, str], int]:
        return {key: to_major(minor, key[1]) for key, minor in sorted(self.revenue.items())}


def period_starts(now: float) -> dict[str, float]:
    """Unix time each period starts at, in the booth's local time (all time: 0)."""
    local = time.localtime(now)
    midnight = time.mktime((local.tm_year, local.tm_mon, local.tm_mday, 0, 0, 0, 0, 0, -1))
    monday = time.localtime(midnight - local.tm_wday * 86400 + 43200)  # noon: DST-proof
    week = time.mktime((monday.tm_year, monday.tm_mon, monday.tm_mday, 0, 0, 0, 0, 0, -1))
    return {"today": midnight, "week": week, "all": 0.0}


# All time: every query below reads one covering index in order (migration 4), no sort.
ALL_SESSIONS = "SELECT 0, outcome, COUNT(*) FROM sessions GROUP BY outcome"
ALL_ORDERS = ("SELECT 0, payment_status, free, COALESCE(payment_method, provider), currency, "
              "COUNT(*), SUM(amount_minor) FROM orders "
              "GROUP BY payment_status, free, payment_method, provider, currency")
ALL_PRINTS = ("SELECT 0, reprint_reason IS NOT NULL, 0, SUM(copies) FROM print_jobs "
              "WHERE state = 'printed' GROUP BY 2")
# From the few free orders to their jobs (the planner, left alone, walks every job per order).
ALL_FREE_PRINTS = ("SELECT 0, 0, 1, SUM(j.copies) FROM orders o CROSS JOIN print_jobs j "
                   "INDEXED BY ix_print_jobs_order_id ON j.order_id = o.id "
                   "WHERE o.free = 1 AND j.state = 'printed' AND j.reprint_reason IS NULL")
# Digital-only orders (copies = 0) from their own partial index (migration 5).
DIGITAL = ("SELECT created_at >= :today, created_at >= :week, COUNT(*), "
           "COUNT(photos_delivered_at) FROM orders INDEXED BY ix_orders_digital "
           "WHERE copies = 0 AND payment_status = 'paid' GROUP BY 1, 2")
# This week, split into today (1) and earlier (0): index range scans over few rows.
WEEK_SESSIONS = ("SELECT started_at >= :today, outcome, COUNT(*) FROM sessions "
                 "WHERE started_at >= :week GROUP BY 1, 2")
WEEK_ORDERS = ("SELECT created_at >= :today, payment_status, free, "
               "COALESCE(payment_method, provider), currency, COUNT(*), SUM(amount_minor) "
               "FROM orders WHERE created_at >= :week GROUP BY 1, 2, 3, 4, 5")
WEEK_PRINTS = ("SELECT j.created_at >= :today, j.reprint_reason IS NOT NULL, o.free, "
               "SUM(j.copies) FROM print_jobs j JOIN orders o ON o.id = j.order_id "
               "WHERE j.state = 'printed' AND j.created_at >= :week GROUP BY 1, 2, 3")


def compute(store: Store, now: float) -> dict[str, PeriodStats]:
    starts = period_starts(now)
    params = {"today": starts["today"], "week": starts["week"]}
    with store.reading() as db:
        connection = db.connection()

        def rows(*queries: str) -> list[Any]:
            return [row for query in queries
                    for row in connection.exec_driver_sql(query, params)]

        all_time = (rows(ALL_SESSIONS), rows(ALL_ORDERS),
                    [r for r in rows(ALL_PRINTS, ALL_FREE_PRINTS) if r[3] is not None])
        week = (rows(WEEK_SESSIONS), rows(WEEK_ORDERS), rows(WEEK_PRINTS))
        digital = rows(DIGITAL)
    stats = {"all": PeriodStats("all"), "week": PeriodStats("week"),
             "today": PeriodStats("today")}
    _add(stats["all"], *all_time)
    _add(stats["week"], *week)
    _add(stats["today"], *([r for r in part if r[0]] for part in week))
    # All time counts free prints twice: once among the originals, once on their own.
    stats["all"].prints -= stats["all"].free_prints
    for today, this_week, count, delivered in digital:
        for period, counted in (("all", True), ("week", this_week), ("today", today)):
            if counted:
                stats[period].digital_orders += count
                stats[period].digital_delivered += delivered
    return stats


def _add(item: PeriodStats, sessions: list[Any], orders: list[Any], prints: list[Any]) -> None:
    for _, outcome, count in sessions:
        item.sessions += count
        step = INTERRUPTED if outcome == INTERRUPTED else str(outcome or "").partition(" in ")[2]
        if step in (*ABANDON_STEPS, INTERRUPTED):
            item.abandoned[step] = item.abandoned.get(step, 0) + count
    for _, status, free, paid_with, currency, count, amount in orders:
        if free:
            item.free_sessions += 0 if status == PaymentStatus.cancelled else count
        elif status == PaymentStatus.paid:
            item.paid_orders += count
            key = (str(paid_with), str(currency))
            item.revenue[key] = item.revenue.get(key, 0) + int(amount)
        elif status == PaymentStatus.failed:
            item.failed_payments += count
    for _, reprint, free, copies in prints:
        if reprint:
            item.reprints += copies
        elif free:
            item.free_prints += copies
        else:
            item.prints += copies


def figure_rows(stats: dict[str, PeriodStats]) -> list[list[object]]:
    """The figures as a table (a header, then one row per figure: period, figure, detail
    (step or provider and currency), value), as the technician's export writes them."""
    rows: list[list[object]] = [["period", "figure", "detail", "value"]]
    for period in PERIODS:
        item = stats[period]
        rows.append([period, "sessions", "", item.sessions])
        for step in (*ABANDON_STEPS, INTERRUPTED):
            rows.append([period, "abandoned", step, item.abandoned.get(step, 0)])
        rows.append([period, "paid_orders", "", item.paid_orders])
        for (provider, currency), amount in item.revenue_major().items():
            rows.append([period, "revenue", f"{provider} {currency}", amount])
        rows.append([period, "prints", "", item.prints])
        rows.append([period, "free_sessions", "", item.free_sessions])
        rows.append([period, "free_prints", "", item.free_prints])
        rows.append([period, "reprints", "", item.reprints])
        rows.append([period, "failed_payments", "", item.failed_payments])
        rows.append([period, "digital_orders", "", item.digital_orders])
        rows.append([period, "digital_delivered", "", item.digital_delivered])
    return rows


def export_name(booth_id: str, now: float) -> str:
    """The exported file's name, without its format's suffix."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    return f"photobooth-{booth_id}-statistics-{stamp}"
