"""Which providers a customer may pick, and which one an order starts with."""

from __future__ import annotations

import pytest

from kiosk.core.payment_choices import first_choice, offered_providers


@pytest.mark.parametrize(("configured", "enabled", "offered"), [
    (["payme", "click", "webpay"], {"webpay", "payme", "click", "sandbox"},
     ["payme", "click", "webpay"]),
    (["click", "payme"], {"payme", "click"}, ["click", "payme"]),
    (["payme", "click"], {"click", "sandbox"}, ["click"]),
    (["payme", "click"], set(), []),
    (["payme", "click"], None, []),
])
def test_offered_are_the_booths_providers_the_backend_takes_in_the_operators_order(
        configured: list[str], enabled: set[str] | None, offered: list[str]) -> None:
    assert offered_providers(configured, enabled) == offered


@pytest.mark.parametrize(("default", "offered", "first"), [
    ("payme", ["payme", "click"], "payme"),
    ("click", ["payme", "click"], "click"),
    ("payme", ["click", "webpay"], "click"),
    ("payme", [], "payme"),
])
def test_an_order_starts_with_the_default_unless_the_backend_does_not_take_it(
        default: str, offered: list[str], first: str) -> None:
    assert first_choice(default, offered) == first
