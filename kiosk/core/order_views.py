"""The orders a technician looks at: the payment log, reprint candidates, late payments,
print jobs still in the printer. Read-only SQL over the local store, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlmodel import col

from contract.money import to_major
from contract.payment_status import PaymentStatus
from kiosk.core import orders
from kiosk.core.models import Order, PrintJobState
from kiosk.core.store import Store

LOG_LIMIT = 100
REPRINT_WINDOW = 24 * 3600
ACTIVE_JOBS = (PrintJobState.pending, PrintJobState.submitted, PrintJobState.printing)

_COLUMNS = """o.id, o.created_at, o.amount_minor, o.currency, o.copies,
    COALESCE(o.payment_method, o.provider), o.payment_status, o.payment_transaction_id, o.free,
    (SELECT j.state FROM print_jobs j WHERE j.order_id = o.id AND j.reprint_reason IS NULL
     ORDER BY j.id DESC LIMIT 1),
    (SELECT COUNT(*) FROM print_jobs j WHERE j.order_id = o.id
     AND j.reprint_reason IS NOT NULL), o.photos_delivered_at,
    (SELECT e.kind FROM events e WHERE e.subject = o.id AND e.kind IN :refund_steps
     ORDER BY e.id DESC LIMIT 1)"""


@dataclass(frozen=True)
class OrderLine:
    order_id: str
    created_at: float
    amount: int  # whole major units
    currency: str
    copies: int
    provider: str  # who was paid (the provider the order was offered with until then)
    payment_status: str
    transaction_id: str | None
    free: bool
    print_state: str | None  # the original print's job state; None: never sent to print
    reprints: int
    photos_delivered: bool = False  # every photo confirmed on the customer's phone page
    # The refund: queued, requested, refunded, failed (the provider's no), refused (the
    # backend's no); None: never asked.
    refund: str | None = None

    @property
    def digital(self) -> bool:
        """Photos on the phone only: nothing is printed."""
        return self.copies == 0


def _refund(status: str, step: str | None) -> str | None:
    if status == PaymentStatus.refunded:
        return "refunded"
    return orders.REFUND_STEPS.get(step) if step else None


def _lines(store: Store, where: str, params: dict[str, object],
           limit: int = LOG_LIMIT, expanding: tuple[str, ...] = ()) -> list[OrderLine]:
    query = text(f"SELECT {_COLUMNS} FROM orders o WHERE {where} "
                 "ORDER BY o.created_at DESC LIMIT :n").bindparams(
        *(bindparam(name, expanding=True) for name in (*expanding, "refund_steps")))
    with store.reading() as db:
        rows = db.connection().execute(query, {**params, "n": limit,
                                               "refund_steps": list(orders.REFUND_STEPS)}).all()
    return [OrderLine(str(r[0]), float(r[1]), to_major(int(r[2]), str(r[3])), str(r[3]),
                      int(r[4]), str(r[5]), str(r[6]), r[7], bool(r[8]), r[9], int(r[10]),
                      r[11] is not None, _refund(str(r[6]), r[12]))
            for r in rows]


def payment_log(store: Store, status: str | None = None) -> list[OrderLine]:
    """The latest orders, all or those with one payment status ("free": the free ones)."""
    if status == "free":
        return _lines(store, "o.free = 1", {})
    if status:
        return _lines(store, "o.payment_status = :status AND o.free = 0", {"status": status})
    return _lines(store, "1", {})


def reprint_candidates(store: Store, now: float) -> list[OrderLine]:
    """Paid (or free) orders of the last 24 h that have something to print again (not one
    whose refund is under way)."""
    lines = _lines(store, "(o.payment_status = :paid OR (o.free = 1 AND o.payment_status = "
                   ":pending)) AND o.copies > 0 AND o.created_at >= :since AND "
                   "(o.print_file IS NOT NULL OR "
                   "EXISTS (SELECT 1 FROM print_jobs j WHERE j.order_id = o.id))",
                   {"paid": PaymentStatus.paid, "pending": PaymentStatus.pending,
                    "since": now - REPRINT_WINDOW})
    return [line for line in lines if line.refund not in orders.OPEN_REFUNDS]


def late_payments(store: Store) -> list[OrderLine]:
    """Paid orders that did not print and are not on their way to the printer: the ones
    the reconciler listed for the technician, and prints that failed. An order whose refund
    is under way (queued, requested) leaves the list; one whose refund failed or was refused
    stays, marked, to be refunded by hand or printed."""
    query = orders.paid_not_delivered(held=(PrintJobState.printed, *ACTIVE_JOBS),
                                      include_free=False).with_only_columns(col(Order.id))
    with store.reading() as db:
        ids = list(db.exec(query))
    lines = _lines(store, "o.id IN :ids", {"ids": ids}, expanding=("ids",))
    return [line for line in lines if line.refund not in orders.OPEN_REFUNDS]


@dataclass(frozen=True)
class JobLine:
    order_id: str
    state: str
    detail: str  # why it waits, in CUPS's words
    since: float
    reprint: bool


def jobs_in_printer(store: Store) -> list[JobLine]:
    """Print jobs not finished yet, oldest first: the ones a technician may cancel."""
    with store.reading() as db:
        rows = db.connection().execute(text(
            "SELECT order_id, state, COALESCE(last_error, ''), created_at, reprint_reason "
            "FROM print_jobs WHERE state IN (:pending, :submitted, :printing) ORDER BY id"),
            {state.value: state.value for state in ACTIVE_JOBS}).all()
    return [JobLine(str(r[0]), str(r[1]), str(r[2]), float(r[3]), r[4] is not None)
            for r in rows]
