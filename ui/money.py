"""Prices as a guest reads them: "20 000 so'm", "20 000 сум", "20,000 UZS" (the words are the
contract's, so the phone page and the dashboard say the same)."""

from __future__ import annotations

from contract.money_words import CURRENCY_WORDS, NBSP, format_major, group_digits

__all__ = ["CURRENCY_WORDS", "NBSP", "format_price", "group_digits"]


def format_price(amount: int, currency: str, language: str) -> str:
    return format_major(amount, currency, language)
