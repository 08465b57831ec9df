"""Payme Merchant API (JSON-RPC 2.0, always HTTP 200): spec/payme.md."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session

from backend.context import BackendContext
from backend.deps import Ctx
from backend.fiscal_receipts import FISCAL_KINDS, payme_check_detail, store_payme_fiscal_data
from backend.models import (
    STATE_CANCELLED,
    STATE_CANCELLED_AFTER_PERFORM,
    STATE_CREATED,
    STATE_PERFORMED,
    Order,
    ProviderTransaction,
)
from backend.order_lookups import (
    active_attempt,
    find_attempt,
    lock_attempt,
    lock_order,
    lock_order_by_pk,
    read_order,
)
from backend.payments import PAYABLE_STATUSES, cancel_attempt, open_attempt, perform_attempt
from backend.providers import documents
from backend.providers.pay_urls import CURRENCY
from backend.refund_rows import refund_in_flight
from contract.order_ids import ORDER_ID_PATTERN

PROVIDER = "payme"
LOGIN = "Paycom"
KEY_SECRET_NAME = "payme_key"
KEY_DIGEST = "sha256"
ATTEMPT_LIFETIME_MS = 43_200_000
TIMEOUT_REASON = 4
CANCEL_REASONS = frozenset({1, 2, 3, 4, 5, 10})
ACCOUNT_FIELD = "order_id"

MESSAGES: dict[int, tuple[str, str, str]] = {
    -32300: ("Метод запроса должен быть POST", "So'rov usuli POST bo'lishi kerak",
             "Request method must be POST"),
    -32700: ("Ошибка разбора JSON", "JSON tahlil xatosi", "JSON parse error"),
    -32600: ("Неверный запрос JSON-RPC", "Noto'g'ri JSON-RPC so'rovi", "Invalid JSON-RPC request"),
    -32601: ("Метод не найден", "Usul topilmadi", "Method not found"),
    -32602: ("Неверные параметры", "Noto'g'ri parametrlar", "Invalid params"),
    -32504: ("Недостаточно привилегий", "Imtiyozlar yetarli emas", "Insufficient privilege"),
    -32400: ("Системная ошибка", "Tizim xatosi", "System error"),
    -31001: ("Неверная сумма", "Noto'g'ri summa", "Wrong amount"),
    -31003: ("Транзакция не найдена", "Tranzaksiya topilmadi", "Transaction not found"),
    -31007: ("Невозможно отменить транзакцию: заказ выполнен",
             "Tranzaksiyani bekor qilib bo'lmaydi: buyurtma bajarilgan",
             "Unable to cancel: the order has been delivered"),
    -31008: ("Невозможно выполнить операцию", "Amalni bajarib bo'lmaydi",
             "Unable to perform the operation"),
    -31050: ("Заказ не найден", "Buyurtma topilmadi", "Order not found"),
}


class PaymeError(Exception):
    def __init__(self, code: int, data: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.data = data

    def body(self) -> dict[str, Any]:
        ru, uz, en = MESSAGES[self.code]
        error: dict[str, Any] = {"code": self.code, "message": {"ru": ru, "uz": uz, "en": en}}
        if self.data is not None:
            error["data"] = self.data
        return error


Result = dict[str, Any] | PaymeError


# --- parameters -------------------------------------------------------------------------


# Times (ms since the epoch) and amounts (tiyin) are far below this; beyond it a number is
# not exact in JSON and does not fit the database's BIGINT.
MAX_INT = 2**53 - 1


def _int(params: dict[str, Any], name: str) -> int:
    value = params.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_INT:
        raise PaymeError(-32602, name)
    return value


def _amount_tiyin(params: dict[str, Any]) -> int:
    value = params.get("amount")
    if isinstance(value, float) or (isinstance(value, int) and value > MAX_INT):
        raise PaymeError(-31001)  # a fraction or a giant can never match an order
    return _int(params, "amount")


def _transaction_id(params: dict[str, Any]) -> str:
    value = params.get("id")
    # No NUL: PostgreSQL cannot even compare it (the call would fail as a system error).
    if not isinstance(value, str) or not 1 <= len(value) <= 64 or "\x00" in value:
        raise PaymeError(-32602, "id")
    return value


def _order_id(params: dict[str, Any]) -> str:
    account = params.get("account")
    value = account.get(ACCOUNT_FIELD) if isinstance(account, dict) else None
    if not isinstance(value, str) or not re.fullmatch(ORDER_ID_PATTERN, value):
        raise PaymeError(-31050, ACCOUNT_FIELD)
    return value


def _expired(ctx: BackendContext, attempt: ProviderTransaction) -> bool:
    return ctx.clock.now_ms() - attempt.create_time > ATTEMPT_LIFETIME_MS


def _payload(method: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"provider": PROVIDER, "method": method, "params": params}


def _check_order(order: Order | None, amount_tiyin: int) -> Order:
    if order is None or order.currency != CURRENCY[PROVIDER]:
        raise PaymeError(-31050, ACCOUNT_FIELD)
    if order.amount_minor != amount_tiyin:
        raise PaymeError(-31001)
    if order.payment_status not in PAYABLE_STATUSES:
        raise PaymeError(-31008)
    return order


def _lock_attempt(session: Session, transaction_id: str) -> tuple[Order, ProviderTransaction]:
    locked = lock_attempt(session, PROVIDER, transaction_id)
    if locked is None:
        raise PaymeError(-31003)
    return locked


def _create_result(attempt: ProviderTransaction) -> dict[str, Any]:
    return {"create_time": attempt.create_time, "transaction": str(attempt.id), "state": 1}


def _cancel_result(attempt: ProviderTransaction) -> dict[str, Any]:
    return {
        "transaction": str(attempt.id),
        "cancel_time": attempt.cancel_time,
        "state": attempt.state,
    }


def _expire(
    ctx: BackendContext, session: Session, order: Order, attempt: ProviderTransaction
) -> None:
    cancel_attempt(
        session, order, attempt, TIMEOUT_REASON, ctx.clock.now_ms(),
        payload={"provider": PROVIDER, "expired": True},
    )


# --- methods ----------------------------------------------------------------------------


def check_perform_transaction(ctx: BackendContext, params: dict[str, Any]) -> Result:
    amount_tiyin = _amount_tiyin(params)
    order_id = _order_id(params)
    order = _check_order(read_order(ctx.db, order_id), amount_tiyin)
    detail = payme_check_detail(ctx, order)
    return {"allow": True} if detail is None else {"allow": True, "detail": detail}


def create_transaction(ctx: BackendContext, params: dict[str, Any]) -> Result:
    transaction_id = _transaction_id(params)
    payme_time = _int(params, "time")
    amount_tiyin = _amount_tiyin(params)
    order_id = _order_id(params)
    with ctx.db.write() as session:
        # The order lock first: identical concurrent Creates then see each other's attempt.
        order = lock_order(session, order_id)
        attempt = find_attempt(session, PROVIDER, transaction_id)
        if attempt is not None:
            if order is None or attempt.order_pk != order.id:
                order = lock_order_by_pk(session, attempt.order_pk)
                session.refresh(attempt)
            if attempt.state != STATE_CREATED:
                return PaymeError(-31008)
            if _expired(ctx, attempt):
                _expire(ctx, session, order, attempt)
                return PaymeError(-31008)
            return _create_result(attempt)
        order = _check_order(order, amount_tiyin)
        active = active_attempt(session, order)
        if active is not None:
            if active.state != STATE_CREATED or not _expired(ctx, active):
                raise PaymeError(-31008)
            _expire(ctx, session, order, active)
            session.flush()
        attempt = open_attempt(
            session, order, PROVIDER, transaction_id, ctx.clock.now_ms(),
            provider_time=payme_time, payload=_payload("CreateTransaction", params),
        )
        return _create_result(attempt)


def perform_transaction(ctx: BackendContext, params: dict[str, Any]) -> Result:
    transaction_id = _transaction_id(params)
    with ctx.db.write() as session:
        order, attempt = _lock_attempt(session, transaction_id)
        if attempt.state == STATE_CREATED:
            if _expired(ctx, attempt):
                _expire(ctx, session, order, attempt)
                return PaymeError(-31008)
            if order.payment_status not in PAYABLE_STATUSES:
                raise PaymeError(-31008)
            perform_attempt(
                session, order, attempt, ctx.clock.now_ms(),
                payload=_payload("PerformTransaction", params),
            )
        if attempt.state != STATE_PERFORMED:
            raise PaymeError(-31008)
        return {
            "transaction": str(attempt.id),
            "perform_time": attempt.perform_time,
            "state": STATE_PERFORMED,
        }


def cancel_transaction(ctx: BackendContext, params: dict[str, Any]) -> Result:
    transaction_id = _transaction_id(params)
    reason = params.get("reason")
    if not isinstance(reason, int) or isinstance(reason, bool) or reason not in CANCEL_REASONS:
        raise PaymeError(-32602, "reason")
    with ctx.db.write() as session:
        order, attempt = _lock_attempt(session, transaction_id)
        if attempt.state in (STATE_CANCELLED, STATE_CANCELLED_AFTER_PERFORM):
            return _cancel_result(attempt)
        if (attempt.state == STATE_PERFORMED and order.delivered_at is not None
                and not refund_in_flight(session, order)):
            raise PaymeError(-31007)  # a goodwill refund of a delivered order is let through
        cancel_attempt(
            session, order, attempt, reason, ctx.clock.now_ms(),
            payload=_payload("CancelTransaction", params),
        )
        return _cancel_result(attempt)


def _transaction_view(attempt: ProviderTransaction) -> dict[str, Any]:
    return {
        "create_time": attempt.create_time,
        "perform_time": attempt.perform_time,
        "cancel_time": attempt.cancel_time,
        "transaction": str(attempt.id),
        "state": attempt.state,
        "reason": attempt.reason,
    }


def check_transaction(ctx: BackendContext, params: dict[str, Any]) -> Result:
    transaction_id = _transaction_id(params)
    with ctx.db.read() as session:
        attempt = find_attempt(session, PROVIDER, transaction_id)
        if attempt is None:
            raise PaymeError(-31003)
        return _transaction_view(attempt)


def get_statement(ctx: BackendContext, params: dict[str, Any]) -> Result:
    start, end = _int(params, "from"), _int(params, "to")
    with ctx.db.read() as session:
        rows = session.execute(
            select(ProviderTransaction, Order.order_id)
            .join(Order, Order.id == ProviderTransaction.order_pk)
            .where(
                ProviderTransaction.provider == PROVIDER,
                ProviderTransaction.provider_time >= start,
                ProviderTransaction.provider_time <= end,
            )
            .order_by(ProviderTransaction.provider_time, ProviderTransaction.id)
        ).all()
    return {
        "transactions": [
            {
                "id": attempt.provider_tx_id,
                "time": attempt.provider_time,
                "amount": attempt.amount_minor,
                "account": {ACCOUNT_FIELD: order_id},
                **_transaction_view(attempt),
            }
            for attempt, order_id in rows
        ]
    }


def change_password(ctx: BackendContext, params: dict[str, Any]) -> Result:
    password = params.get("password")
    if not isinstance(password, str) or not password or len(password) > 256:
        raise PaymeError(-32602, "password")
    ctx.secrets.set(KEY_SECRET_NAME, stored_key(password))
    return {"success": True}


def set_fiscal_data(ctx: BackendContext, params: dict[str, Any]) -> Result:
    transaction_id = _transaction_id(params)
    kind, data = params.get("type"), params.get("fiscal_data")
    if kind not in FISCAL_KINDS:
        raise PaymeError(-32602, "type")
    if not isinstance(data, dict) or len(json.dumps(data)) > 16_384:
        raise PaymeError(-32602, "fiscal_data")
    if not store_payme_fiscal_data(ctx, transaction_id, kind, data):
        raise PaymeError(-31003)
    return {"success": True}
def stored_key(key: str) -> str:
    """What the database keeps of a key Payme gave us: a salted digest (the backend only
    ever checks a key, and Payme's keys are long random strings, so a digest is enough)."""
    salt = secrets.token_hex(16)
    return f"{KEY_DIGEST}${salt}${hashlib.sha256(f'{salt}:{key}'.encode()).hexdigest()}"


def _key_matches(key: str, stored: str) -> bool:
    scheme, _, rest = stored.partition("$")
    if scheme != KEY_DIGEST:  # a key stored in plain by an older version
        return hmac.compare_digest(key.encode(), stored.encode())
    salt, _, digest = rest.partition("$")
    computed = hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()
    return hmac.compare_digest(computed.encode(), digest.encode())


METHODS: dict[str, Callable[[BackendContext, dict[str, Any]], Result]] = {
    "CheckPerformTransaction": check_perform_transaction,
    "CreateTransaction": create_transaction,
    "PerformTransaction": perform_transaction,
    "CancelTransaction": cancel_transaction,
    "CheckTransaction": check_transaction,
    "GetStatement": get_statement,
    "ChangePassword": change_password,
    "SetFiscalData": set_fiscal_data,
}


# --- envelope ---------------------------------------------------------------------------


def current_key(ctx: BackendContext) -> str | None:
    """The key to call Payme with (its Subscribe API's X-Auth), or None when Payme changed
    it: the database keeps only the new key's digest, so the operator must give the new key
    as BOOTH_PAYME_KEY — which is then checked against that digest."""
    stored = ctx.secrets.get(KEY_SECRET_NAME, "", fresh=True)
    if not stored or not stored.startswith(f"{KEY_DIGEST}$"):
        return stored or ctx.settings.payme_key
    return ctx.settings.payme_key if _key_matches(ctx.settings.payme_key, stored) else None


def _authorized(ctx: BackendContext, header: str | None) -> bool:
    scheme, _, encoded = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        login, _, key = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    if not hmac.compare_digest(login.encode(), LOGIN.encode()):
        return False
    for fresh in (False, True):
        stored = ctx.secrets.get(KEY_SECRET_NAME, "", fresh=fresh)
        if stored and _key_matches(key, stored):
            return True
        if not stored and hmac.compare_digest(key.encode(), ctx.settings.payme_key.encode()):
            return True
    return False


def handle(ctx: BackendContext, raw: bytes, authorization: str | None) -> dict[str, Any]:
    """One JSON-RPC call → its answer envelope; never raises."""
    try:
        envelope = json.loads(raw)
    except (ValueError, RecursionError):
        envelope = None
        parse_failed = True
    else:
        parse_failed = False
    request_id = envelope.get("id") if isinstance(envelope, dict) else None
    try:
        if not _authorized(ctx, authorization):
            raise PaymeError(-32504)
        if parse_failed:
            raise PaymeError(-32700)
        if (
            not isinstance(envelope, dict)
            or not isinstance(envelope.get("method"), str)
            or "id" not in envelope
        ):
            raise PaymeError(-32600)
        method = METHODS.get(envelope["method"])
        if method is None:
            raise PaymeError(-32601, envelope["method"])
        params = envelope.get("params")
        if not isinstance(params, dict):
            raise PaymeError(-32602, "params")
        result = method(ctx, params)
    except PaymeError as exc:
        result = exc
    except IntegrityError:
        # The database refused a second active attempt for the order: it is busy.
        result = PaymeError(-31008)
    except SQLAlchemyError:
        result = PaymeError(-32400)
    if isinstance(result, PaymeError):
        return {"jsonrpc": "2.0", "id": request_id, "error": result.body()}
    return {"jsonrpc": "2.0", "id": request_id, "result": result}


router = APIRouter()


@router.post("/payme", **documents.PAYME)
async def post_payme(request: Request, ctx: Ctx) -> JSONResponse:
    raw = await request.body()
    answer = await ctx.run(handle, ctx, raw, request.headers.get("authorization"))
    return JSONResponse(answer)


@router.api_route("/payme", methods=["GET", "PUT", "PATCH", "DELETE"],
                  **documents.PAYME_WRONG_METHOD)
async def payme_wrong_method() -> JSONResponse:
    return JSONResponse(
        {"jsonrpc": "2.0", "id": None, "error": PaymeError(-32300).body()}, status_code=200
    )
