"""The many-orders model with the booth's clock jumping while orders are in flight.

ManyOrders (test_many_orders_model.py) on a booth whose wall clock jumps forward and back by
15 minutes or a day at any step (a board without a real-time clock before NTP sets it, or NTP
correcting it), with the backend's clock steady. The QR's end came from the backend, moved
onto the booth's clock when it was shown (sync/clock_offset.py).

Checked after every step: the model's invariants (an order prints only if paid, never
twice; a phone-only order is never listed; another order's news never moves the session).
At the end, after the run-down: every paid order with prints has printed once or is listed,
and sales continue: the next customer buys a print and it prints.

And what a jump itself must not do (kiosk.core.clock_jumps: the flow's timers and the shown
code's end follow the jump): set forward while a customer is on a code with time left, the
booth keeps the code (no checking, no cancel); set back a day, a screen left with nobody
there still times out after its own timeout, not a day later. Orders' ages (the late-payment
grace the reconciler judges) still read the wall clock: see _run_down.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule
from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core import orders
from kiosk.core.flow_events import Ev
from kiosk.core.flow_table import State
from kiosk.core.models import PrintJob, PrintJobState
from sync.api_client import BackendClient, QrAnswer
from sync.clock_offset import offset_from_date

from .test_many_orders_model import BACKEND_LIFETIME, ManyOrders

JUMPS = (900, -900, 86_400, -86_400)
QR_SECONDS = 180  # the booth's own QR lifetime (shorter than the backend's)


class ClockJumps(ManyOrders):
    def __init__(self) -> None:
        super().__init__()
        self.backend_now = self.booth.clock()  # the backend's clock: steady
        self.set_back = 0.0  # how far the clock went back in all (see _run_down)
        # The booth's client, for how it reads the backend's time (never sends anything).
        self.client = BackendClient("http://127.0.0.1:9", "model", clock=self.booth.clock,
                                    connect_timeout=1.0, read_timeout=1.0)

    @rule(seconds=st.sampled_from(JUMPS))
    def the_booth_clock_jumps(self, seconds: int) -> None:
        flow = self.booth.flow
        paying = flow.state is State.payment and flow.context.qr is not None
        left = flow.context.qr.expires_at - self.booth.clock() if flow.context.qr else 0.0
        self.booth.clock.jump(seconds)
        self.set_back += max(0, -seconds)
        flow.tick()
        if paying and left >= 1:
            # The customer still has the code, with the same time left, whichever way.
            assert flow.state is State.payment and flow.context.qr is not None, flow.state
            assert flow.context.qr.expires_at - self.booth.clock() == left

    @rule(seconds=st.sampled_from([5, 60, 200, 1000]))
    def time_passes(self, seconds: int) -> None:
        self.backend_now += seconds
        super().time_passes(seconds)

    @rule()
    @precondition(lambda self: self.booth.flow.state is State.payment
                  and self.booth.flow.context.qr is not None)
    def qr_expires(self) -> None:
        qr = self.booth.flow.context.qr
        assert qr
        self.backend_now += max(0.0, qr.expires_at - self.booth.clock())
        super().qr_expires()

    @rule()
    @precondition(lambda self: self.booth.flow.state is State.payment
                  and self.booth.flow.context.qr is None)
    def backend_accepts(self) -> None:
        """Checkout as the client does it: the answer's Date header gives the offset, and
        the backend's `expires_at` is moved onto the booth's clock by it."""
        order_id = self.booth.flow.context.order_id
        assert order_id
        backend_time = datetime.fromtimestamp(self.backend_now, UTC)
        self.client.clock_offset = offset_from_date(
            format_datetime(backend_time, usegmt=True), self.booth.clock(), self.booth.clock())
        qr = QrAnswer.parse({
            "order_id": order_id, "payment_url": f"https://pay.example/{order_id}",
            "amount": 20000, "currency": "UZS", "status": "pending",
            "expires_at": (backend_time + timedelta(seconds=BACKEND_LIFETIME)).isoformat(),
        }, "sandbox", self.client._qr_shift())
        with self.booth.store.transaction() as db:
            until = orders.accept(self.booth.store, db, order_id, provider="sandbox",
                                  payment_url=qr.payment_url, offered_until=qr.expires_at,
                                  photos_url=f"https://photos.example/{order_id}",
                                  amount=20000, language="uz", booth_lifetime=QR_SECONDS)
        assert until is not None
        self.backend.status.setdefault(order_id, PaymentStatus.pending)
        self.booth.send(Ev.qr_ready, order_id=order_id, payment_url="u", amount=20000,
                        currency="UZS", expires_at=until, provider="sandbox")

    def teardown(self) -> None:
        try:
            super().teardown()
        finally:
            self.client.close()

    def _run_down(self) -> None:
        """The screens end on their own timeouts whatever the jumps (the loop in the parent's
        run-down gives them no more time than without jumps). An order's age is judged on
        the wall clock, though (the late-payment grace): a clock set back a day makes a
        paid order look a day younger, so the reconciler's last pass waits until the clock
        is past it again."""
        super()._run_down()
        self.booth.clock.advance(self.set_back)
        self.reconciler.run_once()

    def _every_paid_order_printed_once_or_listed(self) -> None:
        super()._every_paid_order_printed_once_or_listed()
        self._the_next_customer_buys_a_print()

    def _the_next_customer_buys_a_print(self) -> None:
        assert self.booth.flow.state is State.attract, self.booth.flow.state
        self.a_customer_walks_to(State.payment, 1)
        assert self.booth.flow.state is State.payment and self.booth.flow.context.qr is None
        self.backend_accepts()
        qr = self.booth.flow.context.qr
        assert qr is not None
        # The whole time the booth gives a QR, however far its clock went.
        assert qr.expires_at - self.booth.clock() == QR_SECONDS
        order_id = self.booth.flow.context.order_id
        assert order_id
        self.backend.pay(order_id)
        self._tell_flow(order_id, self._commit_answer(order_id))
        assert self.booth.flow.state is State.printing, self.booth.flow.state
        self.printer_finishes()
        with self.booth.store.reading() as db:
            printed = db.exec(select(PrintJob.id).where(
                PrintJob.order_id == order_id, PrintJob.state == PrintJobState.printed)).all()
        assert len(printed) == 1


ClockJumps.TestCase.settings = settings(max_examples=40, stateful_step_count=25,
                                        deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])
TestClockJumps = ClockJumps.TestCase
