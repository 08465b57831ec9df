"""Statistics from the store: today, this week, all time; and the table a technician exports."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kiosk.core.models import BoothSession, Order, PrintJob
from kiosk.core.statistics import compute, export_name, figure_rows, period_starts
from kiosk.core.store import Store

# A Wednesday, 15:00 local time.
NOW = time.mktime((2027, 3, 10, 15, 0, 0, 0, 0, -1))
TODAY, MONDAY, LAST_MONTH = NOW - 3600, NOW - 2 * 86400, NOW - 30 * 86400


def add(store: Store, name: str, at: float, *, outcome: str = "touch in done",
        status: str | None = None, amount: int = 2_000_000, method: str | None = "payme",
        free: bool = False, prints: tuple[tuple[int, str | None], ...] = (), copies: int = 1,
        delivered: bool = False) -> None:
    """A session; with `status` an order of it; with `prints` its printed jobs (copies, why)."""
    with store.transaction() as db:
        db.add(BoothSession(id=f"s-{name}", started_at=at, ended_at=at + 60, outcome=outcome))
        if status is None:
            return
        db.flush()
        db.add(Order(id=name, session_id=f"s-{name}", package=f"{copies}x", copies=copies,
                     currency="UZS", amount_minor=amount, provider="sandbox",
                     payment_method=method, payment_status=status, free=free, created_at=at,
                     updated_at=at, photos_delivered_at=at + 30 if delivered else None))
        db.flush()
        for copies, reason in prints:
            db.add(PrintJob(order_id=name, file="x.jpg", copies=copies, state="printed",
                            reprint_reason=reason, created_at=at, updated_at=at))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "kiosk.db", clock=lambda: NOW)
    add(made, "today-paid", TODAY, status="paid", prints=((2, None), (1, "print damaged")))
    add(made, "today-click", TODAY, status="paid", amount=3_500_000, method="click",
        prints=((1, None),))
    add(made, "today-free", TODAY, status="pending", free=True, method=None, amount=0,
        prints=((1, None),))
    add(made, "today-failed", TODAY, outcome="payment_failed in payment", status="failed")
    add(made, "today-left", TODAY, outcome="timeout in choose")
    add(made, "monday-paid", MONDAY, status="paid", prints=((1, None),))
    add(made, "monday-left", MONDAY, outcome="cancel in capture")
    add(made, "old-paid", LAST_MONTH, status="paid", method="webpay", prints=((4, None),))
    add(made, "old-refunded", LAST_MONTH, status="refunded")
    add(made, "old-interrupted", LAST_MONTH, outcome="interrupted")
    return made


def test_digital_orders_are_counted_apart_and_print_nothing(store: Store) -> None:
    add(store, "today-digital", TODAY, status="paid", copies=0, amount=1_000_000,
        delivered=True)
    add(store, "monday-digital", MONDAY, status="paid", copies=0, amount=1_000_000)
    add(store, "old-digital", LAST_MONTH, status="paid", copies=0, amount=1_000_000,
        delivered=True)
    add(store, "today-digital-unpaid", TODAY, outcome="timeout in payment", status="cancelled",
        copies=0)
    stats = compute(store, NOW)
    today, week, ever = stats["today"], stats["week"], stats["all"]
    assert (today.digital_orders, week.digital_orders, ever.digital_orders) == (1, 2, 3)
    assert (today.digital_delivered, week.digital_delivered, ever.digital_delivered) == (
        1, 1, 2)
    assert (today.paid_orders, ever.paid_orders) == (3, 7)  # among the paid orders…
    assert (today.prints, ever.prints) == (3, 8)  # …with nothing printed
    table = {(r[0], r[1]): r[3] for r in figure_rows(stats)}
    assert table[("week", "digital_orders")] == 2
    assert table[("all", "digital_delivered")] == 2


def test_the_periods_start_at_local_midnight_and_monday() -> None:
    starts = period_starts(NOW)
    assert time.localtime(starts["today"])[:6] == (2027, 3, 10, 0, 0, 0)
    assert time.localtime(starts["week"])[:6] == (2027, 3, 8, 0, 0, 0)
    assert starts["all"] == 0


def test_figures_per_period_from_known_orders(store: Store) -> None:
    stats = compute(store, NOW)
    today, week, ever = stats["today"], stats["week"], stats["all"]
    assert (today.sessions, week.sessions, ever.sessions) == (5, 7, 10)
    assert today.abandoned == {"payment": 1, "choose": 1}
    assert week.abandoned == {"payment": 1, "choose": 1, "capture": 1}
    assert ever.abandoned == {"payment": 1, "choose": 1, "capture": 1, "interrupted": 1}
    assert (today.paid_orders, week.paid_orders, ever.paid_orders) == (2, 3, 4)
    assert today.revenue == {("payme", "UZS"): 2_000_000, ("click", "UZS"): 3_500_000}
    assert ever.revenue_major() == {("click", "UZS"): 35_000, ("payme", "UZS"): 40_000,
                                    ("webpay", "UZS"): 20_000}
    assert (today.prints, week.prints, ever.prints) == (3, 4, 8)
    assert (today.free_sessions, today.free_prints) == (1, 1)
    assert (today.reprints, ever.reprints) == (1, 1)
    assert (today.failed_payments, ever.failed_payments) == (1, 1)


def test_an_empty_store_counts_zero(tmp_path: Path) -> None:
    stats = compute(Store(tmp_path / "empty.db"), NOW)
    assert stats["all"].sessions == 0 and stats["all"].revenue == {}


def test_the_export_has_every_figure_of_every_period(store: Store) -> None:
    rows = figure_rows(compute(store, NOW))
    assert export_name("booth-7", NOW) == "photobooth-booth-7-statistics-20270310-150000"
    assert rows[0] == ["period", "figure", "detail", "value"]
    table = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert table[("today", "sessions", "")] == 5
    assert table[("week", "abandoned", "capture")] == 1
    assert table[("all", "revenue", "webpay UZS")] == 20000
    assert table[("today", "free_prints", "")] == 1
    assert table[("all", "reprints", "")] == 1
    assert table[("all", "failed_payments", "")] == 1
    assert len(rows) == 1 + 3 * 15 + 2 + 2 + 3
