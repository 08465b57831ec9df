"""Pruning old shots and print files by age and by total size.

Files live in data_dir/shots/<session_id>/ and data_dir/prints/<order_or_session>*.jpg.
Files an order may still need are never touched: a paid order with no printed
job, and a pending order (its payment may still arrive late).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core.models import BoothSession, Order, PrintJob, PrintJobState
from kiosk.core.store import Store

log = logging.getLogger(__name__)
DAY = 86_400.0
MEGABYTE = 1024 * 1024


def _kept(data_dir: Path, store: Store) -> tuple[set[str], set[Path]]:
    """Ids (sessions and orders) whose files stay, and the files their rows name."""
    with store.reading() as session:
        printed = set(session.exec(select(PrintJob.order_id)
                                   .where(PrintJob.state == PrintJobState.printed)))
        waiting = [order for order in session.exec(select(Order).where(
            Order.payment_status.in_([PaymentStatus.paid, PaymentStatus.pending])))
            if order.id not in printed]
        ids = {order.id for order in waiting} | {order.session_id for order in waiting}
        files = {order.print_file for order in waiting if order.print_file}
        for booth_session in session.exec(select(BoothSession)
                                          .where(BoothSession.id.in_(ids))):
            files.update(booth_session.shots)
            if booth_session.print_file:
                files.add(booth_session.print_file)
    paths = {(p if p.is_absolute() else data_dir / p).resolve() for p in map(Path, files)}
    return ids, paths


def _owner(data_dir: Path, path: Path) -> str:
    """The session or order a media file belongs to, from where it lives and its name."""
    relative = path.relative_to(data_dir)
    if relative.parts[0] == "shots" and len(relative.parts) > 2:
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
    for folder in (data_dir / "shots", data_dir / "prints"):
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
        if folder.parent == data_dir / "shots" and not any(folder.iterdir()):
            folder.rmdir()
    if deleted:
        log.info("prune: deleted %d media files", len(deleted))
    return deleted
