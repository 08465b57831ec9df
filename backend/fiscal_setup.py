"""The fiscal settings as the providers use them, and the warning when they are absent."""

from __future__ import annotations

from dataclasses import dataclass

from backend.fiscal_items import FiscalItem, Line, order_lines, parse_fiscal_items
from backend.settings import BackendSettings


@dataclass(frozen=True)
class FiscalSetup:
    items: dict[str, FiscalItem]
    seller: dict[str, str]  # Click's CommissionInfo: {"TIN": …} or {"PINFL": …}

    def lines(self, amount: int, copies: int) -> list[Line]:
        return order_lines(self.items, amount, copies)


def fiscal_setup(settings: BackendSettings) -> FiscalSetup | None:
    """None without BOOTH_FISCAL_ITEMS: payments work, no receipt data is sent."""
    if not settings.fiscal_items:
        return None
    seller = ({"TIN": settings.fiscal_tin} if settings.fiscal_tin
              else {"PINFL": settings.fiscal_pinfl})
    return FiscalSetup(parse_fiscal_items(settings.fiscal_items), seller)


def fiscal_receipts_missing(settings: BackendSettings) -> list[str]:
    """The enabled providers whose receipts go unfiscalized: Payme and Click take the
    receipt lines from BOOTH_FISCAL_ITEMS; without it they are sent none."""
    if settings.fiscal_items:
        return []
    return [name for name in ("payme", "click") if name in settings.enabled_providers()]


def fiscal_warning(settings: BackendSettings) -> str | None:
    """For the start banner, /healthz?detail=1 and the doctor: a WARN line when Payme or
    Click takes payments without the fiscal items, else None."""
    takers = fiscal_receipts_missing(settings)
    if not takers:
        return None
    return (f"no fiscal receipt data is sent to {' and '.join(takers)}: set "
            "BOOTH_FISCAL_ITEMS and BOOTH_FISCAL_TIN (or BOOTH_FISCAL_PINFL)")
