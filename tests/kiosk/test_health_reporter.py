"""The one "tell the listener when the health changes" of the camera, printer and backend."""

from __future__ import annotations

from kiosk.core.health_reporter import HealthReporter
from kiosk.core.ports import Health, HealthState


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_only_a_change_is_told_and_a_state_that_stays_keeps_its_start() -> None:
    heard: list[Health] = []
    clock = Clock()
    reporter = HealthReporter("printer", heard.append, clock, "starting")
    clock.now = 110.0
    assert reporter.report(HealthState.degraded, "paper low")
    clock.now = 120.0
    assert not reporter.report(HealthState.degraded, "paper low")
    assert reporter.report(HealthState.degraded, "5 prints left")
    assert [(h.state, h.message, h.since) for h in heard] == [
        (HealthState.degraded, "paper low", 110.0), (HealthState.degraded, "5 prints left", 110.0)]
    assert reporter.current == heard[-1]


def test_a_new_message_alone_is_no_change_when_the_message_does_not_matter() -> None:
    heard: list[Health] = []
    reporter = HealthReporter("backend", heard.append, Clock(), "not checked",
                              message_matters=False)
    reporter.report(HealthState.degraded, "unreachable: refused")
    reporter.report(HealthState.degraded, "unreachable: timed out")
    reporter.report(HealthState.fault, "token refused", "E-AUTH")
    assert [(h.state, h.code) for h in heard] == [(HealthState.degraded, None),
                                                  (HealthState.fault, "E-AUTH")]


def test_a_listener_that_raises_does_not_stop_the_report() -> None:
    def broken(_health: Health) -> None:
        raise RuntimeError("listener bug")

    reporter = HealthReporter("camera", broken, Clock(), "not started")
    assert reporter.report(HealthState.ok, "ready")
    assert reporter.current.state is HealthState.ok
