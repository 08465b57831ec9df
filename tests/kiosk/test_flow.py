"""The flow table, rule by rule: every transition taken, every guard refusing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract.payment_status import PaymentStatus
from kiosk.core import orders
from kiosk.core.flow_events import FAULTS, RECOVERIES, Ev, PrinterOk
from kiosk.core.flow_table import TABLE, State
from kiosk.core.models import BoothSession, Order

from .conftest import Booth

Setup = Callable[[Booth], None]


def at_capture(b: Booth) -> None:
    b.send(Ev.touch)


def at_review(b: Booth) -> None:
    at_capture(b)
    b.shoot_all()


def at_choose(b: Booth) -> None:
    at_review(b)
    b.send(Ev.proceed)


def at_payment(b: Booth) -> None:
    at_choose(b)
    b.send(Ev.package_chosen, copies=1)


def at_payment_accepted(b: Booth) -> None:
    at_payment(b)
    b.accept()


QR_URL = "https://pay.example/sandbox"


def at_payment_shown(b: Booth) -> None:
    at_payment_accepted(b)
    b.send(Ev.qr_ready, order_id=b.flow.context.order_id, payment_url=QR_URL, amount=20000,
           currency="UZS", expires_at=b.clock() + 180, provider="sandbox")


def at_switching(b: Booth) -> None:
    at_payment_shown(b)
    b.send(Ev.provider_chosen, provider="payme")


def at_checking(b: Booth) -> None:
    at_payment_accepted(b)
    b.send(Ev.payment_expired)


def at_printing(b: Booth) -> None:
    at_payment_accepted(b)
    b.mark_paid()
    b.send(Ev.paid)


def at_done(b: Booth) -> None:
    at_printing(b)
    b.mark_printed()
    b.send(Ev.print_done)


def at_out_of_service(b: Booth) -> None:
    b.send(Ev.printer_fault, message="Paper out")


def at_service(b: Booth) -> None:
    b.send(Ev.service_enter)


def pay_first_at_payment(b: Booth) -> None:
    b.send(Ev.touch)
    b.send(Ev.package_chosen, copies=2)
    b.accept()


def pay_first_paid_at_capture(b: Booth) -> None:
    pay_first_at_payment(b)
    b.mark_paid()
    b.send(Ev.paid)


def pay_first_paid_at_review(b: Booth) -> None:
    pay_first_paid_at_capture(b)
    b.shoot_all()


def pay_first_at_checking(b: Booth) -> None:
    pay_first_at_payment(b)
    b.send(Ev.cancel)


def digital_at_payment(b: Booth) -> None:
    at_choose(b)
    b.send(Ev.package_chosen, copies=0)
    b.accept()


def digital_at_checking(b: Booth) -> None:
    digital_at_payment(b)
    b.send(Ev.payment_expired)


def digital_pay_first_paid_at_review(b: Booth) -> None:
    b.send(Ev.touch)
    b.send(Ev.package_chosen, copies=0)
    b.accept()
    b.mark_paid()
    b.send(Ev.paid)
    b.shoot_all()


def backend_down(b: Booth) -> None:
    b.backend_up = False  # unreachable is "degraded", not a fault: only the guard knows


def digital_late_paid_at_attract(b: Booth) -> None:
    digital_at_checking(b)
    b.last_order = b.flow.context.order_id
    b.send(Ev.timeout)
    b.mark_paid(b.last_order)


def faulted_at_attract(b: Booth) -> None:
    at_capture(b)
    b.send(Ev.printer_fault, message="Paper out")
    b.send(Ev.cancel)


LAST_ORDER = "<the order of the session that just ended>"


def late_paid_at_attract(b: Booth) -> None:
    at_checking(b)
    b.last_order = b.flow.context.order_id
    b.send(Ev.timeout)
    b.mark_paid(b.last_order)


def printed_late_paid_at_attract(b: Booth) -> None:
    late_paid_at_attract(b)
    b.mark_printed(b.last_order)


def resolve(b: Booth, data: dict[str, object]) -> dict[str, object]:
    return {k: (b.last_order if v == LAST_ORDER else v) for k, v in data.items()}


def then(*steps: Setup) -> Setup:
    def run(b: Booth) -> None:
        for step in steps:
            step(b)

    return run


def fault(b: Booth) -> None:
    b.send(Ev.printer_fault, message="Ribbon out")


def cannot_print(b: Booth) -> None:
    b.printable = False


def two_faults(b: Booth) -> None:
    b.send(Ev.printer_fault, code="E-PAPER", message="Paper out")
    b.send(Ev.camera_fault, code="E-CAMERA", message="Camera unplugged")


def nothing(_b: Booth) -> None:
    pass


def free_mode(b: Booth) -> None:
    b.flow.free_mode = True


def taken_out(b: Booth) -> None:
    b.send(Ev.taken_out_of_service, code="E-SERVICE")


def pay_first_free_at_capture(b: Booth) -> None:
    free_mode(b)
    b.send(Ev.touch)
    b.send(Ev.package_chosen, copies=1)


# (name, pay_first, setup, event, data, expected state); None = the event is refused
CASES: list[tuple[str, bool, Setup, Ev, dict[str, object], State | None]] = [
    ("attract touch starts capture", False, nothing, Ev.touch, {}, State.capture),
    ("attract touch with a fault goes out of service", False, faulted_at_attract, Ev.touch, {},
     State.out_of_service),
    ("attract touch in pay-first goes to choose", True, nothing, Ev.touch, {}, State.choose),
    ("attract printer fault", False, nothing, Ev.printer_fault, {}, State.out_of_service),
    ("attract late payment prints", False, late_paid_at_attract, Ev.paid,
     {"order_id": LAST_ORDER}, State.printing),
    ("attract late payment already printed is refused", False, printed_late_paid_at_attract,
     Ev.paid, {"order_id": LAST_ORDER}, None),
    ("attract payment of an unpaid order is refused", False, then(late_paid_at_attract,
     lambda b: b.update_order(b.last_order, payment_status="pending")), Ev.paid,
     {"order_id": LAST_ORDER}, None),
    ("attract service menu", False, nothing, Ev.service_enter, {}, State.service),
    ("capture another shot", False, at_capture, Ev.shot_taken, {"path": "a.jpg"}, State.capture),
    ("capture last shot goes to review", False, then(at_capture, lambda b: b.send(
        Ev.shot_taken, path="a.jpg")), Ev.shot_taken, {"path": "b.jpg"}, State.review),
    ("capture cancel unpaid", False, at_capture, Ev.cancel, {}, State.attract),
    ("capture cancel refused once paid", True, pay_first_paid_at_capture, Ev.cancel, {}, None),
    ("capture timeout paid lists the order and goes to attract", True,
     pay_first_paid_at_capture, Ev.timeout, {}, State.attract),
    ("capture timeout unpaid", False, at_capture, Ev.timeout, {}, State.attract),
    ("review retake", False, at_review, Ev.retake, {}, State.capture),
    ("review proceed to choose", False, at_review, Ev.proceed, {}, State.choose),
    ("review proceed paid prints", True, pay_first_paid_at_review, Ev.proceed, {},
     State.printing),
    ("review cancel paid still prints", True, pay_first_paid_at_review, Ev.cancel, {},
     State.printing),
    ("review cancel unpaid", False, at_review, Ev.cancel, {}, State.attract),
    ("review timeout paid prints", True, pay_first_paid_at_review, Ev.timeout, {},
     State.printing),
    ("review timeout unpaid", False, at_review, Ev.timeout, {}, State.attract),
    ("choose package with a working printer", False, at_choose, Ev.package_chosen,
     {"copies": 1}, State.payment),
    ("choose digital package asks for payment without a printer", False,
     then(at_choose, cannot_print), Ev.package_chosen, {"copies": 0}, State.payment),
    ("choose digital package refused while the backend is away", False,
     then(at_choose, backend_down), Ev.package_chosen, {"copies": 0}, State.out_of_service),
    ("choose digital package is never free", False, then(at_choose, free_mode),
     Ev.package_chosen, {"copies": 0}, State.out_of_service),
    ("payment paid digital goes to done", False,
     then(digital_at_payment, lambda b: b.mark_paid()), Ev.paid, {}, State.done),
    ("checking finds paid digital goes to done", False,
     then(digital_at_checking, lambda b: b.mark_paid()), Ev.paid, {}, State.done),
    ("review proceed paid digital goes to done", True, digital_pay_first_paid_at_review,
     Ev.proceed, {}, State.done),
    ("review cancel paid digital goes to done", True, digital_pay_first_paid_at_review,
     Ev.cancel, {}, State.done),
    ("review timeout paid digital goes to done", True, digital_pay_first_paid_at_review,
     Ev.timeout, {}, State.done),
    ("attract late payment of a digital order prints nothing", False,
     digital_late_paid_at_attract, Ev.paid, {"order_id": LAST_ORDER}, None),
    ("choose package printer cannot print", False, then(at_choose, cannot_print),
     Ev.package_chosen, {"copies": 1}, State.out_of_service),
    ("choose package in free mode prints without payment", False, then(at_choose, free_mode),
     Ev.package_chosen, {"copies": 1}, State.printing),
    ("choose package in free mode paying first goes to capture", True,
     then(free_mode, lambda b: b.send(Ev.touch)), Ev.package_chosen, {"copies": 1},
     State.capture),
    ("choose package in free mode printer cannot print", False,
     then(at_choose, free_mode, cannot_print), Ev.package_chosen, {"copies": 1},
     State.out_of_service),
    ("capture timeout of a free session returns to attract", True, pay_first_free_at_capture,
     Ev.timeout, {}, State.attract),
    ("capture cancel of a free session", True, pay_first_free_at_capture, Ev.cancel, {},
     State.attract),
    ("choose cancel", False, at_choose, Ev.cancel, {}, State.attract),
    ("choose timeout", False, at_choose, Ev.timeout, {}, State.attract),
    ("payment qr ready when accepted", False, at_payment_accepted, Ev.qr_ready,
     {"payment_url": "https://pay.example/x", "provider": "sandbox"}, State.payment),
    ("payment qr refused when not accepted", False, at_payment, Ev.qr_ready,
     {"payment_url": "https://pay.example/x", "provider": "sandbox"}, None),
    ("payment qr of a provider no longer chosen refused", False, at_switching, Ev.qr_ready,
     {"payment_url": "https://pay.example/x", "provider": "sandbox"}, None),
    ("payment provider chosen", False, at_payment_shown, Ev.provider_chosen,
     {"provider": "payme"}, State.payment),
    ("payment provider chosen refused before a qr", False, at_payment, Ev.provider_chosen,
     {"provider": "payme"}, None),
    ("payment provider refused keeps the shown qr", False, at_switching, Ev.provider_refused,
     {"provider": "payme", "reason": "409"}, State.payment),
    ("payment refusal of a provider no longer chosen ignored", False, at_switching,
     Ev.provider_refused, {"provider": "click", "reason": "409"}, None),
    ("payment unavailable", False, at_payment, Ev.payment_unavailable,
     {"reason": "backend unreachable"}, State.payment),
    ("payment paid prints", False, then(at_payment_accepted, lambda b: b.mark_paid()), Ev.paid,
     {}, State.printing),
    ("payment paid refused while unpaid", False, at_payment_accepted, Ev.paid, {}, None),
    ("payment paid in pay-first goes to capture", True, then(pay_first_at_payment,
     lambda b: b.mark_paid()), Ev.paid, {}, State.capture),
    ("payment failed", False, at_payment_accepted, Ev.payment_failed, {}, State.attract),
    ("payment failed for another order refused", False, at_payment_accepted, Ev.payment_failed,
     {"order_id": "someone-else"}, None),
    ("payment expired accepted is checked", False, at_payment_accepted, Ev.payment_expired, {},
     State.checking),
    ("payment expired never accepted", False, at_payment, Ev.payment_expired, {},
     State.attract),
    ("payment cancel never accepted", False, at_payment, Ev.cancel, {}, State.attract),
    ("payment cancel accepted is checked", False, at_payment_accepted, Ev.cancel, {},
     State.checking),
    ("payment timeout never accepted", False, at_payment, Ev.timeout, {}, State.attract),
    ("payment timeout accepted is checked", False, at_payment_accepted, Ev.timeout, {},
     State.checking),
    ("checking finds paid", False, then(at_checking, lambda b: b.mark_paid()), Ev.paid, {},
     State.printing),
    ("checking finds paid in pay-first", True, then(pay_first_at_checking,
     lambda b: b.mark_paid()), Ev.paid, {}, State.capture),
    ("checking paid refused while unpaid", False, at_checking, Ev.paid, {}, None),
    ("checking failed", False, at_checking, Ev.payment_failed, {}, State.attract),
    ("checking failed other order refused", False, at_checking, Ev.payment_failed,
     {"order_id": "x"}, None),
    ("checking cancel confirmed", False, at_checking, Ev.cancel, {}, State.attract),
    ("checking timeout", False, at_checking, Ev.timeout, {}, State.attract),
    ("printing done", False, at_printing, Ev.print_done, {}, State.done),
    ("printing done for another order refused", False, at_printing, Ev.print_done,
     {"order_id": "x"}, None),
    ("printing failed", False, at_printing, Ev.print_failed, {}, State.out_of_service),
    ("printing failed other order refused", False, at_printing, Ev.print_failed,
     {"order_id": "x"}, None),
    ("printing fault keeps printing", False, at_printing, Ev.printer_fault, {}, State.printing),
    ("printing ok keeps printing", False, at_printing, Ev.printer_ok, {}, State.printing),
    ("done touch", False, at_done, Ev.touch, {}, State.attract),
    ("done timeout", False, at_done, Ev.timeout, {}, State.attract),
    ("out of service recovers", False, at_out_of_service, Ev.printer_ok, {}, State.attract),
    ("out of service stays while another fault remains", False, two_faults, Ev.printer_ok,
     {}, State.out_of_service),
    ("out of service recovers when the last fault ends", False,
     then(two_faults, lambda b: b.send(Ev.printer_ok)), Ev.camera_ok, {}, State.attract),
    ("attract camera fault", False, nothing, Ev.camera_fault, {}, State.out_of_service),
    ("attract backend fault", False, nothing, Ev.backend_fault, {}, State.out_of_service),
    ("out of service backend recovers", False, lambda b: b.send(Ev.backend_fault),
     Ev.backend_ok, {}, State.attract),
    ("attract storage fault", False, nothing, Ev.storage_fault, {}, State.out_of_service),
    ("out of service storage recovers", False, lambda b: b.send(Ev.storage_fault),
     Ev.storage_ok, {}, State.attract),
    ("attract touch starts no session on a low disk", False,
     lambda b: setattr(b, "roomy", False), Ev.touch, {}, State.attract),
    ("printing without progress calls the technician", False, at_printing, Ev.timeout, {},
     State.out_of_service),
    ("out of service another fault", False, at_out_of_service, Ev.printer_fault, {},
     State.out_of_service),
    ("out of service timeout after failsafe", False,
     lambda b: b.send(Ev.error, reason="failed"), Ev.timeout, {},
     State.attract),
    ("out of service timeout with a fault stays", False, at_out_of_service, Ev.timeout, {},
     State.out_of_service),
    ("out of service to service menu", False, at_out_of_service, Ev.service_enter, {},
     State.service),
    ("printing to service menu for a stuck job", False, at_printing, Ev.service_enter, {},
     State.service),
    ("service closes itself after idling", False, at_service, Ev.timeout, {}, State.attract),
    ("service closes itself after idling with a fault", False, then(at_service, fault),
     Ev.timeout, {}, State.out_of_service),
    ("attract taken out of service by the technician", False, nothing,
     Ev.taken_out_of_service, {"code": "E-SERVICE"}, State.out_of_service),
    ("out of service back in service", False, taken_out, Ev.back_in_service, {},
     State.attract),
    ("service exit while taken out of service", False, then(at_service, taken_out),
     Ev.service_exit, {}, State.out_of_service),
    ("service exit", False, at_service, Ev.service_exit, {}, State.attract),
    ("service exit with a fault", False, then(at_service, fault), Ev.service_exit, {},
     State.out_of_service),
] + [
    (f"{state} error goes to failsafe", False, setup, Ev.error, {"reason": "failed"},
     State.out_of_service)
    for state, setup in [(State.attract, nothing), (State.capture, at_capture),
                         (State.review, at_review), (State.choose, at_choose),
                         (State.payment, at_payment), (State.checking, at_checking),
                         (State.printing, at_printing), (State.done, at_done),
                         (State.out_of_service, at_out_of_service), (State.service, at_service)]
] + [
    (f"{state} remembers a {event}", False, setup, event, {}, state)
    for state, setup in [(State.attract, nothing), (State.capture, at_capture),
                         (State.review, at_review),
                         (State.choose, at_choose), (State.payment, at_payment),
                         (State.checking, at_checking), (State.done, at_done),
                         (State.service, at_service), (State.printing, at_printing),
                         (State.out_of_service, at_out_of_service)]
    for event in (*FAULTS, *RECOVERIES)
    # An idle booth goes out of service on a fault; the printer's recovery (the only fault
    # at_out_of_service has) brings it back: both are cases of their own above.
    if (state, event) not in {*((State.attract, fault) for fault in FAULTS),
                              (State.out_of_service, PrinterOk)}
] + [
    (f"{state} follows a clock jump of {seconds} s", False, setup, Ev.clock_jumped,
     {"seconds": seconds}, state)
    for state, setup in [(State.attract, nothing), (State.capture, at_capture),
                         (State.review, at_review), (State.choose, at_choose),
                         (State.payment, at_payment_shown), (State.checking, at_checking),
                         (State.printing, at_printing), (State.done, at_done),
                         (State.out_of_service, at_out_of_service), (State.service, at_service)]
    for seconds in (900, -86_400)
] + [
    (f"{state} remembers another order's payment", False, then(late_paid_at_attract, setup),
     Ev.paid, {"order_id": LAST_ORDER}, state)
    for state, setup in [(State.capture, at_capture), (State.review, at_review),
                         (State.choose, at_choose), (State.payment, at_payment_shown),
                         (State.checking, at_checking), (State.done, at_done),
                         (State.service, at_service), (State.printing, at_printing),
                         (State.out_of_service, at_out_of_service)]
]


@pytest.mark.parametrize(("pay_first", "setup", "event", "data", "expected"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_transition(make_booth, pay_first, setup, event, data, expected) -> None:
    booth = make_booth(pay_first=pay_first)
    setup(booth)
    before = booth.flow.state
    moved = booth.flow.dispatch(booth.event(event, **resolve(booth, data)))
    if expected is None:
        assert not moved, f"{event} in {before} should be refused"
        assert booth.flow.state is before
    else:
        assert moved
        assert booth.flow.state is expected


def test_every_rule_of_the_table_is_exercised(make_booth) -> None:
    """The cases above reach every (state, event, target) the table allows."""
    reached: set[tuple[State, Ev, State]] = set()
    for _name, pay_first, setup, event, data, _expected in CASES:
        booth = make_booth(pay_first=pay_first, name=f"{len(reached)}-{_name}.db")
        setup(booth)
        booth.send(event, **resolve(booth, data))
        reached.update((t.source, t.event.name, t.target) for t in booth.seen)
    allowed = {(state, event.name, rule.target or state)
               for (state, event), rules in TABLE.items() for rule in rules}
    assert allowed - reached == set()


def test_order_is_written_pending_before_any_network_call(make_booth) -> None:
    booth = make_booth()
    at_payment(booth)
    order = booth.order()
    assert order.payment_status == PaymentStatus.pending
    assert order.backend_accepted is False
    assert order.amount_minor == booth.config.package_for(1).price * 100
    assert next(e.kind for e in booth.store.events(subject=order.id)) == "order.created"


def test_state_is_committed_before_listeners_hear(make_booth) -> None:
    booth = make_booth()
    committed: list[str] = []

    def listener(transition) -> None:
        with booth.store.reading() as db:
            from kiosk.core.models import FlowState

            committed.append(db.get(FlowState, 1).state)

    booth.flow.subscribe(listener)
    booth.send(Ev.touch)
    assert committed == ["capture"]


def test_leaving_before_a_qr_cancels_the_local_order(make_booth) -> None:
    booth = make_booth()
    at_payment(booth)
    order_id = booth.flow.context.order_id
    booth.send(Ev.cancel)
    with booth.store.reading() as db:
        assert db.get(Order, order_id).payment_status == PaymentStatus.cancelled


def test_retake_clears_the_shots(make_booth) -> None:
    booth = make_booth()
    at_review(booth)
    booth.send(Ev.retake)
    assert booth.flow.context.shots == []
    with booth.store.reading() as db:
        assert db.get(BoothSession, booth.flow.context.session_id).shots == []


def test_language_resets_after_each_session(make_booth) -> None:
    booth = make_booth()
    booth.flow.set_language("en")
    booth.send(Ev.touch)
    assert booth.flow.context.language == "en"
    booth.send(Ev.cancel)
    assert booth.flow.context.language == booth.config.ui.default_language


def test_timeouts_follow_the_injected_clock(make_booth, clock) -> None:
    booth = make_booth()
    at_choose(booth)
    clock.advance(booth.config.flow.choose_timeout - 1)
    booth.flow.tick()
    assert booth.flow.state is State.choose
    clock.advance(1)
    booth.flow.tick()
    assert booth.flow.state is State.attract


def test_a_touch_resets_the_idle_timer(make_booth, clock) -> None:
    booth = make_booth()
    at_choose(booth)
    clock.advance(booth.config.flow.choose_timeout - 5)
    booth.flow.touched()
    clock.advance(10)
    booth.flow.tick()
    assert booth.flow.state is State.choose


def test_an_exception_in_a_handler_goes_to_failsafe_then_attract(make_booth, clock) -> None:
    booth = make_booth()
    at_choose(booth)
    booth.send(Ev.package_chosen, copies=3)  # no such package: the handler raises
    assert booth.flow.state is State.out_of_service
    assert booth.store.events(kind="flow.transition")[-1].reason.startswith("error")
    clock.advance(booth.config.flow.failsafe_seconds)
    booth.flow.tick()
    assert booth.flow.state is State.attract


def test_unknown_events_in_a_state_change_nothing(make_booth) -> None:
    booth = make_booth()
    events_before = len(booth.store.events())
    assert booth.flow.dispatch(booth.event(Ev.print_done)) is False
    assert booth.flow.state is State.attract
    assert len(booth.store.events()) == events_before


class TestProviderChoice:
    def test_the_order_starts_with_the_provider_the_driver_picked(self, make_booth) -> None:
        booth = make_booth()
        at_choose(booth)
        booth.send(Ev.package_chosen, copies=1, provider="click")
        assert booth.order().provider == "click"

    def test_a_chosen_provider_is_committed_and_its_qr_awaited(self, make_booth) -> None:
        booth = make_booth()
        at_switching(booth)
        order = booth.order()
        assert (order.provider, order.payment_url) == ("payme", None)
        assert booth.flow.context.qr.provider == "sandbox"
        (chosen,) = booth.store.events(kind="payment.provider_chosen")
        assert (chosen.subject, chosen.data) == (order.id, {"from": "sandbox", "to": "payme"})

    def test_the_chosen_providers_qr_replaces_the_shown_one(self, make_booth) -> None:
        booth = make_booth()
        at_switching(booth)
        booth.update_order(payment_url="https://pay.example/payme")
        assert booth.flow.dispatch(booth.event(
            Ev.qr_ready, payment_url="https://pay.example/payme", amount=20000,
            currency="UZS", expires_at=booth.clock() + 100, provider="payme"))
        assert booth.flow.context.qr.provider == "payme"

    def test_a_refused_provider_leaves_the_shown_qr_usable(self, make_booth) -> None:
        booth = make_booth()
        at_switching(booth)
        booth.send(Ev.provider_refused, provider="payme", reason="409: busy")
        order = booth.order()
        assert (order.provider, order.payment_url) == ("sandbox", QR_URL)
        assert booth.flow.context.refused_providers == ["payme"]
        (refused,) = booth.store.events(kind="payment.provider_refused")
        assert refused.data == {"refused": "payme", "kept": "sandbox"}
        assert "409: busy" in refused.reason

    def test_a_failed_tap_back_to_the_shown_provider_keeps_its_code(self, make_booth) -> None:
        booth = make_booth()
        at_switching(booth)
        booth.send(Ev.provider_chosen, provider="sandbox")  # back, before payme answered
        booth.send(Ev.provider_refused, provider="sandbox", reason="backend unreachable")
        order = booth.order()
        assert (order.provider, order.payment_url) == ("sandbox", QR_URL)
        assert booth.flow.context.refused_providers == []

    def test_a_restart_during_a_switch_asks_for_the_chosen_qr_again(self, make_booth) -> None:
        booth = make_booth()
        at_switching(booth)
        assert booth.crash_and_restart() is State.payment
        assert booth.flow.context.qr is None
        assert booth.order().provider == "payme"

    def test_refusals_are_forgotten_with_the_session(self, make_booth) -> None:
        booth = make_booth()
        at_switching(booth)
        booth.send(Ev.provider_refused, provider="payme", reason="409")
        assert booth.send(Ev.cancel) is State.checking
        assert booth.send(Ev.cancel) is State.attract
        assert booth.flow.context.refused_providers == []


class TestResume:
    def test_paid_unprinted_order_resumes_in_printing(self, make_booth) -> None:
        booth = make_booth()
        at_payment_accepted(booth)
        order_id = booth.mark_paid()
        assert booth.crash_and_restart() is State.printing
        assert booth.flow.context.order_id == order_id

    def test_pending_payment_resumes_in_payment_with_its_qr(self, make_booth) -> None:
        booth = make_booth()
        at_payment_accepted(booth)
        assert booth.crash_and_restart() is State.payment
        assert booth.flow.context.qr.payment_url == "https://pay.example/x"

    def test_a_restart_keeps_the_qrs_shown_lifetime_not_the_backends(self, make_booth,
                                                                      clock) -> None:
        """The backend keeps an order 15 minutes; the customer saw a 180 s countdown (the
        booth's own QR lifetime). After a crash the same countdown goes on, and once it has
        run out the booth is checking, not showing the QR for another 12 minutes."""
        booth = make_booth()
        at_payment(booth)
        with booth.store.transaction() as db:
            shown_until = orders.accept(booth.store, db, booth.flow.context.order_id,
                                        provider="sandbox", payment_url=QR_URL,
                                        offered_until=clock() + 900, photos_url=None,
                                        amount=20000, language="uz", booth_lifetime=180)
        assert shown_until == clock() + 180
        booth.send(Ev.qr_ready, order_id=booth.flow.context.order_id, payment_url=QR_URL,
                   amount=20000, currency="UZS", expires_at=shown_until, provider="sandbox")
        clock.advance(60)
        assert booth.crash_and_restart() is State.payment
        assert booth.flow.context.qr.expires_at == shown_until
        clock.advance(150)
        assert booth.crash_and_restart() is State.checking

    def test_expired_pending_payment_resumes_in_checking(self, make_booth, clock) -> None:
        booth = make_booth()
        at_payment_accepted(booth)
        clock.advance(600)
        assert booth.crash_and_restart() is State.checking

    def test_interrupted_capture_returns_to_attract(self, make_booth) -> None:
        booth = make_booth()
        at_capture(booth)
        session_id = booth.flow.context.session_id
        assert booth.crash_and_restart() is State.attract
        with booth.store.reading() as db:
            assert db.get(BoothSession, session_id).outcome == "interrupted"

    def test_printed_order_is_not_resumed(self, make_booth) -> None:
        booth = make_booth()
        at_printing(booth)
        booth.mark_printed()
        assert booth.crash_and_restart() is State.attract


class TestFreeMode:
    def test_a_free_order_costs_nothing_and_is_marked_free(self, make_booth) -> None:
        booth = make_booth()
        at_choose(booth)
        free_mode(booth)
        booth.send(Ev.package_chosen, copies=2)
        order = booth.order()
        assert booth.flow.state is State.printing
        assert (order.free, order.amount_minor, order.payment_status) == (True, 0, "pending")
        assert booth.store.events(kind="order.created")[-1].data["free"] is True

    def test_a_printed_free_order_stays_open_after_the_session(self, make_booth) -> None:
        booth = make_booth()
        at_choose(booth)
        free_mode(booth)
        booth.send(Ev.package_chosen, copies=1)
        order_id = booth.flow.context.order_id
        booth.mark_printed()
        booth.send(Ev.print_done)
        booth.send(Ev.touch)
        assert booth.flow.state is State.attract
        with booth.store.reading() as db:
            assert db.get(Order, order_id).payment_status == "pending"

    def test_an_abandoned_free_session_closes_its_order_and_nothing_prints(self,
                                                                           make_booth) -> None:
        booth = make_booth(pay_first=True)
        pay_first_free_at_capture(booth)
        order_id = booth.flow.context.order_id
        booth.send(Ev.timeout)
        assert booth.flow.state is State.attract
        with booth.store.reading() as db:
            assert db.get(Order, order_id).payment_status == "cancelled"
        assert booth.flow.dispatch(booth.event(Ev.paid, order_id=order_id)) is False

    def test_free_mode_and_out_of_service_survive_a_restart(self, make_booth) -> None:
        from kiosk.core.flow import FREE_MODE, TAKEN_OUT

        booth = make_booth()
        with booth.store.transaction() as db:
            booth.store.set_counter(db, FREE_MODE, 1)
            booth.store.set_counter(db, TAKEN_OUT, 1)
        assert booth.crash_and_restart() is State.out_of_service
        assert booth.flow.free_mode is True
        assert booth.flow.context.faults == {"technician": "E-SERVICE"}
