"""The one retry delay every booth worker and the backend use (contract/backoff.py)."""

from __future__ import annotations

from contract.backoff import Backoff


def test_the_delay_doubles_from_the_base_after_each_failure_up_to_the_cap() -> None:
    backoff = Backoff(base=0.5, cap=3.0)
    assert [backoff.delay(failures) for failures in range(1, 7)] == [0.5, 1, 2, 3, 3, 3]


def test_no_failure_yet_waits_the_base() -> None:
    assert Backoff(base=2.0, cap=20.0).delay(0) == 2.0


def test_a_very_long_run_of_failures_stays_at_the_cap() -> None:
    assert Backoff(base=1.0, cap=60.0).delay(10**6) == 60.0


def test_jitter_picks_below_the_ceiling_and_spreads() -> None:
    backoff = Backoff(base=1.0, cap=8.0, jitter=True)
    picks = [backoff.delay(4) for _ in range(200)]
    assert all(0 <= pick <= 8.0 for pick in picks)
    assert len(set(picks)) > 100 and min(picks) < 4.0 < max(picks)
