"""Uzbekistan's fiscal receipt items: BOOTH_FISCAL_ITEMS, and the lines of one order.

An order is `copies` prints (or, with 0 copies, the digital package) for its amount. The
lines always add up to the amount exactly: a price that does not divide by the copies is
split into two lines of unit prices one tiyin apart whose counts add up to the copies
(3 prints for 1000 tiyin: 1 × 334 + 2 × 333), never rounded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

KINDS = ("print", "digital")
SPIC = re.compile(r"[0-9]{17}")
PACKAGE_CODE = re.compile(r"[0-9]{1,20}")
CLICK_NAME_LIMIT = 63
DEFAULT_UNIT_NAME = "dona"


@dataclass(frozen=True)
class FiscalItem:
    title: str
    spic: str
    package_code: str
    units: int
    vat_percent: int
    unit_name: str = DEFAULT_UNIT_NAME


@dataclass(frozen=True)
class Line:
    item: FiscalItem
    unit_price: int  # tiyin
    count: int

    @property
    def total(self) -> int:
        return self.unit_price * self.count

    @property
    def vat(self) -> int:
        """The VAT inside the line's total, in tiyin, rounded half up."""
        rate = self.item.vat_percent
        return (self.total * rate * 2 + (100 + rate)) // (2 * (100 + rate))


def _item(kind: str, raw: Any) -> FiscalItem:
    if not isinstance(raw, dict):
        raise ValueError(f"{kind!r} must be an object with title, spic, package_code, units, "
                         "vat_percent")
    unknown = set(raw) - {"title", "spic", "package_code", "units", "vat_percent", "unit_name"}
    if unknown:
        raise ValueError(f"{kind}: unknown field(s) {', '.join(sorted(unknown))}")
    title, spic, package = raw.get("title"), raw.get("spic"), raw.get("package_code")
    units, vat = raw.get("units", 0), raw.get("vat_percent")
    unit_name = raw.get("unit_name", DEFAULT_UNIT_NAME)
    if not isinstance(title, str) or not 1 <= len(title.strip()) <= CLICK_NAME_LIMIT:
        raise ValueError(f"{kind}.title must be text of 1 to {CLICK_NAME_LIMIT} characters")
    if not isinstance(spic, str) or not SPIC.fullmatch(spic):
        raise ValueError(f"{kind}.spic must be the 17-digit ИКПУ (MXIK) code, as text")
    if not isinstance(package, str) or not PACKAGE_CODE.fullmatch(package):
        raise ValueError(f"{kind}.package_code must be the ИКПУ entry's package code (digits)")
    if not isinstance(units, int) or isinstance(units, bool) or units < 0:
        raise ValueError(f"{kind}.units must be a whole number ≥ 0")
    if not isinstance(vat, int) or isinstance(vat, bool) or not 0 <= vat <= 100:
        raise ValueError(f"{kind}.vat_percent must be a whole number from 0 to 100")
    if not isinstance(unit_name, str) or not 1 <= len(unit_name) <= 20:
        raise ValueError(f"{kind}.unit_name must be text of 1 to 20 characters")
    return FiscalItem(title.strip(), spic, package, units, vat, unit_name)


def parse_fiscal_items(text: str) -> dict[str, FiscalItem]:
    """BOOTH_FISCAL_ITEMS: {"print": {...}, "digital": {...}}; ValueError says what is wrong."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"is not JSON ({exc})") from None
    if not isinstance(document, dict) or set(document) != set(KINDS):
        raise ValueError('must be a JSON object with exactly the keys "print" and "digital"')
    return {kind: _item(kind, document[kind]) for kind in KINDS}


def order_lines(items: dict[str, FiscalItem], amount: int, copies: int) -> list[Line]:
    """The receipt's lines for `copies` prints (0: the digital package) costing `amount`."""
    if copies <= 0:
        return [Line(items["digital"], amount, 1)]
    unit, remainder = divmod(amount, copies)
    lines = [Line(items["print"], unit + 1, remainder), Line(items["print"], unit,
                                                            copies - remainder)]
    return [line for line in lines if line.count > 0]


def payme_detail(lines: list[Line]) -> dict[str, Any]:
    """CheckPerformTransaction's `detail`: price per unit in tiyin, count, codes, VAT."""
    return {
        "receipt_type": 0,
        "items": [
            {"title": line.item.title, "price": line.unit_price, "count": line.count,
             "code": line.item.spic, "package_code": line.item.package_code,
             "units": line.item.units, "vat_percent": line.item.vat_percent, "discount": 0}
            for line in lines
        ],
    }


def click_name(item: FiscalItem) -> str:
    """Click's Name: at most 63 characters, the unit at the end."""
    room = CLICK_NAME_LIMIT - len(item.unit_name) - 1
    return f"{item.title[:room].rstrip()} {item.unit_name}"


def click_items_body(lines: list[Line], service_id: int, payment_id: int,
                     seller: dict[str, str]) -> dict[str, Any]:
    """ofd_data/submit_items: line totals and the VAT inside them in tiyin."""
    return {
        "service_id": service_id,
        "payment_id": payment_id,
        "items": [
            {"Name": click_name(line.item), "SPIC": line.item.spic,
             "PackageCode": line.item.package_code, "Price": line.total, "Amount": line.count,
             "VAT": line.vat, "VATPercent": line.item.vat_percent, "CommissionInfo": seller}
            for line in lines
        ],
        "received_ecash": sum(line.total for line in lines),
        "received_cash": 0,
        "received_card": 0,
    }
