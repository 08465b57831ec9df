"""Outbound calls to a provider's merchant API: one HTTP exchange → one outcome.

`retry` is every case where the provider may or may not have acted (a timeout, a dropped
connection, a 5xx, an answer we cannot read): the caller tries again later, and each
provider's call is safe to repeat (Payme's receipts.cancel is idempotent per receipt;
Click's reversal is checked against the payment's state before it is believed refused).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import requests

Outcome = Literal["refunded", "waiting", "refused", "retry"]


@dataclass(frozen=True)
class CallResult:
    outcome: Outcome
    note: str
    answer: dict[str, Any] = field(default_factory=dict)


class CallFailed(Exception):
    """No readable answer: the provider may or may not have acted."""


def exchange(method: str, url: str, timeout: float, **kwargs: Any) -> dict[str, Any]:
    """One request; its JSON object answer, or CallFailed (never a refusal)."""
    try:
        response = requests.request(method, url, timeout=timeout, **kwargs)
    except requests.RequestException as exc:
        raise CallFailed(f"{type(exc).__name__}: no answer") from exc
    if response.status_code >= 500:
        raise CallFailed(f"HTTP {response.status_code}")
    try:
        answer = response.json()
    except ValueError as exc:
        raise CallFailed(f"HTTP {response.status_code}, not JSON") from exc
    if not isinstance(answer, dict):
        raise CallFailed(f"HTTP {response.status_code}, not a JSON object")
    return answer
