"""The customer's journey as one table: states, events, guards, and where each leads.

Pure Python, no Qt. Every transition is committed to the store (flow_state row
plus an event row) before listeners hear of it, so a restart resumes where the
booth was and the screen never runs ahead of the data.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlmodel import Session, select

from kiosk.config import KioskConfig
from kiosk.models import BoothSession, FlowState, Order, PaymentStatus, PrintJob, PrintJobState
from kiosk.store import Store

log = logging.getLogger(__name__)


class State(StrEnum):
    attract = "attract"
    capture = "capture"
    review = "review"
    choose = "choose"
    payment = "payment"
    checking = "checking"  # QR expired or cancelled: asking the backend whether money came anyway
    printing = "printing"
    done = "done"
    out_of_service = "out_of_service"
    service = "service"


class Ev(StrEnum):
    start = "start"
    touch = "touch"
    shot_taken = "shot_taken"
    retake = "retake"
    proceed = "proceed"
    package_chosen = "package_chosen"
    qr_ready = "qr_ready"
    payment_unavailable = "payment_unavailable"
    paid = "paid"
    payment_failed = "payment_failed"
    payment_expired = "payment_expired"
    cancel = "cancel"
    print_done = "print_done"
    print_failed = "print_failed"
    printer_fault = "printer_fault"
    printer_ok = "printer_ok"
    timeout = "timeout"
    service_enter = "service_enter"
    service_exit = "service_exit"
    error = "error"


class Guard(StrEnum):
    capture_first = "capture_first"
    pay_first = "pay_first"
    more_shots = "more_shots"
    can_print = "can_print"
    backend_accepted = "backend_accepted"
    not_accepted = "not_accepted"
    order_paid = "order_paid"
    unpaid = "unpaid"
    unprinted_paid = "unprinted_paid"
    no_faults = "no_faults"
    faulted = "faulted"
    current_order = "current_order"


@dataclass(frozen=True)
class Rule:
    target: State | None  # None: stay, the event only updates the context
    guards: tuple[Guard, ...] = ()


def R(target: State | None, *guards: Guard) -> Rule:
    return Rule(target, guards)


S, E, G = State, Ev, Guard

# The whole journey. For each (state, event) the first rule whose guard holds wins;
# when none holds the event is refused and nothing changes.
TABLE: dict[tuple[State, Ev], tuple[Rule, ...]] = {
    (S.attract, E.touch): (R(S.out_of_service, G.faulted),
                           R(S.capture, G.capture_first), R(S.choose, G.pay_first)),
    (S.attract, E.printer_fault): (R(S.out_of_service),),
    (S.attract, E.paid): (R(S.printing, G.unprinted_paid),),
    (S.attract, E.service_enter): (R(S.service),),

    (S.capture, E.shot_taken): (R(S.capture, G.more_shots), R(S.review)),
    (S.capture, E.cancel): (R(S.attract, G.unpaid),),
    (S.capture, E.timeout): (R(S.out_of_service, G.order_paid), R(S.attract)),

    (S.review, E.retake): (R(S.capture),),
    (S.review, E.proceed): (R(S.choose, G.capture_first), R(S.printing, G.order_paid)),
    (S.review, E.cancel): (R(S.printing, G.order_paid), R(S.attract)),
    (S.review, E.timeout): (R(S.printing, G.order_paid), R(S.attract)),

    (S.choose, E.package_chosen): (R(S.payment, G.can_print), R(S.out_of_service)),
    (S.choose, E.cancel): (R(S.attract),),
    (S.choose, E.timeout): (R(S.attract),),

    (S.payment, E.qr_ready): (R(None, G.backend_accepted),),
    (S.payment, E.payment_unavailable): (R(None),),
    (S.payment, E.paid): (R(S.printing, G.order_paid, G.capture_first),
                          R(S.capture, G.order_paid)),
    (S.payment, E.payment_failed): (R(S.attract, G.current_order),),
    (S.payment, E.payment_expired): (R(S.checking, G.backend_accepted), R(S.attract)),
    (S.payment, E.cancel): (R(S.attract, G.not_accepted), R(S.checking)),
    (S.payment, E.timeout): (R(S.attract, G.not_accepted), R(S.checking)),

    (S.checking, E.paid): (R(S.printing, G.order_paid, G.capture_first),
                           R(S.capture, G.order_paid)),
    (S.checking, E.payment_failed): (R(S.attract, G.current_order),),
    (S.checking, E.cancel): (R(S.attract),),
    (S.checking, E.timeout): (R(S.attract),),

    (S.printing, E.print_done): (R(S.done, G.current_order),),
    (S.printing, E.print_failed): (R(S.out_of_service, G.current_order),),
    (S.printing, E.printer_fault): (R(None),),
    (S.printing, E.printer_ok): (R(None),),

    (S.done, E.touch): (R(S.attract),),
    (S.done, E.timeout): (R(S.attract),),

    (S.out_of_service, E.printer_ok): (R(S.attract, G.no_faults), R(None)),
    (S.out_of_service, E.printer_fault): (R(None),),
    (S.out_of_service, E.timeout): (R(S.attract, G.no_faults), R(None)),
    (S.out_of_service, E.service_enter): (R(S.service),),

    (S.service, E.service_exit): (R(S.attract, G.no_faults), R(S.out_of_service)),
}

# Faults are remembered in any customer state, so the next decision sees them; an
# error anywhere is the failsafe: a short out-of-service, then attract.
for _state in State:
    TABLE.setdefault((_state, E.printer_fault), (R(None),))
    TABLE.setdefault((_state, E.printer_ok), (R(None),))
    TABLE.setdefault((_state, E.error), (R(S.out_of_service),))

# A print that finished, or failed and now waits for the technician, is not offered again.
SETTLED_PRINTS = (PrintJobState.printed, PrintJobState.failed)
CUSTOMER_STATES = frozenset({S.capture, S.review, S.choose, S.payment, S.checking})


@dataclass
class FlowContext:
    session_id: str | None = None
    order_id: str | None = None
    shots: list[str] = field(default_factory=list)
    language: str = "uz"
    qr: dict[str, Any] | None = None
    payment_unavailable: str | None = None
    faults: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Transition:
    source: State
    event: Ev
    target: State
    context: FlowContext
    data: dict[str, Any]


class BoothFlow:
    """Runs the table; the app feeds it events and listens to its transitions."""

    def __init__(self, config: KioskConfig, store: Store, *, can_print: Callable[[int], bool],
                 clock: Callable[[], float] = time.time,
                 new_id: Callable[[], str] = lambda: uuid.uuid4().hex[:12]):
        self.config = config
        self.store = store
        self.can_print = can_print
        self.clock = clock
        self.new_id = new_id
        self.state = State.attract
        self.context = FlowContext(language=config.ui.default_language)
        self.entered_at = clock()
        self.last_touch = self.entered_at
        self._listeners: list[Callable[[Transition], None]] = []

    def subscribe(self, listener: Callable[[Transition], None]) -> None:
        self._listeners.append(listener)

    # ----- starting up -------------------------------------------------------------------

    def resume(self) -> State:
        """Pick up after a restart: paid orders print, pending ones are re-checked."""
        with self.store.reading() as db:
            saved = db.get(FlowState, 1)
            order = db.get(Order, saved.order_id) if saved and saved.order_id else None
            unprinted = self._unprinted_paid(db)
        target, reason = State.attract, "start"
        if order and order.payment_status == PaymentStatus.pending and order.backend_accepted:
            still_valid = (order.expires_at or 0) > self.clock()
            target = State.payment if still_valid else State.checking
            reason = "resume: pending payment to be re-checked"
            if still_valid:
                self.context.qr = {"order_id": order.id, "payment_url": order.payment_url,
                                   "amount": order.amount_minor // 100,
                                   "expires_at": order.expires_at}
        elif unprinted:
            order, target, reason = unprinted, State.printing, "resume: paid order not yet printed"
        if order is not None and target is not State.attract:
            self.context.session_id = order.session_id
            self.context.order_id = order.id
        elif saved and saved.state in {s.value for s in CUSTOMER_STATES} and saved.session_id:
            with self.store.transaction() as db:
                self._end_session(db, saved.session_id, "interrupted")
        self._commit(self.state, Ev.start, target, {"reason": reason}, effects=None)
        return self.state

    # ----- events --------------------------------------------------------------------------

    def touched(self) -> None:
        self.last_touch = self.clock()

    def dispatch(self, event: Ev, **data: Any) -> bool:
        """Feed one event. True when the table moved or updated the booth.

        A refused event (no rule, or no guard holding) changes nothing. Any exception
        from the handlers lands in the failsafe path instead of propagating.
        """
        try:
            return self._dispatch(event, data)
        except Exception:
            log.exception("flow: %s in %s failed; failsafe to out_of_service", event, self.state)
            self._failsafe(f"error handling {event} in {self.state}")
            return True

    def tick(self) -> None:
        """Called about once a second by the app: fires timeouts from the injected clock."""
        limit = self._timeout_for(self.state)
        if limit is None:
            return
        since = max(self.entered_at, self.last_touch) if self.state in CUSTOMER_STATES \
            else self.entered_at
        if self.clock() - since >= limit:
            self.dispatch(Ev.timeout)

    def _timeout_for(self, state: State) -> float | None:
        flow = self.config.flow
        return {
            State.capture: flow.idle_timeout,
            State.review: flow.review_timeout,
            State.choose: flow.choose_timeout,
            State.payment: flow.payment_timeout,
            State.checking: flow.checking_timeout,
            State.done: flow.done_seconds,
            State.out_of_service: flow.failsafe_seconds,
        }.get(state)

    def _dispatch(self, event: Ev, data: dict[str, Any]) -> bool:
        rules = TABLE.get((self.state, event))
        if rules is None:
            log.debug("flow: %s ignored in %s", event, self.state)
            return False
        if event in (Ev.printer_fault, Ev.printer_ok):
            self._note_fault(event, data)
        for rule in rules:
            if all(self._guard(guard, event, data) for guard in rule.guards):
                target = rule.target or self.state
                self._commit(self.state, event, target, data, effects=self._effects)
                return True
        log.info("flow: %s refused in %s (guards: %s)", event, self.state,
                 " | ".join("+".join(r.guards) for r in rules))
        return False

    def _note_fault(self, event: Ev, data: dict[str, Any]) -> None:
        source = str(data.get("source", "printer"))
        if event is Ev.printer_fault:
            self.context.faults[source] = str(data.get("message", source))
        else:
            self.context.faults.pop(source, None)

    # ----- guards --------------------------------------------------------------------------

    def _guard(self, guard: Guard, event: Ev, data: dict[str, Any]) -> bool:
        pay_first = self.config.flow.pay_first
        match guard:
            case Guard.capture_first:
                return not pay_first
            case Guard.pay_first:
                return pay_first
            case Guard.more_shots:
                return len(self.context.shots) + 1 < self.config.flow.shots
            case Guard.can_print:
                copies = int(data.get("copies", 0))
                return copies > 0 and self.can_print(copies)
            case Guard.backend_accepted:
                return self._order_field("backend_accepted") is True
            case Guard.not_accepted:
                return self._order_field("backend_accepted") is not True
            case Guard.order_paid:
                order_id = data.get("order_id", self.context.order_id)
                return self._is_paid(order_id)
            case Guard.unpaid:
                return not self._is_paid(self.context.order_id)
            case Guard.unprinted_paid:
                return self._is_paid(data.get("order_id")) and not self._print_settled(
                    data.get("order_id"))
            case Guard.no_faults:
                return not self.context.faults
            case Guard.faulted:
                return bool(self.context.faults)
            case Guard.current_order:
                return data.get("order_id", self.context.order_id) == self.context.order_id
        raise AssertionError(guard)

    def _order_field(self, name: str) -> Any:
        if not self.context.order_id:
            return None
        with self.store.reading() as db:
            order = db.get(Order, self.context.order_id)
            return getattr(order, name) if order else None

    def _print_settled(self, order_id: str | None) -> bool:
        with self.store.reading() as db:
            return db.exec(select(PrintJob.id).where(PrintJob.order_id == order_id).where(
                PrintJob.state.in_(SETTLED_PRINTS))).first() is not None

    def _is_paid(self, order_id: str | None) -> bool:
        if not order_id:
            return False
        with self.store.reading() as db:
            order = db.get(Order, order_id)
            return bool(order and (order.payment_status == PaymentStatus.paid or order.free))

    # ----- effects: data written in the same transaction as the new state ---------------

    def _effects(self, db: Session, source: State, event: Ev, target: State,
                 data: dict[str, Any]) -> None:
        ctx = self.context
        now = self.clock()
        if source is State.attract and target in (State.capture, State.choose):
            ctx.session_id = f"s-{self.new_id()}"
            db.add(BoothSession(id=ctx.session_id, started_at=now, language=ctx.language,
                                layout=self.config.flow.layout))
        if event is Ev.shot_taken:
            ctx.shots.append(str(data.get("path", "")))
            self._save_shots(db)
        if event is Ev.retake:
            ctx.shots.clear()
            self._save_shots(db)
        if event is Ev.package_chosen and target is State.payment:
            self._create_order(db, int(data["copies"]), now)
        if event is Ev.qr_ready:
            ctx.qr = dict(data)
            ctx.payment_unavailable = None
        if event is Ev.payment_unavailable:
            ctx.qr = None
            ctx.payment_unavailable = str(data.get("reason", "backend unreachable"))
        if event is Ev.paid and source is State.attract:
            order = db.get(Order, data["order_id"])
            ctx.session_id, ctx.order_id = (order.session_id, order.id) if order else (None, None)
        if target is State.attract and source is not State.attract:
            if ctx.session_id and source is not State.service:
                self._end_session(db, ctx.session_id, f"{event} in {source}")
            self._cancel_local_order(db, source)
            self.context = FlowContext(language=self.config.ui.default_language,
                                       faults=ctx.faults)

    def _save_shots(self, db: Session) -> None:
        session = db.get(BoothSession, self.context.session_id) if self.context.session_id else None
        if session:
            session.shots = list(self.context.shots)
            db.add(session)

    def _create_order(self, db: Session, copies: int, now: float) -> None:
        package = self.config.package_for(copies)
        session = db.get(BoothSession, self.context.session_id) if self.context.session_id else None
        order_id = f"{self.config.booth.id}-{time.strftime('%y%m%d', time.gmtime(now))}-" \
                   f"{self.new_id()}"
        db.add(Order(id=order_id, session_id=self.context.session_id or "", package=f"{copies}x",
                     copies=copies, amount_minor=package.price * 100,
                     currency=self.config.payment.currency,
                     provider=self.config.payment.default_provider,
                     print_file=session.print_file if session else None,
                     created_at=now, updated_at=now))
        self.context.order_id = order_id
        self.store.record(db, "order.created", order_id, "package chosen",
                          {"copies": copies, "amount_minor": package.price * 100})

    def _cancel_local_order(self, db: Session, source: State) -> None:
        """An order the backend never accepted cannot be paid: close it here."""
        if not self.context.order_id:
            return
        order = db.get(Order, self.context.order_id)
        if order and order.payment_status == PaymentStatus.pending and not order.backend_accepted:
            order.payment_status = PaymentStatus.cancelled
            order.updated_at = self.clock()
            db.add(order)
            self.store.record(db, "payment.cancelled", order.id, f"left {source} before a QR")

    def _end_session(self, db: Session, session_id: str, outcome: str) -> None:
        session = db.get(BoothSession, session_id)
        if session and session.ended_at is None:
            session.ended_at = self.clock()
            session.outcome = outcome
            db.add(session)

    def _unprinted_paid(self, db: Session) -> Order | None:
        """The oldest paid order with no finished or technician-held print."""
        settled = select(PrintJob.order_id).where(PrintJob.state.in_(SETTLED_PRINTS))
        query = (select(Order)
                 .where((Order.payment_status == PaymentStatus.paid) | Order.free.is_(True))
                 .where(Order.id.not_in(settled))
                 .where(Order.created_at >= self.clock() - self.config.flow.late_payment_grace)
                 .order_by(Order.created_at))
        return db.exec(query).first()

    # ----- commit, then announce -----------------------------------------------------------

    def _commit(self, source: State, event: Ev, target: State, data: dict[str, Any],
                effects: Callable[..., None] | None) -> None:
        with self.store.transaction() as db:
            if effects:
                effects(db, source, event, target, data)
            row = db.get(FlowState, 1) or FlowState(id=1, state=target, entered_at=0)
            row.state = target
            row.session_id = self.context.session_id
            row.order_id = self.context.order_id
            row.language = self.context.language
            if target is not source or row.entered_at == 0:
                row.entered_at = self.clock()
            db.add(row)
            self.store.record(db, "flow.transition", self.context.order_id or
                              self.context.session_id, f"{event} in {source}",
                              {"from": source, "to": target,
                               **{k: _plain(v) for k, v in data.items()}}, outbox=False)
        if target is not source:
            self.entered_at = self.clock()
            self.last_touch = self.entered_at
        self.state = target
        transition = Transition(source, event, target, self.context, data)
        for listener in self._listeners:
            listener(transition)
        if target is State.attract and source is not State.attract:
            self._offer_unprinted()

    def _offer_unprinted(self) -> None:
        with self.store.reading() as db:
            order = self._unprinted_paid(db)
        if order is not None:
            self.dispatch(Ev.paid, order_id=order.id)

    def _failsafe(self, reason: str) -> None:
        try:
            self._commit(self.state, Ev.error, State.out_of_service, {"reason": reason},
                         effects=None)
        except Exception:
            log.exception("flow: could not record the failsafe; continuing in memory")
            self.state = State.out_of_service
            self.entered_at = self.clock()

    def set_language(self, language: str) -> None:
        if language in self.config.ui.languages:
            self.context.language = language


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
