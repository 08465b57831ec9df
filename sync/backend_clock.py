"""How far this machine's clock is from the backend's, from the `Date` header of /healthz.

QR codes expire at a time the backend sets: a booth whose clock is off shows wrong
countdowns and gives up on payments too early or too late. Blocking: worker threads only
(or a command-line check).
"""

from __future__ import annotations

import time

import requests

from sync.api_client import BackendUnreachable, ServerError
from sync.clock_offset import offset_from_date


def clock_skew(base_url: str, timeout: float) -> float:
    """Seconds this clock is ahead of the backend's (negative: behind). The Date header
    counts whole seconds, so the answer is good to about half a second."""
    sent = time.time()
    try:
        response = requests.get(f"{base_url.rstrip('/')}/healthz", timeout=timeout)
    except requests.RequestException as exc:
        raise BackendUnreachable(f"GET /healthz: {type(exc).__name__}: {exc}") from exc
    header = response.headers.get("Date")
    offset = offset_from_date(header, sent, time.time())
    if offset is None:
        raise ServerError(f"GET /healthz: no readable Date header ({header!r})")
    return offset
