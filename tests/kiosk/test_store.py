"""The local store: durable settings, forward migrations, recovery from a corrupt file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.core.models import KioskTable, Order, PrintJob
from kiosk.core.store import SCHEMA_VERSION, Store, StoreError, check_integrity, migrate


def test_every_connection_has_the_durability_pragmas(tmp_path: Path) -> None:
    store = Store(tmp_path / "k.db")
    with store.reading() as db:
        pragma = {name: db.exec(text(f"PRAGMA {name}")).one()[0]
                  for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                      "busy_timeout": 5000}


def test_migrated_schema_has_every_model_column(tmp_path: Path) -> None:
    store = Store(tmp_path / "k.db")
    connection = sqlite3.connect(store.path)
    for table in KioskTable.metadata.sorted_tables:
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table.name})")}
        assert {c.name for c in table.columns} <= columns, table.name
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_from_the_first_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    migrate(connection, upto=1)
    connection.execute("INSERT INTO sessions (id, started_at) VALUES ('s1', 1.0)")
    connection.execute(
        "INSERT INTO orders (id, session_id, package, copies, amount_minor, currency, provider,"
        " created_at, updated_at) VALUES ('o1', 's1', '1x', 1, 2000000, 'UZS', 'payme', 1, 1)")
    connection.execute("INSERT INTO print_jobs (order_id, file, created_at, updated_at)"
                       " VALUES ('o1', 'p.jpg', 1, 1)")
    connection.commit()
    connection.close()

    store = Store(path)
    with store.reading() as db:
        assert db.get(Order, "o1").amount_minor == 2_000_000
        job = db.get(PrintJob, 1)
        assert job.order_id == "o1" and job.reprint_reason is None


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_events_are_append_only(tmp_path: Path) -> None:
    store = Store(tmp_path / "k.db")
    with store.transaction() as db:
        store.record(db, "printer.faulted", None, "paper out")
    with pytest.raises(Exception, match="append-only"), store.transaction() as db:
        db.exec(text("UPDATE events SET reason = 'nothing happened'"))
    assert store.events()[0].reason == "paper out"


def test_record_queues_the_event_for_the_backend_in_the_same_transaction(tmp_path) -> None:
    store = Store(tmp_path / "k.db")
    with pytest.raises(RuntimeError), store.transaction() as db:
        store.record(db, "print.printed", "o1", "done")
        raise RuntimeError("power cut before commit")
    with store.reading() as db:
        assert db.exec(text("SELECT count(*) FROM outbox")).one()[0] == 0
    with store.transaction() as db:
        store.record(db, "print.printed", "o1", "done")
    with store.reading() as db:
        payload = db.exec(text("SELECT payload FROM outbox")).one()[0]
    assert '"kind": "print.printed"' in payload


def test_a_corrupt_file_is_moved_aside_and_the_booth_starts(tmp_path: Path, caplog) -> None:
    path = tmp_path / "k.db"
    Store(path).close()
    path.write_bytes(b"this is not a database, the SD card ate it" * 100)
    store = Store(path)
    assert store.recovered_from is not None and store.recovered_from.exists()
    assert b"SD card" in store.recovered_from.read_bytes()
    assert check_integrity(path) is None
    assert store.counter("media_remaining", 7) == 7
    assert "failed its integrity check" in caplog.text


WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kiosk.core.models import BoothSession, Order
    from kiosk.core.store import Store
    store = Store(Path(sys.argv[1]))
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        with store.transaction() as db:
            db.add(BoothSession(id=f"s{n}", started_at=n))
            db.flush()
            db.add(Order(id=f"o{n}", session_id=f"s{n}", package="2x", copies=2,
                         amount_minor=3_500_000, currency="UZS", provider="payme",
                         created_at=n, updated_at=n))
            db.flush()
            store.record(db, "order.created", f"o{n}", "test", {"n": n})
""")


@pytest.mark.parametrize("kill_after_lines", [1, 3])
def test_sigkill_mid_write_leaves_whole_orders_or_none(tmp_path: Path, kill_after_lines) -> None:
    path = tmp_path / "k.db"
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert child.stdout.readline().strip() == "ready"
    connection = sqlite3.connect(path, timeout=10)
    deadline = time.monotonic() + 60
    # Kill only once several transactions have committed, so the kill lands mid-stream.
    while connection.execute("SELECT count(*) FROM orders").fetchone()[0] < 5 * kill_after_lines:
        assert time.monotonic() < deadline, "the writer never got going"
    connection.close()
    child.send_signal(signal.SIGKILL)
    child.wait()

    assert check_integrity(path) is None
    store = Store(path)
    assert store.recovered_from is None
    with store.reading() as db:
        orders = db.exec(text("SELECT id, session_id FROM orders")).all()
        events = {row[0] for row in db.exec(text("SELECT subject FROM events"))}
        sessions = {row[0] for row in db.exec(text("SELECT id FROM sessions"))}
    assert orders
    for order_id, session_id in orders:
        assert session_id in sessions
        assert order_id in events
    assert len(events) == len(orders)
