"""Click SHOP API: Prepare (action=0) and Complete (action=1), spec/click.md."""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from backend.click_receipts import enqueue_click_receipt
from backend.context import BackendContext
from backend.deps import Ctx
from backend.models import STATE_CREATED, STATE_PERFORMED, Order, ProviderTransaction
from backend.order_lookups import active_attempt, find_attempt, lock_order
from backend.payments import (
    PAYABLE_STATUSES,
    cancel_attempt,
    is_order_amount,
    open_attempt,
    perform_attempt,
)
from backend.providers import documents
from backend.providers.pay_urls import CURRENCY
from contract.order_ids import ORDER_ID_PATTERN
from contract.payment_status import PaymentStatus

PROVIDER = "click"
PREPARE, COMPLETE = "0", "1"
# Payme's reason numbers are reused for attempt cancellations.
DEBIT_ERROR_REASON = 2
SUPERSEDED_REASON = 3

NOTES = {
    0: "Success",
    -1: "SIGN CHECK FAILED!",
    -2: "Incorrect parameter amount",
    -3: "Action not found",
    -4: "Already paid",
    -5: "User does not exist",
    -6: "Transaction does not exist",
    -7: "Failed to update user",
    -8: "Error in request from click",
    -9: "Transaction cancelled",
}
COMMON_FIELDS = (
    "click_trans_id", "service_id", "click_paydoc_id", "merchant_trans_id", "amount",
    "action", "error", "sign_time", "sign_string",
)
BIGINT = re.compile(r"[0-9]{1,18}")
INTEGER = re.compile(r"-?[0-9]{1,9}")


