"""How far this machine's clock is from the backend's, from the `Date` header of /healthz.

QR codes expire at a time the backend sets: a booth whose clock is off shows wrong
countdowns and gives up on payments too early or too late. Blocking: worker threads only
(or a command-line check).
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

import requests

from sync.api_client import BackendUnreachable, ServerError


def clock_skew(base_url: str, timeout: float) -> float:
    """Seconds this clock is ahead of the backend's (negative: behind). The Date header
    counts whole seconds, so the answer is good to about half a second."""
    sent = time.time()
    try:
        response = requests.get(f"{base_url.rstrip('/')}/healthz", timeout=timeout)
    except requests.RequestException as exc:
        raise BackendUnreachable(f"GET /healthz: {type(exc).__name__}: {exc}") from exc
    received = time.time()
    header = response.headers.get("Date")
    if not header:
        raise ServerError("GET /healthz: the answer has no Date header")
    try:
        backend_time = parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError) as exc:
        raise ServerError(f"GET /healthz: unreadable Date header {header!r}") from exc
    # The header's second began at backend_time: its middle is the best guess.
    return (sent + received) / 2 - (backend_time + 0.5)
