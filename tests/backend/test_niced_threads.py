"""The photo work's and the password checks' threads run below the event loop's priority."""

from __future__ import annotations

import asyncio
import os
import threading

from backend.image_threads import NICE as IMAGE_NICE
from backend.image_threads import image_threads
from backend.password_checks import NICE as PASSWORD_NICE
from backend.password_checks import PasswordChecks


def own_nice_and_name() -> tuple[int, str]:
    return (os.getpriority(os.PRIO_PROCESS, threading.get_native_id()),
            threading.current_thread().name)


def test_photo_work_runs_on_its_own_threads_below_the_loops_priority() -> None:
    threads = image_threads()
    try:
        nice, name = asyncio.run(threads.run(own_nice_and_name))
    finally:
        threads.shutdown()
    assert (nice, name.split("_")[0]) == (IMAGE_NICE, "image")


def test_password_checks_run_at_the_lowest_priority() -> None:
    checks = PasswordChecks()
    try:
        nice, name = asyncio.run(checks.run(own_nice_and_name))
    finally:
        checks.shutdown()
    assert (nice, name.split("_")[0]) == (PASSWORD_NICE, "password-check")
