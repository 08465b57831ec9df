"""The booth's disk as one health source: a worker whose commit failed for want of space
says so here, and says so again when its retry went through.

A full disk is not one worker's fault: the payment watcher, the printing worker, the
reconciler, the photo uploader, the outbox relay and the heartbeat all write to the same
SQLite file and data folder. Each reports under its own name; the storage health is a fault
(code E-STORAGE) while any of them is still waiting for space, and ok once all got through.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import TypeVar

from contract.backoff import Backoff
from kiosk.core import technician_codes
from kiosk.core.health_reporter import HealthReporter
from kiosk.core.ports import Health, HealthCallback, HealthState

log = logging.getLogger(__name__)

# OSError numbers that mean "no room to write": the disk, or the user's quota on it.
NO_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
# Waiting for space: the first retry soon, then every few seconds.
STORAGE_RETRY = Backoff(0.5, 5.0)
T = TypeVar("T")


def is_storage_full(exc: BaseException) -> bool:
    """The write failed for want of space (SQLite's SQLITE_FULL, or ENOSPC / EDQUOT), also
    when SQLAlchemy or another wrapper carries the original as its cause."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.OperationalError) and "full" in str(current).lower():
            return True
        if isinstance(current, OSError) and current.errno in NO_SPACE_ERRNOS:
            return True
        orig = getattr(current, "orig", None)  # sqlalchemy.exc.DBAPIError keeps it here
        current = orig if isinstance(orig, BaseException) else (
            current.__cause__ or current.__context__)
    return False


class SaveAbandoned(Exception):
    """`until_saved` was stopped while the disk was still full: nothing was saved."""


class StorageHealth:
    """Thread-safe: every worker reports from its own thread."""

    def __init__(self, on_health: HealthCallback | None, clock: Callable[[], float]) -> None:
        self._reporter = HealthReporter("storage", None, clock, "", message_matters=False)
        self._reporter.report(HealthState.ok, "saving works")  # until a write says otherwise
        self._reporter.on_health = on_health
        self._lock = threading.Lock()
        self._waiting: dict[str, str] = {}  # worker → what it could not write

    def health(self) -> Health:
        return self._reporter.current

    def waiting(self) -> dict[str, str]:
        """The workers still waiting for space, with what failed (the status page)."""
        with self._lock:
            return dict(self._waiting)

    def write_failed(self, worker: str, exc: BaseException) -> None:
        """`worker` could not commit for want of space: it keeps its work and retries."""
        with self._lock:
            self._waiting[worker] = f"{type(exc).__name__}: {exc}"
        self._publish()

    def done_waiting(self, worker: str) -> None:
        """`worker` no longer waits for space: its kept work is written (or was handed on)."""
        with self._lock:
            if worker not in self._waiting:
                return
            self._waiting.pop(worker, None)
        self._publish()

    def until_saved(self, worker: str, commit: Callable[[], T],
                    stopping: threading.Event) -> T:
        """Run `commit` until the disk takes it, reporting the wait; other errors propagate.
        SaveAbandoned when `stopping` is set first: the work is then left to whoever settles
        it next (the reconciler asks the backend again: nothing is lost)."""
        failures = 0
        while True:
            try:
                result = commit()
            except Exception as exc:
                if not is_storage_full(exc):
                    raise
                failures += 1
                self.write_failed(worker, exc)
                log.error("%s: cannot save (%s); kept, trying again", worker, exc)
                if stopping.wait(STORAGE_RETRY.delay(failures)):
                    self.done_waiting(worker)
                    raise SaveAbandoned(f"{worker}: stopped before the disk took it") from exc
                continue
            if failures:
                self.done_waiting(worker)
            return result

    def _publish(self) -> None:
        with self._lock:
            waiting = dict(self._waiting)
        if waiting:
            names = ", ".join(sorted(waiting))
            self._reporter.report(HealthState.fault, f"the disk is full: {names} cannot save "
                                  f"({next(iter(waiting.values()))})",
                                  technician_codes.STORAGE)
        else:
            self._reporter.report(HealthState.ok, "saving works")
