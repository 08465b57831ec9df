"""`kiosk doctor`: what a technician at a dark booth runs first.

Each check prints one line, `OK | WARN | FAIL  what  → the exact fix`. Exit 0 when all
are OK, 1 when some WARN, 2 when some FAIL. A check that cannot run is a FAIL with its
reason, never a traceback. It reads the booth's store read-only and never changes it, so
it can run beside a running booth (except that a running booth holds a webcam or DSLR).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func
from sqlmodel import Session, col, select

from kiosk.app import autostart
from kiosk.camera.backend import CameraFault, CameraUnavailable
from kiosk.camera.service import make_backend
from kiosk.core.config import ConfigError, KioskConfig, default_config_path, load_config
from kiosk.core.models import Counter, OutboxItem
from kiosk.core.ports import PrinterState
from printing.cups_client import CupsClient, PrintRefused, PrintSystemUnavailable
from printing.media import MEDIA_REMAINING
from printing.status import status_from_attributes
from sync.api_client import BackendClient, BackendError, Unauthorized
from sync.backend_clock import clock_skew

LOW_DISK_BYTES = 2 * 1024**3
CLOCK_SKEW_LIMIT = 60.0
CAMERA_DEADLINE = 15.0
BACKEND_TIMEOUT = 5.0
OUTBOX_STALE_SECONDS = 3600.0
SYSTEMCTL_TIMEOUT = 5.0
DS620_MODEL = "gutenprint.5.3://dnp-ds620/expert"


class Level(IntEnum):
    ok = 0
    warn = 1
    fail = 2


@dataclass(frozen=True)
class Finding:
    level: Level
    what: str
    fix: str = ""

    def line(self) -> str:
        fix = f"  → {self.fix}" if self.fix else ""
        return f"{self.level.name.upper():<4}  {self.what}{fix}"

    def as_json(self) -> dict[str, str]:
        return {**asdict(self), "level": self.level.name}


def ok(what: str) -> Finding:
    return Finding(Level.ok, what)


def warn(what: str, fix: str) -> Finding:
    return Finding(Level.warn, what, fix)


def fail(what: str, fix: str) -> Finding:
    return Finding(Level.fail, what, fix)


# ----- config ------------------------------------------------------------------------------


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


# ----- this machine -----------------------------------------------------------------------


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
    try:
        target = _display_socket(environ)
    except ValueError:
        yield fail(f"display: DISPLAY={environ.get('DISPLAY')!r} is not a display name",
                   "DISPLAY=:0 kiosk doctor")
        return
    if target is None:
        yield fail("display: neither DISPLAY nor WAYLAND_DISPLAY is set",
                   "run it in the booth's desktop session, or DISPLAY=:0 kiosk doctor")
        return
    name, connect = target
    try:
        connect()
    except OSError as exc:
        yield fail(f"display: {name} does not answer ({exc.strerror or exc})",
                   "start the desktop (log the booth user in), or point DISPLAY at it")
        return
    yield ok(f"display: {name} reachable")


# ----- camera -------------------------------------------------------------------------------


def check_camera(config: KioskConfig) -> Iterator[Finding]:
    camera = config.camera
    result: dict[str, Any] = {}

    def grab() -> None:
        backend = make_backend(camera)
        try:
            backend.setup()
            result["frame"] = backend.frame()
        except (CameraFault, CameraUnavailable, OSError) as exc:
            result["error"] = str(exc) or type(exc).__name__
        finally:
            with contextlib.suppress(CameraFault, OSError):
                backend.teardown()

    # A camera that hangs (a wedged DSLR) must not hang the doctor: it waits at most so long.
    worker = threading.Thread(target=grab, name="doctor-camera", daemon=True)
    worker.start()
    worker.join(CAMERA_DEADLINE)
    name = f"camera ({camera.backend}{' ' + camera.device if camera.device else ''})"
    fix = ("check the cable and power; if the booth is running it holds the camera: "
           f"systemctl --user stop {autostart.UNIT_NAME}, then run the doctor again")
    if worker.is_alive():
        yield fail(f"{name}: no frame within {CAMERA_DEADLINE:.0f} s", fix)
    elif "error" in result:
        yield fail(f"{name}: {result['error']}", fix)
    else:
        height, width = result["frame"].shape[:2]
        yield ok(f"{name}: one {width}x{height} frame")


# ----- printer -------------------------------------------------------------------------------


def _cups_host_option(config: KioskConfig) -> str:
    return f" -h {config.printing.cups_server}" if config.printing.cups_server else ""


def check_printer(config: KioskConfig) -> Iterator[Finding]:
    printing = config.printing
    client = CupsClient(printing.cups_server, printing.queue)
    host = _cups_host_option(config)
    try:
        attributes = client.printer_attributes()
    except PrintSystemUnavailable as exc:
        fix = (f"is cupsd at {printing.cups_server} running? (printing.cups_server)"
               if printing.cups_server else "sudo systemctl enable --now cups")
        yield fail(f"CUPS at {client.where}: {exc}", fix)
        return
    except PrintRefused as exc:
        yield ok(f"CUPS at {client.where} answers")
        yield fail(f"queue {printing.queue!r}: {exc}",
                   f"sudo lpadmin{host} -p {printing.queue} -E -v usb://DNP/DS620 "
                   f"-m {DS620_MODEL} (the device URI: sudo lpinfo -v)")
        return
    finally:
        client.close()
    yield ok(f"CUPS at {client.where} answers")
    yield from _queue_findings(config, attributes)


def _queue_findings(config: KioskConfig, attributes: dict[str, Any]) -> Iterator[Finding]:
    queue, host = config.printing.queue, _cups_host_option(config)
    status = status_from_attributes(attributes)
    if not attributes.get("printer-is-accepting-jobs", True):
        yield fail(f"queue {queue!r} is not accepting jobs", f"cupsaccept{host} {queue}")
    else:
        yield ok(f"queue {queue!r} exists and accepts jobs")
    reasons = ", ".join(status.reasons) or "none"
    said = f" ({status.message})" if status.message else ""
    what = f"queue {queue!r}: {status.state}{said}, printer-state-reasons: {reasons}"
    if status.state is PrinterState.stopped:
        yield fail(what, f"fix what the printer says, then cupsenable{host} {queue}")
    elif status.faulted:
        yield fail(what, f"clear the {status.state.replace('_', ' ')} at the printer, "
                         f"then cupsenable{host} {queue}")
    elif status.reasons:
        yield warn(what, "see the printer's panel; lpstat -l -p shows the same")
    else:
        yield ok(what)
    levels = ", ".join(f"{name} {level}%" for name, level in status.marker_levels.items())
    left = status.prints_remaining
    what = "markers: " + (levels or "none reported") + \
        (f"; the printer counts {left} prints left" if left is not None else "")
    if left is not None and left <= config.printing.low_paper_threshold:
        yield warn(what, "load a new roll and ribbon, then set it in the service menu")
    else:
        yield ok(what)


# ----- the booth's own store --------------------------------------------------------------


def check_store(config: KioskConfig, now: float) -> Iterator[Finding]:
    path = config.data_dir() / "kiosk.db"
    if not path.exists():
        yield ok(f"media counter: no store at {path} yet (first start assumes a full roll of "
                 f"{config.printing.roll_size})")
        return
    # Read-only: never migrate, never move aside the database of a booth that is running.
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with Session(engine) as db:
            counter = db.get(Counter, MEDIA_REMAINING)
            depth, oldest = db.exec(select(func.count(), func.min(OutboxItem.created_at))
                                    .where(col(OutboxItem.delivered_at).is_(None))).one()
    except Exception as exc:  # sqlalchemy wraps every driver error differently
        yield fail(f"store {path}: unreadable ({type(exc).__name__}: {str(exc)[:160]})",
                   "look at the log; the booth moves a damaged store aside at its next start")
        return
    finally:
        engine.dispose()
    yield from _media_finding(config, None if counter is None else counter.value)
    what = f"outbox: {depth} event(s) waiting for the backend"
    if depth and oldest is not None and now - oldest > OUTBOX_STALE_SECONDS:
        yield warn(f"{what}, the oldest for {(now - oldest) / 3600:.1f} h",
                   "check the backend checks above and the booth's network")
    else:
        yield ok(what)


def _media_finding(config: KioskConfig, remaining: int | None) -> Iterator[Finding]:
    if remaining is None:
        yield ok(f"media counter: not set yet (first start assumes {config.printing.roll_size})")
    elif remaining == 0:
        yield fail("media counter: 0 prints left: the booth shows no QR",
                   "load a new roll, then set it in the service menu")
    elif remaining <= config.printing.low_paper_threshold:
        yield warn(f"media counter: {remaining} prints left",
                   "have a new roll ready; set it in the service menu when loaded")
    else:
        yield ok(f"media counter: {remaining} prints left on the roll")


# ----- the backend ----------------------------------------------------------------------------


def check_backend(config: KioskConfig) -> Iterator[Finding]:
    backend = config.backend
    timeout = min(BACKEND_TIMEOUT, backend.read_timeout)
    client = BackendClient(backend.url, backend.device_token, retries=0,
                           connect_timeout=min(BACKEND_TIMEOUT, backend.connect_timeout),
                           read_timeout=timeout)
    try:
        try:
            client.healthz()
        except BackendError as exc:
            yield fail(f"backend {backend.url}: {exc}",
                       "check backend.url, the network, and the server (GET /healthz)")
            return
        yield ok(f"backend {backend.url} answers /healthz")
        yield from _token_finding(client, backend.device_token)
    finally:
        client.close()
    try:
        skew = clock_skew(backend.url, timeout)
    except BackendError as exc:
        yield warn(f"clock: cannot compare with the backend ({exc})", "see the backend checks")
        return
    what = f"clock: {abs(skew):.0f} s {'ahead of' if skew > 0 else 'behind'} the backend"
    if abs(skew) > CLOCK_SKEW_LIMIT:
        yield warn(what + " (QR expiry depends on it)", "sudo timedatectl set-ntp true")
    else:
        yield ok(what)


def _token_finding(client: BackendClient, token: str) -> Iterator[Finding]:
    fix = ("on the server: booth-backend add-device NAME; put the token in [backend] "
           "device_token")
    if not token:
        yield fail("device token: backend.device_token is empty", fix)
        return
    try:
        client.check_token()
    except Unauthorized:
        yield fail("device token: the backend refuses it (unknown or revoked)", fix)
        return
    except BackendError as exc:
        yield fail(f"device token: cannot check it ({exc})", "see the backend check above")
        return
    yield ok("device token accepted (GET /api/devices/me)")


# ----- autostart -------------------------------------------------------------------------------


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
    what = f"autostart: systemd user unit {path} ({'enabled' if enabled else 'not enabled'}"
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
                     "booth: `kiosk install-autostart --systemd` would)")
        else:
            yield warn(f"autostart: XDG entry {entry} is disabled",
                       "kiosk install-autostart --force")
    else:
        yield warn("autostart: none installed: the booth does not start with the machine",
                   "kiosk install-autostart --systemd")


# ----- all of it ----------------------------------------------------------------------------


def run_checks(config_path: Path | None, environ: dict[str, str]) -> list[Finding]:
    config, findings = check_config(config_path)
    checks: list[tuple[str, Callable[[], Iterator[Finding]]]] = [
        ("display", lambda: check_display(environ))]
    if config is not None:
        checks += [("data dir", lambda: check_data_dir(config)),
                   ("camera", lambda: check_camera(config)),
                   ("printer", lambda: check_printer(config)),
                   ("store", lambda: check_store(config, time.time())),
                   ("backend", lambda: check_backend(config))]
    else:
        findings.append(fail("data dir, camera, printer, store, backend: not checked",
                             "fix the config first"))
    checks.append(("autostart", lambda: check_autostart(environ)))
    for name, check in checks:
        try:
            findings.extend(check())
        except Exception as exc:  # a doctor that crashes helps nobody: say what broke
            findings.append(fail(f"{name}: the check itself failed: {type(exc).__name__}: "
                                 f"{exc}", "look at this with the log; report it"))
    return findings


def doctor_command(args: argparse.Namespace) -> int:
    findings = run_checks(args.config, dict(os.environ))
    code = max((finding.level for finding in findings), default=Level.ok)
    if args.json:
        print(json.dumps({"checks": [f.as_json() for f in findings], "exit_code": int(code)},
                         indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            print(finding.line())
    return int(code)
