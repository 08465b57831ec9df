"""Printing: the paid order's print handed to the printer, and the printer's news to the flow."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from kiosk.core import orders
from kiosk.core.capture_coordinator import CaptureCoordinator
from kiosk.core.flow import BoothFlow, Transition
from kiosk.core.flow_events import PrintDone, PrintFailed, Timeout
from kiosk.core.flow_table import State
from kiosk.core.handoff import Post, Submit
from kiosk.core.models import BoothSession, Order, PrintJobState
from kiosk.core.notice_board import NoticeBoard
from kiosk.core.notices import PrintProgress
from kiosk.core.ports import Printer, PrinterStatus, PrintJobUpdate
from kiosk.core.store import Store

log = logging.getLogger(__name__)


COMPOSE_ATTEMPTS = 3  # a paid order's print, made again before the technician is called


class PrintCoordinator:
    """Prints the session's order when the flow enters printing; tells the flow when the
    job is printed or failed. The last failure names the technician code."""

    def __init__(self, store: Store, flow: BoothFlow, *, printing: Printer,
                 capture: CaptureCoordinator, post: Post, submit: Submit,
                 notices: NoticeBoard, clock: Callable[[], float]):
        self.store = store
        self.flow = flow
        self.printing = printing
        self.capture = capture
        self.post = post
        self.submit = submit
        self.notices = notices
        self.clock = clock
        self.failure: str | None = None  # why the last print failed, until the next customer
        self.stuck = False  # out of service because printing saw no progress in time

    def status(self) -> PrinterStatus:
        return self.printing.status

    def forget_failure(self, _t: Transition | None = None) -> None:
        self.failure = None
        self.stuck = False

    def note_stuck(self, t: Transition) -> None:
        """Entering out of service: was it printing's deadline (E-PRINT-WAIT)?"""
        self.stuck = t.source is State.printing and isinstance(t.event, Timeout)

    def on_job(self, update: PrintJobUpdate) -> None:
        """From the printing service's worker: handed to the UI thread."""
        self.post(lambda: self._job(update))

    def print_session(self, t: Transition) -> None:
        """Entering printing: the order's print file to the printer, made first if missing."""
        order_id = t.context.order_id
        with self.store.reading() as db:
            order = db.get(Order, order_id) if order_id else None
            session = db.get(BoothSession, order.session_id) if order else None
        if order is not None and not order.print_file and session and session.shots:
            # Paid, the print not made (compose failed, or had not finished): make it now.
            self.submit(self._compose_and_print, order, list(session.shots))
            return
        if order is None or not order.print_file:
            reason = "no print file for this order"
            log.error("cannot print %s: %s", order_id, reason)
            self.post(lambda: self._job(
                PrintJobUpdate(order_id or "", PrintJobState.failed, reason)))
            return
        self.printing.print_order(order.id, Path(order.print_file), order.copies,
                                  self.capture.cups_options())

    def _compose_and_print(self, order: Order, shots: list[str]) -> None:
        """On the pool: compose the paid order's print (a few tries), then print it; if it
        cannot be made, the order goes on the technician's list and printing says why."""
        error = ""
        for attempt in range(1, COMPOSE_ATTEMPTS + 1):
            try:
                result = self.capture.make_print(order.session_id, shots, order.id)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                log.exception("compose for paid order %s failed (try %d of %d)", order.id,
                              attempt, COMPOSE_ATTEMPTS)
                continue
            self.printing.print_order(order.id, result.print_file, order.copies,
                                      self.capture.cups_options())
            return
        reason = f"the print could not be made from the photos: {error}"
        with self.store.transaction() as db:
            orders.list_for_technician(self.store, db, order.id,
                                       self.clock() - order.created_at, f"paid, but {reason}")
        self.post(lambda: self._job(PrintJobUpdate(order.id, PrintJobState.failed, reason)))

    def _job(self, update: PrintJobUpdate) -> None:
        self.notices.tell(PrintProgress(update))
        if self.flow.state is State.printing and update.order_id == self.flow.context.order_id:
            self.flow.progressed()  # the printer reported on it: printing's deadline restarts
        if update.held:
            return
        if update.state == PrintJobState.printed:
            self.flow.dispatch(PrintDone(update.order_id))
        elif update.state == PrintJobState.failed:
            self.failure = update.detail
            self.flow.dispatch(PrintFailed(update.order_id, update.detail))
