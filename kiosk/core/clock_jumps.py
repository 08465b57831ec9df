"""The wall clock's jumps, told apart from time passing.

A booth's wall clock can move at once: a board without a real-time clock starts at a wrong
time and NTP sets it minutes or days later; a technician corrects it. What the booth writes
down follows the wall clock (the backend reads those times), but what it measures — how long
a screen has waited, how long a payment code has left — must not jump with it. Between two
looks, the wall clock's movement beyond a steady clock's (`time.monotonic`) is a jump.
"""

from __future__ import annotations

from collections.abc import Callable

# Less than this between two looks (about a second apart) is NTP slewing or scheduling noise.
JUMP_TOLERANCE_S = 2.0


class ClockJumps:
    def __init__(self, wall: Callable[[], float], steady: Callable[[], float]):
        self.wall = wall
        self.steady = steady
        self._wall, self._steady = wall(), steady()

    def jumped(self) -> float:
        """Seconds the wall clock jumped since the last look (negative: set back); 0 for none."""
        wall, steady = self.wall(), self.steady()
        moved = (wall - self._wall) - (steady - self._steady)
        self._wall, self._steady = wall, steady
        return moved if abs(moved) > JUMP_TOLERANCE_S else 0.0
