"""A refused or unwritable setting as a desk's refusal: the problem code, the event's
reason and the data the screen words it from (each refused key, the model's error type and
the limit crossed)."""

from __future__ import annotations

from typing import Any

from kiosk.core.config import ConfigError
from kiosk.core.settings_file import SettingsWriteError

Refusal = tuple[str, str, dict[str, Any]]  # problem, reason, data


def _plain(value: Any) -> Any:
    """A value as an event row can keep it (JSON)."""
    if isinstance(value, str | int | float | bool | list | dict) or value is None:
        return value
    return None


def config_refused(exc: ConfigError, changes: dict[str, Any]) -> Refusal:
    problems = [{"key": p.key, "value": _plain(p.value), "reason": p.reason, "kind": p.kind,
                 "limits": p.limits} for p in exc.problems]
    return ("invalid", "settings refused by the config model",
            {"problems": problems, "changes": changes})


def write_refused(exc: SettingsWriteError) -> Refusal:
    return ("disk_full" if exc.disk_full else "not_writable",
            f"could not write {exc.path}: {exc.reason}",
            {"path": str(exc.path), "error": exc.reason})
