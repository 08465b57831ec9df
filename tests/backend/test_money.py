"""contract.money, the one minor ↔ major helper: exact both ways, refusing what is not money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contract.money import MoneyError, exponent, from_major_text, major_text, to_major, to_minor


def test_uzs_has_two_decimal_places_and_jpy_none() -> None:
    assert (exponent("UZS"), exponent("byn"), exponent("JPY")) == (2, 2, 0)


def test_an_unknown_currency_is_refused_with_its_name() -> None:
    with pytest.raises(MoneyError, match="XXX"):
        exponent("XXX")
    with pytest.raises(MoneyError):
        to_minor(1, "XXX")


def test_kiosk_amount_1000_sum_is_100000_tiyin() -> None:
    assert to_minor(1000, "UZS") == 100_000
    assert to_major(100_000, "UZS") == 1000


def test_to_minor_takes_decimal_major_units() -> None:
    assert to_minor(Decimal("1000.50"), "UZS") == 100_050
    assert to_minor(Decimal("12"), "JPY") == 12


@pytest.mark.parametrize(
    ("major", "currency"),
    [(Decimal("1000.001"), "UZS"), (Decimal("0.005"), "UZS"), (Decimal("0.5"), "JPY")],
)
def test_a_fraction_of_a_minor_unit_is_refused_not_rounded(major: Decimal, currency: str) -> None:
    with pytest.raises(MoneyError, match="whole number of minor units"):
        to_minor(major, currency)


@pytest.mark.parametrize("major", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_to_minor_refuses_what_is_not_a_number(major: Decimal) -> None:
    with pytest.raises(MoneyError):
        to_minor(major, "UZS")


@pytest.mark.parametrize("major", [10**50, Decimal("1e999999999"), Decimal("1e-999999999")])
def test_to_minor_refuses_amounts_no_price_can_be(major: int | Decimal) -> None:
    with pytest.raises(MoneyError, match="out of range"):
        to_minor(major, "UZS")


def test_to_major_refuses_minor_units_that_are_not_whole_major_units() -> None:
    with pytest.raises(MoneyError, match="not whole major units"):
        to_major(100_050, "UZS")
    assert to_major(7, "JPY") == 7


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [(100_050, "UZS", "1000.50"), (100_000, "UZS", "1000.00"), (5, "UZS", "0.05"),
     (0, "BYN", "0.00"), (1_000_000_000_000, "UZS", "10000000000.00"), (500, "JPY", "500")],
)
def test_major_text_is_the_decimal_providers_want(minor: int, currency: str, text: str) -> None:
    assert major_text(minor, currency) == text
    assert from_major_text(text, currency) == minor


def test_major_text_refuses_an_unknown_currency() -> None:
    with pytest.raises(MoneyError):
        major_text(100, "XXX")


@pytest.mark.parametrize(("text", "minor"), [("1000", 100_000), ("1000.5", 100_050),
                                             ("1000.500", 100_050), ("1E+3", 100_000)])
def test_from_major_text_reads_every_spelling_of_an_exact_amount(text: str, minor: int) -> None:
    assert from_major_text(text, "UZS") == minor


@pytest.mark.parametrize("text", ["1000.001", "0.001", "1e-999999999"])
def test_from_major_text_refuses_a_fraction_of_a_tiyin(text: str) -> None:
    with pytest.raises(MoneyError):
        from_major_text(text, "UZS")


@pytest.mark.parametrize("text", ["", "abc", "1 000", "NaN", "sNaN", "Infinity", "1e999999999"])
def test_from_major_text_refuses_text_that_is_not_an_amount(text: str) -> None:
    with pytest.raises(MoneyError):
        from_major_text(text, "UZS")
