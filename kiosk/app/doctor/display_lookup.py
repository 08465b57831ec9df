"""Where the installed autostart shows the booth, for a doctor run over SSH (no DISPLAY):
cage's Wayland socket in the user's runtime directory, the systemd unit's display
variables, or the desktop session's usual :0 for the XDG entry."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.app import autostart


@dataclass(frozen=True)
class InstalledDisplay:
    environ: dict[str, str]  # the variables to check the display with
    source: str  # where they come from, in words


def runtime_dir(environ: Mapping[str, str]) -> Path:
    return Path(environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}")


def unit_environment(text: str) -> dict[str, str]:
    """The Environment= assignments of a unit the booth wrote (one per line, maybe quoted)."""
    found = {}
    for line in text.splitlines():
        if line.startswith("Environment="):
            name, _, value = line.removeprefix("Environment=").strip('"').partition("=")
            found[name] = value
    return found


def installed_display(environ: Mapping[str, str]) -> InstalledDisplay | None:
    unit = autostart.unit_path(environ)
    if unit.exists():
        text = unit.read_text(encoding="utf-8", errors="replace")
        if "cage-session" in text:
            runtime = runtime_dir(environ)
            sockets = sorted(p.name for p in runtime.glob("wayland-*")
                             if not p.name.endswith(".lock"))
            if not sockets:
                return None
            return InstalledDisplay({"WAYLAND_DISPLAY": sockets[0],
                                     "XDG_RUNTIME_DIR": str(runtime)},
                                    f"cage's socket in {runtime}, as {unit.name} runs the booth")
        variables = {k: v for k, v in unit_environment(text).items()
                     if k in autostart.DISPLAY_VARIABLES}
        return InstalledDisplay(variables, f"the Environment= of {unit}") if variables else None
    if autostart.xdg_entry_path(environ).exists():
        return InstalledDisplay({"DISPLAY": ":0"}, "the desktop session the XDG entry starts in")
    return None
