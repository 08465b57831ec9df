"""`kiosk install-autostart`: start the booth when the machine starts, and keep it running.

Two kinds. The XDG autostart entry (`~/.config/autostart/photobooth-kiosk.desktop`) is
run by the desktop when the booth's user logs in; nothing restarts it. The systemd user
unit (`~/.config/systemd/user/photobooth-kiosk.service`) is `Type=notify` with a
watchdog: systemd restarts a booth that crashed or whose UI thread froze.

With `--cage` the unit runs the booth alone in Debian's `cage` Wayland kiosk compositor:
one fullscreen window and nothing behind it (no desktop, panel or notification), started
from the user's own systemd at boot (console autologin, lingering). cage exits 0 whatever
its client's status, so the unit's main process is `kiosk cage-session`, which runs cage
with the booth inside and exits with the booth's own code.

Exit codes of `kiosk` the unit relies on: 2 = the config was refused (the key and the
reason are in the journal; restarting cannot help, so the unit stops there and shows it),
4 = the technician chose "Exit to desktop" (stays stopped until started again),
3 = no display yet (restarted), anything else = a crash (restarted, at most
START_LIMIT_BURST times in START_LIMIT_INTERVAL, so a broken booth stays visible as failed
instead of restarting for ever).
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.power_actions import EXIT_APP_CODE
from kiosk.core.version import package_version

UNIT_NAME = "photobooth-kiosk.service"
DESKTOP_NAME = "photobooth-kiosk.desktop"
CONFIG_REFUSED_EXIT = 2
RESTART_SEC = 10
WATCHDOG_SEC = 30
START_LIMIT_INTERVAL = 600
START_LIMIT_BURST = 5
# Variables the booth's screen needs, taken from the shell that installs the unit.
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "QT_QPA_PLATFORM")
# Qt platforms that draw without a desktop session (a Pi console): the unit then starts
# with the user's own systemd, which runs at boot only with lingering on.
SESSIONLESS_PLATFORMS = ("eglfs", "linuxfb", "vnc")
# The booth inside cage: Qt on cage's Wayland socket, no window decoration.
CAGE_ENVIRONMENT = ("QT_QPA_PLATFORM=wayland", "QT_WAYLAND_DISABLE_WINDOWDECORATION=1")


class AutostartError(Exception):
    """Cannot install: the message says why and what to do."""


@dataclass(frozen=True)
class AutostartFile:
    kind: str  # "xdg", "systemd" or "cage"
    path: Path
    text: str
    next_steps: list[str]


def config_home(environ: Mapping[str, str]) -> Path:
    configured = environ.get("XDG_CONFIG_HOME", "")
    return Path(configured) if configured.startswith("/") else Path.home() / ".config"


def xdg_entry_path(environ: Mapping[str, str]) -> Path:
    return config_home(environ) / "autostart" / DESKTOP_NAME


def unit_path(environ: Mapping[str, str]) -> Path:
    return config_home(environ) / "systemd" / "user" / UNIT_NAME


def installed_kiosk() -> Path:
    """The absolute path of this installation's `kiosk` command (beside its Python)."""
    command = Path(sys.executable).with_name("kiosk")
    if not command.is_file():
        raise AutostartError(f"no `kiosk` command beside {sys.executable}: install the booth "
                             "from its wheel first (README, 'Install a booth')")
    return command.absolute()


def _desktop_quote(argument: str) -> str:
    # Desktop Entry Specification, "The Exec key": % is a field code, quoting with "".
    argument = argument.replace("%", "%%")
    if re.search(r'[\s"\'\\><~|&;$*?#()`]', argument):
        escaped = re.sub(r'(["`$\\])', r"\\\1", argument)
        return f'"{escaped}"'.replace("\\", "\\\\")
    return argument


def _systemd_quote(argument: str) -> str:
    # systemd.service, "Command lines": % starts a specifier, $ a variable, "" quotes.
    argument = argument.replace("%", "%%").replace("$", "$$")
    if re.search(r'[\s"\'\\;]', argument):
        return '"' + argument.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return argument


def _arguments(kiosk: Path, config: Path | None) -> list[str]:
    return [str(kiosk), *(["--config", str(config.absolute())] if config else [])]


def xdg_entry(kiosk: Path, config: Path | None, environ: Mapping[str, str]) -> AutostartFile:
    exec_line = " ".join(_desktop_quote(a) for a in _arguments(kiosk, config))
    text = f"""[Desktop Entry]
Type=Application
Version=1.0
Name=Photobooth Kiosk
Comment=Starts the paid photobooth when this user logs in
Exec={exec_line}
Icon=camera-photo
Terminal=false
NoDisplay=true
StartupNotify=false
X-GNOME-Autostart-enabled=true
X-GNOME-Autostart-Delay=5
"""
    steps = ["The booth starts the next time this user logs in to the desktop "
             "(turn on automatic login in the display manager)."]
    return AutostartFile("xdg", xdg_entry_path(environ), text, steps)


