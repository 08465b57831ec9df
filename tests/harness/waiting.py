"""Waiting for something another thread or process does: a deadline, never a bare sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

DEADLINE = 30.0


def wait_for(predicate: Callable[[], Any], what: str = "", timeout: float = DEADLINE) -> Any:
    """Poll until `predicate()` is truthy (returns it) or fail saying what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for: {what or predicate}")
