"""A few threads of their own, below the event loop's CPU priority, for work that burns CPU
outside the interpreter lock (scrypt, image codecs) and may wait for more urgent work.

On Linux a thread has its own nice value: the kernel runs these when the event loop's thread
and the database's threads have nothing to do, or gives them a small share while they do
(nice 10 weighs about a tenth of a normal thread, nice 19 about a seventieth).
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

P = ParamSpec("P")
T = TypeVar("T")


class NicedThreads:
    def __init__(self, name: str, workers: int, nice: int) -> None:
        self.nice = nice
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix=name,
                                            initializer=self._lower_priority)

    def _lower_priority(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), self.nice)

    async def run(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor,
                                          functools.partial(work, *args, **kwargs))

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
