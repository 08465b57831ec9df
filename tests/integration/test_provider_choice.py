"""The driver's side of a provider switch, headless, against a backend taking several providers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from backend.local_server import BackendServer, start_backend
from kiosk.app.booth import Booth
from kiosk.core.flow_table import State
from kiosk.core.models import Order
from tests.backend.conftest import PROVIDER_ENV
from tests.integration.conftest import Runner

PROVIDERS = {"payment": {"providers": ["payme", "click", "sandbox"], "default_provider": "payme"},
             "flow": {"pay_first": True}}


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[BackendServer]:
    """Overrides the sandbox-only backend of the integration suite."""
    server = start_backend(tmp_path / "backend", extra_env=PROVIDER_ENV)
    yield server
    server.stop()


def at_payment(make_booth: Callable[..., tuple[Booth, Runner]]) -> tuple[Booth, Runner, str]:
    booth, runner = make_booth(**PROVIDERS)
    runner.until(lambda: booth.health.enabled_providers() is not None, "the backend's providers",
                 booth)
    booth.driver.touch()
    booth.driver.choose_package(1)
    qr = runner.until(lambda: booth.flow.context.qr, "the first QR", booth)
    return booth, runner, qr.order_id


def row(booth: Booth, order_id: str) -> Order:
    with booth.store.reading() as db:
        order = db.get(Order, order_id)
    assert order is not None
    return order


def test_the_choice_is_committed_before_the_backend_is_asked(make_booth: Any) -> None:
    booth, runner, order_id = at_payment(make_booth)
    assert booth.driver.payment_choices() == ["payme", "click", "sandbox"]
    shown = booth.flow.context.qr
    assert shown is not None
    booth.driver.choose_provider("click")
    # Nothing posted back has run yet: this is what the booth holds before any answer.
    assert (row(booth, order_id).provider, row(booth, order_id).payment_url) == ("click", None)
    runner.until(lambda: booth.flow.context.qr.provider == "click", "Click's QR", booth)
    qr = booth.flow.context.qr
    assert qr.payment_url.startswith("https://my.click.uz/")
    assert row(booth, order_id).payment_url == qr.payment_url
    # A switch never gives the guest more time than the first QR had.
    assert qr.expires_at == shown.expires_at
    events = booth.store.events(subject=order_id)
    chosen = next(e.id for e in events if e.kind == "payment.provider_chosen")
    issued = next(e.id for e in events
                  if e.kind == "payment.qr_issued" and e.data["provider"] == "click")
    assert chosen < issued


def test_taps_outside_the_offer_change_nothing(make_booth: Any) -> None:
    booth, runner, order_id = at_payment(make_booth)
    events = len(booth.store.events(subject=order_id))
    booth.driver.choose_provider("webpay")  # the backend takes it, this booth does not
    booth.driver.choose_provider("payme")  # already the chosen one
    booth.driver.choose_provider("bitcoin")
    assert row(booth, order_id).provider == "payme"
    assert len(booth.store.events(subject=order_id)) == events
    booth.driver.cancel()
    runner.until(lambda: booth.flow.state is State.attract, "back to attract", booth)
    booth.driver.choose_provider("click")
    assert row(booth, order_id).provider == "payme"
