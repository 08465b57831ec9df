"""Lockout after repeated wrong secrets: 5 wrong passwords (or enrollment codes) within
15 minutes lock the account, or the client address, for 15 minutes.

Kept in the database, so every backend process of a fleet sees the same lock.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from backend.database import Database
from backend.fleet_models import LoginThrottle

MAX_FAILURES = 5
WINDOW_MS = 15 * 60 * 1000
LOCK_MS = 15 * 60 * 1000


def locked_until(db: Database, keys: list[str], now_ms: int) -> int | None:
    """The latest end of a lock on any of the keys, or None when none is locked."""
    with db.read() as session:
        ends = session.scalars(
            select(LoginThrottle.locked_until).where(
                LoginThrottle.key.in_(keys), LoginThrottle.locked_until > now_ms
            )
        ).all()
    return max(ends, default=None)


def record_failure(db: Database, keys: list[str], now_ms: int) -> None:
    insert = sqlite_insert(LoginThrottle) if db.is_sqlite else pg_insert(LoginThrottle)
    with db.write() as session:
        for key in keys:
            session.execute(
                insert.values(key=key, failures=0, first_failure_at=now_ms, locked_until=0)
                .on_conflict_do_nothing(index_elements=["key"]))
            row = session.scalars(
                select(LoginThrottle).where(LoginThrottle.key == key).with_for_update()
            ).one()
            if now_ms - row.first_failure_at > WINDOW_MS:
                row.failures, row.first_failure_at = 0, now_ms
            row.failures += 1
            if row.failures >= MAX_FAILURES:
                row.failures, row.locked_until = 0, now_ms + LOCK_MS
            session.add(row)


def clear(db: Database, keys: list[str]) -> None:
    with db.write() as session:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(keys)))
