"""A service's health, told to its listener only when it changes.

The camera, the printer and the backend link each hold one. A state that stays keeps its
`since` (a fault's grace period counts from its start); a listener that raises is logged
and never stops the service's worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.core.ports import Health, HealthCallback, HealthState

log = logging.getLogger(__name__)


class HealthReporter:
    def __init__(self, name: str, on_health: HealthCallback | None, clock: Callable[[], float],
                 message: str, *, message_matters: bool = True) -> None:
        """`message_matters=False`: a new message alone (another error text of the same
        fault) is not a change."""
        self.name = name
        self.on_health = on_health
        self.clock = clock
        self.message_matters = message_matters
        self._lock = threading.Lock()
        self._health = Health(HealthState.starting, message, clock())

    @property
    def current(self) -> Health:
        with self._lock:
            return self._health

    def report(self, state: HealthState, message: str, code: str | None = None) -> bool:
        """Record the health; True (and the listener told) when it changed."""
        with self._lock:
            previous = self._health
            if state is previous.state and code == previous.code and (
                    message == previous.message or not self.message_matters):
                return False
            since = previous.since if state is previous.state else self.clock()
            self._health = health = Health(state, message, since, code)
        if self.on_health is not None:
            try:
                self.on_health(health)
            except Exception:
                log.exception("%s: the health listener failed", self.name)
        return True
