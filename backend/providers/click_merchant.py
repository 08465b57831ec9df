"""Click's Merchant API, the merchant's side: reversal, payment status, fiscal items.

Every request carries `Auth: <merchant_user_id>:<sha1(timestamp + secret_key)>:<timestamp>`
(spec/click.md, Merchant API).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from backend.provider_calls import CallFailed, CallResult, exchange
from backend.settings import BackendSettings


def auth_header(user_id: str, secret_key: str, timestamp: int) -> str:
    digest = hashlib.sha1(f"{timestamp}{secret_key}".encode()).hexdigest()
    return f"{user_id}:{digest}:{timestamp}"


def _call(settings: BackendSettings, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    headers = {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "Auth": auth_header(settings.click_merchant_user_id, settings.click_secret_key,
                            int(time.time())),
    }
    return exchange(method, f"{settings.click_api_url}{path}",
                    settings.provider_timeout_seconds, headers=headers, **kwargs)


def _code(answer: dict[str, Any]) -> int | None:
    code = answer.get("error_code")
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def _was_reversed(settings: BackendSettings, payment_id: str) -> bool:
    """Click's own view after an earlier reversal whose answer we lost: a payment it
    reports with a negative payment_status (cancelled) has been reversed."""
    try:
        answer = _call(settings, "GET",
                       f"/payment/status/{settings.click_service_id}/{payment_id}")
    except CallFailed:
        return False
    status = answer.get("payment_status")
    return _code(answer) == 0 and isinstance(status, int) and status < 0


def reverse_payment(settings: BackendSettings, payment_id: str, repeat: bool) -> CallResult:
    """DELETE /payment/reversal/{service_id}/{payment_id}; error_code 0 → refunded.

    `repeat`: an earlier call may have reached Click; its refusal now ("already reversed")
    is checked against the payment's state."""
    path = f"/payment/reversal/{settings.click_service_id}/{payment_id}"
    try:
        answer = _call(settings, "DELETE", path)
    except CallFailed as exc:
        return CallResult("retry", f"Click reversal: {exc}")
    code = _code(answer)
    note = str(answer.get("error_note") or "")
    if code == 0:
        return CallResult("refunded", f"Click reversed payment {payment_id}", answer)
    if code is None:
        return CallResult("retry", f"Click reversal: unexpected answer {str(answer)[:200]}")
    if repeat and _was_reversed(settings, payment_id):
        return CallResult("refunded", f"Click: payment {payment_id} is reversed "
                                      f"(an earlier call's answer was lost)", answer)
    return CallResult("refused", f"Click refused the reversal: {code} {note}".strip(), answer)


def submit_items(settings: BackendSettings, body: dict[str, Any]) -> tuple[bool, str]:
    """POST /payment/ofd_data/submit_items → (accepted, Click's words)."""
    try:
        answer = _call(settings, "POST", "/payment/ofd_data/submit_items", json=body)
    except CallFailed as exc:
        return False, f"Click submit_items: {exc}"
    code = _code(answer)
    note = f"Click submit_items: {code} {answer.get('error_note') or ''}".strip()
    return code == 0, note


def receipt_url(settings: BackendSettings, payment_id: str) -> str | None:
    """GET /payment/ofd_data/{service_id}/{payment_id}: the qrCodeURL once fiscalized."""
    try:
        answer = _call(settings, "GET",
                       f"/payment/ofd_data/{settings.click_service_id}/{payment_id}")
    except CallFailed:
        return None
    url = answer.get("qrCodeURL")
    return url if isinstance(url, str) and url.startswith("https://") else None
