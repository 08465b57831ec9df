"""Counts and numbers as each language writes them: which plural form a count takes
(Russian's three: 1 отпечаток, 2 отпечатка, 5 отпечатков; Uzbek's one) and the decimal
separator ("2.5" in English, "2,5" in Russian and Uzbek). Shared by the booth's doctor and
the backend's dashboard and alerts."""

from __future__ import annotations


def plural_form(language: str, count: int) -> int:
    """Which of the language's forms a count takes (CLDR rules for ru; uz has one)."""
    if language == "ru":
        if count % 10 == 1 and count % 100 != 11:
            return 0
        if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
            return 1
        return 2
    if language == "uz":
        return 0
    return 0 if count == 1 else 1


def counted(forms: tuple[str, ...], language: str, count: int) -> str:
    """The form of `forms` (one per plural form of `language`) that `count` takes."""
    return forms[min(plural_form(language, count), len(forms) - 1)]


def decimal(value: float, places: int, language: str) -> str:
    """A fraction with `places` digits after the language's decimal separator."""
    text = f"{value:.{places}f}"
    return text if language == "en" else text.replace(".", ",")
