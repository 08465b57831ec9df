"""A worker thread that talks to the backend until stopped.

`stop()` aborts the request in flight (a long-poll or a slow answer) and joins
the thread, so shutting the booth down never waits out a network timeout.
"""

from __future__ import annotations

import threading

from sync.api_client import BackendClient


class BackendLoop:
    thread_name = "backend-loop"

    def __init__(self, client: BackendClient):
        self.client = client
        self._stopping = threading.Event()
        self._worker: threading.Thread | None = None

    def start(self) -> None:
        self._stopping.clear()
        self._worker = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._worker.start()

    def stop(self) -> None:
        self._stopping.set()
        self._interrupt_wait()
        if self._worker:
            self.client.abort_and_join(self._worker)
            self._worker = None

    def _interrupt_wait(self) -> None:
        """Cut short any wait of the loop besides `_stopping` (none by default)."""

    def _run(self) -> None:
        raise NotImplementedError
