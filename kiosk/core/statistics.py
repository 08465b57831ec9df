"""What the booth did today, this week and ever: SQL aggregates over the local store.

Each table is read once with conditional sums for the three periods (no row is loaded
into Python), so a store of 100 000 orders answers in a fraction of a second
(`bench/bench_statistics.py`). Periods follow the booth's local calendar: today from
midnight, the week from Monday midnight.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from contract.money import to_major
from kiosk.core.atomic_file import write_atomically
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

    def revenue_major(self) -> dict[tuple[str, str], int]:
        return {key: to_major(minor, key[1]) for key, minor in sorted(self.revenue.items())}


def period_starts(now: float) -> dict[str, float]:
    """Unix time each period starts at, in the booth's local time (all time: 0)."""
    local = time.localtime(now)
    midnight = time.mktime((local.tm_year, local.tm_mon, local.tm_mday, 0, 0, 0, 0, 0, -1))
    monday = time.localtime(midnight - local.tm_wday * 86400 + 43200)  # noon: DST-proof
    week = time.mktime((monday.tm_year, monday.tm_mon, monday.tm_mday, 0, 0, 0, 0, 0, -1))
    return {"today": midnight, "week": week, "all": 0.0}


def _sums(column: str, condition: str = "1", value: str = "1") -> str:
    """One SUM per period: `value` summed over the rows in the period that meet `condition`."""
    return ", ".join(f"COALESCE(SUM(CASE WHEN {column} >= :{period} AND ({condition}) "
                     f"THEN {value} END), 0)" for period in PERIODS)


SESSIONS = f"SELECT {_sums('started_at')} FROM sessions"
ABANDONED = (f"SELECT step, {_sums('started_at')} FROM "
             "(SELECT started_at, CASE WHEN outcome = 'interrupted' THEN 'interrupted' "
             "ELSE substr(outcome, instr(outcome, ' in ') + 4) END AS step FROM sessions "
             "WHERE outcome IS NOT NULL) GROUP BY step")
PAID, FREE = "free = 0 AND payment_status = :paid", "free = 1 AND payment_status != :cancelled"
ORDERS = (f"SELECT {_sums('created_at', PAID)}, {_sums('created_at', FREE)}, "
          f"{_sums('created_at', 'free = 0 AND payment_status = :failed')} FROM orders")
REVENUE = ("SELECT COALESCE(payment_method, provider) AS paid_with, currency, "
           f"{_sums('created_at', value='amount_minor')} FROM orders "
           f"WHERE {PAID} GROUP BY paid_with, currency")
ORIGINAL = "j.reprint_reason IS NULL"
PRINTS = (f"SELECT {_sums('j.created_at', ORIGINAL + ' AND o.free = 0', 'j.copies')}, "
          f"{_sums('j.created_at', ORIGINAL + ' AND o.free = 1', 'j.copies')}, "
          f"{_sums('j.created_at', 'j.reprint_reason IS NOT NULL', 'j.copies')} "
          "FROM print_jobs j JOIN orders o ON o.id = j.order_id WHERE j.state = :printed")


def compute(store: Store, now: float) -> dict[str, PeriodStats]:
    params: dict[str, object] = {**period_starts(now), "paid": "paid", "failed": "failed",
                                 "cancelled": "cancelled", "printed": "printed"}
    stats = {period: PeriodStats(period) for period in PERIODS}
    with store.reading() as db:
        connection = db.connection()
        sessions = connection.execute(text(SESSIONS), params).one()
        abandoned = connection.execute(text(ABANDONED), params).all()
        orders = connection.execute(text(ORDERS), params).one()
        revenue = connection.execute(text(REVENUE), params).all()
        prints = connection.execute(text(PRINTS), params).one()
    for index, period in enumerate(PERIODS):
        item = stats[period]
        item.sessions = int(sessions[index])
        item.abandoned = {str(row[0]): int(row[1 + index]) for row in abandoned
                          if row[0] in (*ABANDON_STEPS, INTERRUPTED) and row[1 + index]}
        item.paid_orders, item.free_sessions, item.failed_payments = (
            int(orders[index]), int(orders[3 + index]), int(orders[6 + index]))
        item.revenue = {(str(row[0]), str(row[1])): int(row[2 + index]) for row in revenue
                        if row[2 + index]}
        item.prints, item.free_prints, item.reprints = (
            int(prints[index]), int(prints[3 + index]), int(prints[6 + index]))
    return stats


def csv_text(stats: dict[str, PeriodStats]) -> str:
    """One row per figure: period, figure, detail (step or provider and currency), value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "figure", "detail", "value"])
    for period in PERIODS:
        item = stats[period]
        writer.writerow([period, "sessions", "", item.sessions])
        for step in (*ABANDON_STEPS, INTERRUPTED):
            writer.writerow([period, "abandoned", step, item.abandoned.get(step, 0)])
        writer.writerow([period, "paid_orders", "", item.paid_orders])
        for (provider, currency), amount in item.revenue_major().items():
            writer.writerow([period, "revenue", f"{provider} {currency}", amount])
        writer.writerow([period, "prints", "", item.prints])
        writer.writerow([period, "free_sessions", "", item.free_sessions])
        writer.writerow([period, "free_prints", "", item.free_prints])
        writer.writerow([period, "reprints", "", item.reprints])
        writer.writerow([period, "failed_payments", "", item.failed_payments])
    return out.getvalue()


def export_csv(stats: dict[str, PeriodStats], directory: Path, booth_id: str,
               now: float) -> Path:
    """Write the figures as CSV into `directory`, atomically; OSError when it cannot."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    path = directory / f"photobooth-{booth_id}-statistics-{stamp}.csv"
    write_atomically(path, csv_text(stats))
    return path