def _display_environment(environ: Mapping[str, str]) -> list[str]:
    found = [f"{name}={environ[name]}" for name in DISPLAY_VARIABLES if environ.get(name)]
    return found or ["DISPLAY=:0"]


def systemd_unit(kiosk: Path, config: Path | None, environ: Mapping[str, str], *,
                 cage: bool = False, rotate: int = 0) -> AutostartFile:
    sessionless = cage or environ.get("QT_QPA_PLATFORM", "") in SESSIONLESS_PLATFORMS
    target = "default.target" if sessionless else "graphical-session.target"
    session = "" if sessionless else f"PartOf={target}\nAfter={target}\n"
    arguments = _arguments(kiosk, config)
    if cage:
        arguments = [*arguments, "cage-session", *(["--rotate", str(rotate)] if rotate else [])]
    exec_line = " ".join(_systemd_quote(a) for a in arguments)
    variables = list(CAGE_ENVIRONMENT) if cage else _display_environment(environ)
    environment = "\n".join(f"Environment={_systemd_quote(v)}" for v in variables)
    # Under cage the booth is the main process's grandchild: it sends READY and WATCHDOG.
    notify_access = "all" if cage else "main"
    option = "--cage" if cage else "--systemd"
    text = f"""# Written by `kiosk install-autostart {option}` (kiosk {package_version()}).
[Unit]
Description=Photobooth kiosk
{session}# A booth that keeps crashing stops after {START_LIMIT_BURST} starts in \
{START_LIMIT_INTERVAL} s and shows as failed.
StartLimitIntervalSec={START_LIMIT_INTERVAL}
StartLimitBurst={START_LIMIT_BURST}

[Service]
Type=notify
NotifyAccess={notify_access}
UMask=0077
ExecStart={exec_line}
{environment}
# READY=1 comes once the first screen is painted; WATCHDOG=1 from the UI thread.
TimeoutStartSec=120
WatchdogSec={WATCHDOG_SEC}
Restart=always
RestartSec={RESTART_SEC}
# Exit {CONFIG_REFUSED_EXIT}: the config was refused (the key and the reason are in the journal).
# Restarting cannot help: fix it (`kiosk doctor` names it), then restart the unit.
# Exit {EXIT_APP_CODE}: "Exit to desktop" from the service menu; stays stopped until
# systemctl --user start {UNIT_NAME}
RestartPreventExitStatus={CONFIG_REFUSED_EXIT} {EXIT_APP_CODE}
TimeoutStopSec=30

[Install]
WantedBy={target}
"""
    steps = ["systemctl --user daemon-reload",
             f"systemctl --user enable --now {UNIT_NAME}"]
    if not cage and not any(environ.get(name) for name in DISPLAY_VARIABLES):
        steps.append("# no display in this shell: the unit assumes DISPLAY=:0; edit its "
                     "Environment= line if the booth's screen is another")
    if sessionless:
        steps.append(f"sudo loginctl enable-linger {getpass.getuser()}   "
                     "# no desktop session here: start this user's systemd at boot")
    return AutostartFile("cage" if cage else "systemd", unit_path(environ), text, steps)


def install(file: AutostartFile, *, force: bool) -> None:
    if file.path.exists() and not force:
        raise AutostartError(f"{file.path} exists already: `kiosk install-autostart"
                             f"{'' if file.kind == 'xdg' else ' --' + file.kind} --force` "
                             "replaces it")
    file.path.parent.mkdir(parents=True, exist_ok=True)
    staged = file.path.with_name(file.path.name + ".new")
    staged.write_text(file.text, encoding="utf-8")
    staged.replace(file.path)


def install_autostart_command(args: argparse.Namespace,
                              environ: Mapping[str, str] = os.environ) -> int:
    """`kiosk install-autostart [--systemd | --cage] [--dry-run] [--force]`; exit 0, or 1."""
    try:
        kiosk = installed_kiosk()
        config = args.config
        if config is not None and not config.is_file():
            raise AutostartError(f"--config {config}: no such file (the booth would refuse "
                                 "to start)")
        if args.cage:
            if shutil.which("cage") is None:
                raise AutostartError("cage is not installed: sudo apt-get install -y cage")
            file = systemd_unit(kiosk, config, environ, cage=True, rotate=args.rotate)
        elif args.systemd:
            file = systemd_unit(kiosk, config, environ)
        else:
            file = xdg_entry(kiosk, config, environ)
        if args.dry_run:
            print(f"would write {file.path}:\n")
            print(file.text)
            print("then:")
        else:
            install(file, force=args.force)
            print(f"wrote {file.path}\nnow:")
    except AutostartError as exc:
        print(f"kiosk install-autostart: {exc}", file=sys.stderr)
        return 1
    for step in file.next_steps:
        print(f"  {step}")
    return 0
