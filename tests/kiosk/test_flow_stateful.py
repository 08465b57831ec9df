"""Random event sequences, crashes included, against the booth's money invariants."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core.config import KioskConfig
from kiosk.core.flow import SETTLED_PRINTS, Transition
from kiosk.core.flow_events import Ev, Start
from kiosk.core.flow_table import TABLE, State
from kiosk.core.models import Order, PrintJob

from .conftest import Booth, FakeClock

EVENTS = st.sampled_from([e for e in Ev if e is not Ev.start])


class BoothMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.pay_first = False
        self.booth: Booth | None = None
        self.violations: list[str] = []

    def _watch(self, transition: Transition) -> None:
        if (transition.source, type(transition.event)) not in TABLE \
                and not isinstance(transition.event, Start):
            self.violations.append(f"{transition.source} --{transition.event.name}--> off the "
                                   "table")
        if transition.target is State.printing and transition.source is not State.printing:
            order_id = transition.context.order_id
            with self.booth.store.reading() as db:
                order = db.get(Order, order_id) if order_id else None
            if not order or not (order.payment_status == PaymentStatus.paid or order.free):
                self.violations.append(f"printing an unpaid order {order_id}")

    @rule(pay_first=st.booleans())
    @precondition(lambda self: self.booth is None)
    def open_booth(self, pay_first: bool) -> None:
        config = KioskConfig(flow={"pay_first": pay_first, "shots": 2})
        self.booth = Booth(Path(self.dir.name) / "k.db", config, FakeClock())
        self.booth.flow.subscribe(self._watch)

    @rule(event=EVENTS, copies=st.sampled_from([1, 2, 4]))
    @precondition(lambda self: self.booth is not None)
    def send(self, event: Ev, copies: int) -> None:
        data: dict[str, object] = {
            Ev.package_chosen: {"copies": copies},
            Ev.shot_taken: {"path": "shot.jpg"},
            Ev.qr_ready: {"payment_url": "https://pay.example/x", "amount": 20000,
                          "currency": "UZS", "expires_at": self.booth.clock() + 180,
                          "provider": "sandbox"},
            Ev.provider_chosen: {"provider": "payme"},
            Ev.provider_refused: {"provider": "payme"},
            Ev.error: {"reason": "a handler failed"},
            Ev.clock_jumped: {"seconds": 900 if copies == 1 else -86_400},
        }.get(event, {})
        self.booth.send(event, **data)

    @rule()
    @precondition(lambda self: self.booth is not None and self.booth.flow.context.order_id)
    def backend_accepts(self) -> None:
        self.booth.accept()

    @rule()
    @precondition(lambda self: self.booth is not None and self.booth.flow.context.order_id)
    def customer_pays(self) -> None:
        """The watcher commits paid, then tells the flow, as the real one does."""
        order = self.booth.order()
        if order.backend_accepted and order.payment_status == PaymentStatus.pending:
            self.booth.mark_paid(order.id)
            self.booth.send(Ev.paid, order_id=order.id)

    @rule()
    @precondition(lambda self: self.booth is not None and self.booth.flow.state is State.printing)
    def printer_finishes(self) -> None:
        """The printing service records the job printed, then reports it."""
        self.booth.mark_printed()
        self.booth.send(Ev.print_done)

    @rule(seconds=st.sampled_from([1, 30, 200]))
    @precondition(lambda self: self.booth is not None)
    def time_passes(self, seconds: int) -> None:
        self.booth.clock.advance(seconds)
        self.booth.flow.tick()

    @rule()
    @precondition(lambda self: self.booth is not None)
    def crash(self) -> None:
        self.booth.crash_and_restart()
        self.booth.flow.subscribe(self._watch)

    @invariant()
    def never_prints_unpaid_nor_leaves_the_table(self) -> None:
        assert self.violations == []
        if self.booth:
            assert self.booth.flow.state in State

    @invariant()
    def no_paid_order_is_forgotten_while_idle(self) -> None:
        """At attract, every paid order within the grace time has been printed or handed over."""
        if not self.booth or self.booth.flow.state is not State.attract:
            return
        grace = self.booth.config.flow.late_payment_grace
        with self.booth.store.reading() as db:
            settled = select(PrintJob.order_id).where(PrintJob.state.in_(SETTLED_PRINTS))
            forgotten = db.exec(select(Order.id)
                                .where(Order.payment_status == PaymentStatus.paid)
                                .where(Order.id.not_in(settled))
                                .where(Order.created_at >= self.booth.clock() - grace)).all()
        assert forgotten == []

    def teardown(self) -> None:
        if self.booth:
            self.booth.store.close()
        self.dir.cleanup()


BoothMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None,
                                          suppress_health_check=[HealthCheck.too_slow])
TestBoothMachine = BoothMachine.TestCase
