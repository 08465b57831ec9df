"""The engine that runs the journey table (`kiosk.core.flow_table`) for one booth.

Pure Python, no Qt. Every transition is committed to the store (flow_state row
plus an event row, and the data the event or the entered state writes) before
listeners hear of it, so a restart resumes where the booth was and the screen
never runs ahead of the data.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlmodel import Session, col

from contract.money import to_major, to_minor
from contract.payment_status import PaymentStatus
from kiosk.core import orders, technician_codes
from kiosk.core.clock_jumps import ClockJumps
from kiosk.core.config import KioskConfig
from kiosk.core.flow_events import (
    AnotherOrderPaid,
    ClockJumped,
    Error,
    Fault,
    FlowEvent,
    OrderEvent,
    PackageChosen,
    Paid,
    PaymentUnavailable,
    ProviderChosen,
    ProviderRefused,
    QrReady,
    Recovered,
    Retake,
    ShotTaken,
    Start,
    TakenOutOfService,
    Timeout,
    Touched,
)
from kiosk.core.flow_table import (
    CUSTOMER_STATES,
    TABLE,
    TOUCH_TIMED_STATES,
    Guard,
    State,
)
from kiosk.core.models import BoothSession, FlowState, Order, PrintJobState
from kiosk.core.storage_health import StorageHealth, is_storage_full
from kiosk.core.store import Store

log = logging.getLogger(__name__)

FREE_MODE = "free_mode"  # counters: 1 while the technician has free mode on
TAKEN_OUT = "taken_out_of_service"  # counters: 1 while the technician keeps the booth out
# A print that finished, or failed and now waits for the technician, is not offered again.
SETTLED_PRINTS = (PrintJobState.printed, PrintJobState.failed)
Effect = Callable[[Session, State, Any, State], None]


@dataclass(frozen=True)
class ShownQr:
    """The payment code on the screen: whose order, which provider's page, until when."""

    order_id: str
    payment_url: str
    amount: int  # whole major units
    currency: str
    provider: str
    expires_at: float


@dataclass(frozen=True)
class SessionOrder:
    """The session's order as the screens show it, kept in memory as the flow writes it
    (the price is the order's, never computed again from the config)."""

    order_id: str
    copies: int
    amount: int  # whole major units
    currency: str
    provider: str
    free: bool
    photos_url: str = ""  # the customer's photos page, as the backend gave it
    photos_code: str = ""  # its short code, when the backend gave one

    @classmethod
    def of(cls, order: Order) -> SessionOrder:
        return cls(order.id, order.copies, to_major(order.amount_minor, order.currency),
                   order.currency, order.provider, order.free, order.photos_url or "",
                   order.photos_code or "")


@dataclass
class FlowContext:
    session_id: str | None = None
    order_id: str | None = None
    shots: list[str] = field(default_factory=list)
    language: str = "uz"
    qr: ShownQr | None = None
    order: SessionOrder | None = None  # the order of `order_id`, as last written
    payment_unavailable: str | None = None
    faults: dict[str, str] = field(default_factory=dict)  # source → technician code
    refused_providers: list[str] = field(default_factory=list)  # no QR from them this order
    session_refused: str | None = None  # the code of the last touch that started no session


@dataclass(frozen=True)
class Transition:
    source: State
    event: FlowEvent
    target: State
    context: FlowContext


