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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kiosk.compose import compose
from kiosk.config import KioskConfig, verify_pin
from kiosk.flow import BoothFlow, Ev, State, Transition
from kiosk.layouts import Layout
from kiosk.media_prune import prune
from kiosk.models import BoothSession, Order, PaymentStatus
from kiosk.store import Store

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], None]], None]

PRINTER_CODES = {"paper_out": "E-PAPER", "ribbon_out": "E-RIBBON", "jam": "E-JAM",
                 "door_open": "E-DOOR", "offline": "E-OFFLINE", "stopped": "E-STOPPED",
                 "unavailable": "E-CUPS"}
SOURCE_CODES = {"camera": "E-CAMERA", "backend": "E-AUTH"}
PRUNE_INTERVAL = 3600.0


@dataclass(frozen=True)
class Notice:
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


class Camera(Protocol):
    @property
    def status(self) -> Any: ...
    @property
    def out_of_service(self) -> bool: ...
    def latest_frame(self) -> tuple[int, np.ndarray] | None: ...
    def capture(self, path: Path, on_done: Callable[[Path | None, str | None], None]) -> None: ...


class Printing(Protocol):
    @property
    def status(self) -> Any: ...
    def can_print(self, copies: int) -> bool: ...
    def print_order(self, order_id: str, file: Path, copies: int,
                    options: dict[str, str]) -> None: ...
    def resume(self) -> None: ...
    def test_print(self) -> None: ...
    def set_roll(self, size: int) -> None: ...
    def media_remaining(self) -> int: ...


class Payments(Protocol):
    """What the driver needs of sync/: issue a QR, watch it, and cancel it."""

    def begin(self, order_id: str, on_ready: Callable[[Any], None],
              on_unavailable: Callable[[str], None]) -> None: ...
    def watch(self, order_id: str, expires_at: float) -> None: ...
    def cancel(self, order_id: str, on_result: Callable[[str, str], None]) -> None: ...


