"""The refund of a paid order: asked once (whoever asks), made through its provider.

`request_refund` writes the order's one refund row (UNIQUE order_pk, under the order's
lock: any number of requests from any number of processes make one row) and then the
provider call is tried at once. A call is claimed under a lease (`call_lease_until`), so
one process makes it at a time; an outcome that leaves the provider's action unknown
(timeout, 5xx, dropped answer) puts the call back in the queue with a backoff, and the
runner (refund_runner.py) tries it again. States: requested → refunded | failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from backend.context import BackendContext
from backend.database import Database
from backend.models import STATE_PERFORMED, Order, ProviderTransaction
from backend.order_lookups import lock_order
from backend.payments import record, set_status
from backend.provider_calls import CallResult
from backend.providers import click_merchant, payme, payme_subscribe, webpay_operations
from backend.refund_models import FAILED, REFUNDED, REQUESTED, Refund
from backend.refund_rows import refund_of
from backend.settings import BackendSettings
from contract.payment_status import PaymentStatus

MAX_BACKOFF_MS = 60 * 60 * 1000
WEBPAY_BY_HAND = ("refund by hand: WebPay refunds are made in WebPay's merchant cabinet "
                  "(no operations API is configured: BOOTH_WEBPAY_API_LOGIN, "
                  "BOOTH_WEBPAY_API_PASSWORD, BOOTH_WEBPAY_BILLING_ID); record it here once done")


class RefundNotFound(Exception):
    pass


class RefundRefused(Exception):
    """The order cannot be refunded now (409): the message says why. `sentence` is the
    English sentence with `{placeholders}` filled from `values` (a page translates it)."""

    def __init__(self, sentence: str, **values: str) -> None:
        super().__init__(sentence.format(**values))
        self.sentence = sentence
        self.values = values


@dataclass(frozen=True)
class Claim:
    refund_id: int
    provider: str
    transaction_id: str
    payment_raw: dict[str, Any]
    calls: int
    reason: str = ""
    webpay: webpay_operations.Payment | None = None


def _performed_attempt(session: Session, order: Order) -> ProviderTransaction | None:
    return session.scalars(select(ProviderTransaction).where(
        ProviderTransaction.order_pk == order.id,
        ProviderTransaction.state == STATE_PERFORMED)).first()


def request_refund(
    ctx: BackendContext,
    order_id: str,
    *,
    origin: str,
    reason: str,
    requested_by: str,
    device_id: int | None = None,
    goodwill: bool = False,
) -> Refund:
    """The order's refund, created once; a repeat answers the same row. Then its call is
    tried (at once for a new refund; for a repeat, if a retry is due)."""
    refund_id = _ask(ctx, order_id, origin=origin, reason=reason, requested_by=requested_by,
                     device_id=device_id, goodwill=goodwill)
    call_refund(ctx, refund_id)
    with ctx.db.read() as session:
        return session.get_one(Refund, refund_id)


def _ask(ctx: BackendContext, order_id: str, *, origin: str, reason: str, requested_by: str,
         device_id: int | None, goodwill: bool) -> int:
    with ctx.db.write() as session:
        order = lock_order(session, order_id)
        if order is None or (device_id is not None and order.device_id != device_id):
            raise RefundNotFound(order_id)
        refund = refund_of(session, order)
        if refund is not None:
            assert refund.id is not None
            return refund.id
        if order.payment_status != PaymentStatus.paid:
            raise RefundRefused("order {order} is {status}: only a paid order is refunded",
                                order=order_id, status=order.payment_status.value)
        if order.delivered_at is not None and not goodwill:
            raise RefundRefused("order {order} was delivered: it is not refunded (an operator "
                                "may refund it as goodwill, with a reason)", order=order_id)
        now_ms = ctx.clock.now_ms()
        assert order.id is not None
        refund = Refund(
            order_pk=order.id, status=REQUESTED, origin=origin, requested_by=requested_by,
            reason=reason, goodwill=goodwill, provider=order.payment_method or "",
            requested_at=now_ms, call_due_at=now_ms,
        )
        session.add(refund)
        session.flush()
        record(session, order, "refund.requested", now_ms,
               reason=f"{origin} ({requested_by}): {reason}"
               + (" [goodwill: the order was delivered]" if goodwill else ""))
        assert refund.id is not None
        return refund.id


def _claim(ctx: BackendContext, refund_id: int) -> Claim | None:
    """The call, if it is due and nobody is making it; held under a lease."""
    now_ms = ctx.clock.now_ms()
    with ctx.db.write() as session:
        refund = session.scalars(
            select(Refund).where(Refund.id == refund_id).with_for_update()).one_or_none()
        if (refund is None or refund.status != REQUESTED or refund.call_due_at is None
                or refund.call_due_at > now_ms
                or (refund.call_lease_until or 0) > now_ms):
            return None
        order = session.get_one(Order, refund.order_pk)
        attempt = _performed_attempt(session, order)
        refund.calls += 1
        # A call lasts at most the timeout; a process that died in it leaves the lease.
        refund.call_lease_until = now_ms + int(ctx.settings.provider_timeout_seconds * 2000)
        session.add(refund)
        transaction_id = "" if attempt is None else attempt.provider_tx_id
        webpay = None
        if attempt is not None and refund.provider == "webpay":
            webpay = webpay_operations.Payment(
                order.order_id, transaction_id, order.amount_minor, order.currency,
                order.payment_paid_at, tuple((attempt.result or {}).get("payment_types", ())))
        return Claim(refund_id, refund.provider, transaction_id,
                     dict(order.payment_raw or {}), refund.calls, refund.reason, webpay)


def _provider_call(ctx: BackendContext, claim: Claim) -> CallResult:
    settings = ctx.settings
    if claim.provider == "sandbox":
        return CallResult("refunded", "sandbox: refunded at once")
    if claim.provider == "payme":
        key = payme.current_key(ctx)
        if key is None:
            return CallResult("refused", "refund by hand: Payme changed the key "
                                         "(ChangePassword) and BOOTH_PAYME_KEY is not the new one")
        return payme_subscribe.cancel_receipt(settings, key, claim.transaction_id)
    if claim.provider == "click":
        request = claim.payment_raw.get("request") or {}
        payment_id = str(request.get("click_paydoc_id") or "")
        if not payment_id.isdigit() or not settings.click_merchant_user_id:
            return CallResult("refused", "refund by hand: the Click Merchant API is not "
                                         "configured (BOOTH_CLICK_MERCHANT_USER_ID)")
        return click_merchant.reverse_payment(settings, payment_id, repeat=claim.calls > 1)
    if claim.provider == "webpay":
        return _webpay_call(settings, claim)
    return CallResult("refused", f"refund by hand: no refund call for {claim.provider!r}")


def _webpay_call(settings: BackendSettings, claim: Claim) -> CallResult:
    """The refund through WebPay's operations API, if configured. A repeated call (an
    earlier one may have reached WebPay) first asks WebPay whether the money went back."""
    payment = claim.webpay
    if not settings.webpay_operations_enabled or payment is None:
        return CallResult("refused", WEBPAY_BY_HAND)
    if claim.calls > 1:
        state = webpay_operations.refund_state(settings, payment)
        if state == "returned":
            return CallResult("refunded", f"WebPay lists order {payment.order_id} refunded "
                                          "(an earlier call's answer was lost)")
        if state == "unknown":
            return CallResult("retry", "WebPay GetTransactionStatus: cannot tell whether an "
                                       "earlier refund call was made; asked again later")
    return webpay_operations.return_payment(settings, payment, claim.reason)


def call_refund(ctx: BackendContext, refund_id: int) -> None:
    """Makes the refund's provider call if it is due, and records what came of it."""
    claim = _claim(ctx, refund_id)
    if claim is None:
        return
    result = _provider_call(ctx, claim)
    _apply(ctx, claim, result)


