"""Customers turned away: a booth reported that a customer chose a package and got no
payment code (the booth's `payment.unavailable` event: backend unreachable, the provider
refused, no provider in common). The operator hears it before the customers complain."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlmodel import Session

from backend.models import Device, DeviceEvent

TURNED_AWAY_KIND = "payment.unavailable"
TURNED_AWAY_WINDOW_MS = 30 * 60 * 1000


def turned_away(session: Session, now_ms: int) -> dict[str, tuple[int, str]]:
    """Per booth name: customers turned away in the window, and the last reason given."""
    rows = session.execute(
        select(Device.name, DeviceEvent.reason)
        .join(Device, Device.id == DeviceEvent.device_id)
        .where(DeviceEvent.kind == TURNED_AWAY_KIND,
               DeviceEvent.received_at >= now_ms - TURNED_AWAY_WINDOW_MS)
        .order_by(DeviceEvent.received_at, DeviceEvent.id)).all()
    counts = Counter(name for name, _ in rows)
    last = {name: reason for name, reason in rows}
    return {name: (count, last[name]) for name, count in counts.items()}