class ClickError(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _signature(form: dict[str, str], secret: str, *, with_prepare_id: bool) -> str:
    prepare_id = form["merchant_prepare_id"] if with_prepare_id else ""
    text = (
        form["click_trans_id"] + form["service_id"] + secret + form["merchant_trans_id"]
        + prepare_id + form["amount"] + form["action"] + form["sign_time"]
    )
    return hashlib.md5(text.encode()).hexdigest()


def _validate(ctx: BackendContext, form: dict[str, str], action: str) -> None:
    """Field presence and signature first, then shapes; raises the protocol's code."""
    complete = action == COMPLETE
    needed = (*COMMON_FIELDS, "merchant_prepare_id") if complete else COMMON_FIELDS
    if any(name not in form for name in needed):
        raise ClickError(-8)
    expected = _signature(form, ctx.settings.click_secret_key, with_prepare_id=complete)
    if not hmac.compare_digest(expected.encode(), form["sign_string"].lower().encode()):
        raise ClickError(-1)
    if form["action"] != action:
        raise ClickError(-3)
    if form["service_id"] != ctx.settings.click_service_id:
        raise ClickError(-8)
    shapes = [BIGINT.fullmatch(form["click_trans_id"]), BIGINT.fullmatch(form["click_paydoc_id"]),
              INTEGER.fullmatch(form["error"])]
    if complete:
        shapes.append(BIGINT.fullmatch(form["merchant_prepare_id"]))
    if not all(shapes):
        raise ClickError(-8)


def _lock_order(session: Any, form: dict[str, str]) -> Order:
    order_id = form["merchant_trans_id"]
    order = lock_order(session, order_id) if re.fullmatch(ORDER_ID_PATTERN, order_id) else None
    if order is None or order.currency != CURRENCY[PROVIDER]:
        raise ClickError(-5)
    return order


def _payload(form: dict[str, str]) -> dict[str, Any]:
    return {"provider": PROVIDER, "request": form}


def prepare(ctx: BackendContext, form: dict[str, str]) -> tuple[int, int | None]:
    """→ (error code, merchant_prepare_id)."""
    _validate(ctx, form, PREPARE)
    with ctx.db.write() as session:
        order = _lock_order(session, form)
        if not is_order_amount(form["amount"], order):
            raise ClickError(-2)
        attempt = find_attempt(session, PROVIDER, form["click_trans_id"])
        if attempt is not None:
            if attempt.order_pk != order.id:
                raise ClickError(-8)
            if attempt.state == STATE_PERFORMED:
                raise ClickError(-4)
            if attempt.state != STATE_CREATED:
                raise ClickError(-9)
            return 0, attempt.id
        if order.payment_status == PaymentStatus.paid:
            raise ClickError(-4)
        if order.payment_status not in PAYABLE_STATUSES:
            raise ClickError(-9)
        now_ms = ctx.clock.now_ms()
        active = active_attempt(session, order)
        if active is not None:
            if active.provider != PROVIDER or active.state != STATE_CREATED:
                raise ClickError(-7)
            # A Prepare whose Complete never came: the customer started over.
            cancel_attempt(session, order, active, SUPERSEDED_REASON, now_ms)
            session.flush()
        attempt = open_attempt(
            session, order, PROVIDER, form["click_trans_id"], now_ms, payload=_payload(form)
        )
        return 0, attempt.id


def complete(ctx: BackendContext, form: dict[str, str]) -> tuple[int, int | None]:
    """→ (error code, merchant_confirm_id). Errors after a state change are returned."""
    _validate(ctx, form, COMPLETE)
    with ctx.db.write() as session:
        order = _lock_order(session, form)
        attempt = session.get(ProviderTransaction, int(form["merchant_prepare_id"]))
        if (
            attempt is None
            or attempt.provider != PROVIDER
            or attempt.order_pk != order.id
            or attempt.provider_tx_id != form["click_trans_id"]
        ):
            raise ClickError(-6)
        session.refresh(attempt)
        if not is_order_amount(form["amount"], order):
            raise ClickError(-2)
        click_error = int(form["error"])
        if attempt.state == STATE_PERFORMED:
            raise ClickError(-9 if click_error < 0 else -4)
        if attempt.state != STATE_CREATED:
            raise ClickError(-9)
        now_ms = ctx.clock.now_ms()
        if click_error < 0 or order.payment_status not in PAYABLE_STATUSES:
            cancel_attempt(
                session, order, attempt, DEBIT_ERROR_REASON, now_ms, payload=_payload(form)
            )
            return -9, attempt.id
        perform_attempt(session, order, attempt, now_ms, payload=_payload(form))
        enqueue_click_receipt(ctx, session, order, form["click_paydoc_id"], now_ms)
        return 0, attempt.id


def _echo_id(value: str | None) -> int | str | None:
    return int(value) if value is not None and BIGINT.fullmatch(value) else value


def _answer(
    form: dict[str, str], code: int, id_name: str, merchant_id: int | None
) -> dict[str, Any]:
    return {
        "click_trans_id": _echo_id(form.get("click_trans_id")),
        "merchant_trans_id": form.get("merchant_trans_id"),
        id_name: merchant_id,
        "error": code,
        "error_note": NOTES[code],
    }


async def _handle(request: Request, ctx: BackendContext, action: str) -> JSONResponse:
    raw = await request.body()
    id_name = "merchant_confirm_id" if action == COMPLETE else "merchant_prepare_id"
    try:
        form = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False))
    except UnicodeDecodeError:
        return JSONResponse(_answer({}, -8, id_name, None))
    step = complete if action == COMPLETE else prepare
    try:
        code, merchant_id = await ctx.run(step, ctx, form)
    except ClickError as exc:
        code, merchant_id = exc.code, None
    except IntegrityError:
        # The database refused a second active attempt: somebody else reserved the order.
        code, merchant_id = -7, None
    except SQLAlchemyError:
        code, merchant_id = -7, None
    return JSONResponse(_answer(form, code, id_name, merchant_id))


router = APIRouter(prefix="/click")


@router.post("/prepare", **documents.CLICK_PREPARE)
async def post_prepare(request: Request, ctx: Ctx) -> JSONResponse:
    return await _handle(request, ctx, PREPARE)


@router.post("/complete", **documents.CLICK_COMPLETE)
async def post_complete(request: Request, ctx: Ctx) -> JSONResponse:
    return await _handle(request, ctx, COMPLETE)
