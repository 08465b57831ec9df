"""The doctor on the booth's own store, read-only: the paper counter, the outbox."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from sqlalchemy import create_engine, func
from sqlmodel import Session, col, select

from kiosk.app.doctor.findings import Finding, fail, ok, warn
from kiosk.core.config import KioskConfig
from kiosk.core.models import Counter, OutboxItem
from printing.media import MEDIA_REMAINING

OUTBOX_STALE_SECONDS = 3600.0


def check_store(config: KioskConfig, now: float) -> Iterator[Finding]:
    path = config.data_dir() / "kiosk.db"
    if not path.exists():
        yield ok("store.none", path=path, roll=config.printing.roll_size)
        return
    # Read-only: never migrate, never move aside the database of a booth that is running.
    read_only = f"{path.absolute().as_uri()}?mode=ro"
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(read_only, uri=True))
    try:
        with Session(engine) as db:
            counter = db.get(Counter, MEDIA_REMAINING)
            depth, oldest = db.exec(select(func.count(), func.min(OutboxItem.created_at))
                                    .where(col(OutboxItem.delivered_at).is_(None))).one()
    except Exception as exc:  # sqlalchemy wraps every driver error differently
        yield fail("store.unreadable", "store.unreadable.fix", path=path,
                   detail=f"{type(exc).__name__}: {str(exc)[:160]}")
        return
    finally:
        engine.dispose()
    yield from _media_finding(config, None if counter is None else counter.value)
    if depth and oldest is not None and now - oldest > OUTBOX_STALE_SECONDS:
        yield warn("outbox.stale", "outbox.stale.fix", n=depth, hours=(now - oldest) / 3600)
    else:
        yield ok("outbox.ok", n=depth)


def _media_finding(config: KioskConfig, remaining: int | None) -> Iterator[Finding]:
    if remaining is None:
        yield ok("media.unset", roll=config.printing.roll_size)
    elif remaining == 0:
        yield fail("media.empty", "media.empty.fix")
    elif remaining <= config.printing.low_paper_threshold:
        yield warn("media.low", "media.low.fix", n=remaining)
    else:
        yield ok("media.ok", n=remaining)
