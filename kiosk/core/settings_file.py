"""Writing settings back into the booth's TOML file: validated first, then atomically.

The file is edited with tomlkit, so the operator's comments and layout stay where they
were. The result is checked by the config model (the limits and messages of `kiosk
config check`) before anything is written; then it goes to a temporary file in the same
directory, is flushed to disk and renamed over the old one, which is kept as `.bak`
(`kiosk.core.atomic_file`).
A failure at any step leaves the old file as it was.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Table

from kiosk.core.atomic_file import write_atomically
from kiosk.core.config import ConfigError, ConfigProblem, KioskConfig, validate_config


class SettingsWriteError(Exception):
    """The settings were valid but the file could not be written; `disk_full` says why."""

    def __init__(self, path: Path, reason: str, *, disk_full: bool = False):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.disk_full = disk_full


def updated_document(text: str, changes: Mapping[str, Any], source: str) -> tomlkit.TOMLDocument:
    """The file's document with `changes` ("section.key" or "packages") applied."""
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise ConfigError(source, [ConfigProblem("(file)", source,
                                                 f"not valid TOML: {exc}")]) from None
    for key, value in changes.items():
        if key == "packages":
            tables = AoT([])
            for package in value:
                table = tomlkit.table()
                table.update(package)
                tables.append(table)
            document["packages"] = tables
            continue
        section_name, _, name = key.partition(".")
        section = document.get(section_name)
        if not isinstance(section, Table):
            section = tomlkit.table()
            document[section_name] = section
        section[name] = value
    return document


def write_settings(path: Path, changes: Mapping[str, Any]) -> KioskConfig:
    """Validate the file with `changes`, write it atomically, and return the new config.

    ConfigError: a value is refused (nothing written). SettingsWriteError: it could not be
    written (the old file is untouched).
    """
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except OSError as exc:
        raise SettingsWriteError(path, exc.strerror or str(exc)) from None
    document = updated_document(text, changes, str(path))
    config = validate_config(document.unwrap(), str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, tomlkit.dumps(document), keep_backup=True)
    except OSError as exc:
        raise SettingsWriteError(path, exc.strerror or str(exc),
                                 disk_full=exc.errno == errno.ENOSPC) from None
    return config
