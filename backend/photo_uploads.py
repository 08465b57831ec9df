"""Storing an order's photo from its booth: checked, written whole, idempotent by content.

A file is written under a temporary name, flushed, and only then recorded and renamed into
place, so a cut upload leaves no partial photo; the same bytes again are answered as the
first time, other bytes under the same name are refused. The media directory may be a
volume several backend processes share: names are per order and renames are atomic.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import BinaryIO

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.context import BackendContext
from backend.models import Order
from backend.order_lookups import read_order
from backend.photo_models import PhotoFile
from contract.payment_status import PaymentStatus
from contract.photo_names import MAX_PHOTO_BYTES
from contract.private_files import private_dir

JPEG_START = b"\xff\xd8\xff"
JPEG_END = b"\xff\xd9"


class PhotoRefused(Exception):
    """The upload is not taken; `status` is the HTTP answer, the message says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def order_media_dir(ctx: BackendContext, order: Order) -> Path:
    return ctx.settings.photos_dir / order.order_id


def photo_path(ctx: BackendContext, order: Order, name: str) -> Path:
    return order_media_dir(ctx, order) / name


def uploadable_order(ctx: BackendContext, device_id: int, order_id: str) -> Order:
    order = read_order(ctx.db, order_id)
    if order is None or order.device_id != device_id:
        raise PhotoRefused(404, f"no order {order_id} for this device")
    if order.payment_status != PaymentStatus.paid:
        raise PhotoRefused(409, f"order {order_id} is {order.payment_status}: photos are "
                                "taken only for a paid order")
    return order


async def receive(
    chunks: AsyncIterator[bytes], target_dir: Path, name: str
) -> tuple[Path, str, int]:
    """The body into a temporary file next to its final place: (file, sha256, size).

    Writes and the fsync run on worker threads: the event loop keeps serving long-polls."""
    private_dir(target_dir)
    part = target_dir / f".{name}.{uuid.uuid4().hex}.part"
    digest = hashlib.sha256()
    size = 0
    head = b""
    tail = b""
    try:
        with os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            async for chunk in chunks:
                size += len(chunk)
                if size > MAX_PHOTO_BYTES:
                    raise PhotoRefused(413, f"a photo is at most {MAX_PHOTO_BYTES} bytes")
                if len(head) < len(JPEG_START):
                    head = (head + chunk)[: len(JPEG_START)]
                tail = (tail + chunk)[-len(JPEG_END):]
                digest.update(chunk)
                await run_in_threadpool(out.write, chunk)
            await run_in_threadpool(_flush_to_disk, out)
        if head != JPEG_START or tail != JPEG_END:
            raise PhotoRefused(415, "the body is not a whole JPEG file")
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part, digest.hexdigest(), size


def _flush_to_disk(out: BinaryIO) -> None:
    out.flush()
    os.fsync(out.fileno())


def keep(ctx: BackendContext, order: Order, name: str, part: Path, sha256: str,
         size: int) -> bool:
    """Records and places a received file; True when it is new, False when the same bytes
    were already stored. Other bytes under the name: PhotoRefused(409)."""
    assert order.id is not None
    final = photo_path(ctx, order, name)
    try:
        with ctx.db.write() as session:
            stored = session.scalars(select(PhotoFile).where(
                PhotoFile.order_pk == order.id, PhotoFile.name == name)).one_or_none()
            if stored is None:
                session.add(PhotoFile(order_pk=order.id, name=name, sha256=sha256, size=size,
                                      stored_at=ctx.clock.now()))
                session.flush()
                os.replace(part, final)
                return True
    except IntegrityError:
        # Another process recorded the name first: answer from its row.
        with ctx.db.read() as session:
            stored = session.scalars(select(PhotoFile).where(
                PhotoFile.order_pk == order.id, PhotoFile.name == name)).one()
    finally:
        part.unlink(missing_ok=True)
    if stored.sha256 != sha256:
        raise PhotoRefused(409, f"{name} is already stored with other content")
    return False
