"""What the payment providers' endpoints take and answer, for the OpenAPI document.

The handlers read their bodies themselves (raw bytes: a provider's malformed call still gets
its protocol's answer), so the request bodies are described here, and so are the answers:
Payme's JSON-RPC envelope (always HTTP 200, a result or an error), Click's JSON with an
error code, WebPay's plain-text notify answers.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from backend.documented import html_answers

FORM = "application/x-www-form-urlencoded"


def form_body(fields: dict[str, dict[str, Any]], required: list[str]) -> dict[str, Any]:
    """`openapi_extra=` for a form-encoded request body the handler reads itself."""
    return {"requestBody": {"required": True, "content": {FORM: {"schema": {
        "type": "object", "properties": fields, "required": required}}}}}


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": schema}}}}


def text_answers(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for plain-text answers."""
    return {status: {"description": str(status),
                     "content": {"text/plain": {"schema": {"type": "string"}}}}
            for status in statuses}


# ----- Payme -----------------------------------------------------------------------------


class PaymeMessage(BaseModel):
    ru: str
    uz: str
    en: str


class PaymeErrorBody(BaseModel):
    code: int = Field(description="-32xxx protocol errors, -31xxx merchant errors")
    message: PaymeMessage
    data: str | None = Field(None, description="the parameter or method concerned")


class PaymeAnswer(BaseModel):
    """JSON-RPC 2.0 answer, always HTTP 200: `result` or `error`."""

    jsonrpc: str
    id: Any = Field(None, description="the call's id, echoed (null when unreadable)")
    result: dict[str, Any] | None = None
    error: PaymeErrorBody | None = None


PAYME_METHODS = ["CheckPerformTransaction", "CreateTransaction", "PerformTransaction",
                 "CancelTransaction", "CheckTransaction", "GetStatement", "ChangePassword",
                 "SetFiscalData"]
PAYME_CALL = json_body({
    "type": "object", "required": ["id", "method", "params"],
    "properties": {
        "jsonrpc": {"type": "string", "enum": ["2.0"]},
        "id": {"type": "integer"},
        "method": {"type": "string", "enum": PAYME_METHODS},
        "params": {"type": "object", "properties": {
            "id": {"type": "string"}, "time": {"type": "integer"},
            "amount": {"type": "integer"}, "reason": {"type": "integer"},
            "from": {"type": "integer"}, "to": {"type": "integer"},
            "password": {"type": "string"},
            "account": {"type": "object", "properties": {"order_id": {"type": "string"}}},
        }},
    },
})
PAYME = {
    "responses": {200: {"model": PaymeAnswer, "description": "a result or a JSON-RPC error "
                        "(-32504 without Paycom's Basic credentials)"}},
    "openapi_extra": PAYME_CALL,
}
PAYME_WRONG_METHOD = {
    "responses": {200: {"model": PaymeAnswer, "description": "error -32300: only POST"}},
}


# ----- Click -----------------------------------------------------------------------------


class ClickAnswerFields(BaseModel):
    click_trans_id: int | str | None
    merchant_trans_id: str | None
    error: int = Field(description="0, or -1 (signature) … -9")
    error_note: str


class ClickPrepareAnswer(ClickAnswerFields):
    merchant_prepare_id: int | None


class ClickCompleteAnswer(ClickAnswerFields):
    merchant_confirm_id: int | None


def matching(rule: str) -> dict[str, Any]:
    """A text field whose whole value follows `rule` (a Python full-match expression)."""
    return {"type": "string", "pattern": f"^(?:{rule})$"}


TEXT: dict[str, Any] = {"type": "string"}
BIGINT_TEXT = matching("[0-9]{1,18}")
CLICK_FIELDS: dict[str, dict[str, Any]] = {
    "click_trans_id": BIGINT_TEXT, "service_id": TEXT, "click_paydoc_id": BIGINT_TEXT,
    "merchant_trans_id": TEXT, "amount": matching("[0-9]{1,12}(\\.[0-9]{1,2})?"),
    "action": {"type": "string", "enum": ["0", "1"]}, "error": matching("-?[0-9]{1,9}"),
    "error_note": TEXT, "sign_time": TEXT,
    "sign_string": {**TEXT, "description": "MD5 of the call's fields and the secret key"},
}


def _click(answer: type[BaseModel], **extra: dict[str, Any]) -> dict[str, Any]:
    fields = {**CLICK_FIELDS, **extra}
    return {
        "responses": {200: {"model": answer, "description": "error 0 or a Click error code "
                            "(-1 when sign_string is not the call's MD5 signature)"}},
        "openapi_extra": form_body(fields, [name for name in fields if name != "error_note"]),
    }


CLICK_PREPARE = _click(ClickPrepareAnswer)
CLICK_COMPLETE = _click(ClickCompleteAnswer, merchant_prepare_id=BIGINT_TEXT)


# ----- WebPay ----------------------------------------------------------------------------

def webpay_notify(fields: tuple[str, ...], grammar: dict[str, str],
                  payment_types: list[str]) -> dict[str, Any]:
    """The notify's form: every field (its grammar where it has one) and the signature."""
    schemas = {name: matching(grammar[name]) if name in grammar else TEXT for name in fields}
    schemas["payment_type"] = {"type": "string", "enum": payment_types}
    return {
        "response_class": PlainTextResponse,
        "responses": text_answers(400, 403, 404, 409),
        "openapi_extra": form_body(schemas, list(fields)),
    }


WEBPAY_PAY_PAGE = {"responses": html_answers(404)}
