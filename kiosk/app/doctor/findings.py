"""What a doctor check finds: OK, WARN or FAIL, what, and the exact fix, each a catalogue
sentence (words.py) said in the reader's language when printed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from kiosk.app.doctor.words import Phrase, say


class Level(IntEnum):
    ok = 0
    warn = 1
    fail = 2


@dataclass(frozen=True)
class Finding:
    level: Level
    what: Phrase
    fix: Phrase | None = None

    def line(self, language: str) -> str:
        fix = f"  → {self.fix.text(language)}" if self.fix else ""
        return f"{self.level.name.upper():<4}  {self.what.text(language)}{fix}"

    def as_json(self, language: str) -> dict[str, str]:
        """The sentences, and for support the key of what was found ("code") and the
        system's own words, if any ("detail")."""
        return {"level": self.level.name, "what": self.what.text(language),
                "fix": self.fix.text(language) if self.fix else "", "code": self.what.key,
                "detail": str(self.what.values.get("detail", ""))}


def ok(key: str, **values: Any) -> Finding:
    """`key` said with `values`."""
    return Finding(Level.ok, say(key, **values))


def warn(key: str, fix: str, **values: Any) -> Finding:
    """`key` and its `fix`, both catalogue keys said with the same `values`."""
    return Finding(Level.warn, say(key, **values), say(fix, **values))


def fail(key: str, fix: str, **values: Any) -> Finding:
    return Finding(Level.fail, say(key, **values), say(fix, **values))
