"""Settles orders the kiosk stopped watching: at start and every few minutes.

Local orders still pending (or failed: the backend takes another attempt; or cancelled
within the hour: a provider may still be paying) that the backend accepted are asked
from the backend (an expired pending one is cancelled there, and the cancel answers its
final status). Whatever it learns is committed; a paid order the kiosk had given up on
is a late payment (`payment.late`), never dropped. A refund the backend took but the
provider has not finished, and a late payment an operator may refund from the dashboard,
are asked about until they end. Paid orders without a printed job go to printing when
the customer may still be there (younger than `late_grace`), else to the technician's
reprint list.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import col, select

from contract.backoff import Backoff
from contract.payment_status import PaymentStatus
from kiosk.core import orders
from kiosk.core.models import Order
from kiosk.core.orders import REPRINT_LIST_EVENT
from kiosk.core.storage_health import StorageHealth, is_storage_full
from kiosk.core.store import Clock, Store
from sync.api_client import BackendClient, BackendError, PaymentAnswer
from sync.backend_loop import BackendLoop
from sync.payment_record import commit_payment

log = logging.getLogger(__name__)

__all__ = ["REPRINT_LIST_EVENT", "ReconcileReport", "Reconciler"]
# A declined attempt is not the end: the backend still takes the customer's next attempt.
UNSETTLED = (PaymentStatus.pending, PaymentStatus.failed)
# A provider may still pay an order the booth gave up on (WebPay honours a card form the
# customer finishes after the QR's end, 3-D Secure included): a cancelled order is asked
# about for this long after it was cancelled.
LATE_PAYMENT_WINDOW = 3600.0
WORKER = "reconciler"
STORAGE_RETRY = Backoff(1.0, 30.0)  # a pass the disk refused, tried again


@dataclass
class ReconcileReport:
    asked: int = 0
    learned: dict[str, str] = field(default_factory=dict)
    late: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    reprint_listed: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


class Reconciler(BackendLoop):
    """`on_print` / `on_reprint_list` run on the reconciler's thread (or the caller's,
    for `run_once`). `on_print(order_id)` asks printing to make sure the order is
    printed; printing dedups by order (CUPS job-name = order_id)."""

    thread_name = "reconciler"

    def __init__(self, client: BackendClient, store: Store, *, clock: Clock = time.time,
                 late_grace: float, on_print: Callable[[str], None],
                 on_reprint_list: Callable[[str], None], interval: float = 180,
                 retry_interval: float = 10, storage: StorageHealth | None = None):
        super().__init__(client)
        self.store = store
        self.clock = clock
        self.late_grace = late_grace
        self.on_print = on_print
        self.on_reprint_list = on_reprint_list
        self.interval = interval
        self.retry_interval = retry_interval
        self.storage = storage or StorageHealth(None, clock)
        self._wake = threading.Event()

    def start(self) -> None:
        """Reconcile at once, then every `interval` seconds, on a worker.

        `on_print` may be called again for an order that is being printed right now:
        it must be idempotent per order (printing checks CUPS job-name = order_id)."""
        super().start()

    def nudge(self) -> None:
        """Run a whole pass now (live orders too): the backend is back, or a cancel never
        reached it. Any thread."""
        self._wake.set()

    def _interrupt_wait(self) -> None:
        self._wake.set()

    def run_once(self, *, skip_live: bool = False) -> ReconcileReport:
        """One pass. With `skip_live`, orders whose QR is still valid are left to the watcher."""
        report = ReconcileReport()
        now = self.clock()
        for order in self._unsettled_orders(now):
            cancelled = order.payment_status == PaymentStatus.cancelled
            if skip_live and not cancelled and order.expires_at is not None \
                    and order.expires_at > now:
                continue
            report.asked += 1
            try:
                answer = self._ask(order, now)
            except BackendError as exc:
                report.errors[order.id] = str(exc)
                continue
            gave_up = cancelled or order.expires_at is None or order.expires_at <= now
            late = gave_up and answer.status == PaymentStatus.paid
            status = commit_payment(self.store, answer, reason="reconciler",
                                    kind="payment.late" if late else None)
            if status != order.payment_status:
                report.learned[order.id] = status
            if late:
                report.late.append(order.id)
        self._settle_refunds(report)
        self._route_unprinted(report, now)
        return report

    def _settle_refunds(self, report: ReconcileReport) -> None:
        """Refunds the booth may not have heard the end of: its own, which the provider had
        not finished, and late payments an operator may have refunded meanwhile."""
        with self.store.reading() as session:
            watched = orders.refunds_to_learn(session)
        for order_id in watched:
            report.asked += 1
            try:
                answer = self.client.payment_status(order_id)
            except BackendError as exc:
                report.errors[order_id] = str(exc)
                continue
            status = commit_payment(self.store, answer, reason="reconciler")
            if status == PaymentStatus.refunded:
                report.learned[order_id] = status
            elif answer.refund is not None and answer.refund.status != "requested":
                with self.store.transaction() as session:
                    before = orders.refund_state(session, order_id)
                    kept = orders.refund_answered(self.store, session, order_id,
                                                  answer.refund.status, answer.refund.note)
                if kept != before:
                    report.learned[order_id] = kept

    def _ask(self, order: Order, now: float) -> PaymentAnswer:
        if order.payment_status == PaymentStatus.cancelled:
            return self.client.payment_status(order.id)  # cancelled already: only listen
        if order.expires_at is not None and order.expires_at <= now:
            return self.client.cancel_order(order.id)
        return self.client.payment_status(order.id)

    def _unsettled_orders(self, now: float) -> list[Order]:
        """Accepted orders still open, and those cancelled recently enough to be paid late."""
        recently_cancelled = (col(Order.payment_status) == PaymentStatus.cancelled) & (
            col(Order.updated_at) >= now - LATE_PAYMENT_WINDOW)
        with self.store.reading() as session:
            return list(session.exec(select(Order).where(
                col(Order.payment_status).in_(UNSETTLED) | recently_cancelled,
                col(Order.backend_accepted).is_(True)).order_by(col(Order.created_at))))

    def _route_unprinted(self, report: ReconcileReport, now: float) -> None:
        with self.store.reading() as session:
            undelivered = list(session.exec(orders.paid_not_delivered(include_free=False,
                                                                       listed=False)))
        for order in undelivered:
            if now - order.created_at < self.late_grace:
                report.printed.append(order.id)
                self.on_print(order.id)
                continue
            with self.store.transaction() as session:
                listed = orders.list_for_technician(self.store, session, order.id,
                                                    now - order.created_at)
            if listed:
                report.reprint_listed.append(order.id)
                self.on_reprint_list(order.id)

    def _run(self) -> None:
        # The first pass (at start) also takes live orders: nobody watches them after a restart.
        # A pass that could not reach the backend is tried again soon, not in `interval`:
        # a payment made while the booth was offline prints when the network returns.
        # A pass the disk refused is tried again soon: the backend answers again, nothing lost.
        skip_live, full = False, 0
        while not self._stopping.is_set():
            wait = self.interval
            try:
                if self.run_once(skip_live=skip_live).errors:
                    wait = self.retry_interval
                if full:
                    full = 0
                    self.storage.done_waiting(WORKER)
            except Exception as exc:
                if is_storage_full(exc):
                    full += 1
                    wait = STORAGE_RETRY.delay(full)
                    self.storage.write_failed(WORKER, exc)
                    log.error("reconciler: cannot save (%s); the pass runs again in %.1fs",
                              exc, wait)
                else:
                    log.exception("reconciler: pass failed; trying again in %.0fs",
                                  self.interval)
            self._wake.wait(wait)
            # A pass the disk refused is run again whole.
            skip_live = not self._wake.is_set() and not full
            self._wake.clear()
