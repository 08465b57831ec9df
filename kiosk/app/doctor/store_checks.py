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
        yield ok(f"media counter: no store at {path} yet (first start assumes a full roll of "
                 f"{config.printing.roll_size})")
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
        yield fail(f"store {path}: unreadable ({type(exc).__name__}: {str(exc)[:160]})",
                   "look at the log; the booth moves a damaged store aside at its next start")
        return
    finally:
        engine.dispose()
    yield from _media_finding(config, None if counter is None else counter.value)
    what = f"outbox: {depth} event(s) waiting for the backend"
    if depth and oldest is not None and now - oldest > OUTBOX_STALE_SECONDS:
        yield warn(f"{what}, the oldest for {(now - oldest) / 3600:.1f} h",
                   "check the backend checks above and the booth's network")
    else:
        yield ok(what)


def _media_finding(config: KioskConfig, remaining: int | None) -> Iterator[Finding]:
    if remaining is None:
        yield ok(f"media counter: not set yet (first start assumes {config.printing.roll_size})")
    elif remaining == 0:
        yield fail("media counter: 0 prints left: the booth shows no QR",
                   "load a new roll, then set it in the service menu")
    elif remaining <= config.printing.low_paper_threshold:
        yield warn(f"media counter: {remaining} prints left",
                   "have a new roll ready; set it in the service menu when loaded")
    else:
        yield ok(f"media counter: {remaining} prints left on the roll")
