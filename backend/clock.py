"""Wall clock with an offset, so the 12 h expiry can be exercised (sandbox only)."""

from __future__ import annotations

import time
from datetime import UTC, datetime


class Clock:
    def __init__(self) -> None:
        self._offset_ms = 0

    def now_ms(self) -> int:
        return int(time.time() * 1000) + self._offset_ms

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.now_ms() / 1000, tz=UTC)

    def advance(self, ms: int) -> None:
        self._offset_ms += ms
