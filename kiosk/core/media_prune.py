"""Pruning everything the booth writes per session or order, by age and by total size.

Files live in data_dir/shots/<session_id>/, data_dir/prints/<order_or_session>*.jpg,
data_dir/uploads/<order_id>/ (the copies prepared for the customer's phone page) and
data_dir/exports/ (the technician's CSV files); all of them count in the size limit.
Files an order may still need are never touched: a paid order with no printed job, a
pending order (its payment may still arrive late), and an order with a photo upload
still in flight (its prepared copies and the shots they are made from).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core.models import (
    BoothSession,
    Order,
    PhotoUpload,
    PhotoUploadState,
    PrintJob,
    PrintJobState,
)
from kiosk.core.store import Store

log = logging.getLogger(__name__)
DAY = 86_400.0
MEGABYTE = 1024 * 1024
# Every folder the booth fills; the first two levels of the first three name their owner.
MEDIA_FOLDERS = ("shots", "prints", "uploads", "exports")
PER_OWNER_FOLDERS = ("shots", "uploads")


def _kept(data_dir: Path, store: Store) -> tuple[set[str], set[Path]]:
    """Ids (sessions and orders) whose files stay, and the files their rows name."""
    with store.reading() as session:
        printed = set(session.exec(select(PrintJob.order_id)
                                   .where(PrintJob.state == PrintJobState.printed)))
        uploading = set(session.exec(select(PhotoUpload.order_id)
                                     .where(PhotoUpload.state == PhotoUploadState.pending)))
        waiting = [order for order in session.exec(select(Order).where(
            Order.payment_status.in_([PaymentStatus.paid, PaymentStatus.pending])))
            if not _delivered(order, printed) or order.id in uploading]
        ids = {order.id for order in waiting} | {order.session_id for order in waiting}
        files = {order.print_file for order in waiting if order.print_file}
        for booth_session in session.exec(select(BoothSession)
                                          .where(BoothSession.id.in_(ids))):
            files.update(booth_session.shots)
            if booth_session.print_file:
                files.add(booth_session.print_file)
    paths = {(p if p.is_absolute() else data_dir / p).resolve() for p in map(Path, files)}
    return ids, paths


def _delivered(order: Order, printed: set[str]) -> bool:
    """Printed, or (a phone-only package) every photo on the customer's page."""
    return order.id in printed or (order.copies == 0 and order.photos_delivered_at is not None)


def _owner(data_dir: Path, path: Path) -> str:
    """The session or order a media file belongs to, from where it lives and its name."""
    relative = path.relative_to(data_dir)
    if relative.parts[0] in PER_OWNER_FOLDERS and len(relative.parts) > 2:
        return relative.parts[1]
    return path.name.split(".", 1)[0]


def prune(data_dir: Path, store: Store, keep_days: int, max_megabytes: int,
          now: float) -> list[Path]:
    """Delete media older than keep_days, then the oldest until under max_megabytes.

    Returns the deleted files. Empty session folders are removed too.
    """
    ids, named = _kept(data_dir, store)
    candidates: list[tuple[float, int, Path]] = []
    kept_bytes = 0
    for folder in (data_dir / name for name in MEDIA_FOLDERS):
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            stat = path.stat()
            if _owner(data_dir, path) in ids or path.resolve() in named:
                kept_bytes += stat.st_size
            else:
                candidates.append((stat.st_mtime, stat.st_size, path))
    candidates.sort()
    total = kept_bytes + sum(size for _, size, _ in candidates)
    limit = max_megabytes * MEGABYTE
    deleted: list[Path] = []
    for mtime, size, path in candidates:
        if mtime >= now - keep_days * DAY and total <= limit:
            break
        try:
            path.unlink()
        except OSError as exc:
            log.warning("prune: could not delete %s: %s", path, exc)
            continue
        total -= size
        deleted.append(path)
    for folder in {path.parent for path in deleted}:
        if folder.parent.name in PER_OWNER_FOLDERS and folder.parent.parent == data_dir \
                and not any(folder.iterdir()):
            folder.rmdir()
    if deleted:
        log.info("prune: deleted %d media files", len(deleted))
    return deleted
