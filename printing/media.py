"""The paper counter: prints left on the roll, set by the technician, spent per sheet.

A sheet is one CUPS copy: a 2x6 strip pair composed on one 4x6 sheet counts once.
The value is cached in memory so `remaining` never touches the disk on the UI thread.
"""

from __future__ import annotations

import threading

from sqlmodel import Session

from kiosk.core.models import Counter
from kiosk.core.settings_fields import number_field
from kiosk.core.store import Store

MEDIA_REMAINING = "media_remaining"
PRINTS_TOTAL = "prints_total"
MAX_ROLL = number_field("printing.roll_size").maximum  # the config model's limit


class MediaCounter:
    def __init__(self, store: Store, roll_size: int):
        self.store = store
        self.roll_size = roll_size
        self._lock = threading.Lock()
        self._remaining = 0

    def load(self) -> int:
        """Read the counter; a booth that never had a roll set starts with a full one."""
        with self.store.transaction() as session:
            row = session.get(Counter, MEDIA_REMAINING)
            if row is None:
                self.store.set_counter(session, MEDIA_REMAINING, self.roll_size)
                self.store.record(session, "printer.roll_set", None,
                                  "first start: a full roll assumed (printing.roll_size)",
                                  {"size": self.roll_size})
                value = self.roll_size
            else:
                value = row.value
        with self._lock:
            self._remaining = value
        return value

    @property
    def remaining(self) -> int:
        with self._lock:
            return self._remaining

    def set_roll(self, size: int, reason: str) -> None:
        if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= MAX_ROLL:
            raise ValueError(f"roll size must be a whole number from 0 to {MAX_ROLL}, "
                             f"got {size!r}")
        with self.store.transaction() as session:
            row = session.get(Counter, MEDIA_REMAINING)
            previous = row.value if row else None
            self.store.set_counter(session, MEDIA_REMAINING, size)
            self.store.record(session, "printer.roll_set", None, reason,
                              {"size": size, "previous": previous})
        with self._lock:
            self._remaining = size

    def spend(self, session: Session, sheets: int) -> int:
        """Count printed sheets inside the caller's transaction; returns what is left.

        Call `commit_spent` with the result once that transaction is committed.
        """
        self.store.add_counter(session, PRINTS_TOTAL, sheets)
        row = session.get(Counter, MEDIA_REMAINING)
        left = max(0, (row.value if row else self.roll_size) - sheets)
        self.store.set_counter(session, MEDIA_REMAINING, left)
        return left

    def commit_spent(self, left: int) -> None:
        with self._lock:
            self._remaining = left
