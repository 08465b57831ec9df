"""The booth's PIN: long new PINs, locks that double and persist, each one told the operator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.local_server import BackendServer, start_backend
from kiosk.core.config import hash_pin
from kiosk.core.service_pin import (
    LOCK_SECONDS,
    LOCKOUT_EVENT,
    MAX_FAILURES,
    NewPinProblem,
    PinOutcome,
    ServicePin,
    new_pin_problem,
)
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.outbox_relay import OutboxRelay
from tests.harness.fake_telegram import FakeTelegram
from tests.harness.waiting import wait_for
from tests.kiosk.conftest import FakeClock

OWN_PIN = hash_pin("271828")


def lock_out(pin: ServicePin) -> int:
    """Five wrong PINs; the lock's length in seconds."""
    answers = [pin.check("000000", OWN_PIN) for _ in range(MAX_FAILURES)]
    assert answers[-1].outcome is PinOutcome.locked
    return answers[-1].locked_seconds


def test_a_new_pin_has_at_least_six_digits() -> None:
    assert new_pin_problem("4711", "4711") is NewPinProblem.not_digits
    assert new_pin_problem("47110", "47110") is NewPinProblem.not_digits
    assert new_pin_problem("471100", "471100") is None


def test_lockouts_double_and_the_doubling_survives_a_restart(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Store(tmp_path / "kiosk.db", clock=clock)
    assert lock_out(ServicePin(store)) == LOCK_SECONDS
    clock.advance(LOCK_SECONDS)
    assert lock_out(ServicePin(store)) == 2 * LOCK_SECONDS
    clock.advance(2 * LOCK_SECONDS)
    store.close()
    store = Store(tmp_path / "kiosk.db", clock=clock)  # a restart keeps the count
    assert lock_out(ServicePin(store)) == 4 * LOCK_SECONDS
    clock.advance(4 * LOCK_SECONDS)
    assert ServicePin(store).check("271828", OWN_PIN).outcome is PinOutcome.accepted
    assert lock_out(ServicePin(store)) == LOCK_SECONDS  # the right PIN starts over
    lockouts = [e for e in store.events() if e.kind == LOCKOUT_EVENT]
    assert [e.data["lock_seconds"] for e in lockouts] == [300, 600, 1200, 300]
    store.close()


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def alerting_backend(tmp_path_factory: pytest.TempPathFactory,
                     telegram: FakeTelegram) -> Iterator[BackendServer]:
    server = start_backend(tmp_path_factory.mktemp("pin-alerts"),
                           extra_env={**telegram.env(), "BOOTH_ALERT_INTERVAL_SECONDS": "0.3"},
                           device="pin-booth")
    yield server
    server.stop()


def test_a_lockout_reaches_the_backend_through_the_outbox_and_alerts_the_operator(
    alerting_backend: BackendServer, telegram: FakeTelegram, tmp_path: Path,
) -> None:
    store = Store(tmp_path / "kiosk.db")
    lock_out(ServicePin(store))
    client = BackendClient(alerting_backend.url, alerting_backend.token, connect_timeout=2,
                           read_timeout=10, retries=1, backoff_base=0.05)
    try:
        assert OutboxRelay(client, store).flush_once() >= MAX_FAILURES
    finally:
        client.close()
        store.close()
    message = wait_for(lambda: [text for text in telegram.messages()
                                if "pin-booth" in text and "PIN pad locked" in text],
                       "a Telegram alert about the locked PIN pad")[0]
    assert message.startswith("🔴")