class BoothDriver:
    def __init__(self, config: KioskConfig, store: Store, flow: BoothFlow, *,
                 camera: Camera, printing: Printing, payments: Payments, layout: Layout,
                 data_dir: Path, post: Post, clock: Callable[[], float] = time.time):
        self.config = config
        self.store = store
        self.flow = flow
        self.camera = camera
        self.printing = printing
        self.payments = payments
        self.layout = layout
        self.data_dir = data_dir
        self.post = post
        self.clock = clock
        self._listeners: list[Callable[[Notice], None]] = []
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="driver")
        self._preview: Path | None = None
        self._print_failure: str | None = None
        self._camera_faulted = False
        self._next_prune = 0.0
        flow.subscribe(self._on_transition)

    # ----- for the UI ---------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Notice], None]) -> None:
        self._listeners.append(listener)

    def latest_frame(self) -> tuple[int, np.ndarray] | None:
        return self.camera.latest_frame()

    def preview_path(self) -> Path | None:
        return self._preview

    def printer_status(self) -> Any:
        return self.printing.status

    def media_remaining(self) -> int:
        return self.printing.media_remaining()

    def technician_code(self) -> str:
        faults = self.flow.context.faults
        if "printer" in faults:
            return PRINTER_CODES.get(str(self.printing.status.state), "E-PRINTER")
        for source, code in SOURCE_CODES.items():
            if source in faults:
                return code
        return "E-PRINT" if self._print_failure else "E-ERROR"

    # ----- intents (UI thread) --------------------------------------------------------------

    def touch(self) -> None:
        self.flow.touched()
        if self.flow.state in (State.attract, State.done):
            self.flow.dispatch(Ev.touch)

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
        self.flow.dispatch(Ev.retake)

    def proceed(self) -> None:
        self.flow.dispatch(Ev.proceed)

    def choose_package(self, copies: int) -> None:
        self.flow.dispatch(Ev.package_chosen, copies=copies)

    def cancel(self) -> None:
        self.flow.dispatch(Ev.cancel)

    def enter_service(self, pin: str) -> bool:
        if not verify_pin(pin, self.config.service.pin_hash):
            with self.store.transaction() as db:
                self.store.record(db, "service.pin_refused", None, "wrong service PIN")
            return False
        return self.flow.dispatch(Ev.service_enter)

    def exit_service(self) -> None:
        self.flow.dispatch(Ev.service_exit)

    def service_resume_printer(self) -> None:
        self.printing.resume()

    def service_test_print(self) -> None:
        self.printing.test_print()

    def service_set_roll(self, prints: int) -> None:
        self.printing.set_roll(prints)

    def tick(self) -> None:
        """Once a second on the UI thread: timeouts, QR expiry, the camera's grace time."""
        qr = self.flow.context.qr
        if self.flow.state is State.payment and qr and self.clock() >= float(qr["expires_at"]):
            self.flow.dispatch(Ev.payment_expired)
        camera_down = self.camera.out_of_service
        if camera_down != self._camera_faulted:
            self._camera_faulted = camera_down
            self.flow.dispatch(Ev.printer_fault if camera_down else Ev.printer_ok,
                               source="camera", message=str(self.camera.status.message))
        self.flow.tick()

    # ----- news from the services (each posted to the UI thread) ---------------------------

    def on_printer_status(self, status: Any) -> None:
        self.post(lambda: self._printer_status(status))

    def on_print_job(self, order_id: str, state: str, detail: str) -> None:
        self.post(lambda: self._print_job(order_id, state, detail))

    def on_camera_status(self, status: Any) -> None:
        self.post(lambda: self._notify("camera", status=status))

    def on_backend_health(self, up: bool, reason: str) -> None:
        self.post(lambda: self._backend_health(up, reason))

    def on_payment_result(self, order_id: str, status: str) -> None:
        self.post(lambda: self._payment_result(order_id, status))

    def on_late_payment(self, order_id: str) -> None:
        """The reconciler found a paid, unprinted order: the flow prints it when idle."""
        self.post(lambda: self.flow.dispatch(Ev.paid, order_id=order_id))

    def stop(self) -> None:
        self._pool.shutdown(wait=True)

    # ----- internals ----------------------------------------------------------------------

    def _notify(self, kind: str, **data: Any) -> None:
        notice = Notice(kind, data)
        for listener in self._listeners:
            listener(notice)

    def _on_transition(self, t: Transition) -> None:
        self._notify("transition", transition=t)
        moved = t.target is not t.source
        if t.target is State.capture and t.source is not State.capture:
            self._preview = None
        if t.target is State.review and t.source is State.capture:
            self._compose(t.context.session_id, list(t.context.shots), t.context.order_id)
        if t.target is State.payment and moved:
            self._begin_payment(t)
        if t.target is State.checking and moved and t.context.order_id:
            self.payments.cancel(t.context.order_id, self.on_payment_result)
        if t.target is State.printing and moved:
            self._print(t.context.order_id)
        if t.target is State.attract:
            self._print_failure = None
            self._prune_when_due()

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
        if t.event is Ev.start and t.context.qr:
            self.payments.watch(order_id, float(t.context.qr["expires_at"]))
            return
        self.payments.begin(
            order_id,
            on_ready=lambda answer: self.post(lambda: self._qr_ready(order_id, answer)),
            on_unavailable=lambda reason: self.post(lambda: self.flow.dispatch(
                Ev.payment_unavailable, order_id=order_id, reason=reason)))

    def _qr_ready(self, order_id: str, answer: Any) -> None:
        if self.flow.context.order_id != order_id or self.flow.state is not State.payment:
            # The customer left before the QR came: nobody can scan it, close it at the backend.
            self.payments.cancel(order_id, self.on_payment_result)
            return
        log.info("order %s: %s %s, pay at %s", order_id, answer.amount, answer.currency,
                 answer.payment_url)
        # The booth's own QR lifetime wins when it is shorter than the backend's.
        expires_at = min(float(answer.expires_at),
                         self.clock() + self.config.payment.qr_expiry_seconds)
        if self.flow.dispatch(Ev.qr_ready, order_id=order_id, payment_url=answer.payment_url,
                              amount=answer.amount, currency=answer.currency,
                              expires_at=expires_at, status=answer.status,
                              provider=self._provider(order_id)):
            self.payments.watch(order_id, expires_at)

    def _provider(self, order_id: str) -> str:
        with self.store.reading() as db:
            order = db.get(Order, order_id)
            return order.provider if order else self.config.payment.default_provider

    def _payment_result(self, order_id: str, status: str) -> None:
        if order_id != self.flow.context.order_id:
            if status == PaymentStatus.paid:
                self.flow.dispatch(Ev.paid, order_id=order_id)
            return
        event = {PaymentStatus.paid: Ev.paid, PaymentStatus.failed: Ev.payment_failed,
                 PaymentStatus.refunded: Ev.payment_failed,
                 PaymentStatus.cancelled: Ev.cancel}.get(PaymentStatus(status))
        if event is not None:
            self.flow.dispatch(event, order_id=order_id)

    def _shot_done(self, session_id: str, index: int, saved: Path | None,
                   error: str | None) -> None:
        if saved is None:
            log.warning("capture %d of session %s failed: %s", index, session_id, error)
            self._notify("shot_failed", index=index, reason=error or "capture failed")
            return
        if session_id != self.flow.context.session_id:
            return
        self._notify("shot", index=index, path=str(saved))
        self.flow.dispatch(Ev.shot_taken, path=str(saved))

    def _compose(self, session_id: str | None, shots: list[str], order_id: str | None) -> None:
        if not session_id:
            return
        texts = {"event_name": self.config.booth.event_name,
                 "date": time.strftime("%d.%m.%Y", time.localtime(self.clock()))}

        def work() -> None:
            try:
                result = compose(self.layout, [Path(s) for s in shots],
                                 self.data_dir / "prints", session_id, texts=texts)
                self._remember_print_file(session_id, order_id, result.print_file)
            except Exception as exc:
                log.exception("compose failed for session %s", session_id)
                reason = str(exc)
                self.post(lambda: self._notify("compose_failed", reason=reason))
                return
            self.post(lambda: self._composed(session_id, result.preview_file,
                                             result.print_file))

        self._pool.submit(work)

    def _remember_print_file(self, session_id: str, order_id: str | None, file: Path) -> None:
        with self.store.transaction() as db:
            session = db.get(BoothSession, session_id)
            if session:
                session.print_file = str(file)
                db.add(session)
            order = db.get(Order, order_id) if order_id else None
            if order:
                order.print_file = str(file)
                db.add(order)

    def _composed(self, session_id: str, preview: Path, print_file: Path) -> None:
        if session_id != self.flow.context.session_id:
            return
        self._preview = preview
        self._notify("composed", preview=str(preview), print_file=str(print_file))

    def _print(self, order_id: str | None) -> None:
        with self.store.reading() as db:
            order = db.get(Order, order_id) if order_id else None
        if order is None or not order.print_file:
            reason = "no print file for this order"
            log.error("cannot print %s: %s", order_id, reason)
            self.post(lambda: self._print_job(order_id or "", "failed", reason))
            return
        self.printing.print_order(order.id, Path(order.print_file), order.copies,
                                  self.layout.cups_options())

    def _print_job(self, order_id: str, state: str, detail: str) -> None:
        self._notify("print_progress", order_id=order_id, state=state, detail=detail)
        if state == "printed":
            self.flow.dispatch(Ev.print_done, order_id=order_id)
        elif state == "failed":
            self._print_failure = detail
            self.flow.dispatch(Ev.print_failed, order_id=order_id, reason=detail)

    def _printer_status(self, status: Any) -> None:
        if status.faulted:
            self.flow.dispatch(Ev.printer_fault, source="printer",
                               message=status.message or str(status.state))
        elif "printer" in self.flow.context.faults:
            self.flow.dispatch(Ev.printer_ok, source="printer")
        self._notify("printer", status=status)

    def _backend_health(self, up: bool, reason: str) -> None:
        self._notify("backend", up=up, reason=reason)
        if reason == "unauthorized":
            self.flow.dispatch(Ev.printer_fault, source="backend",
                               message="the backend refused this booth's token")
        elif "backend" in self.flow.context.faults:
            self.flow.dispatch(Ev.printer_ok, source="backend")
