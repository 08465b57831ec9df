"""Demo-only provider: a phone page with Pay / Decline, through the same attempt code."""

from __future__ import annotations

import uuid
from html import escape
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field, StrictInt

from backend.context import BackendContext
from backend.deps import Ctx, OrderIdPath
from backend.documented import html_answers
from backend.models import STATE_CREATED, Order
from backend.order_lookups import active_attempt, lock_order, read_order
from backend.pages import message_page, page
from backend.payments import PAYABLE_STATUSES, cancel_attempt, open_attempt, perform_attempt
from backend.photo_page_texts import texts_for
from contract.money_words import format_minor
from contract.payment_status import PaymentStatus

PROVIDER = "sandbox"
DEBIT_ERROR_REASON = 2

router = APIRouter(prefix="/sandbox")


class SandboxRefused(Exception):
    pass


class ClockAdvance(BaseModel):
    seconds: StrictInt = Field(gt=0, le=10 * 365 * 86400)


def settle(ctx: BackendContext, order_id: str, *, pay: bool) -> Order:
    """Pay or decline; a repeated Pay on a paid order changes nothing."""
    with ctx.db.write() as session:
        order = lock_order(session, order_id)
        if order is None:
            raise SandboxRefused(f"no order {order_id}")
        if order.payment_status == PaymentStatus.paid and pay:
            return order
        if order.payment_status not in PAYABLE_STATUSES:
            raise SandboxRefused(f"order {order_id} is {order.payment_status}")
        now_ms = ctx.clock.now_ms()
        attempt = active_attempt(session, order)
        if attempt is not None and attempt.provider != PROVIDER:
            raise SandboxRefused(f"order {order_id} is being paid with {attempt.provider}")
        if attempt is None or attempt.state != STATE_CREATED:
            attempt = open_attempt(session, order, PROVIDER, uuid.uuid4().hex, now_ms)
        payload = {"sandbox": "pay" if pay else "decline", "order_id": order_id}
        if pay:
            perform_attempt(session, order, attempt, now_ms, payload=payload)
        else:
            cancel_attempt(
                session, order, attempt, DEBIT_ERROR_REASON, now_ms,
                payload=payload, order_status=PaymentStatus.failed,
            )
        return order


# The phone's language (as the photos page reads it): title, order, Pay, Decline.
CHECKOUT_WORDS = {
    "uz": ("Sinov to'lovi", "Buyurtma {order}", "To'lash", "Rad etish"),
    "ru": ("Тестовая оплата", "Заказ {order}", "Оплатить", "Отклонить"),
    "en": ("Sandbox payment", "Order {order}", "Pay", "Decline"),
}


def _checkout_page(order: Order, language: str) -> str:
    order_id = escape(order.order_id)
    title, order_line, pay, decline = CHECKOUT_WORDS[language]
    body = (
        f"<h1>{escape(title)}</h1><p>{escape(order_line.format(order=order.order_id))}</p>"
        f"<div class='amount'>{escape(format_minor(order.amount_minor, order.currency, language))}"
        "</div>"
        f"<form method='post' action='/sandbox/pay/{order_id}/pay'>"
        f"<button class='pay' type='submit'>{escape(pay)}</button></form>"
        f"<form method='post' action='/sandbox/pay/{order_id}/decline'>"
        f"<button class='decline' type='submit'>{escape(decline)}</button></form>"
    )
    return page(title, body, lang=language)


@router.get("/pay/{order_id}", response_class=HTMLResponse, responses=html_answers(404))
async def get_checkout(order_id: OrderIdPath, ctx: Ctx,
                       accept_language: Annotated[str | None, Header()] = None) -> HTMLResponse:
    order = await ctx.run(read_order, ctx.db, order_id)
    if order is None:
        return HTMLResponse(message_page("Unknown order", f"No order {order_id}."), 404)
    return HTMLResponse(_checkout_page(order, texts_for(accept_language).language))


async def _settle_response(ctx: BackendContext, order_id: str, pay: bool) -> HTMLResponse:
    try:
        order = await ctx.run(settle, ctx, order_id, pay=pay)
    except SandboxRefused as exc:
        return HTMLResponse(message_page("Not possible", str(exc)), 409)
    if order.payment_status == PaymentStatus.paid:
        return HTMLResponse(message_page("Paid", "Thank you. Your photos are printing."))
    return HTMLResponse(message_page("Declined", "The payment was declined."))


@router.post("/pay/{order_id}/pay", response_class=HTMLResponse, responses=html_answers(409))
async def post_pay(order_id: OrderIdPath, ctx: Ctx) -> HTMLResponse:
    return await _settle_response(ctx, order_id, pay=True)


@router.post("/pay/{order_id}/decline", response_class=HTMLResponse,
             responses=html_answers(409))
async def post_decline(order_id: OrderIdPath, ctx: Ctx) -> HTMLResponse:
    return await _settle_response(ctx, order_id, pay=False)


@router.post("/clock")
async def post_clock(body: ClockAdvance, request: Request, ctx: Ctx) -> dict[str, int]:
    """Moves this process's clock forward, to demonstrate the 12 h expiry."""
    if request.client is None or request.client.host not in ("127.0.0.1", "::1"):
        raise HTTPException(403, "the sandbox clock is moved from loopback only")
    ctx.clock.advance(body.seconds * 1000)
    return {"now_ms": ctx.clock.now_ms()}