class BoothFlow:
    """Runs the table; the app feeds it events and listens to its transitions."""

    def __init__(self, config: KioskConfig, store: Store, *, can_print: Callable[[int], bool],
                 can_share: Callable[[], bool],
                 has_room: Callable[[], bool] = lambda: True,
                 clock: Callable[[], float] = time.time,
                 new_id: Callable[[], str] = lambda: uuid.uuid4().hex[:12],
                 storage: StorageHealth | None = None,
                 steady: Callable[[], float] | None = None):
        """`steady`: a clock that never jumps (`time.monotonic`); with it, a jump of `clock`
        moves the screens' timers and the shown code's end by as much. None: `clock` is
        trusted not to jump (a test's clock)."""
        self.config = config
        self.store = store
        self.can_print = can_print
        self.can_share = can_share  # the backend answers now: a photos link can work
        self.has_room = has_room  # free disk for one more session (kiosk.core.session_space)
        # A transition the disk refused is reported there (E-STORAGE), like any worker's write.
        self.storage = storage or StorageHealth(None, clock)
        self.clock = clock
        self.new_id = new_id
        self._jumps = ClockJumps(clock, steady) if steady else None
        self.state = State.attract
        self.context = FlowContext(language=config.ui.default_language)
        self.entered_at = clock()
        self.last_touch = self.entered_at
        self.last_progress = self.entered_at  # printing's last news (its deadline counts from it)
        self.free_mode = False  # sessions without payment (the technician's switch)
        self._listeners: list[Callable[[Transition], None]] = []
        # The session's order as this dispatch's guards read it (see _session_order).
        self._guard_read = False
        self._guard_order: Order | None = None
        # What an event writes, whatever the state it leads to.
        self._event_effects: dict[type[FlowEvent], Effect] = {
            Touched: self._note_refusal,
            Timeout: self._list_stuck_print,
            ShotTaken: self._add_shot,
            Retake: self._clear_shots,
            PackageChosen: self._create_order,
            QrReady: self._show_qr,
            PaymentUnavailable: self._show_payments_unavailable,
            ProviderChosen: self._choose_provider,
            ProviderRefused: self._keep_shown_provider,
            AnotherOrderPaid: self._adopt_paid_order,
            ClockJumped: self._follow_clock_jump,
        }
        # What entering a state writes (a transition that stays in its state enters nothing).
        self._entry_effects: dict[State, Effect] = {
            State.capture: self._start_session,
            State.choose: self._start_session,
            State.attract: self._close_session,
        }

    def subscribe(self, listener: Callable[[Transition], None]) -> None:
        self._listeners.append(listener)

    # ----- starting up -------------------------------------------------------------------

    def resume(self) -> State:
        """Pick up after a restart: paid orders print, pending ones are re-checked."""
        self.free_mode = self.store.counter(FREE_MODE) == 1
        with self.store.reading() as db:
            saved = db.get(FlowState, 1)
            order = db.get(Order, saved.order_id) if saved and saved.order_id else None
            unprinted = self._unprinted_paid(db)
            session = db.get(BoothSession, order.session_id) if order else None
            shots = list(session.shots) if session else []
        target, reason = State.attract, "start"
        # Paying first, the photos come after the payment: a payment saved while the code
        # showed (the watcher commits it before the flow hears) also leaves them to take.
        photographing = saved is not None and (
            saved.state in (State.capture, State.review)
            or (self.config.flow.pay_first and saved.state in (State.payment, State.checking)))
        if order and order.payment_status == PaymentStatus.pending and order.backend_accepted:
            still_valid = (order.expires_at or 0) > self.clock()
            target = State.payment if still_valid else State.checking
            reason = "resume: pending payment to be re-checked"
            # A switch of provider cut short by the restart left no URL: begin asks again.
            if still_valid and order.payment_url:
                self.context.qr = ShownQr(order.id, order.payment_url,
                                          to_major(order.amount_minor, order.currency),
                                          order.currency, order.provider,
                                          float(order.expires_at or 0))
        elif order and photographing and orders.may_print(order) and not order.print_file:
            # Paid first, photos not finished: the customer may still be here to finish them.
            self.context.shots = shots
            target = State.capture if len(shots) < self.config.flow.shots else State.review
            reason = "resume: paid, photos to finish"
        elif unprinted:
            order, target, reason = unprinted, State.printing, "resume: paid order not yet printed"
        if order is not None and target is not State.attract:
            self.context.session_id = order.session_id
            self.context.order_id = order.id
            self.context.order = SessionOrder.of(order)
        elif saved and saved.state in {s.value for s in CUSTOMER_STATES} and saved.session_id:
            with self.store.transaction() as db:
                self._end_session(db, saved.session_id, "interrupted")
        self._commit(self.state, Start(reason), target, effects=None)
        if self.store.counter(TAKEN_OUT) == 1:
            self.dispatch(TakenOutOfService(code=technician_codes.TECHNICIAN,
                                            message="taken out of service by the technician"))
        return self.state

    # ----- events --------------------------------------------------------------------------

    def touched(self) -> None:
        self.last_touch = self.clock()

    def progressed(self) -> None:
        """The printer reported on the session's print: printing's deadline starts again."""
        self.last_progress = self.clock()

    def dispatch(self, event: FlowEvent) -> bool:
        """Feed one event. True when the table moved or updated the booth.

        A refused event (no rule, or no guard holding) changes nothing. Any exception
        from the handlers lands in the failsafe path instead of propagating.
        """
        try:
            return self._dispatch(event)
        except Exception as exc:
            if is_storage_full(exc):
                self.storage.write_failed("flow", exc)
            log.exception("flow: %s in %s failed; failsafe to out_of_service", event, self.state)
            self._failsafe(f"error handling {event.name} in {self.state}")
            return True

    def follow_clock(self) -> None:
        """A jump of the wall clock since the last look becomes a ClockJumped event: a screen
        set back a day does not wait a day, a code set forward does not end early."""
        seconds = self._jumps.jumped() if self._jumps else 0.0
        if seconds:
            log.warning("flow: the wall clock jumped %+.0f s; timers follow it", seconds)
            self.dispatch(ClockJumped(seconds))

    def tick(self) -> None:
        """Called about once a second by the app: fires timeouts from the injected clock."""
        self.follow_clock()
        limit = self._timeout_for(self.state)
        if limit is None:
            return
        since = max(self.entered_at, self.last_touch) if self.state in TOUCH_TIMED_STATES \
            else max(self.entered_at, self.last_progress)
        if self.clock() - since >= limit:
            self.dispatch(Timeout())

    def _timeout_for(self, state: State) -> float | None:
        flow = self.config.flow
        shown = self.context.qr
        if state is State.payment and shown is not None and shown.expires_at > self.clock():
            # The customer is paying on their phone: the screen stays while the code is
            # valid, touched or not; the code's end (payment_expired) is the only limit.
            return None
        return {
            State.capture: flow.idle_timeout,
            State.review: flow.review_timeout,
            State.choose: flow.choose_timeout,
            State.payment: flow.payment_timeout,
            State.checking: flow.checking_timeout,
            State.printing: flow.printing_timeout,
            State.done: flow.done_seconds,
            State.out_of_service: flow.failsafe_seconds,
            State.service: self.config.service.idle_timeout,
        }.get(state)

    def _dispatch(self, event: FlowEvent) -> bool:
        if isinstance(event, (Paid, AnotherOrderPaid)):
            # Whose payment it is decides the event: another order's never moves the session.
            event = Paid(event.order_id) if event.order_id == self.context.order_id \
                else AnotherOrderPaid(event.order_id)
        self._guard_read = False
        rules = TABLE.get((self.state, type(event)))
        if rules is None:
            log.debug("flow: %s ignored in %s", event.name, self.state)
            return False
        if isinstance(event, Fault):
            self.context.faults[event.source] = event.code or event.source
        elif isinstance(event, Recovered):
            self.context.faults.pop(event.source, None)
        for rule in rules:
            if all(self._guard(guard, event) for guard in rule.guards):
                target = rule.target or self.state
                self._commit(self.state, event, target, effects=self._effects)
                return True
        log.info("flow: %s refused in %s (guards: %s)", event.name, self.state,
                 " | ".join("+".join(r.guards) for r in rules))
        return False

    # ----- guards --------------------------------------------------------------------------

    def _guard(self, guard: Guard, event: FlowEvent) -> bool:
        pay_first = self.config.flow.pay_first
        match guard:
            case Guard.capture_first:
                return not pay_first
            case Guard.pay_first:
                return pay_first
            case Guard.more_shots:
                return len(self.context.shots) + 1 < self.config.flow.shots
            case Guard.can_deliver:
                return isinstance(event, PackageChosen) and self.can_deliver(event.copies)
            case Guard.digital:
                return self._order_field("copies") == 0
            case Guard.backend_accepted:
                return self._order_field("backend_accepted") is True
            case Guard.not_accepted:
                return self._order_field("backend_accepted") is not True
            case Guard.order_paid:  # the session's order: the one the transition acts on
                order = self._session_order()
                return order is not None and orders.may_print(order)
            case Guard.unpaid:  # no money taken (a free order is unpaid)
                return self._order_field("payment_status") != PaymentStatus.paid
            case Guard.unprinted_paid:  # paid, its print file made, not printed nor listed
                return isinstance(event, AnotherOrderPaid) and self._offerable(event.order_id)
            case Guard.no_faults:
                return not self.context.faults
            case Guard.faulted:
                return bool(self.context.faults)
            case Guard.current_order:
                return not isinstance(event, OrderEvent) or event.order_id == self.context.order_id
            case Guard.free_mode:
                return self.free_mode
            case Guard.chosen_provider:
                return _provider_of(event) == self._order_field("provider")
            case Guard.low_disk:
                return not self.has_room()
        raise AssertionError(guard)

    def can_deliver(self, copies: int) -> bool:
        """A package of `copies` can be delivered now: printed, or (none) shared to the phone,
        whose link needs the backend: no money while it is away."""
        if copies == 0:
            return self.config.photos.share and not self.free_mode and self.can_share()
        return self.can_print(copies)

    def _session_order(self) -> Order | None:
        """The session's order as the guards of this dispatch see it: read once."""
        if not self._guard_read:
            order_id = self.context.order_id
            with self.store.reading() as db:
                self._guard_order = db.get(Order, order_id) if order_id else None
            self._guard_read = True
        return self._guard_order

    def _order_field(self, name: str) -> Any:
        order = self._session_order()
        return getattr(order, name) if order else None

    # ----- effects: data written in the same transaction as the new state ---------------

    def _effects(self, db: Session, source: State, event: FlowEvent, target: State) -> None:
        """What the event carries, then what entering the target state does."""
        on_event = self._event_effects.get(type(event))
        if on_event is not None:
            on_event(db, source, event, target)
        on_entry = self._entry_effects.get(target) if target is not source else None
        if on_entry is not None:
            on_entry(db, source, event, target)

    def _add_shot(self, db: Session, source: State, event: ShotTaken, target: State) -> None:
        self.context.shots.append(event.path)
        self._save_shots(db)

    def _clear_shots(self, db: Session, source: State, event: Retake, target: State) -> None:
        self.context.shots.clear()
        self._save_shots(db)

    def _save_shots(self, db: Session) -> None:
        session = db.get(BoothSession, self.context.session_id) if self.context.session_id else None
        if session:
            session.shots = list(self.context.shots)
            db.add(session)

    def _create_order(self, db: Session, source: State, event: PackageChosen,
                      target: State) -> None:
        if target is State.out_of_service:
            return
        copies = event.copies
        free = target is not State.payment
        package = self.config.package_for(copies)
        currency = self.config.payment.currency
        session = db.get(BoothSession, self.context.session_id) if self.context.session_id else None
        order_id = f"{self.config.booth.id}-{time.strftime('%y%m%d', time.gmtime(self.clock()))}-" \
                   f"{self.new_id()}"
        amount_minor = 0 if free else to_minor(package.price, currency)
        provider = event.provider or self.config.payment.default_provider
        orders.offer(self.store, db, order_id=order_id, session_id=self.context.session_id or "",
                     copies=copies, amount_minor=amount_minor, currency=currency,
                     provider=provider, print_file=session.print_file if session else None,
                     free=free)
        self.context.order_id = order_id
        self.context.order = SessionOrder(order_id, copies, to_major(amount_minor, currency),
                                          currency, provider, free)

    def _show_qr(self, db: Session, source: State, event: QrReady, target: State) -> None:
        """The QR's lifetime is the order's, decided and committed when the backend accepted
        it (kiosk.core.orders.accept): a restart resumes the same countdown."""
        offer = event.offer
        self.context.qr = ShownQr(event.order_id, offer.payment_url, offer.amount,
                                  offer.currency, offer.provider, float(offer.expires_at))
        shown = self.context.order
        if shown is not None:  # the backend's links, as kiosk.core.orders.accept keeps them
            self.context.order = replace(
                shown, provider=offer.provider, photos_url=offer.photos_url or shown.photos_url,
                photos_code=offer.photos_code or shown.photos_code)
        self.context.payment_unavailable = None

    def _follow_clock_jump(self, db: Session, source: State, event: ClockJumped,
                           target: State) -> None:
        seconds = event.seconds
        self.entered_at += seconds
        self.last_touch += seconds
        self.last_progress += seconds
        if self.context.qr is not None:
            self.context.qr = replace(self.context.qr,
                                      expires_at=self.context.qr.expires_at + seconds)
            orders.follow_clock_jump(db, self.context.qr.order_id, seconds)

    def _show_payments_unavailable(self, db: Session, source: State, event: PaymentUnavailable,
                                   target: State) -> None:
        self.context.qr = None
        self.context.payment_unavailable = event.reason
        # A customer who chose a package and got no code: the operator hears of it.
        self.store.record(db, "payment.unavailable", self.context.order_id,
                          self.context.payment_unavailable)

    def _choose_provider(self, db: Session, source: State, event: ProviderChosen,
                         target: State) -> None:
        """The customer's pick is the order's provider; its QR is gone until the backend
        gives the new one (the shown one stays in the context to fall back on)."""
        orders.choose_provider(self.store, db, str(self.context.order_id), event.provider)
        self._name_provider(event.provider)

    def _keep_shown_provider(self, db: Session, source: State, event: ProviderRefused,
                             target: State) -> None:
        """The chosen provider's QR could not be had: the order goes back to the shown one."""
        shown = self.context.qr
        if shown is None:
            raise LookupError(f"order {self.context.order_id} has no QR to keep")
        refused, kept = event.provider, shown.provider
        orders.keep_provider(self.store, db, str(self.context.order_id), shown_provider=kept,
                             shown_url=shown.payment_url, refused=refused,
                             reason=event.reason)
        self._name_provider(kept)
        if refused != kept:  # a tap back to the shown code refuses nothing new
            self.context.refused_providers.append(refused)

    def _name_provider(self, provider: str) -> None:
        if self.context.order is not None:
            self.context.order = replace(self.context.order, provider=provider)

    def _adopt_paid_order(self, db: Session, source: State, event: AnotherOrderPaid,
                          target: State) -> None:
        """A paid order offered to an idle booth (a late payment) becomes the booth's own;
        during a session it only stays remembered (its paid row), for the return to attract."""
        if source is not State.attract or target is not State.printing:
            return
        order = db.get(Order, event.order_id)
        self.context.session_id, self.context.order_id = \
            (order.session_id, order.id) if order else (None, None)
        self.context.order = SessionOrder.of(order) if order else None

    def _note_refusal(self, db: Session, source: State, event: FlowEvent,
                      target: State) -> None:
        """A touch that started nothing (the disk cannot hold a session): the screen says why."""
        refused = source is State.attract and target is State.attract
        self.context.session_refused = technician_codes.LOW_DISK if refused else None

    def _list_stuck_print(self, db: Session, source: State, event: FlowEvent,
                          target: State) -> None:
        """Printing saw no progress in time: the paid order goes on the technician's list
        (a held job that prints later is delivered all the same, never printed twice)."""
        if source is not State.printing or not self.context.order_id:
            return  # an ordinary timeout: no store read
        order = db.get(Order, self.context.order_id)
        if order is None:
            return
        orders.list_for_technician(
            self.store, db, order.id, self.clock() - order.created_at,
            f"paid, but printing showed no progress for {self.config.flow.printing_timeout} s")

    def _start_session(self, db: Session, source: State, event: FlowEvent,
                       target: State) -> None:
        if source is not State.attract:
            return
        self.context.session_id = f"s-{self.new_id()}"
        db.add(BoothSession(id=self.context.session_id, started_at=self.clock(),
                            language=self.context.language, layout=self.config.flow.layout))

    def _close_session(self, db: Session, source: State, event: FlowEvent,
                       target: State) -> None:
        """Back to attract: the session ends, an unaccepted order closes, the context resets."""
        ctx = self.context
        if ctx.session_id and source is not State.service:
            self._end_session(db, ctx.session_id, f"{event.name} in {source}")
        free = self._order_field_in(db, "free")
        orders.cancel_unaccepted(self.store, db, ctx.order_id,
                                 f"free session left {source} before printing" if free
                                 else f"left {source} before a QR")
        self._list_unfinished(db, source)
        self.context = FlowContext(language=self.config.ui.default_language, faults=ctx.faults)

    def _list_unfinished(self, db: Session, source: State) -> None:
        """A paid order whose photos were never all taken (paying first, the customer walked
        away): nothing can print it, so the technician is told — never offered to printing
        again, which would fail, go out of service and come back to it."""
        order = db.get(Order, self.context.order_id) if self.context.order_id else None
        if order is None or order.print_file or order.payment_status != PaymentStatus.paid:
            return
        taken = len(self.context.shots)
        orders.list_for_technician(
            self.store, db, order.id, self.clock() - order.created_at,
            f"paid, but the customer left {source} with {taken} of "
            f"{self.config.flow.shots} photos taken")

    def _order_field_in(self, db: Session, name: str) -> Any:
        order = db.get(Order, self.context.order_id) if self.context.order_id else None
        return getattr(order, name) if order else None

    def _end_session(self, db: Session, session_id: str, outcome: str) -> None:
        session = db.get(BoothSession, session_id)
        if session and session.ended_at is None:
            session.ended_at = self.clock()
            session.outcome = outcome
            db.add(session)

    def _unprinted_paid(self, db: Session) -> Order | None:
        """The oldest paid order that printing can take now: its print file made, no
        finished or technician-held print, not on the technician's list."""
        return db.exec(orders.paid_not_delivered(
            held=SETTLED_PRINTS, printable=True, listed=False,
            since=self.clock() - self.config.flow.late_payment_grace)).first()

    def _offerable(self, order_id: object) -> bool:
        if not isinstance(order_id, str):
            return False
        with self.store.reading() as db:
            return db.exec(orders.paid_not_delivered(
                held=SETTLED_PRINTS, printable=True, listed=False).where(
                    col(Order.id) == order_id)).first() is not None

    # ----- commit, then announce -----------------------------------------------------------

    def _commit(self, source: State, event: FlowEvent, target: State,
                effects: Callable[..., None] | None) -> None:
        with self.store.transaction() as db:
            if effects:
                effects(db, source, event, target)
            row = db.get(FlowState, 1) or FlowState(id=1, state=target, entered_at=0)
            row.state = target
            row.session_id = self.context.session_id
            row.order_id = self.context.order_id
            row.language = self.context.language
            if target is not source or row.entered_at == 0:
                row.entered_at = self.clock()
            db.add(row)
            self.store.record(db, "flow.transition", self.context.order_id or
                              self.context.session_id, f"{event.name} in {source}",
                              {"from": source, "to": target, **event.log_data()},
                              outbox=False)
        self.storage.done_waiting("flow")
        if target is not source:
            self.entered_at = self.clock()
            self.last_touch = self.entered_at
        self.state = target
        transition = Transition(source, event, target, self.context)
        for listener in self._listeners:
            listener(transition)
        if target is State.attract and source is not State.attract:
            self._offer_unprinted()

    def _offer_unprinted(self) -> None:
        with self.store.reading() as db:
            order = self._unprinted_paid(db)
        if order is not None:
            self.dispatch(AnotherOrderPaid(order.id))

    def _failsafe(self, reason: str) -> None:
        try:
            self._commit(self.state, Error(reason), State.out_of_service, effects=None)
        except Exception:
            log.exception("flow: could not record the failsafe; continuing in memory")
            self.state = State.out_of_service
            self.entered_at = self.clock()

    def set_language(self, language: str) -> None:
        if language in self.config.ui.languages:
            self.context.language = language


def _provider_of(event: FlowEvent) -> str | None:
    """The provider a payment event speaks for (its code's, or the refused one)."""
    if isinstance(event, QrReady):
        return event.offer.provider
    return event.provider if isinstance(event, ProviderRefused) else None
