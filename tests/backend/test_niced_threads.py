"""The photo work's and the password checks' threads run below the event loop's priority."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable

import pytest

from backend.image_threads import NICE as IMAGE_NICE
from backend.image_threads import image_threads
from backend.niced_threads import NicedThreads
from backend.password_checks import NICE as PASSWORD_NICE
from backend.password_checks import PasswordChecks


def own_nice_and_name() -> tuple[int, str]:
    return (os.getpriority(os.PRIO_PROCESS, threading.get_native_id()),
            threading.current_thread().name)


@pytest.mark.parametrize(("threads", "nice", "name"), [
    (image_threads, IMAGE_NICE, "image"),
    (PasswordChecks, PASSWORD_NICE, "password-check"),
], ids=["photo work", "password checks"])
def test_each_pool_runs_its_work_on_its_own_threads_below_the_loops_priority(
        threads: Callable[[], NicedThreads | PasswordChecks], nice: int, name: str) -> None:
    pool = threads()
    try:
        ran_at, ran_on = asyncio.run(pool.run(own_nice_and_name))
    finally:
        pool.shutdown()
    assert (ran_at, ran_on.split("_")[0]) == (nice, name)
