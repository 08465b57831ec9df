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
        return None, [fail("config.invalid", "config.invalid.fix", source=exc.source,
                           problem=problem) for problem in exc.problems]
    if not target.exists():
        return config, [warn("config.missing", "config.missing.fix", path=target)]
    return config, [ok("config.valid", path=target)]


def check_data_dir(config: KioskConfig) -> Iterator[Finding]:
    directory = config.data_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".doctor-"):
            pass
    except OSError as exc:
        yield fail("data_dir.unwritable", "data_dir.unwritable.fix", path=directory,
                   why=exc.strerror or exc, user=os.environ.get("USER", "BOOTH_USER"))
        return
    free = shutil.disk_usage(directory).free
    if free < LOW_DISK_BYTES:
        yield warn("data_dir.low", "data_dir.low.fix", path=directory, gib=free / 1024**3,
                   keep_days=config.storage.keep_days)
    else:
        yield ok("data_dir.ok", path=directory, gib=free / 1024**3)


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
        yield ok("display.offscreen", platform=platform)
        return
    if platform in autostart.SESSIONLESS_PLATFORMS:
        yield ok("display.sessionless", platform=platform)
        return
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        yield from _reach_display(environ, "")
        return
    # Over SSH: the screen the installed autostart shows the booth on.
    installed = installed_display(environ)
    if installed is None:
        yield fail("display.none", "display.none.fix")
        return
    yield from _reach_display({**environ, **installed.environ}, f" ({installed.source})")


def _reach_display(environ: dict[str, str], source: str) -> Iterator[Finding]:
    try:
        target = _display_socket(environ)
    except ValueError:
        yield fail("display.bad_name", "display.use_display_0", display=environ.get("DISPLAY"))
        return
    if target is None:
        yield fail("display.unset", "display.use_display_0")
        return
    name, connect = target
    try:
        connect()
    except OSError as exc:
        yield fail("display.silent", "display.silent.fix", name=name, source=source,
                   why=exc.strerror or exc)
        return
    yield ok("display.ok", name=name, source=source)
