"""WebPay: the auto-submitting payment form behind the QR, and the signed notify."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from html import escape
from typing import Any, Literal
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from sqlmodel import Session

from backend.context import BackendContext
from backend.deps import Ctx, OrderIdPath
from backend.models import (
    STATE_CANCELLED,
    STATE_CREATED,
    STATE_PERFORMED,
    Order,
    ProviderTransaction,
)
from backend.order_lookups import active_attempt, find_attempt, lock_order, read_order
from backend.pages import message_page, page
from backend.payments import (
    PAYABLE_STATUSES,
    cancel_attempt,
    is_order_amount,
    open_attempt,
    perform_attempt,
    record,
)
from backend.providers import documents
from backend.providers.pay_urls import CURRENCY, return_url
from contract.money import major_text
from contract.order_ids import ORDER_ID_PATTERN
from contract.payment_status import PaymentStatus

PROVIDER = "webpay"
PRODUCTION_URL = "https://payment.webpay.by/"
SANDBOX_URL = "https://securesandbox.webpay.by/"
NOTIFY_FIELDS = (
    "batch_timestamp", "currency_id", "amount", "payment_method", "order_id",
    "site_order_id", "transaction_id", "payment_type", "rrn",
)
# Each signed field's grammar, checked before the signature: the signature joins the fields
# without separators, so "555" + "wp1" and "555w" + "p1" sign alike; with WebPay's own
# order number all digits, the boundary between it and our order id cannot move letters.
NOTIFY_GRAMMAR = {
    "batch_timestamp": r"[0-9]{1,12}",
    "currency_id": r"[A-Z]{3}",
    "amount": r"[0-9]{1,12}(\.[0-9]{1,2})?",
    "payment_method": r"[A-Za-z_]{0,32}",
    "order_id": r"[0-9]{1,20}",
    "site_order_id": ORDER_ID_PATTERN.strip("^$"),
    "transaction_id": r"[0-9]{1,20}",
    "payment_type": r"[0-9]{1,2}",
    "rrn": r"[0-9]{0,20}",
    "wsb_signature": r"[0-9A-Fa-f]{32}",
}
# payment_type → order payment_status; None: recorded in payment_raw, status unchanged.
PAYMENT_TYPES: dict[str, PaymentStatus | None] = {
    "1": PaymentStatus.paid, "4": PaymentStatus.paid,
    "2": PaymentStatus.failed, "8": PaymentStatus.failed,
    "3": PaymentStatus.pending, "7": PaymentStatus.cancelled,
    "5": PaymentStatus.refunded, "11": PaymentStatus.refunded,
    "6": None, "9": None, "10": None,
}
# Payme's reason numbers, reused for attempt cancellations.
REASONS = {PaymentStatus.failed: 2, PaymentStatus.cancelled: 3, PaymentStatus.refunded: 5}
# wsb_language_id per kiosk language. WebPay has no Uzbek page; Uzbek customers read
# Russian more often than English.
FORM_LANGUAGES = {"uz": "russian", "ru": "russian", "en": "english"}
DEFAULT_FORM_LANGUAGE = "russian"
SUPERSEDED_REASON = 3
UNKNOWN_REASON = 10


class NotifyRefused(Exception):
    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code


# --- payment form -------------------------------------------------------------------------


def form_fields(
    ctx: BackendContext, order: Order, seed: str, language: str | None = None
) -> dict[str, str]:
    settings = ctx.settings
    test = "1" if settings.webpay_test_mode else "0"
    total = major_text(order.amount_minor, order.currency)
    signed = (
        seed + settings.webpay_store_id + order.order_id + test + order.currency + total
        + settings.webpay_secret_key
    )
    return {
        "*scart": "",
        "wsb_version": "2",
        "wsb_language_id": FORM_LANGUAGES.get(language or "", DEFAULT_FORM_LANGUAGE),
        "wsb_storeid": settings.webpay_store_id,
        "wsb_store": "Photobooth",
        "wsb_order_num": order.order_id,
        "wsb_test": test,
        "wsb_currency_id": order.currency,
        "wsb_seed": seed,
        "wsb_return_url": return_url(settings, order.order_id, language),
        "wsb_cancel_return_url": return_url(settings, order.order_id, language),
        "wsb_notify_url": f"{settings.public_url}/webpay/notify",
        "wsb_invoice_item_name[0]": "Photo print",
        "wsb_invoice_item_quantity[0]": "1",
        "wsb_invoice_item_price[0]": total,
        "wsb_total": total,
        "wsb_signature": hashlib.sha1(signed.encode()).hexdigest(),
    }


def _form_page(ctx: BackendContext, order: Order, language: str | None) -> str:
    action = SANDBOX_URL if ctx.settings.webpay_test_mode else PRODUCTION_URL
    inputs = "".join(
        f"<input type='hidden' name='{escape(name)}' value='{escape(value)}'>"
        for name, value in form_fields(ctx, order, secrets.token_hex(8), language).items()
    )
    body = (
        f"<h1>WebPay</h1><div class='amount'>{major_text(order.amount_minor, order.currency)} "
        f"{escape(order.currency)}</div>"
        f"<form id='pay' method='post' action='{action}'>{inputs}"
        "<button class='pay' type='submit'>Pay</button></form>"
    )
    return page("WebPay", body, onload="document.getElementById('pay').submit()")


# --- notify -------------------------------------------------------------------------------


def _signature_ok(ctx: BackendContext, form: dict[str, str]) -> bool:
    text = "".join(form[name] for name in NOTIFY_FIELDS) + ctx.settings.webpay_secret_key
    expected = hashlib.md5(text.encode()).hexdigest()
    return hmac.compare_digest(expected.encode(), form["wsb_signature"].lower().encode())


def _first_attempt(
    session: Session,
    order: Order,
    form: dict[str, str],
    target: PaymentStatus | None,
    now_ms: int,
) -> ProviderTransaction:
    active = active_attempt(session, order)
    if active is not None and target in (PaymentStatus.paid, PaymentStatus.pending):
        if active.state == STATE_PERFORMED:
            return _double_payment(session, order, form, active, now_ms)
        # Money is taken (or about to be) through WebPay: the other attempt is moot.
        cancel_attempt(session, order, active, SUPERSEDED_REASON, now_ms)
        session.flush()
    return open_attempt(session, order, PROVIDER, form["transaction_id"], now_ms,
                        payload=dict(form))


def _double_payment(
    session: Session,
    order: Order,
    form: dict[str, str],
    paying: ProviderTransaction,
    now_ms: int,
) -> ProviderTransaction:
    """Paid twice: kept as an inactive attempt and an event for a technician's refund."""
    attempt = ProviderTransaction(
        provider=PROVIDER, provider_tx_id=form["transaction_id"], order_pk=order.id,
        amount_minor=order.amount_minor, state=STATE_CANCELLED, reason=UNKNOWN_REASON,
        create_time=now_ms, cancel_time=now_ms,
    )
    session.add(attempt)
    session.flush()
    record(session, order, "webpay.double_payment", now_ms, attempt=attempt,
           reason=f"already paid by {paying.provider} {paying.provider_tx_id}",
           payload=dict(form))
    return attempt


