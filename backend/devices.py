"""Device tokens (stored hashed) and the kiosk's event batches."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from backend.database import Database
from backend.fleet_models import DeviceRevocation
from backend.models import Device, DeviceEvent, EventBatch, Order
from backend.payments import record
from backend.refund_rows import refund_in_flight
from contract.payment_status import PaymentStatus

PRINTED_EVENT = "print.printed"
# A phone-only order is delivered when the booth has every photo on its page.
PHOTOS_DELIVERED_EVENT = "photos.delivered"


def hash_token(token: str) -> str:
    # Tokens are 256 random bits, so a plain digest cannot be brute-forced.
    return hashlib.sha256(token.encode()).hexdigest()


def add_device(db: Database, name: str, now_ms: int) -> str:
    with db.write() as session:
        return add_device_in(session, name, now_ms)[1]


def add_device_in(session: Session, name: str, now_ms: int) -> tuple[int, str]:
    """A new device in the caller's transaction: its id and its token (shown once)."""
    token = secrets.token_urlsafe(32)
    device = Device(name=name, token_hash=hash_token(token), created_at=now_ms)
    session.add(device)
    session.flush()
    assert device.id is not None
    return device.id, token


def device_for_token(db: Database, token: str) -> Device | None:
    with db.read() as session:
        return session.scalars(
            select(Device).where(
                Device.token_hash == hash_token(token),
                Device.id.not_in(select(DeviceRevocation.device_id)),
            )
        ).one_or_none()


def device_name(db: Database, device_id: int) -> str:
    with db.read() as session:
        return session.get_one(Device, device_id).name


def _insert(db: Database, table: type) -> Any:
    return sqlite_insert(table) if db.is_sqlite else pg_insert(table)


def ingest_events(
    db: Database,
    device_id: int,
    batch_key: str,
    events: list[dict[str, Any]],
    now_ms: int,
) -> dict[str, int]:
    """Stores a batch once per Idempotency-Key and each event once per (device, key)."""
    with db.write() as session:
        claimed = session.execute(
            _insert(db, EventBatch)
            .values(device_id=device_id, key=batch_key, answer=None)
            .on_conflict_do_nothing(index_elements=["device_id", "key"])
            .returning(EventBatch.id)
        ).scalar()
        if claimed is None:
            stored = session.scalars(
                select(EventBatch.answer).where(
                    EventBatch.device_id == device_id, EventBatch.key == batch_key
                )
            ).one()
            return dict(stored)
        accepted = 0
        for item in events:
            inserted = session.execute(
                _insert(db, DeviceEvent)
                .values(device_id=device_id, received_at=now_ms, **item)
                .on_conflict_do_nothing(index_elements=["device_id", "key"])
                .returning(DeviceEvent.id)
            ).scalar() is not None
            accepted += inserted
            if inserted and item["subject"] and _delivers(item):
                _mark_delivered(session, device_id, item["subject"], now_ms, item["kind"])
        answer = {"accepted": accepted, "duplicates": len(events) - accepted}
        batch = session.get_one(EventBatch, claimed)
        batch.answer = answer
        session.add(batch)
        return answer


def _delivers(event: dict[str, Any]) -> bool:
    data = event.get("data") or {}
    return event["kind"] == PRINTED_EVENT or (
        event["kind"] == PHOTOS_DELIVERED_EVENT and data.get("digital") is True)


def _mark_delivered(session: Session, device_id: int, order_id: str, now_ms: int,
                    why: str) -> None:
    order = session.scalars(
        select(Order)
        .where(Order.order_id == order_id, Order.device_id == device_id)
        .with_for_update()
    ).one_or_none()
    if order is not None and (order.payment_status == PaymentStatus.refunded
                              or refund_in_flight(session, order)):
        # The money is (being) returned: the order never becomes delivered as well.
        record(session, order, "delivery.refused", now_ms,
               reason=f"{why} for an order that is {order.payment_status.value} or being "
                      "refunded")
        return
    if order is not None and order.delivered_at is None:
        order.delivered_at = datetime.fromtimestamp(now_ms / 1000, tz=UTC)
        session.add(order)
        record(session, order, "order.delivered", now_ms, reason=why)
