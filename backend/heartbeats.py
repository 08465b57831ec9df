"""Booth heartbeats: the latest status each device posted, and the fleet's booths as of it.

A booth is a name: a booth whose token was re-issued (a new `add-device` or enrollment
under the same name) is still one booth; its status is its newest device's heartbeat.
The body is stored whole, so a booth that sends more (say `free_mode`) loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from backend.database import Database
from backend.fleet_models import DeviceRevocation, Heartbeat
from backend.models import Device
from contract.kiosk_api import MAX_HEARTBEAT_BYTES, HeartbeatIn

MAX_BODY_BYTES = MAX_HEARTBEAT_BYTES
DEFAULT_LOW_PAPER_THRESHOLD = 20
PRINTER_WORDS = {
    "ready": "ready",
    "printing": "printing",
    "paper_out": "out of paper",
    "ribbon_out": "out of ribbon",
    "jam": "paper jam",
    "door_open": "door open",
    "offline": "printer offline",
    "stopped": "stopped",
    "unavailable": "not reachable through CUPS",
}


# The booth's flow states and service health, as an operator reads them.
STATE_WORDS = {
    "attract": "waiting for a customer",
    "capture": "taking photos",
    "review": "customer reviewing photos",
    "choose": "customer choosing a package",
    "payment": "showing a payment code",
    "checking": "checking a payment",
    "printing": "printing",
    "done": "handing over prints",
    "out_of_service": "out of service",
    "service": "technician in the service menu",
}
HEALTH_WORDS = {"starting": "starting", "ok": "works", "degraded": "needs a look",
                "fault": "fault"}


def printer_words(state: str) -> str:
    return PRINTER_WORDS.get(state, state or "unknown")


def state_words(state: str) -> str:
    return STATE_WORDS.get(state, state or "—")


def health_words(state: str) -> str:
    return HEALTH_WORDS.get(state, state or "unknown")


def supersedes(stored: Heartbeat | None, body: HeartbeatIn) -> bool:
    """Whether `body` is newer than the stored heartbeat: numbered higher in the same epoch.
    An unnumbered one, or one of another epoch (the booth's database was made anew), is."""
    if stored is None or body.sequence is None:
        return True
    previous = stored.body.get("sequence")
    if stored.body.get("sequence_epoch") != body.sequence_epoch or not isinstance(previous, int):
        return True
    return body.sequence > previous


def store_heartbeat(db: Database, device_id: int, body: HeartbeatIn, now_ms: int) -> bool:
    """Keep `body` as the device's status unless a newer one is stored; True when kept."""
    values = {"device_id": device_id, "received_at": now_ms, "body": body.model_dump(mode="json")}
    insert = sqlite_insert(Heartbeat) if db.is_sqlite else pg_insert(Heartbeat)
    with db.write() as session:
        stored = session.scalars(select(Heartbeat).where(Heartbeat.device_id == device_id)
                                 .with_for_update()).first()
        if not supersedes(stored, body):
            return False
        session.execute(
            insert.values(**values).on_conflict_do_update(
                index_elements=["device_id"],
                set_={"received_at": values["received_at"], "body": values["body"]},
            )
        )
    return True


@dataclass
class Booth:
    """One booth of the fleet: its devices and its newest heartbeat (if it ever sent one)."""

    name: str
    device_ids: list[int] = field(default_factory=list)
    seen_at: int | None = None  # ms
    status: dict[str, Any] = field(default_factory=dict)

    def online(self, now_ms: int, offline_after_ms: int) -> bool:
        return self.seen_at is not None and now_ms - self.seen_at < offline_after_ms

    @property
    def printer(self) -> dict[str, Any]:
        return self.status.get("printer") or {}

    @property
    def prints_left(self) -> int | None:
        return self.status.get("prints_left")

    @property
    def low_paper_threshold(self) -> int:
        value = self.status.get("low_paper_threshold")
        return DEFAULT_LOW_PAPER_THRESHOLD if value is None else int(value)

    @property
    def low_paper(self) -> bool:
        left = self.prints_left
        return left is not None and left < self.low_paper_threshold

    @property
    def outbox_lag_s(self) -> float | None:
        """How long the oldest undelivered event had waited, as of the heartbeat."""
        return (self.status.get("outbox") or {}).get("oldest_age")


def active_devices(session: Session) -> list[Device]:
    return list(session.scalars(
        select(Device)
        .where(Device.id.not_in(select(DeviceRevocation.device_id)))
        .order_by(Device.name, Device.id)
    ))


def fleet_booths(session: Session) -> list[Booth]:
    """Every booth with an unrevoked device, by name."""
    booths: dict[str, Booth] = {}
    by_device: dict[int, Booth] = {}
    for device in active_devices(session):
        booth = booths.setdefault(device.name, Booth(device.name))
        assert device.id is not None
        booth.device_ids.append(device.id)
        by_device[device.id] = booth
    if by_device:
        beats = session.scalars(
            select(Heartbeat).where(Heartbeat.device_id.in_(list(by_device)))
        )
        for beat in beats:
            booth = by_device[beat.device_id]
            if booth.seen_at is None or beat.received_at > booth.seen_at:
                booth.seen_at, booth.status = beat.received_at, dict(beat.body)
    return list(booths.values())

