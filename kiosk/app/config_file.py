"""Write a kiosk.toml from settings (section → key → value), as `kiosk demo` leaves one for
`kiosk doctor --config`. Only what the config model holds: text, numbers, booleans, lists
of those, and arrays of tables (the packages)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"{type(value).__name__} has no place in kiosk.toml")


def _table(header: str, values: dict[str, Any]) -> list[str]:
    return [header, *(f"{key} = {_value(value)}" for key, value in values.items()), ""]


def to_toml(settings: dict[str, Any]) -> str:
    lines: list[str] = []
    for section, values in settings.items():
        if isinstance(values, dict):
            lines += _table(f"[{section}]", values)
        elif isinstance(values, list) and all(isinstance(item, dict) for item in values):
            for item in values:
                lines += _table(f"[[{section}]]", item)
        else:
            raise TypeError(f"{section}: kiosk.toml holds sections, got {type(values).__name__}")
    return "\n".join(lines)


def write_config(path: Path, settings: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_suffix(".toml.new")
    staged.write_text(to_toml(settings), encoding="utf-8")
    staged.replace(path)
    return path
