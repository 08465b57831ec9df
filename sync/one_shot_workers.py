"""Threads that each do one request and its callback, joined together on stop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class OneShotWorkers:
    def __init__(self) -> None:
        self._workers: list[threading.Thread] = []
        self._lock = threading.Lock()

    def run(self, name: str, target: Callable[..., None], *args: Any) -> None:
        worker = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._workers = [w for w in self._workers if w.is_alive()]
            self._workers.append(worker)
        worker.start()

    def join_all(self) -> None:
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.join()
