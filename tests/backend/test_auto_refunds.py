"""BOOTH_AUTO_REFUND_AFTER_HOURS: a paid order with prints, not delivered after N hours, is
refunded and the operator alerted; Click's orders before their month closes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from backend.auto_refunds import due_at
from backend.models import Order
from backend.settings import load_settings
from tests.backend.refund_helpers import (
    Wired,
    new_order,
    printed,
    status,
    stored,
    wired_backend,
)
from tests.harness.dashboard import move_clock
from tests.harness.fake_telegram import FakeTelegram
from tests.harness.waiting import wait_for

TASHKENT = ZoneInfo("Asia/Tashkent")


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def wired(tmp_path_factory: pytest.TempPathFactory,
          telegram: FakeTelegram) -> Iterator[Wired]:
    with wired_backend(tmp_path_factory.mktemp("auto-refunds"),
                       BOOTH_AUTO_REFUND_AFTER_HOURS="2", BOOTH_ALERT_INTERVAL_SECONDS="0.2",
                       **telegram.env()) as found:
        yield found


def test_an_unprinted_order_with_prints_is_refunded_after_n_hours_and_alerts(
    wired: Wired, telegram: FakeTelegram
) -> None:
    with wired.booth() as booth:
        unprinted = new_order(booth, "sandbox", copies=2)
        digital = new_order(booth, "sandbox", copies=0)
        delivered = new_order(booth, "sandbox", copies=1)
        for order_id in (unprinted, digital, delivered):
            wired.server.sandbox_pay(order_id)
        printed(booth, delivered)
        move_clock(wired.server, 2 * 3600 + 60)
        wait_for(lambda: status(booth, unprinted)["status"] == "refunded",
                 "the automatic refund of the unprinted order")
        assert status(booth, digital)["refund"] is None
        assert status(booth, delivered)["refund"] is None
    rows = stored(wired.server, "SELECT r.origin, r.requested_by FROM refunds r JOIN orders o "
                  "ON o.id = r.order_pk WHERE o.order_id = :o", o=unprinted)
    assert rows == [("auto", "policy")]
    message = wait_for(lambda: next((text for text in telegram.messages()
                                     if unprinted in text and "automatically" in text), None),
                       "the operator's alert of the automatic refund")
    assert "refunded automatically — refunded" in message


def _order(method: str, paid: datetime) -> Order:
    return Order(order_id="r-x", device_id=1, amount_minor=100_000, currency="UZS",
                 payment_type=method, payment_url="", expires_at=paid, created_at=paid,
                 payment_method=method, payment_paid_at=paid)


def test_a_click_order_is_due_before_its_month_closes_even_if_n_hours_have_not_passed() -> None:
    paid = datetime(2026, 12, 31, 20, 0, tzinfo=TASHKENT)
    click_due = due_at(_order("click", paid), 48, TASHKENT)
    assert click_due == datetime(2026, 12, 31, 23, 0, tzinfo=TASHKENT)
    assert due_at(_order("payme", paid), 48, TASHKENT) == datetime(
        2027, 1, 2, 20, 0, tzinfo=TASHKENT)
    early = datetime(2026, 12, 3, 9, 0, tzinfo=TASHKENT)
    assert due_at(_order("click", early), 2, TASHKENT) == datetime(
        2026, 12, 3, 11, 0, tzinfo=TASHKENT)


def test_no_order_is_due_sooner_than_ten_minutes_after_payment() -> None:
    paid = datetime(2026, 11, 30, 23, 55, tzinfo=TASHKENT)
    assert due_at(_order("click", paid), 48, TASHKENT) == datetime(
        2026, 12, 1, 0, 5, tzinfo=TASHKENT)


def test_the_policy_is_off_by_default() -> None:
    assert load_settings(environ={}, database_url="sqlite://").auto_refund_after_hours == 0


def test_paymes_subscribe_endpoint_follows_test_mode_unless_set() -> None:
    def endpoint(**environ: str) -> str:
        return load_settings(environ=environ, database_url="sqlite://").payme_subscribe_endpoint

    assert endpoint() == "https://checkout.paycom.uz/api"
    assert endpoint(BOOTH_PAYME_TEST_MODE="1") == "https://checkout.test.paycom.uz/api"
    assert endpoint(BOOTH_PAYME_TEST_MODE="1",
                    BOOTH_PAYME_SUBSCRIBE_URL="http://127.0.0.1:9/api/") == (
        "http://127.0.0.1:9/api")
