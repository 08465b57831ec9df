"""Prices as a guest reads them: "20 000 so'm", "20 000 сум", "20,000 UZS"."""

from __future__ import annotations

# Words for the som in each language; other currencies show their ISO code.
CURRENCY_WORDS = {"UZS": {"uz": "so'm", "ru": "сум", "en": "UZS"}}
NBSP = "\u00a0"


def group_digits(amount: int, separator: str) -> str:
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", separator)


def format_price(amount: int, currency: str, language: str) -> str:
    separator = "," if language == "en" else NBSP
    word = CURRENCY_WORDS.get(currency, {}).get(language, currency)
    return f"{group_digits(amount, separator)}{NBSP}{word}"
