"""The technician's order actions and the order lists, done off the UI thread.

The service menu's order pages (late payments, reprint, the payment log, the jobs in the
printer) read here, and act here: print a late payment, reprint, refund. Reads and
actions run on the desk's worker (`submit`); the answer comes back through `post` as an
`Outcome` (a code the screen words, never a sentence here). Every action leaves an event
row; `kiosk.core.orders` alone writes the order.

A refund is asked of the backend at once (the customer may still be at the booth): its
answer says how far it got; refused (another booth's order, delivered) changes nothing;
unreachable, it waits in the outbox, which delivers it when the backend is back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import select

from contract.payment_status import PaymentStatus
from contract.refunds import REASON_MAX
from kiosk.core import order_views, orders
from kiosk.core.desk_work import Done, Outcome
from kiosk.core.handoff import Post, Submit
from kiosk.core.models import Order, PrintJob
from kiosk.core.ports import Printer, RefundReplyKind, Refunds
from kiosk.core.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")
LATE_PRINT_REASON = "late payment printed by the technician"


class OrderDesk:
    def __init__(self, *, store: Store, printing: Printer, refunds: Refunds,
                 print_options: Callable[[], dict[str, str]], submit: Submit, post: Post):
        self.store = store
        self.printing = printing
        self.refunds = refunds
        self.print_options = print_options  # the CUPS options of the layout in use
        self.submit = submit
        self.post = post

    # ----- the lists ------------------------------------------------------------------------

    def payment_log(self, status: str | None,
                    on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self._load(lambda: order_views.payment_log(self.store, status), on_done)

    def reprint_candidates(self, on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self._load(lambda: order_views.reprint_candidates(self.store, self.store.clock()),
                   on_done)

    def late_payments(self, on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self._load(lambda: order_views.late_payments(self.store), on_done)

    def jobs_in_printer(self, on_done: Callable[[list[order_views.JobLine]], None]) -> None:
        self._load(lambda: order_views.jobs_in_printer(self.store), on_done)

    # ----- the actions ----------------------------------------------------------------------

    def reprint(self, order_id: str, reason: str, on_done: Done) -> None:
        """Print a paid order again; the ledger logs it with its reason and it spends paper."""
        self.printing.reprint(order_id, reason)
        self._run("reprint", lambda: Outcome("reprint", True, detail={"order_id": order_id}),
                  on_done)

    def print_late(self, order_id: str, on_done: Done) -> None:
        """A late payment printed by the technician: its first print, or a reprint of a
        print that failed. Printing checks again that the order may print (not refunded)."""
        options = self.print_options()

        def work() -> Outcome:
            with self.store.reading() as db:
                order = db.get(Order, order_id)
                printed_before = db.exec(select(PrintJob.id).where(
                    PrintJob.order_id == order_id)).first() is not None
            if order is None or order.payment_status != PaymentStatus.paid:
                return self._refused("print_late", "not_paid", "late print refused: not paid",
                                     subject=order_id)
            if not printed_before and not order.print_file:
                return self._refused("print_late", "no_print_file",
                                     "late print refused: no print file kept", subject=order_id)
            self._record("service.print_late", LATE_PRINT_REASON, order_id)
            if printed_before:
                self.printing.reprint(order_id, LATE_PRINT_REASON)
            else:
                self.printing.print_order(order_id, Path(str(order.print_file)), order.copies,
                                          options)
            return Outcome("print_late", True, detail={"order_id": order_id})

        self._run("print_late", work, on_done)

    def refund(self, order_id: str, reason: str, on_done: Done) -> None:
        """Ask the backend to refund a paid order, for `reason`. The outcome's detail
        "refund" says where it is: refunded, requested, queued (the backend was not
        reached); refused by the provider, it is the problem "provider_refused" with the
        provider's "note"."""
        reason = " ".join(reason.split())[:REASON_MAX]

        def work() -> Outcome:
            if not reason:
                return self._refused("refund", "no_reason", "refund refused: no reason given",
                                     subject=order_id)
            with self.store.reading() as db:
                problem = orders.refund_asked(db, order_id)
            if problem is not None:
                return self._refused("refund", problem, f"refund refused: {problem}",
                                     subject=order_id)
            reply = self.refunds.request_refund(order_id, reason)
            detail: dict[str, Any] = {"order_id": order_id, "note": reply.note}
            with self.store.transaction() as db:
                if reply.kind is RefundReplyKind.accepted:
                    detail["refund"] = state = orders.refund_answered(
                        self.store, db, order_id, reply.status, reply.note)
                    if state == "failed":  # the provider refused: the money did not move
                        return Outcome("refund", False, "provider_refused", detail)
                    return Outcome("refund", True, detail=detail)
                if reply.kind is RefundReplyKind.unreachable:
                    orders.queue_refund(self.store, db, order_id, reason, reply.note)
                    return Outcome("refund", True, detail={**detail, "refund": "queued"})
                orders.refund_refused(self.store, db, order_id, reply.kind, reply.note)
            return Outcome("refund", False, str(reply.kind), detail)

        self._run("refund", work, on_done)

    # ----- plumbing -------------------------------------------------------------------------

    def _load(self, read: Callable[[], T], on_done: Callable[[T], None]) -> None:
        """Run a read on the worker and hand its result to `on_done` on the UI thread."""
        def work() -> None:
            try:
                value = read()
            except Exception:
                log.exception("order desk: reading failed")
                return
            self.post(lambda: on_done(value))

        self.submit(work)

    def _run(self, action: str, work: Callable[[], Outcome], on_done: Done) -> None:
        def job() -> None:
            try:
                outcome = work()
            except Exception as exc:
                log.exception("order desk: %s failed", action)
                outcome = Outcome(action, False, "error", {"error": str(exc)})
            self.post(lambda: on_done(outcome))

        self.submit(job)

    def _refused(self, action: str, problem: str, reason: str, *, subject: str) -> Outcome:
        self._record(f"service.{action}_refused", reason, subject, {"problem": problem})
        return Outcome(action, False, problem, {"order_id": subject})

    def _record(self, kind: str, reason: str, subject: str,
                data: dict[str, Any] | None = None) -> None:
        with self.store.transaction() as db:
            self.store.record(db, kind, subject, reason, data or {})
