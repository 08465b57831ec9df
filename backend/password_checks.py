"""Password checks (scrypt, some 0.1 s of CPU each) on a small pool of their own threads.

The event loop never runs one, so wrong logins cannot stall webhooks or long-polls; the
pool has two threads (the scrypt of OpenSSL releases the GIL) at the lowest CPU priority
(nice 19: on a busy machine the event loop's thread comes first), and at most MAX_PENDING
checks may wait for them: the next one is refused at once (PoolBusy → 429), so a storm of
logins costs the server spare CPU and nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from backend.niced_threads import NicedThreads

WORKERS = 2
MAX_PENDING = 8
NICE = 19

P = ParamSpec("P")
T = TypeVar("T")


class PoolBusy(Exception):
    """As many checks as the pool takes are already under way: try again in a moment."""


class PasswordChecks:
    def __init__(self, workers: int = WORKERS, max_pending: int = MAX_PENDING) -> None:
        self._threads = NicedThreads("password-check", workers, NICE)
        self._max_pending = max_pending
        self._pending = 0  # only touched on the event loop

    @property
    def busy(self) -> bool:
        """As many checks as the pool takes are under way: the next would be refused."""
        return self._pending >= self._max_pending

    async def run(self, check: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if self.busy:
            raise PoolBusy(f"{self._pending} password checks under way")
        self._pending += 1
        try:
            return await self._threads.run(check, *args, **kwargs)
        finally:
            self._pending -= 1

    def shutdown(self) -> None:
        self._threads.shutdown()
