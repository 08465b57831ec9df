"""The one retry delay of both programs (the booth's workers, the backend's LISTEN
connection): doubling from a base up to a cap, optionally with full jitter (a uniform pick
below the delay, so booths that lost the backend together do not come back together)."""

from __future__ import annotations

import random
from dataclasses import dataclass

# 2**64 times any base is past every cap; a longer run of failures changes nothing.
MAX_DOUBLINGS = 64


@dataclass(frozen=True)
class Backoff:
    base: float = 2.0
    cap: float = 20.0
    jitter: bool = False

    def ceiling(self, failures: int) -> float:
        """The delay after `failures` failures in a row: base, 2 × base, 4 × base, … ≤ cap."""
        return min(self.cap, self.base * 2 ** min(MAX_DOUBLINGS, max(0, failures - 1)))

    def delay(self, failures: int) -> float:
        """Seconds to wait before the next attempt: the ceiling, or a pick below it."""
        ceiling = self.ceiling(failures)
        return random.uniform(0, ceiling) if self.jitter else ceiling