def _apply(ctx: BackendContext, claim: Claim, result: CallResult) -> None:
    now_ms = ctx.clock.now_ms()
    with ctx.db.write() as session:
        refund = session.get_one(Refund, claim.refund_id)
        order = lock_order(session, session.get_one(Order, refund.order_pk).order_id)
        assert order is not None
        session.refresh(refund)
        refund.call_lease_until = None
        record(session, order, "refund.call", now_ms,
               reason=f"{claim.provider} call {claim.calls}: {result.outcome}: {result.note}",
               payload=result.answer or None)
        if refund.status != REQUESTED:
            session.add(refund)  # settled meanwhile (Payme's CancelTransaction came first)
            return
        refund.note = result.note
        if result.outcome == "refunded":
            set_status(session, order, PaymentStatus.refunded, now_ms,
                       reason=f"{claim.provider} refund: {result.note}")
            refund.note = result.note
        elif result.outcome == "waiting":
            refund.call_due_at = None
        elif result.outcome == "refused":
            refund.status = FAILED
            refund.settled_at = now_ms
            refund.call_due_at = None
            record(session, order, "refund.failed", now_ms, reason=result.note)
        else:
            backoff = int(ctx.settings.refund_retry_seconds * 1000) * 2 ** min(claim.calls, 12)
            refund.call_due_at = now_ms + min(backoff, MAX_BACKOFF_MS)
        session.add(refund)


