"""Paying first, the photos not finished: the customer walked away, the booth crashed, or
compose never made a print. The order is finished with the customer if they may still be
there, else listed for the technician — never offered to printing without a print file,
which would fail, go out of service and offer it again (180 times in 15 minutes, once)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from kiosk.core.flow_events import Ev
from kiosk.core.flow_table import State
from kiosk.core.orders import REPRINT_LIST_EVENT

from .conftest import Booth
from .test_flow import at_payment, at_payment_accepted, pay_first_paid_at_capture


def paid_first(b: Booth) -> str:
    pay_first_paid_at_capture(b)
    assert b.flow.state is State.capture and b.flow.context.order_id
    return b.flow.context.order_id


def run_for(b: Booth, seconds: int) -> None:
    """The app's once-a-second tick, with nobody at the booth."""
    for _ in range(seconds):
        b.clock.advance(1)
        b.flow.tick()


def entries(b: Booth) -> Counter[State]:
    return Counter(t.target for t in b.seen if t.target is not t.source)


def test_a_paid_customer_gone_during_capture_is_listed_once_and_never_loops(
        make_booth: Callable[..., Booth]) -> None:
    b = make_booth(pay_first=True)
    order_id = paid_first(b)
    b.send(Ev.shot_taken, path="shot-1.jpg")
    run_for(b, 15 * 60)

    assert b.flow.state is State.attract
    listed = b.store.events(REPRINT_LIST_EVENT)
    assert [e.subject for e in listed] == [order_id]
    assert "1 of 2 photos taken" in listed[0].reason
    seen = entries(b)
    assert seen[State.printing] == 0 and seen[State.out_of_service] == 0


def test_no_state_is_entered_more_than_a_few_times_a_minute_for_an_unprintable_order(
        make_booth: Callable[..., Booth]) -> None:
    """Even out of service and back (a fault during the session), a paid order without a
    print file is never offered to printing."""
    b = make_booth(pay_first=True)
    paid_first(b)
    b.send(Ev.camera_fault, code="E-CAMERA", message="unplugged")
    run_for(b, 90)  # the capture times out with the camera away
    b.send(Ev.camera_ok)
    run_for(b, 10 * 60)
    per_minute = max(entries(b).values()) / 10.5
    assert per_minute <= 3, entries(b)
    assert entries(b)[State.printing] == 0


def test_a_crash_during_capture_after_paying_resumes_the_photos_for_that_order(
        make_booth: Callable[..., Booth]) -> None:
    b = make_booth(pay_first=True)
    order_id = paid_first(b)
    b.send(Ev.shot_taken, path="shot-1.jpg")
    assert b.crash_and_restart() is State.capture
    assert b.flow.context.order_id == order_id
    assert b.flow.context.shots == ["shot-1.jpg"]
    assert b.send(Ev.shot_taken, path="shot-2.jpg") is State.review
    b.compose()
    assert b.send(Ev.proceed) is State.printing


def test_a_crash_on_review_before_the_print_was_made_resumes_review(
        make_booth: Callable[..., Booth]) -> None:
    b = make_booth(pay_first=True)
    order_id = paid_first(b)
    for index in (1, 2):
        b.send(Ev.shot_taken, path=f"shot-{index}.jpg")
    assert b.flow.state is State.review
    assert b.crash_and_restart() is State.review  # review composes again on entry
    assert b.flow.context.order_id == order_id


def test_a_paid_order_with_no_print_file_is_not_offered_to_printing_at_attract(
        make_booth: Callable[..., Booth]) -> None:
    b = make_booth(pay_first=True)
    order_id = paid_first(b)
    b.crash_and_restart()
    b.send(Ev.timeout)  # nobody came back: capture times out
    assert b.send(Ev.another_order_paid, order_id=order_id) is State.attract
    assert b.send(Ev.touch) is State.choose  # the next customer is served


def test_the_payment_screen_stays_while_the_code_shown_is_valid(
        make_booth: Callable[..., Booth]) -> None:
    """QR valid for 420 s, no touch for 400 s (the customer is on the phone): still paying."""
    b = make_booth()
    at_payment_accepted(b)
    b.send(Ev.qr_ready, order_id=b.flow.context.order_id, payment_url="https://pay.example/x",
           amount=20000, currency="UZS", expires_at=b.clock() + 420, provider="sandbox")
    run_for(b, 400)
    assert b.flow.state is State.payment
    run_for(b, 30)  # past the code's end: the payment-screen timeout applies again
    assert b.flow.state is State.checking


def test_without_a_code_the_payment_screen_gives_up_after_its_timeout(
        make_booth: Callable[..., Booth]) -> None:
    b = make_booth()
    at_payment(b)
    b.send(Ev.payment_unavailable, reason="backend unreachable")
    run_for(b, b.config.flow.payment_timeout + 1)
    assert b.flow.state is State.attract
