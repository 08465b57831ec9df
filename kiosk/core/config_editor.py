"""The one place the running booth's settings change.

A change is validated by constructing the config model from the running settings with
the change applied (the limits, the cross-checks and the messages of `kiosk config
check`), written to kiosk.toml (0600, atomically, comments kept: `settings_file`), and
only then swapped in whole: the booth's parts all hold the one `KioskConfig` object, whose
fields are replaced by the new validated model's in a single assignment, never one
setting at a time, so no reader sees half an edit and nothing reaches the booth unchecked.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.core.config import KioskConfig, validate_config
from kiosk.core.settings_file import write_settings


def with_changes(config: KioskConfig, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The config's values with `changes` ("section.key" or "packages") applied."""
    data = config.model_dump()
    for key, value in changes.items():
        section, _, name = key.partition(".")
        if name:
            data[section][name] = value
        else:
            data[section] = value
    return data


class ConfigEditor:
    def __init__(self, config: KioskConfig, path: Path):
        self.config = config  # the running booth's, shared by all its parts
        self.path = path

    def write(self, changes: Mapping[str, Any]) -> KioskConfig:
        """The new validated config, once kiosk.toml holds the changes (call on a worker).

        ConfigError: refused by the model (nothing written). SettingsWriteError: the file
        could not be written (it is as it was)."""
        proposed = validate_config(with_changes(self.config, changes), str(self.path))
        write_settings(self.path, changes)
        return proposed

    def swap(self, new: KioskConfig) -> None:
        """Make `new` the running config (on the UI thread, where the flow reads it)."""
        object.__setattr__(self.config, "__dict__", dict(new.__dict__))
