"""The doctor on the autostart: which kind is installed, enabled or not, failed or not."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from kiosk.app import autostart
from kiosk.app.doctor.findings import Finding, fail, ok, warn

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
    kind = "the booth alone in cage" if "cage-session" in text else "in the desktop session"
    what = (f"autostart: systemd user unit {path}, {kind} "
            f"({'enabled' if enabled else 'not enabled'}")
    if state is None:
        what += "; systemd user manager not reachable from here, state unknown)"
    else:
        what += f"; {state.get('ActiveState', '?')})"
    restart = f"systemctl --user restart {autostart.UNIT_NAME}"
    if state and state.get("ActiveState") == "failed":
        if state.get("ExecMainStatus") == str(autostart.CONFIG_REFUSED_EXIT):
            return fail(what + ": the booth refused its config",
                        f"fix the config (FAIL lines above, journalctl --user -u "
                        f"{autostart.UNIT_NAME}), then {restart}")
        if state.get("Result") == "start-limit-hit":
            return fail(what + ": restarted too often, systemd gave up",
                        f"journalctl --user -u {autostart.UNIT_NAME} says why; then "
                        f"systemctl --user reset-failed {autostart.UNIT_NAME} && {restart}")
        return fail(what, f"journalctl --user -u {autostart.UNIT_NAME} says why; then {restart}")
    if not enabled:
        return warn(what, f"systemctl --user enable --now {autostart.UNIT_NAME}")
    return ok(what)


def _xdg_enabled(path: Path) -> bool:
    lines = {line.strip() for line in path.read_text(encoding="utf-8",
                                                      errors="replace").splitlines()}
    return not ({"Hidden=true", "X-GNOME-Autostart-enabled=false"} & lines)


def check_autostart(environ: dict[str, str]) -> Iterator[Finding]:
    unit, entry = autostart.unit_path(environ), autostart.xdg_entry_path(environ)
    if unit.exists() and entry.exists():
        yield warn(f"autostart: both {unit} and {entry} are installed: the booth would start "
                   "twice", f"rm {entry}")
    if unit.exists():
        yield _unit_finding(unit, _systemd_state())
    elif entry.exists():
        if _xdg_enabled(entry):
            yield ok(f"autostart: XDG entry {entry} (enabled; nothing restarts a crashed "
                     "booth and the desktop shows around it: `kiosk install-autostart --cage` "
                     "would lock the screen to the booth)")
        else:
            yield warn(f"autostart: XDG entry {entry} is disabled",
                       "kiosk install-autostart --force")
    else:
        yield warn("autostart: none installed: the booth does not start with the machine",
                   "kiosk install-autostart --cage (or --systemd to keep a desktop)")
