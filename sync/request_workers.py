"""A few long-lived threads that each run one request and its callback at a time.

A thread keeps its HTTP connection between requests (BackendClient keeps one session per
thread), so the next QR or cancel starts neither a thread nor, while the backend keeps the
connection open, a TCP connection. `join_all` waits for what was handed over and ends the
workers; the next request starts them again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)


class RequestWorkers:
    def __init__(self, name: str, size: int = 3) -> None:
        self.name = name
        self.size = size
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def run(self, target: Callable[..., None], *args: Any) -> None:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.size,
                                                thread_name_prefix=self.name)
            self._pool.submit(self._guarded, target, *args)

    def join_all(self) -> None:
        """Wait for every request handed over; the workers end."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def _guarded(self, target: Callable[..., None], *args: Any) -> None:
        try:
            target(*args)
        except Exception:
            log.exception("%s: a request's worker failed", self.name)