def due_refunds(ctx: BackendContext, limit: int = 50) -> list[int]:
    now_ms = ctx.clock.now_ms()
    with ctx.db.read() as session:
        return list(session.scalars(
            select(Refund.id).where(
                Refund.status == REQUESTED, Refund.call_due_at <= now_ms,
                or_(Refund.call_lease_until.is_(None), Refund.call_lease_until <= now_ms))
            .order_by(Refund.call_due_at).limit(limit)))


def refunds_for(db: Database, order_pks: list[int]) -> dict[int, Refund]:
    """The refunds of these orders, by order (for the dashboard's list and CSV)."""
    if not order_pks:
        return {}
    with db.read() as session:
        return {refund.order_pk: refund for refund in session.scalars(
            select(Refund).where(Refund.order_pk.in_(order_pks)))}


def record_refund_by_hand(
    ctx: BackendContext, order_id: str, operator: str, reason: str, reference: str
) -> Refund:
    """An operator refunded the order in the provider's cabinet: it ends refunded."""
    with ctx.db.write() as session:
        order = lock_order(session, order_id)
        if order is None:
            raise RefundNotFound(order_id)
        if order.payment_status not in (PaymentStatus.paid, PaymentStatus.refunded):
            raise RefundRefused("order {order} is {status}: only a paid order is refunded",
                                order=order_id, status=order.payment_status.value)
        now_ms = ctx.clock.now_ms()
        assert order.id is not None
        refund = refund_of(session, order)
        if refund is None:
            refund = Refund(order_pk=order.id, status=REQUESTED, origin="dashboard",
                            requested_by=operator, reason=reason,
                            goodwill=order.delivered_at is not None,
                            provider=order.payment_method or "", requested_at=now_ms)
            session.add(refund)
            session.flush()
        elif refund.status == REFUNDED:
            return refund
        elif refund.status == REQUESTED:
            # The provider may still return the money: recorded by hand too, it would be twice.
            raise RefundRefused("order {order}: the refund through {provider} is in progress; "
                                "record a refund by hand only once it has failed",
                                order=order_id, provider=refund.provider)
        note = f"refunded by hand by {operator}: {reason} (reference {reference})"
        refund.reference = reference
        session.add(refund)
        set_status(session, order, PaymentStatus.refunded, now_ms, reason=note)
        refund.note = note
        session.add(refund)
        return refund
