"""The doctor on this machine: the config, the data dir and its disk, the display."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from kiosk.app import autostart
from kiosk.app.doctor.display_lookup import installed_display
from kiosk.app.doctor.findings import Finding, fail, ok, warn
from kiosk.core.config import ConfigError, KioskConfig, default_config_path, load_config

LOW_DISK_BYTES = 2 * 1024**3


def check_config(path: Path | None) -> tuple[KioskConfig | None, list[Finding]]:
    target = path or default_config_path()
    try:
        config = load_config(path, required=path is not None)
    except ConfigError as exc:
        fix = f"edit {exc.source} (every key: assets/kiosk.example.toml), then `kiosk doctor`"
        return None, [fail(f"config {exc.source}: {problem}", fix) for problem in exc.problems]
    if not target.exists():
        return config, [warn(f"config: no file at {target}, running on defaults",
                             f"write {target} with [backend] url and device_token "
                             "(README, 'Install a booth')")]
    return config, [ok(f"config {target} is valid")]


def check_data_dir(config: KioskConfig) -> Iterator[Finding]:
    directory = config.data_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".doctor-"):
            pass
    except OSError as exc:
        yield fail(f"data dir {directory} is not writable: {exc.strerror or exc}",
                   f"sudo chown -R {os.environ.get('USER', 'BOOTH_USER')} {directory}, "
                   "or set storage.data_dir")
        return
    free = shutil.disk_usage(directory).free
    what = f"data dir {directory} writable, {free / 1024**3:.1f} GiB free"
    if free < LOW_DISK_BYTES:
        yield warn(what + " (under 2 GiB)",
                   f"free space on that disk, or lower storage.keep_days "
                   f"(now {config.storage.keep_days})")
    else:
        yield ok(what)


def _display_socket(environ: dict[str, str]) -> tuple[str, Callable[[], None]] | None:
    """What to connect to for the display the environment names, if any."""
    wayland = environ.get("WAYLAND_DISPLAY", "")
    if wayland:
        path = wayland if wayland.startswith("/") else \
            str(Path(environ.get("XDG_RUNTIME_DIR", "/run/user/0")) / wayland)
        return f"Wayland {wayland}", lambda: _connect_unix(path)
    display = environ.get("DISPLAY", "")
    if display:
        host, _, rest = display.rpartition(":")
        number = int(rest.split(".")[0] or 0)
        if host in ("", "unix"):
            return f"X11 {display}", lambda: _connect_unix(f"/tmp/.X11-unix/X{number}")
        return f"X11 {display}", lambda: socket.create_connection((host, 6000 + number),
                                                                  timeout=3).close()
    return None


def _connect_unix(path: str) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(3)
        sock.connect(path)


def check_display(environ: dict[str, str]) -> Iterator[Finding]:
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform in ("offscreen", "minimal"):
        yield ok(f"display: QT_QPA_PLATFORM={platform} (draws off screen: nothing is shown)")
        return
    if platform in autostart.SESSIONLESS_PLATFORMS:
        yield ok(f"display: QT_QPA_PLATFORM={platform} (draws without a desktop)")
        return
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        yield from _reach_display(environ, "")
        return
    # Over SSH: the screen the installed autostart shows the booth on.
    installed = installed_display(environ)
    if installed is None:
        yield fail("display: neither DISPLAY nor WAYLAND_DISPLAY is set, and no installed "
                   "autostart names one",
                   "run it where the booth runs (cage: XDG_RUNTIME_DIR=/run/user/$(id -u) "
                   "WAYLAND_DISPLAY=wayland-0 kiosk doctor), or DISPLAY=:0 kiosk doctor")
        return
    yield from _reach_display({**environ, **installed.environ}, f" ({installed.source})")


def _reach_display(environ: dict[str, str], source: str) -> Iterator[Finding]:
    try:
        target = _display_socket(environ)
    except ValueError:
        yield fail(f"display: DISPLAY={environ.get('DISPLAY')!r} is not a display name",
                   "DISPLAY=:0 kiosk doctor")
        return
    if target is None:
        yield fail("display: neither DISPLAY nor WAYLAND_DISPLAY is set",
                   "DISPLAY=:0 kiosk doctor")
        return
    name, connect = target
    try:
        connect()
    except OSError as exc:
        yield fail(f"display: {name}{source} does not answer ({exc.strerror or exc})",
                   "start the booth's screen (its autostart, or log the booth user in), "
                   "or point DISPLAY at it")
        return
    yield ok(f"display: {name}{source} reachable")
