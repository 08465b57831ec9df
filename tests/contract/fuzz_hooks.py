"""schemathesis hooks for tests/contract/test_openapi_fuzz.py, loaded by the schemathesis
process itself (SCHEMATHESIS_HOOKS): the credentials a provider or an operator has, and a
record of every answer.

With FUZZ_CREDENTIALS=1 each call carries what its caller would: Paycom's Basic login on
/payme, the MD5 signature (and the service id) on Click's and WebPay's forms, the operator's
session cookie and its CSRF token on /admin. Without it the calls go out as generated, so
every answer must be a documented refusal. Every answer is appended to FUZZ_ANSWERS as one
JSON line (method sent, the operation's method, path template, status, the body's first
4 000 bytes).
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import schemathesis

CLICK_SIGNED = ("click_trans_id", "service_id", "SECRET", "merchant_trans_id",
                "merchant_prepare_id", "amount", "action", "sign_time")
WEBPAY_SIGNED = ("batch_timestamp", "currency_id", "amount", "payment_method", "order_id",
                 "site_order_id", "transaction_id", "payment_type", "rrn")


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def _click_signature(form: dict[str, str], secret: str) -> str:
    return _md5("".join(secret if name == "SECRET" else form.get(name, "")
                        for name in CLICK_SIGNED))


def _texts(body: Any) -> dict[str, str] | None:
    """A form body whose every value is text (a negative case may hold other things)."""
    if isinstance(body, dict) and all(isinstance(value, str) for value in body.values()):
        return body
    return None


@schemathesis.hook
def filter_body(context: Any, body: Any) -> bool:
    """No ChangePassword with Paycom's credentials: it would change the key under the rest
    of the run (tests/backend/test_payme.py covers it)."""
    operation = context.operation
    return not (operation is not None and operation.path == "/payme"
                and isinstance(body, dict) and body.get("method") == "ChangePassword")


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    if os.environ.get("FUZZ_CREDENTIALS") != "1":
        return
    path, form = case.operation.path, _texts(case.body)
    headers = dict(case.headers or {})
    if path == "/payme":
        headers["Authorization"] = os.environ["FUZZ_PAYME_AUTHORIZATION"]
    elif path.startswith("/click/") and form is not None:
        form["service_id"] = os.environ["FUZZ_CLICK_SERVICE_ID"]
        form["sign_string"] = _click_signature(form, os.environ["FUZZ_CLICK_SECRET"])
    elif path == "/webpay/notify" and form is not None:
        form["wsb_signature"] = _md5("".join(form.get(name, "") for name in WEBPAY_SIGNED)
                                     + os.environ["FUZZ_WEBPAY_SECRET"])
    elif path.startswith("/admin"):
        headers["Cookie"] = os.environ["FUZZ_ADMIN_COOKIE"]
        if isinstance(case.body, dict):
            case.body["csrf_token"] = os.environ["FUZZ_ADMIN_CSRF"]
    case.headers = headers


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    with open(os.environ["FUZZ_ANSWERS"], "a", encoding="utf-8") as answers:
        answers.write(json.dumps({
            "method": response.request.method, "documented": case.operation.method.upper(),
            "path": case.operation.path,
            "status": response.status_code,
            "body": (response.content or b"")[:4000].decode("utf-8", "replace"),
        }) + "\n")
