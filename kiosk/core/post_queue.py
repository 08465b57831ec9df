"""The UI thread's work queue for a booth without Qt: the headless demo and the tests.

Services post callbacks from their threads; `run_until` runs them in order on
the calling thread, ticking the booth once a second, until a condition holds.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any


class PostQueue:
    def __init__(self, tick: Callable[[], None] | None = None):
        self.tick = tick
        self._posted: queue.Queue[Callable[[], None]] = queue.Queue()

    def post(self, fn: Callable[[], None]) -> None:
        self._posted.put(fn)

    def run_until(self, condition: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
        """Run posted work until `condition()` is truthy; TimeoutError names `what`."""
        deadline = time.monotonic() + timeout
        next_tick = 0.0
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            if self.tick is not None and time.monotonic() >= next_tick:
                self.tick()
                next_tick = time.monotonic() + 1.0
            try:
                work = self._posted.get(timeout=0.05)
            except queue.Empty:
                continue
            work()
        raise TimeoutError(f"timed out after {timeout:.0f} s waiting for: {what}")
