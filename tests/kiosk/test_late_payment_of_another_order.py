"""A late payment of an earlier order never moves the next customer's session.

Customer A gave up at the QR; customer B is in the middle of a session when the backend
says A paid. B's session goes on untouched; A prints when the booth is idle again.
"""

from __future__ import annotations

import pytest

from contract.payment_status import PaymentStatus
from kiosk.core.flow_events import Ev
from kiosk.core.flow_table import CUSTOMER_STATES, State
from kiosk.core.models import Order

from .conftest import Booth
from .test_flow import (
    Setup,
    at_capture,
    at_checking,
    at_choose,
    at_payment_shown,
    at_review,
)


def customer_a_walked_away(b: Booth) -> str:
    """A reached the QR, the booth gave up on it (checking, then back to attract)."""
    at_checking(b)
    order_a = b.flow.context.order_id
    assert order_a
    b.send(Ev.timeout)
    assert b.flow.state is State.attract
    return order_a


def leave(b: Booth) -> None:
    """Customer B walks away: each screen's own way back to attract."""
    while b.flow.state in CUSTOMER_STATES:
        before = b.flow.state
        b.send(Ev.cancel if b.flow.state is not State.checking else Ev.timeout)
        assert b.flow.state is not before, f"cancel refused in {before}"


NEXT_CUSTOMER: dict[str, Setup] = {"capture": at_capture, "review": at_review,
                                   "choose": at_choose, "payment": at_payment_shown,
                                   "checking": at_checking}


@pytest.mark.parametrize("where", list(NEXT_CUSTOMER))
def test_a_late_payment_of_an_earlier_order_leaves_the_next_session_untouched(
        make_booth, where: str) -> None:
    booth = make_booth()
    order_a = customer_a_walked_away(booth)
    NEXT_CUSTOMER[where](booth)
    state, context = booth.flow.state, booth.flow.context
    session_b, order_b, shots = context.session_id, context.order_id, list(context.shots)
    seen = len(booth.seen)

    booth.mark_paid(order_a)
    booth.send(Ev.paid, order_id=order_a)

    assert booth.flow.state is state
    assert (booth.flow.context.session_id, booth.flow.context.order_id) == (session_b, order_b)
    assert booth.flow.context.shots == shots
    assert all(t.target is state for t in booth.seen[seen:])
    if order_b:
        assert booth.order().payment_status == PaymentStatus.pending


@pytest.mark.parametrize("where", list(NEXT_CUSTOMER))
def test_the_earlier_order_prints_once_the_next_customer_leaves(make_booth, where: str) -> None:
    booth = make_booth()
    order_a = customer_a_walked_away(booth)
    NEXT_CUSTOMER[where](booth)
    booth.mark_paid(order_a)
    booth.send(Ev.paid, order_id=order_a)

    leave(booth)

    assert booth.flow.state is State.printing
    assert booth.flow.context.order_id == order_a
    assert not any(t.target is State.out_of_service for t in booth.seen)


def test_the_earlier_order_past_the_grace_is_not_printed_by_the_flow(make_booth, clock) -> None:
    """Past the late grace the customer is gone: the reconciler lists it for the technician
    (tests/sync/test_reconciler.py); the flow neither prints it nor goes out of service."""
    booth = make_booth()
    order_a = customer_a_walked_away(booth)
    at_payment_shown(booth)
    clock.advance(booth.config.flow.late_payment_grace + 1)
    booth.mark_paid(order_a)
    booth.send(Ev.paid, order_id=order_a)
    assert booth.flow.state is State.payment

    leave(booth)

    assert booth.flow.state is State.attract
    assert not any(t.target in (State.printing, State.out_of_service) for t in booth.seen)


def test_the_current_customers_payment_still_prints_their_order(make_booth) -> None:
    """The order_paid guard and the transition speak of the same order: the session's."""
    booth = make_booth()
    order_a = customer_a_walked_away(booth)
    at_payment_shown(booth)
    order_b = booth.flow.context.order_id
    booth.mark_paid(order_a)
    booth.send(Ev.paid, order_id=order_a)
    booth.mark_paid(order_b)
    booth.send(Ev.paid, order_id=order_b)

    assert booth.flow.state is State.printing
    assert booth.flow.context.order_id == order_b
    with booth.store.reading() as db:
        assert db.get(Order, order_a).payment_status == PaymentStatus.paid