def _revive_for_late_payment(
    session: Session,
    order: Order,
    attempt: ProviderTransaction,
    form: dict[str, str],
    now_ms: int,
) -> None:
    """WebPay took the money after we gave up on the attempt: the payment is honoured."""
    paying = active_attempt(session, order)
    if paying is not None:
        record(session, order, "webpay.double_payment", now_ms, attempt=attempt,
               reason=f"already paid by {paying.provider} {paying.provider_tx_id}",
               payload=dict(form))
        return
    attempt.state = STATE_CREATED
    session.add(attempt)
    session.flush()
    record(session, order, "attempt.revived", now_ms, attempt=attempt,
           reason="late WebPay payment", payload=dict(form))


def apply_notify(ctx: BackendContext, form: dict[str, str]) -> str:
    """Records one notify; a repeat of an already recorded one changes nothing."""
    missing = [name for name in (*NOTIFY_FIELDS, "wsb_signature") if name not in form]
    if missing:
        raise NotifyRefused(400, f"missing fields: {', '.join(missing)}")
    malformed = [name for name, rule in NOTIFY_GRAMMAR.items()
                 if not re.fullmatch(rule, form[name])]
    if malformed:
        raise NotifyRefused(400, f"malformed fields: {', '.join(malformed)}")
    if not _signature_ok(ctx, form):
        raise NotifyRefused(403, "signature check failed")
    payment_type = form["payment_type"]
    if payment_type not in PAYMENT_TYPES:
        raise NotifyRefused(400, f"unknown payment_type {payment_type!r}")
    target = PAYMENT_TYPES[payment_type]
    order_id = form["site_order_id"]
    payload = dict(form)
    with ctx.db.write() as session:
        order = lock_order(session, order_id) if re.fullmatch(ORDER_ID_PATTERN, order_id) else None
        if order is None:
            raise NotifyRefused(404, f"no order {order_id}")
        if not is_order_amount(form["amount"], order):
            raise NotifyRefused(400, f"amount {form['amount']} is not the order's amount")
        now_ms = ctx.clock.now_ms()
        attempt = find_attempt(session, PROVIDER, form["transaction_id"])
        if attempt is not None and attempt.order_pk != order.id:
            raise NotifyRefused(409, "transaction_id belongs to another order")
        seen = list((attempt.result or {}).get("payment_types", [])) if attempt else []
        if payment_type in seen:
            return "already recorded"
        if attempt is None:
            attempt = _first_attempt(session, order, form, target, now_ms)
        elif target == PaymentStatus.paid and attempt.state == STATE_CANCELLED:
            _revive_for_late_payment(session, order, attempt, form, now_ms)
        if target == PaymentStatus.paid and attempt.state == STATE_CREATED:
            perform_attempt(session, order, attempt, now_ms, payload=payload)
        elif target in REASONS and attempt.state in (STATE_CREATED, STATE_PERFORMED):
            keep = target == PaymentStatus.failed and order.payment_status not in PAYABLE_STATUSES
            if target == PaymentStatus.cancelled and attempt.state == STATE_PERFORMED:
                target = PaymentStatus.refunded  # voided after payment: the money went back
            cancel_attempt(session, order, attempt, REASONS[target], now_ms, payload=payload,
                           order_status=None if keep else target)
        attempt.result = {"payment_types": [*seen, payment_type]}
        session.add(attempt)
        order.payment_raw = payload
        session.add(order)
        record(session, order, "webpay.notify", now_ms, attempt=attempt,
               reason=f"payment_type {payment_type}", payload=payload)
        return "recorded"


