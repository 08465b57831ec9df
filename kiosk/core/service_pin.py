"""The service PIN: checked against its hash, locked after repeated failures, every try logged.

Five wrong PINs in a row lock the pad: for five minutes, then ten, twenty … (at most a day)
until the right PIN is entered. The count, the lock and the number of lockouts live in the
store's counters, so a restart neither resets them nor lifts the lock. Each lockout is a
`service.pin_lockout` event, which reaches the backend through the outbox: the operator is
alerted. A new PIN has 6 to 8 digits (10⁶ guesses, not 10⁴, should a copy of the hash
leak). Checking is slow on purpose (PBKDF2) and writes the store: call it on a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.core.config import verify_pin

if TYPE_CHECKING:
    from kiosk.core.store import Store

FACTORY_PIN = "2580"
MAX_FAILURES = 5
LOCK_SECONDS = 300
MAX_LOCK_SECONDS = 24 * 3600
FAILURES = "service_pin_failures"
LOCKED_UNTIL = "service_pin_locked_until"
LOCKOUTS = "service_pin_lockouts"
LOCKOUT_EVENT = "service.pin_lockout"
PIN_LENGTHS = range(6, 9)


def lock_seconds(earlier_lockouts: int) -> int:
    """5 minutes the first time, doubling with each lockout since the last right PIN."""
    return min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** min(earlier_lockouts, 16))


class PinOutcome(StrEnum):
    accepted = "accepted"
    must_change = "must_change"  # right, but it is still the factory PIN
    refused = "refused"
    locked = "locked"


@dataclass(frozen=True)
class PinAnswer:
    outcome: PinOutcome
    attempts_left: int = MAX_FAILURES
    locked_seconds: int = 0

    @property
    def admitted(self) -> bool:
        return self.outcome in (PinOutcome.accepted, PinOutcome.must_change)

    @property
    def locked_minutes(self) -> int:
        return max(1, -(-self.locked_seconds // 60))


class NewPinProblem(StrEnum):
    not_digits = "not_digits"  # not 6 to 8 digits
    factory = "factory"  # the factory PIN again
    mismatch = "mismatch"  # the two entries differ


def new_pin_problem(first: str, second: str) -> NewPinProblem | None:
    if first == FACTORY_PIN:
        return NewPinProblem.factory
    if not first.isdigit() or len(first) not in PIN_LENGTHS:
        return NewPinProblem.not_digits
    if first != second:
        return NewPinProblem.mismatch
    return None


class ServicePin:
    def __init__(self, store: Store):
        self.store = store

    def check(self, pin: str, pin_hash: str) -> PinAnswer:
        """One attempt: refused outright while locked; the answer and the attempt are stored."""
        now = self.store.clock()
        locked_until = self.store.counter(LOCKED_UNTIL)
        if now < locked_until:
            seconds = int(locked_until - now)
            with self.store.transaction() as db:
                self.store.record(db, "service.pin_locked", None,
                                  "PIN pad locked: attempt not checked",
                                  {"seconds_left": seconds})
            return PinAnswer(PinOutcome.locked, 0, seconds)
        if verify_pin(pin, pin_hash):
            outcome = (PinOutcome.must_change if verify_pin(FACTORY_PIN, pin_hash)
                       else PinOutcome.accepted)
            with self.store.transaction() as db:
                self.store.set_counter(db, FAILURES, 0)
                self.store.set_counter(db, LOCKOUTS, 0)
                self.store.record(db, "service.pin_accepted", None,
                                  "factory PIN: a new one is required"
                                  if outcome is PinOutcome.must_change else "service PIN right")
            return PinAnswer(outcome)
        with self.store.transaction() as db:
            failures = self.store.add_counter(db, FAILURES, 1)
            if failures < MAX_FAILURES:
                self.store.record(db, "service.pin_refused", None, "wrong service PIN",
                                  {"failures": failures})
                return PinAnswer(PinOutcome.refused, MAX_FAILURES - failures)
            lockouts = self.store.counter(LOCKOUTS)
            seconds = lock_seconds(lockouts)
            until = int(now) + seconds
            self.store.set_counter(db, FAILURES, 0)
            self.store.set_counter(db, LOCKED_UNTIL, until)
            self.store.set_counter(db, LOCKOUTS, lockouts + 1)
            self.store.record(db, LOCKOUT_EVENT, None,
                              f"wrong service PIN {MAX_FAILURES} times: pad locked for "
                              f"{seconds // 60} minutes",
                              {"failures": failures, "locked_until": until,
                               "lock_seconds": seconds, "lockouts": lockouts + 1})
        return PinAnswer(PinOutcome.locked, 0, seconds)
