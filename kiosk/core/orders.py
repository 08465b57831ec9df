"""The one owner of the booth's `Order` rows: every lifecycle step is a named function here.

Nothing else writes an order (tests/kiosk/test_order_ownership.py walks the source tree).
Each step takes the caller's open transaction, so the row change, its event and whatever
else the caller writes (the flow's state, the outbox) commit together; each checks its
guard and says what it did. The print job is not an order field: `printing/jobs.py` owns
it, and "delivered" is read from it here.

    offered (pending) ──accept──▶ accepted (QR, its lifetime) ──backend──▶ paid ──▶ printed
        │                     │  └─choose_provider / keep_provider          │   └▶ listed for
        └─cancel_unaccepted   └─give_up (expired) ─▶ the backend's word     │      the technician
                                                    (paid/failed/cancelled) └─refund ─▶ refunded

The refund is the backend's: the booth keeps its steps as events on the order (queued in
the outbox, requested, failed by the provider, refused by the backend) and moves the order
to refunded only when the backend says it is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from contract.payment_status import PaymentStatus
from kiosk.core.models import Event, Order, PrintJob, PrintJobState
from kiosk.core.store import Store

REPRINT_LIST_EVENT = "print.reprint_list"
# The refund's steps as events on the order (no column: the backend owns the refund).
REFUND_QUEUED = "refund.queued"  # in the outbox until the backend answers
REFUND_REQUESTED = "refund.requested"  # the backend took it; the provider has not answered
REFUND_FAILED = "refund.failed"  # the provider refused: a refund by hand
REFUND_REFUSED = "refund.refused"  # the backend refused (another booth's order, delivered)
REFUND_STEPS = {REFUND_QUEUED: "queued", REFUND_REQUESTED: "requested",
                REFUND_FAILED: "failed", REFUND_REFUSED: "refused"}
OPEN_REFUNDS = ("queued", "requested", "refunded")
PAYMENT_EVENTS = {
    PaymentStatus.paid: "payment.paid",
    PaymentStatus.failed: "payment.failed",
    PaymentStatus.cancelled: "payment.cancelled",
    PaymentStatus.refunded: "payment.refunded",
}


class OrderError(LookupError):
    """The order a step names is not in the store."""


@dataclass(frozen=True)
class BackendPayment:
    """The backend's word on one order's payment (sync's `PaymentAnswer` has this shape)."""

    order_id: str
    status: str
    transaction_id: str | None
    paid_at: str | None
    method: str | None
    raw: dict[str, Any]


def _get(db: Session, order_id: str | None) -> Order:
    order = db.get(Order, order_id) if order_id else None
    if order is None:
        raise OrderError(f"order {order_id} is not in the local store")
    return order


def _touch(store: Store, db: Session, order: Order) -> None:
    order.updated_at = store.clock()
    db.add(order)


# ----- offered ---------------------------------------------------------------------------

def offer(store: Store, db: Session, *, order_id: str, session_id: str, copies: int,
          amount_minor: int, currency: str, provider: str, print_file: str | None,
          free: bool) -> Order:
    """The customer chose a package: the order is written pending, before any network call."""
    if db.get(Order, order_id) is not None:
        raise ValueError(f"order {order_id} exists already")
    now = store.clock()
    order = Order(id=order_id, session_id=session_id, package=f"{copies}x", copies=copies,
                  amount_minor=amount_minor, currency=currency, provider=provider,
                  print_file=print_file, print_version=1 if print_file else 0, free=free,
                  created_at=now, updated_at=now)
    db.add(order)
    store.record(db, "order.created", order_id,
                 "package chosen in free mode" if free else "package chosen",
                 {"copies": copies, "amount_minor": amount_minor, "free": free})
    return order


def attach_print_file(db: Session, order_id: str, file: str) -> None:
    """The composed print is the order's (compose may finish after the order was offered).
    Each one is a new version: a retake after payment composes the print again, and the
    phone page must show the photos of that one."""
    order = db.get(Order, order_id)
    if order is not None:
        order.print_file = file
        order.print_version += 1
        db.add(order)


# ----- accepted: the QR and its lifetime ----------------------------------------------------

def qr_lifetime_end(store: Store, order: Order, offered_until: float,
                    booth_lifetime: float | None) -> float:
    """How long the QR may be shown, decided here only: the backend's lifetime, cut to the
    booth's own when shorter; a switch of provider never makes the order's time longer."""
    until = offered_until
    if booth_lifetime is not None:
        until = min(until, store.clock() + booth_lifetime)
    if order.backend_accepted and order.expires_at is not None:
        until = min(until, order.expires_at)
    return until


def accept(store: Store, db: Session, order_id: str, *, provider: str, payment_url: str,
           offered_until: float, photos_url: str | None, amount: int, language: str,
           booth_lifetime: float | None, photos_code: str | None = None) -> float | None:
    """The backend accepted the order with `provider`'s QR. Guard: that provider is still the
    customer's choice (a late answer for an earlier tap only leaves its event). Returns the
    QR's lifetime end as committed, or None when the answer was not taken."""
    order = _get(db, order_id)
    chosen = order.provider == provider and order.payment_status == PaymentStatus.pending
    until: float | None = None
    if chosen:
        until = qr_lifetime_end(store, order, offered_until, booth_lifetime)
        order.payment_url = payment_url
        order.expires_at = until
        order.backend_accepted = True
        order.photos_url = photos_url or order.photos_url
        order.photos_code = photos_code or order.photos_code
        _touch(store, db, order)
    reason = "backend accepted the order" if chosen else \
        f"answered after the customer chose {order.provider}"
    store.record(db, "payment.qr_issued", order_id, reason,
                 {"payment_url": payment_url, "expires_at": until or offered_until,
                  "amount": amount, "provider": provider, "language": language})
    return until


def choose_provider(store: Store, db: Session, order_id: str, provider: str) -> None:
    """The customer tapped another provider: the row names it; its QR is awaited."""
    order = _get(db, order_id)
    if order.payment_status != PaymentStatus.pending:
        raise ValueError(f"order {order_id} is {order.payment_status}: no provider to choose")
    previous, order.provider = order.provider, provider
    order.payment_url = None
    _touch(store, db, order)
    store.record(db, "payment.provider_chosen", order_id, f"customer chose {provider}",
                 {"from": previous, "to": provider})


def keep_provider(store: Store, db: Session, order_id: str, *, shown_provider: str,
                  shown_url: str, refused: str, reason: str) -> None:
    """The chosen provider's QR could not be had: the order goes back to the shown one."""
    order = _get(db, order_id)
    order.provider = shown_provider
    order.payment_url = shown_url
    _touch(store, db, order)
    store.record(db, "payment.provider_refused", order_id, f"no {refused} QR: {reason}",
                 {"refused": refused, "kept": shown_provider})


def follow_clock_jump(db: Session, order_id: str, seconds: float) -> None:
    """The wall clock jumped while the order's code was shown: its end, kept in the booth's
    clock, moves with it (the backend's end has not moved)."""
    order = db.get(Order, order_id)
    if order is not None and order.expires_at is not None:
        order.expires_at += seconds
        db.add(order)


def give_up(store: Store, db: Session, order_id: str, why: str, error: str) -> None:
    """Expired: the booth stopped offering the QR but could not tell the backend. The QR's
    end moves to now, so the reconciler asks the backend (cancel) instead of watching."""
    order = db.get(Order, order_id)
    if order is not None:
        now = store.clock()
        order.expires_at = min(order.expires_at or now, now)
        db.add(order)
    store.record(db, "payment.cancel_unconfirmed", order_id,
                 f"{why}; the backend could not be reached", {"error": error})


def cancel_unaccepted(store: Store, db: Session, order_id: str | None, reason: str) -> bool:
    """Cancelled here: an order the backend never accepted cannot be paid. Guard: pending
    and not accepted; a free order that went to the printer stays open. True if cancelled."""
    order = db.get(Order, order_id) if order_id else None
    if not order or order.payment_status != PaymentStatus.pending or order.backend_accepted:
        return False
    if order.free and db.exec(select(PrintJob.id).where(
            PrintJob.order_id == order.id)).first() is not None:
        return False
    order.payment_status = PaymentStatus.cancelled
    _touch(store, db, order)
    store.record(db, "payment.cancelled", order.id, reason)
    return True


# ----- the backend's word: paid, failed, cancelled, refunded ------------------------------

def settle_payment(store: Store, db: Session, answer: BackendPayment, reason: str,
                   kind: str | None = None) -> PaymentStatus:
    """Commit the backend's answer; returns the order's status afterwards. Guard: a paid
    order only moves on to refunded; a contradiction is kept as `payment.mismatch`."""
    order = _get(db, answer.order_id)
    previous = PaymentStatus(order.payment_status)
    data = {"status": answer.status, "previous": previous,
            "transaction_id": answer.transaction_id, "method": answer.method,
            "paid_at": answer.paid_at}
    if previous == answer.status and order.payment_transaction_id == answer.transaction_id:
        return previous
    if previous == PaymentStatus.paid and answer.status != PaymentStatus.refunded:
        store.record(db, "payment.mismatch", order.id,
                     f"backend said {answer.status} for a paid order", data)
        return previous
    order.payment_status = status = PaymentStatus(answer.status)
    order.payment_transaction_id = answer.transaction_id
    order.payment_paid_at = answer.paid_at
    order.payment_method = answer.method
    order.payment_raw = answer.raw
    _touch(store, db, order)
    store.record(db, kind or PAYMENT_EVENTS.get(answer.status, "payment.status"),
                 order.id, reason, data)
    return status


def refund_asked(db: Session, order_id: str) -> str | None:
    """Guard for the technician's refund: a paid order only, with no refund under way. None
    when a refund may be asked, else why not ("not_paid", "refund_open")."""
    order = db.get(Order, order_id)
    if order is None or order.payment_status != PaymentStatus.paid:
        return "not_paid"
    if refund_state(db, order_id) in OPEN_REFUNDS:
        return "refund_open"
    return None


def queue_refund(store: Store, db: Session, order_id: str, reason: str, error: str) -> None:
    """The backend could not be asked: the request waits in the outbox, where the relay
    delivers it to the refund endpoint (not to the events) until the backend answers."""
    store.record(db, REFUND_QUEUED, order_id, reason, {"reason": reason, "error": error})


def refund_answered(store: Store, db: Session, order_id: str, status: str, note: str) -> str:
    """The backend's refund state for the order: `refunded` ends it (paid → refunded, never
    printed after), `requested` waits for the provider, `failed` is left for a refund by hand.
    Returns the state kept. An order no longer in the store keeps only the event."""
    order = db.get(Order, order_id)
    if status == "refunded":
        if order is None:
            store.record(db, PAYMENT_EVENTS[PaymentStatus.refunded], order_id,
                         "the backend refunded an order no longer kept here", {"note": note})
            return "refunded"
        if order.payment_status == PaymentStatus.refunded:
            return "refunded"
        previous, order.payment_status = order.payment_status, PaymentStatus.refunded
        _touch(store, db, order)
        store.record(db, PAYMENT_EVENTS[PaymentStatus.refunded], order_id,
                     "the backend refunded the order", {"previous": previous,
                                                        "status": "refunded", "note": note})
        return "refunded"
    kind = REFUND_FAILED if status == "failed" else REFUND_REQUESTED
    if refund_state(db, order_id) != status:
        store.record(db, kind, order_id, note or f"refund {status}", {"note": note})
    return status


def refund_refused(store: Store, db: Session, order_id: str, problem: str,
                   detail: str) -> None:
    """The backend refused the refund (another booth's or an unknown order, or delivered):
    only its event, which ends a queued request; the order is not changed."""
    store.record(db, REFUND_REFUSED, order_id, detail, {"problem": problem})


def refunds_to_learn(db: Session) -> list[str]:
    """Paid orders the booth has not delivered whose refund may end at the backend: those it
    asked a refund for (requested; or failed, which an operator may refund by hand) and the
    late payments on the technician's list (an operator may refund them from the
    dashboard). Not a queued one: the outbox asks that."""
    asked_or_listed = select(Event.subject).where(
        col(Event.kind).in_((REPRINT_LIST_EVENT, REFUND_REQUESTED)))
    query = paid_not_delivered(include_free=False).where(
        col(Order.id).in_(asked_or_listed)).with_only_columns(col(Order.id))
    return [order_id for order_id in db.exec(query) if refund_state(db, order_id) != "queued"]


def refund_state(db: Session, order_id: str) -> str | None:
    """The order's refund as the booth knows it: queued, requested, refunded, failed; None."""
    order = db.get(Order, order_id)
    if order is not None and order.payment_status == PaymentStatus.refunded:
        return "refunded"
    kind = db.exec(select(Event.kind).where(Event.subject == order_id,
                                            col(Event.kind).in_(REFUND_STEPS))
                   .order_by(col(Event.id).desc())).first()
    return REFUND_STEPS.get(kind) if kind else None


# ----- delivered: printed (the print job's), on the phone, or listed for the technician ----

def photos_delivered(store: Store, db: Session, order_id: str) -> bool:
    """Every photo is on the customer's phone page. Guard: not said before."""
    order = db.get(Order, order_id)
    if order is None or order.photos_delivered_at:
        return False
    order.photos_delivered_at = store.clock()
    _touch(store, db, order)
    store.record(db, "photos.delivered", order_id, "every photo is on the customer's phone page",
                 {"digital": order.digital})
    return True


def photos_replaced(store: Store, db: Session, order_id: str, photo_set: int) -> bool:
    """A new print (a retake after payment) replaces the photos on the phone page: the order
    is not on the phone until the new set is. Guard: the order exists."""
    order = db.get(Order, order_id)
    if order is None:
        return False
    order.photos_delivered_at = None
    _touch(store, db, order)
    store.record(db, "photos.replaced", order_id,
                 f"a new print: set {photo_set} replaces the photos on the customer's phone",
                 {"photo_set": photo_set})
    return True


def list_for_technician(store: Store, db: Session, order_id: str, age_seconds: float,
                        why: str = "paid but not printed, and the customer left long ago"
                        ) -> bool:
    """Paid, not printed, and its customer gone: on the technician's reprint list.
    Guard: has copies (a phone-only order has nothing to reprint), not listed before."""
    order = _get(db, order_id)
    listed = db.exec(select(Event.id).where(Event.kind == REPRINT_LIST_EVENT,
                                            Event.subject == order_id)).first()
    if order.copies <= 0 or listed is not None:
        return False
    store.record(db, REPRINT_LIST_EVENT, order_id, why, {"age_seconds": round(age_seconds)})
    return True


def may_print(order: Order) -> bool:
    """Money taken, or the technician's free mode: the only orders that may print."""
    return order.payment_status == PaymentStatus.paid or (
        order.free and order.payment_status == PaymentStatus.pending)


def paid_not_delivered(*, held: tuple[PrintJobState, ...] = (PrintJobState.printed,),
                       include_free: bool = True, listed: bool = True,
                       printable: bool = False,
                       since: float | None = None) -> SelectOfScalar[Order]:
    """The one query for "paid, not delivered", oldest first: paid (and, with `include_free`,
    free and still open) orders with copies — a phone-only order has nothing to print — and
    no print job in `held` (printed; the flow also waits on a failed job for the technician).
    `listed=False` leaves out those already on the technician's list; `printable=True` those
    with no print file yet (photos still to take or compose); `since` the older."""
    paid = col(Order.payment_status) == PaymentStatus.paid
    if include_free:
        paid = paid | (col(Order.free).is_(True)
                       & (col(Order.payment_status) == PaymentStatus.pending))
    else:
        paid = paid & col(Order.free).is_(False)
    query = (select(Order).where(paid).where(col(Order.copies) > 0)
             .where(col(Order.id).not_in(select(PrintJob.order_id).where(
                 col(PrintJob.state).in_(held)))))
    if not listed:
        query = query.where(col(Order.id).not_in(
            select(Event.subject).where(Event.kind == REPRINT_LIST_EVENT)))
    if printable:
        query = query.where(col(Order.print_file).is_not(None))
    if since is not None:
        query = query.where(col(Order.created_at) >= since)
    return query.order_by(col(Order.created_at))
