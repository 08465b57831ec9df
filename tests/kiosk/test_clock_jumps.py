"""The wall clock jumps (NTP setting a board that has no real-time clock, a technician
correcting it): what the booth measures follows the jump, so no screen waits a day and no
code ends early. Time passing is `clock.advance`; a jump is `clock.jump` (no time passes)."""

from __future__ import annotations

from kiosk.core.clock_jumps import JUMP_TOLERANCE_S, ClockJumps
from kiosk.core.flow_events import Ev
from kiosk.core.flow_table import State

from .conftest import Booth, FakeClock
from .test_flow import at_capture, at_payment_shown, at_printing


def test_a_code_being_paid_keeps_its_time_when_the_clock_jumps_forward(make_booth) -> None:
    booth: Booth = make_booth()
    at_payment_shown(booth)
    booth.clock.advance(60)
    booth.clock.jump(900)
    booth.flow.tick()
    qr = booth.flow.context.qr
    assert booth.flow.state is State.payment and qr is not None
    assert qr.expires_at - booth.clock() == 120
    assert booth.order().expires_at == qr.expires_at  # a restart resumes the same countdown
    jumped = booth.store.events(kind="flow.transition")[-1]
    assert jumped.data["seconds"] == 900 and jumped.data["to"] == State.payment
    assert booth.crash_and_restart() is State.payment
    assert booth.flow.context.qr and booth.flow.context.qr.expires_at - booth.clock() == 120
    booth.clock.advance(120)
    booth.flow.tick()
    booth.send(Ev.payment_expired)  # the payment coordinator's word at the code's real end
    assert booth.flow.state is State.checking


def test_a_screen_left_alone_times_out_on_time_when_the_clock_is_set_back_a_day(
        make_booth) -> None:
    booth: Booth = make_booth()
    at_capture(booth)
    booth.clock.jump(-86_400)
    booth.flow.tick()
    assert booth.flow.state is State.capture
    booth.clock.advance(booth.config.flow.idle_timeout)
    booth.flow.tick()
    assert booth.flow.state is State.attract


def test_printings_deadline_is_not_put_off_by_a_clock_set_back(make_booth) -> None:
    booth: Booth = make_booth()
    at_printing(booth)
    booth.clock.jump(-86_400)
    booth.clock.advance(booth.config.flow.printing_timeout)
    booth.flow.tick()
    assert booth.flow.state is State.out_of_service


def test_time_passing_and_small_corrections_are_not_jumps() -> None:
    clock = FakeClock()
    jumps = ClockJumps(clock, clock.steady)
    clock.advance(3600)
    assert jumps.jumped() == 0.0
    clock.jump(JUMP_TOLERANCE_S / 2)  # NTP slewing, a late tick
    assert jumps.jumped() == 0.0
    clock.jump(-900)
    assert jumps.jumped() == -900
    assert jumps.jumped() == 0.0  # told once
