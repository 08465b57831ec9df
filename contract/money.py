"""Minor ↔ major currency units, in one place.

Storage (the booth's `amount_minor`, the backend's `orders.amount`) and the providers
(Payme tiyin, Click and WebPay decimal text) speak minor units; the kiosk API and the
price a customer sees speak whole major units (ARCHITECTURE.md: `"amount": 1000` is
1000 sum = 100000 tiyin).
"""

from __future__ import annotations

from decimal import (
    Clamped,
    Context,
    Decimal,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
)

# ISO 4217 minor-unit exponents of the currencies a booth may sell in.
EXPONENTS = {"UZS": 2, "BYN": 2, "RUB": 2, "KZT": 2, "USD": 2, "EUR": 2, "JPY": 0}
# Conversions never round: a result that would need it, or lies beyond 1e40 or below 1e-40,
# raises instead (a provider may send any text as an amount).
EXACT = Context(
    prec=100, Emax=40, Emin=-40,
    traps=[InvalidOperation, Rounded, Overflow, Underflow, Subnormal, Clamped],
)


class MoneyError(ValueError):
    """An amount that is not a whole number of the unit asked for."""


def exponent(currency: str) -> int:
    """How many decimal places the currency's minor unit has (2 for UZS: 1 sum = 100 tiyin)."""
    try:
        return EXPONENTS[currency.upper()]
    except KeyError:
        raise MoneyError(f"unknown currency {currency!r}; known: {', '.join(EXPONENTS)}") \
            from None


def to_minor(major: int | Decimal, currency: str) -> int:
    """Major units (whole or decimal) → integer minor units; a fraction of a minor unit
    is refused, never rounded, and so is an amount no price can be."""
    places = exponent(currency)
    value = Decimal(major)
    if not value.is_finite():
        raise MoneyError(f"{major} is not an amount")
    try:
        scaled = value.scaleb(places, context=EXACT)
    except ArithmeticError:
        raise MoneyError(f"{major} {currency} is out of range") from None
    if scaled != scaled.to_integral_value():
        raise MoneyError(f"{major} {currency} is not a whole number of minor units")
    return int(scaled)


def to_major(minor: int, currency: str) -> int:
    """Integer minor units → whole major units; refuses an amount with a fractional part."""
    whole, rest = divmod(minor, 10 ** exponent(currency))
    if rest:
        raise MoneyError(f"{minor} minor units of {currency} are not whole major units")
    return whole


def major_text(minor: int, currency: str) -> str:
    """Minor units as the decimal text providers want: 100050 UZS → "1000.50"."""
    places = exponent(currency)
    return f"{Decimal(minor).scaleb(-places):.{places}f}"


def from_major_text(text: str | Decimal, currency: str) -> int:
    """A provider's decimal amount ("1000.50") → minor units; MoneyError when it is not one."""
    try:
        value = Decimal(str(text))
    except ArithmeticError:
        raise MoneyError(f"{text!r} is not an amount") from None
    if not value.is_finite():
        raise MoneyError(f"{text!r} is not an amount")
    return to_minor(value, currency)
