"""Money as a person reads it, the same on the booth, the phone, the sandbox and the
dashboard: "20 000 so'm", "20 000 сум", "20,000 UZS" (thousands grouped, no .00)."""

from __future__ import annotations

from contract.money import exponent

# Words for the som in each language; other currencies show their ISO code.
CURRENCY_WORDS = {"UZS": {"uz": "so'm", "ru": "сум", "en": "UZS"}}
NBSP = "\u00a0"


def group_digits(amount: int, separator: str) -> str:
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", separator)


def _word(currency: str, language: str) -> str:
    return CURRENCY_WORDS.get(currency, {}).get(language, currency)


def format_major(amount: int, currency: str, language: str) -> str:
    """Whole major units: 20000 UZS in Uzbek → "20 000 so'm"."""
    separator = "," if language == "en" else NBSP
    return f"{group_digits(amount, separator)}{NBSP}{_word(currency, language)}"


def format_minor(minor: int, currency: str, language: str) -> str:
    """Minor units: a whole amount as format_major, else with its fraction ("12 500,50 BYN")."""
    places = exponent(currency)
    whole, fraction = divmod(abs(minor), 10 ** places)
    text = format_major(whole if minor >= 0 else -whole, currency, language)
    if not fraction:
        return text
    number = text.removesuffix(NBSP + _word(currency, language))
    point = "." if language == "en" else ","
    return f"{number}{point}{fraction:0{places}d}{NBSP}{_word(currency, language)}"
