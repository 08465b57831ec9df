"""Engines and transactions: serialised writers on SQLite, row locks and NOTIFY on PostgreSQL."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel

from backend import (  # noqa: F401  (registers the tables)
    fleet_models,
    models,
    photo_models,
    refund_models,
)
from contract.private_files import private_parent, private_sqlite

if TYPE_CHECKING:
    from backend.models import Order

NOTIFY_CHANNEL = "booth_orders"
# PostgreSQL work runs on this many threads: more only fight over the GIL (see bench).
WORKER_THREADS = 8


def _private_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database)
        private_parent(path)
        private_sqlite(path)


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        self._commit_listeners: list[Callable[[Order], None]] = []
        # Signs this process's NOTIFYs: its own commits already woke its waiters.
        self.notify_tag = secrets.token_hex(8)
        # One writer at a time in this process; BEGIN IMMEDIATE covers other processes.
        self._write_lock = threading.Lock() if self.is_sqlite else None
        if self.is_sqlite:
            _private_sqlite_file(url)
            self.write_engine = self._sqlite_engine(url, "BEGIN IMMEDIATE")
            self.read_engine = self._sqlite_engine(url, "BEGIN")
        else:
            self.write_engine = create_engine(
                url, pool_size=WORKER_THREADS, max_overflow=WORKER_THREADS, pool_pre_ping=True
            )
            self.read_engine = self.write_engine

    @staticmethod
    def _sqlite_engine(url: str, begin: str) -> Engine:
        engine = create_engine(
            url, pool_size=16, max_overflow=16, connect_args={"check_same_thread": False}
        )

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection: Any, _record: Any) -> None:
            # The driver must not open transactions itself: the "begin" hook does.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=15000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Any) -> None:
            connection.exec_driver_sql(begin)

        return engine

    @property
    def psycopg_dsn(self) -> str:
        url = make_url(self.url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def create_tables(self) -> None:
        SQLModel.metadata.create_all(self.write_engine)

    def on_commit(self, listener: Callable[[Order], None]) -> None:
        """listener(order) runs on the committing thread after an order changed, with the row
        as committed (the session does not expire it)."""
        self._commit_listeners.append(listener)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction; orders marked with order_changed() are announced on commit."""
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        try:
            with Session(self.write_engine, expire_on_commit=False) as session:
                session.info["changed_orders"] = {}
                with session.begin():
                    yield session
                    if not self.is_sqlite:
                        for order_id in session.info["changed_orders"]:
                            session.execute(
                                text("SELECT pg_notify(:channel, :payload)"),
                                {"channel": NOTIFY_CHANNEL,
                                 "payload": f"{order_id} {self.notify_tag}"},
                            )
                changed = session.info["changed_orders"]
        finally:
            if lock is not None:
                lock.release()
        for order in changed.values():
            for listener in self._commit_listeners:
                listener(order)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.read_engine, expire_on_commit=False) as session, session.begin():
            yield session

    def ping(self) -> None:
        with self.read() as session:
            session.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.write_engine.dispose()
        self.read_engine.dispose()


def order_changed(session: Session, order: Order) -> None:
    session.info["changed_orders"][order.order_id] = order
