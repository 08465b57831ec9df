"""The booth at a glance: one snapshot for the technician's status page and the fleet heartbeat.

Built from what the services already know (their `health()`, the printer status, the
paper counter, the backend link) plus a few cheap reads (the outbox backlog, the last
errors, free disk): no CUPS or HTTP call, so it can be built on any thread.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from kiosk.core.models import Event, OutboxItem
from kiosk.core.ports import BackendLinkStatus, Health, PrinterStatus
from kiosk.core.store import Store


@dataclass(frozen=True)
class OutboxBacklog:
    depth: int  # events not yet delivered to the backend
    oldest_age: float | None  # seconds the oldest of them has waited; None when empty


def outbox_backlog(store: Store, now: float) -> OutboxBacklog:
    with store.reading() as db:
        depth, oldest = db.exec(select(func.count(), func.min(OutboxItem.created_at))
                                .where(col(OutboxItem.delivered_at).is_(None))).one()
    return OutboxBacklog(int(depth), None if oldest is None else max(0.0, now - oldest))


# Events that tell the technician something went wrong.
ERROR_KINDS = ("printer.faulted", "print.failed", "camera.faulted", "backend.faulted",
               "payment.mismatch", "payment.cancel_unconfirmed", "service.failed")
LAST_ERRORS = 5


@dataclass(frozen=True)
class ErrorLine:
    at: float
    kind: str
    subject: str | None
    reason: str  # the recorded reason, in the log's words (English, for support)
    data: dict[str, Any] = field(default_factory=dict)  # the event's facts


def last_errors(store: Store, count: int = LAST_ERRORS) -> list[ErrorLine]:
    """The newest error events, newest first; refusals of the service menu included."""
    with store.reading() as db:
        rows = db.exec(select(Event).where(
            col(Event.kind).in_(ERROR_KINDS) | col(Event.kind).like("service.%_refused"))
            .order_by(col(Event.id).desc()).limit(count)).all()
    return [ErrorLine(row.at, row.kind, row.subject, row.reason, dict(row.data or {}))
            for row in rows]


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
    low_paper: bool = False  # prints left at or under printing.low_paper_threshold
    backend_link: BackendLinkStatus = field(
        default_factory=lambda: BackendLinkStatus(None, None, None))
    free_mode: bool = False
    last_errors: list[ErrorLine] = field(default_factory=list)
    camera_kind: str = ""  # camera.backend: "virtual" shows sample pictures, not a camera
    disk_needed_bytes: int = 0  # free space one session needs (kiosk.core.session_space)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON types, as the heartbeat sends it."""
        return asdict(self)
