"""The service PIN: right, wrong, locked after five, the lock kept across a restart."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.config import DEFAULT_PIN_HASH, hash_pin
from kiosk.core.service_pin import (
    LOCK_SECONDS,
    MAX_FAILURES,
    NewPinProblem,
    PinOutcome,
    ServicePin,
    new_pin_problem,
)
from kiosk.core.store import Store

from .conftest import FakeClock

OWN_PIN = hash_pin("471123")


def kinds(store: Store) -> list[str]:
    return [e.kind for e in store.events() if e.kind.startswith("service.pin")]


def test_the_right_pin_admits_and_is_logged(tmp_path: Path, clock: FakeClock) -> None:
    store = Store(tmp_path / "kiosk.db", clock=clock)
    answer = ServicePin(store).check("471123", OWN_PIN)
    assert answer.outcome is PinOutcome.accepted and answer.admitted
    assert kinds(store) == ["service.pin_accepted"]


def test_a_wrong_pin_is_refused_with_the_attempts_left(tmp_path: Path, clock: FakeClock) -> None:
    store = Store(tmp_path / "kiosk.db", clock=clock)
    answer = ServicePin(store).check("1111", OWN_PIN)
    assert (answer.outcome, answer.attempts_left) == (PinOutcome.refused, MAX_FAILURES - 1)
    assert not answer.admitted and kinds(store) == ["service.pin_refused"]


def test_five_wrong_pins_lock_the_pad_even_for_the_right_one(tmp_path: Path,
                                                              clock: FakeClock) -> None:
    store = Store(tmp_path / "kiosk.db", clock=clock)
    pin = ServicePin(store)
    answers = [pin.check("0000", OWN_PIN) for _ in range(MAX_FAILURES)]
    assert [a.outcome for a in answers] == [PinOutcome.refused] * 4 + [PinOutcome.locked]
    clock.advance(60)
    locked = pin.check("471123", OWN_PIN)
    assert locked.outcome is PinOutcome.locked and locked.locked_minutes == 4
    assert kinds(store) == ["service.pin_refused"] * 4 + ["service.pin_lockout",
                                                          "service.pin_locked"]
    clock.advance(LOCK_SECONDS)
    assert pin.check("471123", OWN_PIN).outcome is PinOutcome.accepted


def test_the_lock_and_the_count_survive_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    store = Store(tmp_path / "kiosk.db", clock=clock)
    for _ in range(3):
        ServicePin(store).check("0000", OWN_PIN)
    store.close()
    store = Store(tmp_path / "kiosk.db", clock=clock)
    assert ServicePin(store).check("0000", OWN_PIN).attempts_left == 1
    assert ServicePin(store).check("0000", OWN_PIN).outcome is PinOutcome.locked
    store.close()
    store = Store(tmp_path / "kiosk.db", clock=clock)
    assert ServicePin(store).check("471123", OWN_PIN).outcome is PinOutcome.locked


def test_the_factory_pin_admits_only_to_change_it(tmp_path: Path, clock: FakeClock) -> None:
    store = Store(tmp_path / "kiosk.db", clock=clock)
    assert ServicePin(store).check("2580", DEFAULT_PIN_HASH).outcome is PinOutcome.must_change
    assert ServicePin(store).check("2580", hash_pin("2580")).outcome is PinOutcome.must_change


def test_a_new_pin_is_6_to_8_digits_not_the_factory_one_and_typed_twice() -> None:
    assert new_pin_problem("12", "12") is NewPinProblem.not_digits
    assert new_pin_problem("4711", "4711") is NewPinProblem.not_digits
    assert new_pin_problem("12345", "12345") is NewPinProblem.not_digits
    assert new_pin_problem("12a456", "12a456") is NewPinProblem.not_digits
    assert new_pin_problem("123456789", "123456789") is NewPinProblem.not_digits
    assert new_pin_problem("2580", "2580") is NewPinProblem.factory
    assert new_pin_problem("471123", "471124") is NewPinProblem.mismatch
    assert new_pin_problem("471123", "471123") is None
