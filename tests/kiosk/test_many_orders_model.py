"""The booth with several orders in flight, as the next customer lives it.

A Hypothesis state machine over the real flow, the real store file, the real orders module
and the real reconciler; the backend is the one part played here, and only through the
answers the booth's client returns (`PaymentAnswer`): a small model of what the backend
holds (pending until paid or cancelled, paid wins the race with a cancel).

Late payments of earlier orders, duplicate and out-of-order `paid` messages, `paid` after
cancel or expiry, reconciler passes, crashes and restarts land in every state. Checked
after every step: an order prints only if paid; no order prints twice; a phone-only order
is never listed for reprint; another order's event never moves the current session. At
the end, the booth is let run down: every paid order with copies has printed exactly once
or is on the technician's list.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlmodel import col, select

from contract.payment_status import PaymentStatus
from kiosk.core import orders
from kiosk.core.config import KioskConfig
from kiosk.core.flow import Transition
from kiosk.core.flow_events import AnotherOrderPaid, Ev, Start
from kiosk.core.flow_table import CUSTOMER_STATES, State
from kiosk.core.models import Event, Order, PrintJob, PrintJobState
from kiosk.core.orders import REPRINT_LIST_EVENT
from sync.api_client import PaymentAnswer
from sync.reconciler import Reconciler

from .conftest import Booth, FakeClock

BACKEND_LIFETIME = 900.0  # the backend keeps an order this long; the booth shows its QR less
WALK = frozenset({State.attract, State.capture, State.review, State.choose, State.payment})
STATUS_EVENTS = {PaymentStatus.paid: Ev.paid, PaymentStatus.failed: Ev.payment_failed,
                 PaymentStatus.refunded: Ev.payment_failed, PaymentStatus.cancelled: Ev.cancel}


class BackendAnswers:
    """What the backend would answer the booth's client: a third party, played by a model
    of its order statuses (the reconciler calls `payment_status` and `cancel_order`)."""

    def __init__(self) -> None:
        self.status: dict[str, PaymentStatus] = {}

    def answer(self, order_id: str) -> PaymentAnswer:
        status = self.status.get(order_id, PaymentStatus.pending)
        paid = status is PaymentStatus.paid
        return PaymentAnswer(order_id=order_id, status=status.value,
                             paid_at="2027-01-15T10:00:00Z" if paid else None,
                             transaction_id=f"tx-{order_id}" if paid else None,
                             method="sandbox" if paid else None, raw={"status": status.value})

    def payment_status(self, order_id: str) -> PaymentAnswer:
        return self.answer(order_id)

    def cancel_order(self, order_id: str) -> PaymentAnswer:
        if self.status.get(order_id, PaymentStatus.pending) is PaymentStatus.pending:
            self.status[order_id] = PaymentStatus.cancelled
        return self.answer(order_id)

    def pay(self, order_id: str) -> None:
        if self.status.get(order_id) is PaymentStatus.pending:
            self.status[order_id] = PaymentStatus.paid


class ManyOrders(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        config = KioskConfig(flow={"shots": 1}, packages=[
            {"copies": 1, "price": 20000}, {"copies": 2, "price": 35000},
            {"copies": 0, "price": 10000}])
        self.booth = Booth(Path(self.dir.name) / "kiosk.db", config, FakeClock())
        self.backend = BackendAnswers()
        self.ids = itertools.count(1)
        self.violations: list[str] = []
        self.reconciler = Reconciler(
            self.backend, self.booth.store, clock=self.booth.clock,  # type: ignore[arg-type]
            late_grace=config.flow.late_payment_grace,
            on_print=lambda order_id: self.booth.send(Ev.paid, order_id=order_id),
            on_reprint_list=lambda _order_id: None)
        self._listen()
        self.booth.flow.resume()

    # ----- the booth's other parts, as the driver and the printing service act -------------

    def _listen(self) -> None:
        """A booth (again, after a restart) as this model drives it: ids that a replay
        repeats, and the model hearing every transition."""
        self.booth.flow.new_id = lambda: f"{next(self.ids):06d}"
        self.booth.flow.subscribe(self._on_transition)

    def _on_transition(self, t: Transition) -> None:
        if isinstance(t.event, AnotherOrderPaid) and t.source is not State.attract \
                and t.target is not t.source:
            self.violations.append(f"another order's payment moved {t.source} to {t.target}")
        if t.target is State.printing and (t.source is not State.printing
                                           or isinstance(t.event, Start)):
            self._printer_takes(t.context.order_id)

    def _printer_takes(self, order_id: str | None) -> None:
        """printing.print_order: refuses an unpaid order, dedups by order (job-name)."""
        store = self.booth.store
        with store.transaction() as db:
            order = db.get(Order, order_id) if order_id else None
            if order is None or not orders.may_print(order):
                self.violations.append(f"printing asked for unpaid order {order_id}")
                return
            if db.exec(select(PrintJob.id).where(PrintJob.order_id == order.id)).first():
                return
            now = store.clock()
            db.add(PrintJob(order_id=order.id, file="print.jpg", copies=order.copies,
                            created_at=now, updated_at=now))

    def _tell_flow(self, order_id: str, status: str) -> None:
        """The driver's `_payment_result`: the session's order by status, another's if paid."""
        if order_id != self.booth.flow.context.order_id:
            if status == PaymentStatus.paid:
                self.booth.send(Ev.another_order_paid, order_id=order_id)
            return
        event = STATUS_EVENTS.get(PaymentStatus(status))
        if event is Ev.cancel:  # the backend's word on the session's own order
            self.booth.send(Ev.cancel)
        elif event is not None:
            self.booth.send(event, order_id=order_id)

    def _commit_answer(self, order_id: str) -> str:
        answer = self.backend.answer(order_id)
        with self.booth.store.transaction() as db:
            return orders.settle_payment(self.booth.store, db, orders.BackendPayment(
                order_id=answer.order_id, status=answer.status,
                transaction_id=answer.transaction_id, paid_at=answer.paid_at,
                method=answer.method, raw=answer.raw), reason="model")

    def _accepted_orders(self) -> list[str]:
        return sorted(self.backend.status)

    def _session(self) -> tuple[State, str | None, str | None]:
        ctx = self.booth.flow.context
        return self.booth.flow.state, ctx.session_id, ctx.order_id

    def _current_paid(self) -> bool:
        order_id = self.booth.flow.context.order_id
        with self.booth.store.reading() as db:
            order = db.get(Order, order_id) if order_id else None
            return order is not None and order.payment_status == PaymentStatus.paid

    def _untouched_unless_own(self, before: tuple[State, str | None, str | None]) -> None:
        """In a customer's session, only that customer's own payment may move it."""
        if before[0] in CUSTOMER_STATES and not self._current_paid() \
                and self._session() != before:
            self.violations.append(f"session {before} moved to {self._session()} by another "
                                   "order's news")

    # ----- the customer ----------------------------------------------------------------------

    def touch(self) -> None:
        self.booth.flow.touched()
        if self.booth.flow.state in (State.attract, State.done):
            self.booth.send(Ev.touch)

    @rule(goal=st.sampled_from([State.capture, State.review, State.choose, State.payment,
                                  State.checking]),
          copies=st.sampled_from([0, 1, 2]))
    @precondition(lambda self: self.booth.flow.state in WALK)
    def a_customer_walks_to(self, goal: State, copies: int) -> None:
        """A whole stretch of a session in one step: from attract to `goal`, the way a
        customer gets there (touch, shoot, proceed, choose, the QR, its expiry)."""
        steps = {State.attract: self.touch, State.capture: self.shoot,
                 State.review: self.proceed, State.choose: lambda: self.choose_package(copies),
                 State.payment: lambda: self.backend_accepts() if self.booth.flow.context.qr
                 is None else self.qr_expires()}
        for _ in range(8):
            state = self.booth.flow.state
            if state is goal or state not in steps:
                return
            steps[state]()

    @rule(copies=st.sampled_from([0, 1, 2]))
    @precondition(lambda self: self.booth.flow.state is State.attract)
    def a_customer_walks_away_from_the_qr(self, copies: int) -> None:
        """The earlier customer: reaches the QR, leaves; the booth checks, then gives up
        (the backend still holds the order: it can be paid late)."""
        self.a_customer_walks_to(State.checking, copies)
        if self.booth.flow.state is State.checking:
            self.time_passes(1000)

    def shoot(self) -> None:
        self.booth.send(Ev.shot_taken, path="shot.jpg")

    def proceed(self) -> None:
        self.booth.send(Ev.proceed)

    def choose_package(self, copies: int) -> None:
        self.booth.send(Ev.package_chosen, copies=copies, provider="sandbox")

    @rule()
    def cancel(self) -> None:
        self.booth.send(Ev.cancel)

    # ----- the backend and the payment -------------------------------------------------------

    @rule()
    @precondition(lambda self: self.booth.flow.state is State.payment
                  and self.booth.flow.context.qr is None)
    def backend_accepts(self) -> None:
        """Checkout: the order row takes the QR and its lifetime, then the screen shows it."""
        order_id = self.booth.flow.context.order_id
        assert order_id
        with self.booth.store.transaction() as db:
            until = orders.accept(self.booth.store, db, order_id, provider="sandbox",
                                  payment_url=f"https://pay.example/{order_id}",
                                  offered_until=self.booth.clock() + BACKEND_LIFETIME,
                                  photos_url=f"https://photos.example/{order_id}",
                                  amount=20000, language="uz", booth_lifetime=180)
        assert until is not None
        self.backend.status.setdefault(order_id, PaymentStatus.pending)
        self.booth.send(Ev.qr_ready, order_id=order_id, payment_url="u", amount=20000,
                        currency="UZS", expires_at=until, provider="sandbox")

    @rule(data=st.data())
    @precondition(lambda self: self.backend.status)
    def someone_pays(self, data: st.DataObject) -> None:
        """A customer pays on their phone: this session's, or one who walked away long ago."""
        self.backend.pay(data.draw(st.sampled_from(self._accepted_orders())))

    @rule(data=st.data())
    @precondition(lambda self: self.backend.status)
    def payment_news_arrives(self, data: st.DataObject) -> None:
        """The watcher or a cancel's answer, for any order, duplicated or out of order."""
        order_id = data.draw(st.sampled_from(self._accepted_orders()))
        before = self._session()
        status = self._commit_answer(order_id)
        self._tell_flow(order_id, status)
        if order_id != before[2]:
            self._untouched_unless_own(before)

    @rule(data=st.data())
    @precondition(lambda self: set(self.backend.status) - {self.booth.flow.context.order_id})
    def an_earlier_customer_pays_and_the_booth_hears(self, data: st.DataObject) -> None:
        """The field's case in one step: a customer who walked away pays now, and the booth
        hears of it at once (the watcher's last word, or a reconciler pass)."""
        earlier = sorted(set(self.backend.status) - {self.booth.flow.context.order_id})
        order_id = data.draw(st.sampled_from(earlier))
        self.backend.pay(order_id)
        before = self._session()
        self._tell_flow(order_id, self._commit_answer(order_id))
        self._untouched_unless_own(before)

    @rule(data=st.data())
    @precondition(lambda self: self.backend.status)
    def stale_paid_message(self, data: st.DataObject) -> None:
        """A `paid` for an order the store does not hold as paid (a message from before a
        cancel or an expiry, or a duplicate): nothing may move on its word alone."""
        order_id = data.draw(st.sampled_from(self._accepted_orders()))
        before = self._session()
        self.booth.send(Ev.paid, order_id=order_id)
        if order_id != before[2]:
            self._untouched_unless_own(before)

    @rule()
    @precondition(lambda self: self.booth.flow.state is State.checking)
    def checking_gets_the_cancel_answer(self) -> None:
        order_id = self.booth.flow.context.order_id
        assert order_id
        self.backend.cancel_order(order_id)
        self._tell_flow(order_id, self._commit_answer(order_id))

    @rule()
    @precondition(lambda self: self.booth.flow.state is State.payment
                  and self.booth.flow.context.qr is not None)
    def qr_expires(self) -> None:
        qr = self.booth.flow.context.qr
        assert qr
        self.booth.clock.advance(max(0.0, qr.expires_at - self.booth.clock.now))
        self.booth.send(Ev.payment_expired)

    @rule()
    def reconciler_pass(self) -> None:
        before = self._session()
        self.reconciler.run_once()
        self._untouched_unless_own(before)

    # ----- the printer, time, the technician, the power -------------------------------------

    @rule()
    @precondition(lambda self: self.booth.flow.state is State.printing)
    def printer_finishes(self) -> None:
        order_id = self.booth.flow.context.order_id
        with self.booth.store.transaction() as db:
            for job in db.exec(select(PrintJob).where(PrintJob.order_id == order_id)):
                job.state = PrintJobState.printed
                db.add(job)
        self.booth.send(Ev.print_done, order_id=order_id)

    @rule(seconds=st.sampled_from([5, 60, 200, 1000]))
    def time_passes(self, seconds: int) -> None:
        self.booth.clock.advance(seconds)
        self.booth.flow.tick()

    @rule()
    def technician_visits(self) -> None:
        self.booth.send(Ev.service_enter)
        self.booth.send(Ev.service_exit)

    @rule()
    def crash_and_restart(self) -> None:
        self.booth.crash_and_restart()
        self._listen()
        self.reconciler.store = self.booth.store

    # ----- invariants -------------------------------------------------------------------------

    @invariant()
    def nothing_moved_the_session_and_nothing_unpaid_printed(self) -> None:
        assert self.violations == []

    @invariant()
    def an_order_prints_only_if_paid_and_at_most_once(self) -> None:
        with self.booth.store.reading() as db:
            jobs = list(db.exec(select(PrintJob)))
            for job in jobs:
                order = db.get(Order, job.order_id)
                assert order is not None and orders.may_print(order), job.order_id
        printed = [job.order_id for job in jobs if job.state == PrintJobState.printed]
        assert len(printed) == len(set(printed))

    @invariant()
    def a_phone_only_order_is_never_listed_for_reprint(self) -> None:
        with self.booth.store.reading() as db:
            listed = db.exec(select(Order.copies).join(
                Event, col(Event.subject) == col(Order.id)).where(
                Event.kind == REPRINT_LIST_EVENT)).all()
        assert 0 not in listed

    def teardown(self) -> None:
        try:
            self._run_down()
            self._every_paid_order_printed_once_or_listed()
        finally:
            self.booth.store.close()
            self.dir.cleanup()

    def _run_down(self) -> None:
        """Nobody new comes: sessions end, prints finish, the reconciler makes its passes."""
        for _ in range(40):
            state = self.booth.flow.state
            if state is State.printing:
                self.printer_finishes()
            elif state is State.checking:
                self.checking_gets_the_cancel_answer()
            elif state in CUSTOMER_STATES | {State.done, State.service, State.out_of_service}:
                self.time_passes(1000)
            else:
                self.reconciler.run_once()
                if self.booth.flow.state is State.attract:
                    break
        assert self.booth.flow.state is State.attract, self.booth.flow.state
        self.booth.clock.advance(self.booth.config.flow.late_payment_grace + 1)
        self.reconciler.run_once()
        assert self.violations == []

    def _every_paid_order_printed_once_or_listed(self) -> None:
        with self.booth.store.reading() as db:
            paid = db.exec(select(Order).where(Order.payment_status == PaymentStatus.paid,
                                               col(Order.copies) > 0)).all()
            for order in paid:
                printed = db.exec(select(PrintJob.id).where(
                    PrintJob.order_id == order.id,
                    PrintJob.state == PrintJobState.printed)).all()
                listed = order.id in {e.subject for e in self.booth.store.events(
                    REPRINT_LIST_EVENT)}
                assert len(printed) == 1 or (not printed and listed), \
                    f"paid order {order.id}: printed {len(printed)} times, listed: {listed}"


ManyOrders.TestCase.settings = settings(max_examples=100, stateful_step_count=25, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])
TestManyOrders = ManyOrders.TestCase
