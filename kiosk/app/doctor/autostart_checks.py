"""The doctor on the autostart: which kind is installed, enabled or not, failed or not."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from kiosk.app import autostart
from kiosk.app.doctor.findings import Finding, fail, ok, warn
from kiosk.app.doctor.words import say

SYSTEMCTL_TIMEOUT = 5.0


def unit_state(text: str) -> dict[str, str]:
    """`systemctl --user show -p …` output as a mapping."""
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def _systemd_state() -> dict[str, str] | None:
    if shutil.which("systemctl") is None:
        return None
    try:
        shown = subprocess.run(
            ["systemctl", "--user", "show", autostart.UNIT_NAME,
             "-p", "ActiveState,Result,ExecMainStatus"],
            capture_output=True, text=True, timeout=SYSTEMCTL_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return unit_state(shown.stdout) if shown.returncode == 0 else None


def _unit_finding(path: Path, state: dict[str, str] | None) -> Finding:
    text = path.read_text(encoding="utf-8", errors="replace")
    target = next((line.split("=", 1)[1].strip() for line in text.splitlines()
                   if line.startswith("WantedBy=")), "default.target")
    enabled = (path.parent / f"{target}.wants" / autostart.UNIT_NAME).exists()
    unit = {"path": path, "unit": autostart.UNIT_NAME,
            "kind": say("autostart.cage" if "cage-session" in text else "autostart.desktop"),
            "enabled": say("autostart.enabled" if enabled else "autostart.not_enabled"),
            "state": say("autostart.state_unknown") if state is None
            else state.get("ActiveState", "?")}
    if state and state.get("ActiveState") == "failed":
        if state.get("ExecMainStatus") == str(autostart.CONFIG_REFUSED_EXIT):
            return fail("autostart.config_refused", "autostart.config_refused.fix", **unit)
        if state.get("Result") == "start-limit-hit":
            return fail("autostart.gave_up", "autostart.gave_up.fix", **unit)
        return fail("autostart.unit", "autostart.failed.fix", **unit)
    if not enabled:
        return warn("autostart.unit", "autostart.enable.fix", **unit)
    return ok("autostart.unit", **unit)


def _xdg_enabled(path: Path) -> bool:
    lines = {line.strip() for line in path.read_text(encoding="utf-8",
                                                      errors="replace").splitlines()}
    return not ({"Hidden=true", "X-GNOME-Autostart-enabled=false"} & lines)


def check_autostart(environ: dict[str, str]) -> Iterator[Finding]:
    unit, entry = autostart.unit_path(environ), autostart.xdg_entry_path(environ)
    if unit.exists() and entry.exists():
        yield warn("autostart.twice", "autostart.twice.fix", unit=unit, entry=entry)
    if unit.exists():
        yield _unit_finding(unit, _systemd_state())
    elif entry.exists():
        if _xdg_enabled(entry):
            yield ok("autostart.xdg", entry=entry)
        else:
            yield warn("autostart.xdg_disabled", "autostart.xdg_disabled.fix", entry=entry)
    else:
        yield warn("autostart.none", "autostart.none.fix")
