"""The booth driver: turns flow transitions into service calls, and service news into events.

The UI talks only to this object. Everything here runs on the UI thread; the
services call back on their own worker threads, so every callback goes through
`post`, which hands it to the UI thread (a queued Qt signal in the app, a queue
in tests). Nothing in here blocks: blocking work goes to the services or to the
driver's small worker pool.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contract.money import to_major
from contract.payment_status import PaymentStatus
from kiosk.core import orders, technician_codes
from kiosk.core.booth_status import (
    BoothStatus,
    disk_free_bytes,
    last_errors,
    outbox_backlog,
)
from kiosk.core.compose import ComposeResult, compose
from kiosk.core.config import KioskConfig
from kiosk.core.flow import BoothFlow, FlowContext, Transition
from kiosk.core.flow_events import (
    AnotherOrderPaid,
    BackendFault,
    BackendOk,
    CameraFault,
    CameraOk,
    Cancel,
    Fault,
    PackageChosen,
    Paid,
    PaymentExpired,
    PaymentFailed,
    PaymentUnavailable,
    PrintDone,
    PrinterFault,
    PrinterOk,
    PrintFailed,
    Proceed,
    ProviderChosen,
    ProviderRefused,
    QrReady,
    Recovered,
    Retake,
    ServiceExit,
    ShotTaken,
    Start,
    Touched,
)
from kiosk.core.flow_table import State
from kiosk.core.layouts import Layout
from kiosk.core.media_prune import prune
from kiosk.core.models import BoothSession, Order
from kiosk.core.payment_choices import first_choice, offered_providers
from kiosk.core.ports import (
    BackendLink,
    Camera,
    Health,
    Payments,
    Printer,
    PrinterStatus,
    QrOffer,
    Service,
)
from kiosk.core.service_desk import ServiceDesk
from kiosk.core.store import Store
from kiosk.core.version import package_version

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], None]], None]

PRUNE_INTERVAL = 3600.0
COMPOSE_ATTEMPTS = 3  # a paid order's print, made again before the technician is called
# The parts of the booth whose health the driver follows, in the order their faults name
# the technician code, with the events that report a fault and its end.
HEALTH_EVENTS: dict[str, tuple[type[Fault], type[Recovered]]] = {
    "printer": (PrinterFault, PrinterOk), "camera": (CameraFault, CameraOk),
    "backend": (BackendFault, BackendOk)}


@dataclass(frozen=True)
class Notice:
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OrderView:
    """What the screens show of the current order, read from its row (the price is not
    computed again from the config: the order says what the customer is paying)."""

    order_id: str
    copies: int
    amount: int  # whole major units
    currency: str
    provider: str
    photos_url: str = ""  # the customer's photos page, once paid with sharing on; else ""
    photos_code: str = ""  # its short code, when the backend gave one

    @property
    def digital(self) -> bool:
        """Photos on the phone only: nothing is printed."""
        return self.copies == 0


class BoothDriver:
    def __init__(self, config: KioskConfig, store: Store, flow: BoothFlow, *,
                 camera: Camera, printing: Printer, payments: Payments, backend: BackendLink,
                 layouts: Mapping[str, Layout], config_path: Path, data_dir: Path, post: Post,
                 clock: Callable[[], float] = time.time):
        self.config = config
        self.store = store
        self.flow = flow
        self.camera = camera
        self.printing = printing
        self.payments = payments
        self.backend = backend
        self.layout = layouts[config.flow.layout]
        self.data_dir = data_dir
        self.post = post
        self.clock = clock
        self._services: dict[str, Service] = {"printer": printing, "camera": camera,
                                              "backend": backend}
        self._health: dict[str, Health] = {}
        self._listeners: list[Callable[[Notice], None]] = []
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="driver")
        self._preview: Path | None = None
        self._print_failure: str | None = None
        self._next_prune = 0.0
        self._started_at = clock()
        # What entering each state sets going; the flow table says when a state is entered.
        self._on_enter: dict[State, Callable[[Transition], None]] = {
            State.attract: self._enter_attract,
            State.capture: self._enter_capture,
            State.review: self._enter_review,
            State.payment: self._begin_payment,
            State.checking: self._enter_checking,
            State.printing: self._enter_printing,
        }
        flow.subscribe(self._on_transition)
        # The technician's actions, on the same worker pool (see kiosk.core.service_desk).
        self.service = ServiceDesk(config=config, config_path=config_path, store=store,
                                   flow=flow, printing=printing, layouts=layouts,
                                   use_layout=self._use_layout, submit=self._pool.submit,
                                   post=post, notify=self._notify, data_dir=data_dir)

    # ----- for the UI ---------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Notice], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Notice], None]) -> None:
        """Stop telling `listener` (a window that closes while the services still report)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def state(self) -> State:
        return self.flow.state

    @property
    def context(self) -> FlowContext:
        return self.flow.context

    def latest_frame(self) -> tuple[int, np.ndarray] | None:
        return self.camera.latest_frame()

    def preview_path(self) -> Path | None:
        return self._preview

    def printer_status(self) -> PrinterStatus:
        return self.printing.status

    def health(self, source: str) -> Health:
        """The last health heard from "printer", "camera" or "backend"."""
        return self._health.get(source) or self._services[source].health()

    def current_order(self) -> OrderView | None:
        order_id = self.flow.context.order_id
        if not order_id:
            return None
        with self.store.reading() as db:
            order = db.get(Order, order_id)
        if order is None:
            return None
        shared = self.config.photos.share and order.payment_status == PaymentStatus.paid
        return OrderView(order.id, order.copies, to_major(order.amount_minor, order.currency),
                         order.currency, order.provider,
                         photos_url=(order.photos_url or "") if shared else "",
                         photos_code=(order.photos_code or "") if shared else "")

    def offered_packages(self) -> list[tuple[int, int]]:
        """(copies, price) the customer may choose now: the phone-only package only while it
        can be delivered (sharing on, not free mode, the backend answering)."""
        return [(p.copies, p.price) for p in self.config.packages
                if p.copies or self.flow.can_deliver(0)]

    def payment_choices(self) -> list[str]:
        """The providers a customer may pick between, in the operator's order."""
        return offered_providers(self.config.payment.providers, self.backend.enabled_providers())

    def booth_status(self) -> BoothStatus:
        """The booth at a glance (reads the store: call it where a short read may wait)."""
        now = self.clock()
        prints_left = self.printing.media_remaining()
        return BoothStatus(
            version=package_version(), state=str(self.flow.state),
            printer=self.printing.status, prints_left=prints_left,
            health={source: self.health(source) for source in HEALTH_EVENTS},
            outbox=outbox_backlog(self.store, now), disk_free_bytes=disk_free_bytes(self.data_dir),
            uptime_seconds=now - self._started_at,
            low_paper=prints_left <= self.config.printing.low_paper_threshold,
            backend_link=self.backend.link_status(), free_mode=self.flow.free_mode,
            last_errors=last_errors(self.store), camera_kind=self.config.camera.backend)

    def technician_code(self) -> str:
        faults = self.flow.context.faults
        for source in (*HEALTH_EVENTS, "technician"):
            if source in faults:
                return faults[source]
        return technician_codes.PRINT_FAILED if self._print_failure else technician_codes.ERROR

    # ----- intents (UI thread) --------------------------------------------------------------

    def touch(self) -> None:
        self.flow.touched()
        if self.flow.state in (State.attract, State.done):
            self.flow.dispatch(Touched())

    def set_language(self, language: str) -> None:
        self.flow.set_language(language)

    def shoot(self) -> None:
        session_id = self.flow.context.session_id
        if self.flow.state is not State.capture or not session_id:
            return
        index = len(self.flow.context.shots) + 1
        path = self.data_dir / "shots" / session_id / f"shot-{index}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.camera.capture(path, lambda saved, error: self.post(
            lambda: self._shot_done(session_id, index, saved, error)))

    def retake(self) -> None:
        self._preview = None
        self.flow.dispatch(Retake())

    def proceed(self) -> None:
        self.flow.dispatch(Proceed())

    def choose_package(self, copies: int) -> None:
        provider = first_choice(self.config.payment.default_provider, self.payment_choices())
        self.flow.dispatch(PackageChosen(copies, provider))

    def choose_provider(self, provider: str) -> None:
        """The customer tapped another provider: the order row names it at once, and its QR
        replaces the shown one when the backend gives it."""
        order_id = self.flow.context.order_id
        if (self.flow.state is not State.payment or not order_id or not self.flow.context.qr
                or provider not in self.payment_choices() or provider == self._provider(order_id)):
            return
        if self.flow.dispatch(ProviderChosen(provider)):
            self._ask_for_qr(order_id, provider, lambda reason: self._switch_refused(
                order_id, provider, reason))

    def cancel(self) -> None:
        self.flow.dispatch(Cancel())

    def exit_service(self) -> None:
        self.flow.dispatch(ServiceExit())

    def tick(self) -> None:
        """Once a second on the UI thread: timeouts, QR expiry, health that changes with
        time alone (a camera fault outlasting its grace time)."""
        qr = self.flow.context.qr
        if self.flow.state is State.payment and qr and self.clock() >= qr.expires_at:
            self.flow.dispatch(PaymentExpired())
        for source, service in self._services.items():
            self._health_changed(source, service.health())
        self.flow.tick()

    # ----- news from the services (each posted to the UI thread) ---------------------------

    def on_health(self, source: str, health: Health) -> None:
        self.post(lambda: self._health_changed(source, health))

    def on_print_job(self, order_id: str, state: str, detail: str) -> None:
        self.post(lambda: self._print_job(order_id, state, detail))

    def on_payment_result(self, order_id: str, status: PaymentStatus) -> None:
        self.post(lambda: self._payment_result(order_id, status))

    def on_late_payment(self, order_id: str) -> None:
        """The reconciler found a paid, unprinted order: the session's own, or another one
        that the flow prints when idle (the flow tells which)."""
        self.post(lambda: self.flow.dispatch(Paid(order_id)))

    def stop(self) -> None:
        self._pool.shutdown(wait=True)

    # ----- internals ----------------------------------------------------------------------

    def _notify(self, kind: str, **data: Any) -> None:
        notice = Notice(kind, data)
        for listener in list(self._listeners):
            listener(notice)

    def _on_transition(self, t: Transition) -> None:
        # The services first: a QR request or a print job is under way while the screen moves.
        entered = t.target is not t.source or isinstance(t.event, Start)
        action = self._on_enter.get(t.target) if entered else None
        if action is not None:
            action(t)
        self._notify("transition", transition=t)

    def _use_layout(self, layout: Layout) -> None:
        self.layout = layout

    def _enter_attract(self, t: Transition) -> None:
        self._print_failure = None
        self._preview = None  # the next customer never sees this one's print
        self._prune_when_due()

    def _enter_capture(self, t: Transition) -> None:
        self._preview = None

    def _enter_review(self, t: Transition) -> None:
        self._compose(t.context.session_id, list(t.context.shots), t.context.order_id)

    def _enter_checking(self, t: Transition) -> None:
        if t.context.order_id:
            self.payments.cancel(t.context.order_id, self.on_payment_result)

    def _enter_printing(self, t: Transition) -> None:
        self._print(t.context.order_id)

    def _prune_when_due(self) -> None:
        """Idle is the time to delete old photos, on a worker; files still needed stay."""
        now = self.clock()
        if now < self._next_prune:
            return
        self._next_prune = now + PRUNE_INTERVAL
        storage = self.config.storage
        self._pool.submit(prune, self.data_dir, self.store, storage.keep_days,
                          storage.max_megabytes, now)

    def _begin_payment(self, t: Transition) -> None:
        order_id = t.context.order_id
        if not order_id:
            return
        if isinstance(t.event, Start) and t.context.qr:
            self.payments.watch(order_id, t.context.qr.expires_at)
            return
        self._ask_for_qr(order_id, self._provider(order_id), lambda reason: self.flow.dispatch(
            PaymentUnavailable(reason)))

    def _ask_for_qr(self, order_id: str, provider: str,
                    on_failure: Callable[[str], None]) -> None:
        self.payments.begin(
            order_id, provider, self.flow.context.language,
            on_ready=lambda answer: self.post(lambda: self._qr_ready(order_id, answer)),
            on_unavailable=lambda reason: self.post(lambda: on_failure(reason)))

    def _switch_refused(self, order_id: str, provider: str, reason: str) -> None:
        """No QR from the provider the customer switched to: the shown one stays usable."""
        if self.flow.context.order_id == order_id and self.flow.state is State.payment:
            self.flow.dispatch(ProviderRefused(provider, reason))

    def _qr_ready(self, order_id: str, answer: QrOffer) -> None:
        if self.flow.context.order_id != order_id or self.flow.state is not State.payment:
            # The customer left before the QR came: nobody can scan it, close it at the backend.
            self.payments.cancel(order_id, self.on_payment_result)
            return
        order = None if answer.photos_url else self.current_order()
        if order is not None and order.digital:
            # Photos on the phone only, and no page for them: no money may be asked.
            self.payments.cancel(order_id, self.on_payment_result)
            self.flow.dispatch(PaymentUnavailable(
                "the backend gave no photos link for a digital order"))
            return
        log.info("order %s: %s %s, pay with %s at %s", order_id, answer.amount, answer.currency,
                 answer.provider, answer.payment_url)
        # The QR's lifetime was decided when the order row took it (kiosk.core.orders).
        if self.flow.dispatch(QrReady(order_id, answer)):
            self.payments.watch(order_id, float(answer.expires_at))

    def _provider(self, order_id: str) -> str:
        with self.store.reading() as db:
            order = db.get(Order, order_id)
            return order.provider if order else self.config.payment.default_provider

    def _payment_result(self, order_id: str, status: PaymentStatus) -> None:
        if order_id != self.flow.context.order_id:
            if status == PaymentStatus.paid:
                self.flow.dispatch(AnotherOrderPaid(order_id))
            return
        match PaymentStatus(status):
            case PaymentStatus.paid:
                self.flow.dispatch(Paid(order_id))
            case PaymentStatus.failed | PaymentStatus.refunded:
                self.flow.dispatch(PaymentFailed(order_id, PaymentStatus(status)))
            case PaymentStatus.cancelled:
                self.flow.dispatch(Cancel())

    def _shot_done(self, session_id: str, index: int, saved: Path | None,
                   error: str | None) -> None:
        if saved is None:
            log.warning("capture %d of session %s failed: %s", index, session_id, error)
            self._notify("shot_failed", index=index, reason=error or "capture failed")
            return
        if session_id != self.flow.context.session_id:
            return
        self._notify("shot", index=index, path=str(saved))
        self.flow.dispatch(ShotTaken(str(saved)))

    def _layout_texts(self) -> dict[str, str]:
        return {"event_name": self.config.booth.event_name,
                "date": time.strftime("%d.%m.%Y", time.localtime(self.clock()))}

    def _compose(self, session_id: str | None, shots: list[str], order_id: str | None) -> None:
        if not session_id:
            return
        texts = self._layout_texts()

        def work() -> None:
            try:
                result = self._make_print(session_id, shots, order_id, texts)
            except Exception as exc:
                log.exception("compose failed for session %s", session_id)
                reason = str(exc)
                self.post(lambda: self._notify("compose_failed", reason=reason))
                return
            self.post(lambda: self._composed(session_id, result.preview_file,
                                             result.print_file))

        self._pool.submit(work)

    def _make_print(self, session_id: str, shots: list[str], order_id: str | None,
                    texts: dict[str, str]) -> ComposeResult:
        """On the pool: the print composed from the shots, recorded as the session's (and
        its order's) print file."""
        result = compose(self.layout, [Path(s) for s in shots], self.data_dir / "prints",
                         session_id, texts=texts)
        self._remember_print_file(session_id, order_id, result.print_file)
        return result

    def _remember_print_file(self, session_id: str, order_id: str | None, file: Path) -> None:
        with self.store.transaction() as db:
            session = db.get(BoothSession, session_id)
            if session:
                session.print_file = str(file)
                db.add(session)
            if order_id:
                orders.attach_print_file(db, order_id, str(file))

    def _composed(self, session_id: str, preview: Path, print_file: Path) -> None:
        if session_id != self.flow.context.session_id:
            return
        self._preview = preview
        self._notify("composed", preview=str(preview), print_file=str(print_file))

    def _record_fault(self, source: str, health: Health) -> None:
        with self.store.transaction() as db:
            self.store.record(db, f"{source}.faulted", None, health.message,
                              {"code": health.code})

    def _print(self, order_id: str | None) -> None:
        with self.store.reading() as db:
            order = db.get(Order, order_id) if order_id else None
            session = db.get(BoothSession, order.session_id) if order else None
        if order is not None and not order.print_file and session and session.shots:
            # Paid, the print not made (compose failed, or had not finished): make it now.
            self._pool.submit(self._compose_and_print, order, list(session.shots))
            return
        if order is None or not order.print_file:
            reason = "no print file for this order"
            log.error("cannot print %s: %s", order_id, reason)
            self.post(lambda: self._print_job(order_id or "", "failed", reason))
            return
        self.printing.print_order(order.id, Path(order.print_file), order.copies,
                                  self.layout.cups_options())

    def _compose_and_print(self, order: Order, shots: list[str]) -> None:
        """On the pool: compose the paid order's print (a few tries), then print it; if it
        cannot be made, the order goes on the technician's list and printing says why."""
        error = ""
        for attempt in range(1, COMPOSE_ATTEMPTS + 1):
            try:
                result = self._make_print(order.session_id, shots, order.id,
                                          self._layout_texts())
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                log.exception("compose for paid order %s failed (try %d of %d)", order.id,
                              attempt, COMPOSE_ATTEMPTS)
                continue
            self.printing.print_order(order.id, result.print_file, order.copies,
                                      self.layout.cups_options())
            return
        reason = f"the print could not be made from the photos: {error}"
        with self.store.transaction() as db:
            orders.list_for_technician(self.store, db, order.id,
                                       self.clock() - order.created_at, f"paid, but {reason}")
        self.post(lambda: self._print_job(order.id, "failed", reason))

    def _print_job(self, order_id: str, state: str, detail: str) -> None:
        self._notify("print_progress", order_id=order_id, state=state, detail=detail)
        if state == "printed":
            self.flow.dispatch(PrintDone(order_id))
        elif state == "failed":
            self._print_failure = detail
            self.flow.dispatch(PrintFailed(order_id, detail))

    def _health_changed(self, source: str, health: Health) -> None:
        """A service's health changed: a fault (or its end) goes to the flow, then the UI hears."""
        if self._health.get(source) == health:
            return
        self._health[source] = health
        fault, recovered = HEALTH_EVENTS[source]
        if health.faulted and source != "printer":  # the printing service logs its own
            self._pool.submit(self._record_fault, source, health)
        if health.faulted:
            self.flow.dispatch(fault(code=health.code or technician_codes.ERROR,
                                     message=health.message))
        elif source in self.flow.context.faults:
            self.flow.dispatch(recovered())
        self._notify("health", source=source, health=health)
