"""Payme's Subscribe API, the merchant's side: receipts.cancel (spec/payme.md, refunds).

The cancel only puts the paid receipt in Payme's cancel queue (receipt state 21; 50 once
cancelled); the refund is done when Payme calls our CancelTransaction with reason 5.
"""

from __future__ import annotations

import secrets

from backend.provider_calls import CallFailed, CallResult, exchange
from backend.settings import BackendSettings

QUEUED_STATES = {21: "queued for cancellation", 50: "cancelled"}


def cancel_receipt(settings: BackendSettings, key: str, transaction_id: str) -> CallResult:
    body = {"jsonrpc": "2.0", "id": secrets.randbelow(2**31), "method": "receipts.cancel",
            "params": {"id": transaction_id}}
    headers = {"X-Auth": f"{settings.payme_merchant_id}:{key}"}
    try:
        answer = exchange("POST", settings.payme_subscribe_endpoint,
                          settings.provider_timeout_seconds, json=body, headers=headers)
    except CallFailed as exc:
        return CallResult("retry", f"Payme receipts.cancel: {exc}")
    error = answer.get("error")
    if isinstance(error, dict):
        message = error.get("message")
        if isinstance(message, dict):
            message = message.get("en") or message.get("ru") or next(iter(message.values()), "")
        return CallResult("refused", f"Payme refused receipts.cancel: {error.get('code')} "
                                     f"{message or ''}".strip(), answer)
    receipt = (answer.get("result") or {}).get("receipt") if isinstance(
        answer.get("result"), dict) else None
    state = receipt.get("state") if isinstance(receipt, dict) else None
    if state in QUEUED_STATES:
        return CallResult("waiting", f"Payme: receipt {QUEUED_STATES[state]} (state {state}); "
                                     "the refund completes with Payme's CancelTransaction",
                          answer)
    return CallResult("retry", f"Payme receipts.cancel: unexpected answer {str(answer)[:200]}")
