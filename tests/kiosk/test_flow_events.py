"""The flow's events are typed values whose logged names stay what the store already holds."""

from __future__ import annotations

from kiosk.core.flow_events import Ev, FlowEvent
from kiosk.core.flow_table import TABLE, State

from .conftest import EVENT_TYPES, Booth
from .test_flow import QR_URL, at_payment_accepted


def test_each_logged_event_name_belongs_to_exactly_one_event_type() -> None:
    names = [cls.name for cls in EVENT_TYPES.values()]
    assert sorted(names) == sorted(Ev) and len(set(names)) == len(names)


def test_the_table_is_keyed_by_event_types() -> None:
    for state, event in TABLE:
        assert isinstance(state, State) and issubclass(event, FlowEvent) and "name" in vars(event)


def test_a_transition_is_logged_by_the_events_name_with_its_typed_fields(make_booth) -> None:
    booth: Booth = make_booth()
    at_payment_accepted(booth)
    order_id = booth.flow.context.order_id
    booth.send(Ev.qr_ready, payment_url=QR_URL, amount=20000, currency="UZS",
               expires_at=booth.clock() + 180, provider="sandbox")
    logged = booth.store.events(kind="flow.transition")[-1]
    assert logged.reason == "qr_ready in payment"
    assert logged.data == {"from": "payment", "to": "payment", "order_id": order_id,
                           "payment_url": QR_URL, "amount": 20000, "currency": "UZS",
                           "expires_at": booth.clock() + 180, "provider": "sandbox"}


def test_a_qr_for_another_order_never_replaces_the_sessions_code(make_booth) -> None:
    """A late answer for an order the customer left (a QR the backend gave after the booth
    moved on) must not put that order's code in front of the next customer."""
    booth: Booth = make_booth()
    at_payment_accepted(booth)
    assert booth.flow.dispatch(booth.event(
        Ev.qr_ready, order_id="an-earlier-order", payment_url="https://pay.example/other",
        provider="sandbox", expires_at=booth.clock() + 180)) is False
    assert booth.flow.context.qr is None and booth.flow.state is State.payment
