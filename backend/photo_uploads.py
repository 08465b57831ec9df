"""Storing an order's photo from its booth: checked, written whole, idempotent by content,
in the set the booth names.

A file is written under a temporary name, flushed, and only then recorded and renamed into
place, so a cut upload leaves no partial photo; the same bytes again are answered as the
first time, other bytes under the same name are refused. The media directory may be a
volume several backend processes share: names are per order and renames are atomic.

Sets: a retake after payment makes a new print, which the booth uploads as the next set.
The first photo of a newer set replaces the order's set (the rows at once, the older set's
files and their copies right after), so the page shows the newest set only; a photo of an
older set arriving late is refused (409) and never shown. Set 1 lives in the order's
directory (where every photo was before sets), set N in its `set-N/` folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from backend.context import BackendContext
from backend.models import Order
from backend.order_lookups import read_order
from backend.photo_models import PhotoFile, PhotoSet
from contract.payment_status import PaymentStatus
from contract.photo_names import MAX_PHOTO_BYTES, PRINT_NAME
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


def set_dir(ctx: BackendContext, order: Order, photo_set: int) -> Path:
    """Where the order's set lives: set 1 in the order's directory, set N in set-N/."""
    folder = order_media_dir(ctx, order)
    return folder if photo_set == 1 else folder / f"set-{photo_set}"


def photo_path(ctx: BackendContext, order: Order, photo_set: int, name: str) -> Path:
    return set_dir(ctx, order, photo_set) / name


def shown_set(session: Session, order_pk: int) -> int:
    """The number of the set the order's page shows (1 when none was ever named)."""
    number = session.scalars(select(PhotoSet.number).where(
        PhotoSet.order_pk == order_pk)).one_or_none()
    return 1 if number is None else number


def uploadable_order(ctx: BackendContext, device_id: int, order_id: str,
                     photo_set: int) -> Order:
    order = read_order(ctx.db, order_id)
    if order is None or order.device_id != device_id:
        raise PhotoRefused(404, f"no order {order_id} for this device")
    if order.payment_status != PaymentStatus.paid:
        raise PhotoRefused(409, f"order {order_id} is {order.payment_status}: photos are "
                                "taken only for a paid order")
    assert order.id is not None
    with ctx.db.read() as session:
        _refuse_replaced(order_id, photo_set, shown_set(session, order.id))
    return order


def _refuse_replaced(order_id: str, photo_set: int, shown: int) -> None:
    if photo_set < shown:
        raise PhotoRefused(409, f"set {photo_set} of order {order_id} is replaced by set "
                                f"{shown}: its photos are no longer shown")


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


def keep(ctx: BackendContext, order: Order, photo_set: int, name: str, part: Path,
         sha256: str, size: int) -> bool:
    """Records and places a received file; True when it is new, False when the same bytes
    were already stored in the set. Other bytes under the name, or a set older than the
    shown one: PhotoRefused(409). A newer set replaces the shown one."""
    assert order.id is not None
    final = photo_path(ctx, order, photo_set, name)
    replaced = False
    try:
        with ctx.db.write() as session:
            # One upload of the order at a time past this point, in every backend process.
            session.execute(select(Order.id).where(Order.id == order.id).with_for_update())
            shown = shown_set(session, order.id)
            _refuse_replaced(order.order_id, photo_set, shown)
            if photo_set > shown:
                _begin_set(ctx, session, order.id, photo_set)
                replaced = True
            stored = session.scalars(select(PhotoFile).where(
                PhotoFile.order_pk == order.id, PhotoFile.name == name)).one_or_none()
            if stored is None:
                session.add(PhotoFile(order_pk=order.id, name=name, sha256=sha256, size=size,
                                      stored_at=ctx.clock.now()))
                session.flush()
                os.replace(part, final)
                created = True
            else:
                created = False
    except IntegrityError:
        # Another process recorded the name first: answer from its row.
        with ctx.db.read() as session:
            stored = session.scalars(select(PhotoFile).where(
                PhotoFile.order_pk == order.id, PhotoFile.name == name)).one()
        created = False
    finally:
        part.unlink(missing_ok=True)
    if replaced or name == PRINT_NAME:
        # Files of other sets go once the rows no longer name them (again at each print, so
        # a crash between the commit and the deletion leaves nothing for long).
        drop_other_sets(ctx, order, photo_set)
    if not created and stored.sha256 != sha256:
        raise PhotoRefused(409, f"{name} is already stored with other content")
    return created


def _begin_set(ctx: BackendContext, session: Session, order_pk: int, photo_set: int) -> None:
    session.execute(delete(PhotoFile).where(PhotoFile.order_pk == order_pk))
    row = session.scalars(select(PhotoSet).where(PhotoSet.order_pk == order_pk)).one_or_none()
    row = row or PhotoSet(order_pk=order_pk, number=photo_set, begun_at=ctx.clock.now())
    row.number = photo_set
    row.begun_at = ctx.clock.now()
    session.add(row)


def discard_empty_set(ctx: BackendContext, order: Order, photo_set: int) -> None:
    """A refused upload leaves no empty folder of a set behind (set 1's is the order's)."""
    if photo_set != 1:
        with suppress(OSError):  # not empty: another upload of the set is stored there
            set_dir(ctx, order, photo_set).rmdir()


def drop_other_sets(ctx: BackendContext, order: Order, photo_set: int) -> None:
    """Deletes every file of the order's other sets, with the page's copies made of them."""
    folder = order_media_dir(ctx, order)
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.is_dir() and entry.name.startswith("set-"):
            if entry != set_dir(ctx, order, photo_set):
                shutil.rmtree(entry, ignore_errors=True)
        elif photo_set != 1 and entry.is_file() and not entry.name.startswith("."):
            # Set 1's photos and copies (a `.part` file is an upload in flight: its own).
            entry.unlink(missing_ok=True)
