"""The booth at a glance: one snapshot for the technician's status page and the fleet heartbeat.

Built from what the services already know (their `health()`, the printer status, the
paper counter) plus a few cheap reads (the outbox backlog, free disk): no CUPS or HTTP
call, so it can be built on any thread.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from kiosk.core.models import OutboxItem
from kiosk.core.ports import Health, PrinterStatus
from kiosk.core.store import Store

DISTRIBUTION = "photobooth-kiosk"


def package_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class OutboxBacklog:
    depth: int  # events not yet delivered to the backend
    oldest_age: float | None  # seconds the oldest of them has waited; None when empty


def outbox_backlog(store: Store, now: float) -> OutboxBacklog:
    with store.reading() as db:
        depth, oldest = db.exec(select(func.count(), func.min(OutboxItem.created_at))
                                .where(col(OutboxItem.delivered_at).is_(None))).one()
    return OutboxBacklog(int(depth), None if oldest is None else max(0.0, now - oldest))


def disk_free_bytes(path: Path) -> int:
    """Free bytes on the disk holding `path` (its nearest existing parent)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


@dataclass(frozen=True)
class BoothStatus:
    version: str
    state: str  # the flow state
    printer: PrinterStatus
    prints_left: int
    health: dict[str, Health]  # "printer", "camera", "backend"
    outbox: OutboxBacklog
    disk_free_bytes: int
    uptime_seconds: float

    def as_json(self) -> dict[str, Any]:
        """Plain JSON types, as the heartbeat sends it."""
        return asdict(self)
