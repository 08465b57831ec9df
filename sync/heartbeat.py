"""The booth's heartbeat: its status to the backend every minute, and soon after a change.

Latest wins: nothing is queued. Each send builds a fresh snapshot, several changes in
quick succession make one heartbeat (`debounce`), and a failed send is tried again with
a new snapshot a little later (`retry`, doubling up to `interval`), so a booth that was
offline for an hour sends one heartbeat when it returns, not an hour of them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from contract.backoff import Backoff
from sync.api_client import BackendClient, BackendError
from sync.backend_loop import BackendLoop

log = logging.getLogger(__name__)

Snapshot = Callable[[], dict[str, Any]]


class HeartbeatSender(BackendLoop):
    thread_name = "heartbeat"

    def __init__(self, client: BackendClient, snapshot: Snapshot, *, interval: float = 60.0,
                 debounce: float = 2.0, retry: float = 5.0):
        super().__init__(client)
        self.snapshot = snapshot
        self.interval = interval
        self.debounce = debounce
        self._backoff = Backoff(retry, interval)
        self._changed = threading.Event()

    def nudge(self) -> None:
        """Something changed: send soon. Cheap and non-blocking (any thread)."""
        self._changed.set()

    def _interrupt_wait(self) -> None:
        self._changed.set()

    def send_once(self) -> bool:
        try:
            self.client.post_heartbeat(self.snapshot())
        except BackendError as exc:
            log.info("heartbeat not delivered (%s); a newer one follows", exc)
            return False
        return True

    def _run(self) -> None:
        wait, failures = 0.0, 0  # the first heartbeat goes at start
        while not self._stopping.is_set():
            if self._changed.wait(wait):
                # A change: let the ones right behind it arrive, then send once for all.
                self._stopping.wait(self.debounce)
            if self._stopping.is_set():
                return
            self._changed.clear()
            if self.send_once():
                wait, failures = self.interval, 0
            else:
                failures += 1
                wait = self._backoff.delay(failures)
