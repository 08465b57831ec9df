"""What a doctor check finds: OK, WARN or FAIL, what, and the exact fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum


class Level(IntEnum):
    ok = 0
    warn = 1
    fail = 2


@dataclass(frozen=True)
class Finding:
    level: Level
    what: str
    fix: str = ""

    def line(self) -> str:
        fix = f"  → {self.fix}" if self.fix else ""
        return f"{self.level.name.upper():<4}  {self.what}{fix}"

    def as_json(self) -> dict[str, str]:
        return {**asdict(self), "level": self.level.name}


def ok(what: str) -> Finding:
    return Finding(Level.ok, what)


def warn(what: str, fix: str) -> Finding:
    return Finding(Level.warn, what, fix)


def fail(what: str, fix: str) -> Finding:
    return Finding(Level.fail, what, fix)
