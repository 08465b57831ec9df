"""The booth's local store: SQLite (WAL, synchronous=FULL) through SQLModel.

The schema is created by numbered forward migrations tracked in
`PRAGMA user_version`, so a booth with an older database upgrades in place.
A file that fails `integrity_check` is moved aside and a fresh one is made:
the booth keeps running and the technician still has the old file.
"""

from __future__ import annotations

import logging
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine, select

from contract.private_files import private_parent, private_sqlite
from kiosk.core.models import Counter, Event, OutboxItem

log = logging.getLogger(__name__)

Clock = Callable[[], float]

MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: the first shipped schema
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY, started_at REAL NOT NULL, ended_at REAL,
            language TEXT NOT NULL DEFAULT 'uz', layout TEXT NOT NULL DEFAULT '',
            shots JSON NOT NULL DEFAULT '[]', print_file TEXT, outcome TEXT)""",
        """CREATE TABLE orders (
            id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),
            package TEXT NOT NULL, copies INTEGER NOT NULL, amount_minor INTEGER NOT NULL,
            currency TEXT NOT NULL, provider TEXT NOT NULL, payment_url TEXT, expires_at REAL,
            payment_status TEXT NOT NULL DEFAULT 'pending', payment_transaction_id TEXT,
            payment_paid_at TEXT, payment_method TEXT, payment_raw JSON,
            backend_accepted BOOLEAN NOT NULL DEFAULT 0, print_file TEXT,
            free BOOLEAN NOT NULL DEFAULT 0,
            created_at REAL NOT NULL, updated_at REAL NOT NULL)""",
        "CREATE INDEX ix_orders_session_id ON orders(session_id)",
        "CREATE INDEX ix_orders_payment_status ON orders(payment_status)",
        """CREATE INDEX ix_orders_payment_transaction_id ON orders(payment_transaction_id)
            WHERE payment_transaction_id IS NOT NULL""",
        """CREATE TABLE print_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL REFERENCES orders(id),
            file TEXT NOT NULL, copies INTEGER NOT NULL DEFAULT 1, cups_job_id INTEGER,
            state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT, created_at REAL NOT NULL, updated_at REAL NOT NULL)""",
        "CREATE INDEX ix_print_jobs_order_id ON print_jobs(order_id)",
        "CREATE INDEX ix_print_jobs_state ON print_jobs(state)",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, kind TEXT NOT NULL,
            subject TEXT, reason TEXT NOT NULL DEFAULT '', data JSON NOT NULL DEFAULT '{}')""",
        "CREATE INDEX ix_events_kind ON events(kind)",
        "CREATE INDEX ix_events_subject ON events(subject)",
        """CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
        """CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE,
            payload JSON NOT NULL, created_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0, delivered_at REAL, last_error TEXT)""",
        "CREATE INDEX ix_outbox_delivered_at ON outbox(delivered_at)",
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL DEFAULT 0)",
        """CREATE TABLE flow_state (
            id INTEGER PRIMARY KEY, state TEXT NOT NULL, session_id TEXT, order_id TEXT,
            entered_at REAL NOT NULL)""",
    ),
    (  # 2: technician reprints are print jobs with a reason; the session language survives
        "ALTER TABLE print_jobs ADD COLUMN reprint_reason TEXT",
        "ALTER TABLE flow_state ADD COLUMN language TEXT NOT NULL DEFAULT 'uz'",
    ),
    (  # 3: a job keeps the layout's CUPS options, so a resubmission after a restart has them
        "ALTER TABLE print_jobs ADD COLUMN options JSON NOT NULL DEFAULT '{}'",
    ),
    (  # 4: the service menu's statistics and order lists read indexes, not whole tables
        "CREATE INDEX ix_sessions_outcome ON sessions(outcome)",
        "CREATE INDEX ix_sessions_started_at ON sessions(started_at, outcome)",
        """CREATE INDEX ix_orders_statistics ON orders(payment_status, free, payment_method,
            provider, currency, amount_minor)""",
        "CREATE INDEX ix_orders_created_at ON orders(created_at)",
        "CREATE INDEX ix_orders_free ON orders(id) WHERE free = 1",
        """CREATE INDEX ix_print_jobs_statistics ON print_jobs(state, created_at, reprint_reason,
            copies, order_id)""",
    ),
    (  # 5: photos on the customer's phone: the order's link, and each photo's upload job
        "ALTER TABLE orders ADD COLUMN photos_url TEXT",
        "ALTER TABLE orders ADD COLUMN photos_delivered_at REAL",
        """CREATE TABLE photo_uploads (
            id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL REFERENCES orders(id),
            name TEXT NOT NULL, source TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL DEFAULT 0,
            last_error TEXT, created_at REAL NOT NULL, updated_at REAL NOT NULL,
            UNIQUE (order_id, name))""",
        "CREATE INDEX ix_photo_uploads_state ON photo_uploads(state, next_attempt_at)",
        """CREATE INDEX ix_orders_digital ON orders(created_at, payment_status,
            photos_delivered_at) WHERE copies = 0""",
    ),
    (  # 6: the photos page's short code, typed by hand at /p/CODE
        "ALTER TABLE orders ADD COLUMN photos_code TEXT",
    ),
    (  # 7: a retake after payment: the order's prints are counted, uploads name their set
        "ALTER TABLE orders ADD COLUMN print_version INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE photo_uploads ADD COLUMN photo_set INTEGER NOT NULL DEFAULT 1",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    pass


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def check_integrity(path: Path) -> str | None:
    """None when the file is a sound SQLite database, else what is wrong with it."""
    try:
        connection = sqlite3.connect(path)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows != [("ok",)]:
        return "; ".join(str(r[0]) for r in rows[:5])
    return None


def move_aside(path: Path, clock: Clock) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(clock()))
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            source.rename(Path(str(target) + suffix))
    return target


def migrate(connection: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Apply the migrations the database has not seen; returns the new version."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"database schema {version} is newer than this kiosk ({SCHEMA_VERSION})")
    for number in range(version + 1, upto + 1):
        with connection:
            for statement in MIGRATIONS[number - 1]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version={number}")
        log.info("migrated the schema to version %d", number)
    return max(version, upto)


class Store:
    """Opens (and if needed repairs) the database and hands out transactions."""

    def __init__(self, path: Path, clock: Clock = time.time):
        self.path = path
        self.clock = clock
        self.recovered_from: Path | None = None
        private_parent(path)
        if path.exists():
            problem = check_integrity(path)
            if problem:
                self.recovered_from = move_aside(path, clock)
                log.error("%s failed its integrity check (%s); moved it to %s and "
                          "started a fresh database", path, problem, self.recovered_from)
        private_sqlite(path)
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            migrate(connection)
        finally:
            connection.close()
        self.engine: Engine = create_engine(f"sqlite:///{path}",
                                            connect_args={"check_same_thread": False})
        sa_event.listen(self.engine, "connect", _set_pragmas)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One durable transaction: committed on success, rolled back on error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def record(self, session: Session, kind: str, subject: str | None, reason: str,
               data: dict[str, Any] | None = None, *, outbox: bool = True) -> Event:
        """Append an event; with `outbox` it also queues it for the backend, same transaction."""
        now = self.clock()
        row = Event(at=now, kind=kind, subject=subject, reason=reason, data=data or {})
        session.add(row)
        if outbox:
            key = str(uuid.uuid4())
            session.add(OutboxItem(idempotency_key=key, created_at=now, payload={
                "key": key, "at": now, "kind": kind, "subject": subject, "reason": reason,
                "data": data or {}}))
        return row

    def counter(self, name: str, default: int = 0) -> int:
        with self.reading() as session:
            row = session.get(Counter, name)
            return row.value if row else default

    def set_counter(self, session: Session, name: str, value: int) -> None:
        row = session.get(Counter, name) or Counter(name=name)
        row.value = value
        session.add(row)

    def add_counter(self, session: Session, name: str, delta: int) -> int:
        row = session.get(Counter, name) or Counter(name=name, value=0)
        row.value += delta
        session.add(row)
        return row.value

    def events(self, kind: str | None = None, subject: str | None = None) -> list[Event]:
        with self.reading() as session:
            query = select(Event).order_by(Event.id)
            if kind:
                query = query.where(Event.kind == kind)
            if subject:
                query = query.where(Event.subject == subject)
            return list(session.exec(query))
