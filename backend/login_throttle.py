"""Growing delays after repeated wrong secrets: every 5th wrong password (or enrollment
code) for a key locks it, for 15 minutes the first time and twice as long each time after
(up to a day), until a day passes without a failure or the right secret resets it.

The keys are chosen by the caller: a (name, address) pair and an address, never a bare
account, so nobody elsewhere can lock an operator out by guessing at their name.

Kept in the database, so every backend process of a fleet sees the same lock.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from backend.database import Database
from backend.fleet_models import LoginThrottle

MAX_FAILURES = 5
WINDOW_MS = 24 * 60 * 60 * 1000
LOCK_MS = 15 * 60 * 1000
MAX_LOCK_MS = 24 * 60 * 60 * 1000


def lock_length_ms(failures: int) -> int:
    """How long the lock after this many failures lasts: 15, 30, 60 … minutes."""
    return min(MAX_LOCK_MS, LOCK_MS * 2 ** (failures // MAX_FAILURES - 1))


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
                row.failures = 0
            row.failures += 1
            row.first_failure_at = now_ms  # the window runs from the latest failure
            if row.failures % MAX_FAILURES == 0:
                row.locked_until = now_ms + lock_length_ms(row.failures)
            session.add(row)


def clear(db: Database, keys: list[str]) -> None:
    with db.write() as session:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(keys)))
