"""A bar chart as plain SVG numbers for the template: revenue per day, no script."""

from __future__ import annotations

from dataclasses import dataclass

from backend.admin.i18n import Words
from backend.fleet_overview import DayTotal

WIDTH, HEIGHT = 900, 220
TOP, BOTTOM = 16, 28  # room for the largest value's label and the dates


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # under the bar: day of month
    title: str  # the tooltip: date, paid orders, revenue


def revenue_bars(days: list[DayTotal], currency: str, words: Words) -> list[Bar]:
    slot = WIDTH / max(1, len(days))
    highest = max((day.revenue_minor for day in days), default=0) or 1
    usable = HEIGHT - TOP - BOTTOM
    bars = []
    for index, day in enumerate(days):
        height = usable * day.revenue_minor / highest
        bars.append(Bar(
            x=round(index * slot + slot * 0.15, 1), y=round(HEIGHT - BOTTOM - height, 1),
            width=round(slot * 0.7, 1), height=round(height, 1), label=f"{day.day.day}",
            title=f"{day.day.isoformat()}: {words.n('{n} paid', day.paid)}, "
                  f"{words.money(day.revenue_minor, currency)}"))
    return bars