router = APIRouter(prefix="/webpay")


@router.get("/pay/{order_id}", response_class=HTMLResponse, **documents.WEBPAY_PAY_PAGE)
async def get_payment_form(
    order_id: OrderIdPath, ctx: Ctx, lang: Literal["uz", "ru", "en"] | None = None
) -> HTMLResponse:
    order = await ctx.run(read_order, ctx.db, order_id)
    # Any order in WebPay's currency: a QR the kiosk switched away from stays payable.
    if order is None or order.currency != CURRENCY[PROVIDER]:
        return HTMLResponse(message_page("Unknown order", f"No WebPay order {order_id}."), 404)
    if order.payment_status not in PAYABLE_STATUSES:
        return HTMLResponse(message_page("Not payable", f"This order is {order.payment_status}."))
    return HTMLResponse(_form_page(ctx, order, lang))


@router.post("/notify", **documents.webpay_notify((*NOTIFY_FIELDS, "wsb_signature"),
                                                     NOTIFY_GRAMMAR, list(PAYMENT_TYPES)))
async def post_notify(request: Request, ctx: Ctx) -> PlainTextResponse:
    raw = await request.body()
    try:
        form = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        return PlainTextResponse("body is not UTF-8 form data", status_code=400)
    try:
        outcome: Any = await ctx.run(apply_notify, ctx, form)
    except NotifyRefused as exc:
        return PlainTextResponse(str(exc), status_code=exc.status_code)
    return PlainTextResponse(f"OK: {outcome}")
