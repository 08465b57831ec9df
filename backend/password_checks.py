"""Password checks (scrypt, some 0.1 s of CPU each) on a small pool of their own threads.

The event loop never runs one, so wrong logins cannot stall webhooks or long-polls; the
pool has two threads (the scrypt of OpenSSL releases the GIL) at the lowest CPU priority
(nice 19: on a busy machine the event loop's thread comes first), and at most MAX_PENDING
checks may wait for them: the next one is refused at once (PoolBusy → 429), so a storm of
logins costs the server spare CPU and nothing more.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

WORKERS = 2
MAX_PENDING = 8
NICE = 19

P = ParamSpec("P")
T = TypeVar("T")


def _lowest_priority() -> None:
    """On Linux a thread has its own nice value: this one yields the CPU to the loop's."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)


class PoolBusy(Exception):
    """As many checks as the pool takes are already under way: try again in a moment."""


class PasswordChecks:
    def __init__(self, workers: int = WORKERS, max_pending: int = MAX_PENDING) -> None:
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="password-check",
                                            initializer=_lowest_priority)
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
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self._executor, functools.partial(check, *args, **kwargs))
        finally:
            self._pending -= 1

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
