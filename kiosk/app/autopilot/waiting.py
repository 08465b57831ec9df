"""Waiting on the booth while its event loop runs: a deadline, never a bare sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtTest import QTest

T = TypeVar("T")
DEADLINE_S = 90.0


class Stuck(RuntimeError):
    """The booth never reached what the customer was waiting for."""


def wait_until(predicate: Callable[[], T], what: str, timeout: float = DEADLINE_S) -> T:
    """Run Qt's events until `predicate()` is truthy (returns it) or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise Stuck(f"waited {timeout:.0f} s for {what}")
        QTest.qWait(20)
