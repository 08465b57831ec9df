"""How far this machine's clock is from the backend's, read off an answer's `Date` header.

Every answer carries the server's time (whole seconds). The booth judges a QR's end by the
backend's clock: it moves the backend's `expires_at` onto its own clock by this offset, so a
booth whose clock is off (a board with no real-time clock before NTP) still sells.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime


def offset_from_date(header: str | None, sent: float, received: float) -> float | None:
    """Seconds this clock is ahead of the backend's (negative: behind), or None without a
    readable header. The header's second began at its time: its middle is the best guess,
    against the middle of the request's round trip; good to about half a second."""
    if not header:
        return None
    try:
        backend_time = parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return (sent + received) / 2 - (backend_time + 0.5)
