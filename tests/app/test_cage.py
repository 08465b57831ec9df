"""The booth locked to the screen: `kiosk cage-session` (what `install-autostart --cage`
starts) runs the real booth in Debian's cage on wlroots' headless backend, as an
unprivileged user (cage refuses root). grim's screenshot shows the attract screen filling
the whole output; READY=1 and the watchdog reach the service manager from inside cage; the
booth's own exit code comes out of cage-session (cage itself always exits 0)."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.app.config_file import write_config
from tests.harness.notify_socket import NotifySocket

REPO = Path(__file__).resolve().parents[2]
USER = "booth-cage-test"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def missing() -> str | None:
    for tool in ("cage", "grim", "runuser", "useradd"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (make setup installs cage and grim)"
    if os.geteuid() != 0:
        return "needs root to run cage as an unprivileged user of its own"
    return None


def user_python() -> Path:
    """A Python the unprivileged user may run with the test venv's packages: the system's
    own 3.11 (the venv's interpreter may live under /root, which that user cannot enter)."""
    version = subprocess.run([str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True, check=False).stdout.strip()
    if version != str(tuple(sys.version_info[:2])):
        pytest.skip(f"{SYSTEM_PYTHON} is Python {version}, the venv's packages are for "
                    f"{sys.version_info[:2]}")
    return SYSTEM_PYTHON


@dataclass
class Stage:
    root: Path
    user: pwd.struct_passwd
    notify: NotifySocket
    env: dict[str, str]


@pytest.fixture
def stage() -> Iterator[Stage]:
    reason = missing()
    if reason:
        pytest.skip(reason)
    try:
        user = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        USER], check=True, capture_output=True)
        user = pwd.getpwnam(USER)
    root = Path(tempfile.mkdtemp(prefix="booth-cage-", dir="/tmp"))
    root.chmod(0o755)
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700)
    for directory in (root / "home", root / "kiosk"):
        directory.mkdir()
    for path in (runtime, root / "home", root / "kiosk"):
        os.chown(path, user.pw_uid, user.pw_gid)
    notify = NotifySocket(root)
    notify.path.chmod(0o777)
    python = user_python()
    env = {"PATH": f"{python.parent}:/usr/bin:/bin", "HOME": str(root / "home"),
           "XDG_RUNTIME_DIR": str(runtime), "WLR_BACKENDS": "headless",
           "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
           "NOTIFY_SOCKET": str(notify.path), "WATCHDOG_USEC": "2000000",
           "PYTHONPATH": os.pathsep.join([str(REPO), sysconfig.get_paths()["purelib"]]),
           "LANG": "C.UTF-8"}
    yield Stage(root, user, notify, env)
    notify.socket.close()
    shutil.rmtree(root, ignore_errors=True)


def as_user(stage: Stage, *command: str, **popen: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(["runuser", "-u", USER, "--", "env", "-i",
                             *(f"{k}={v}" for k, v in stage.env.items()), *command],
                            text=True, start_new_session=True, **popen)


def cage_session(stage: Stage, config: Path, *args: str) -> subprocess.Popen[str]:
    log = (stage.root / "cage.log").open("w")
    return as_user(stage, str(SYSTEM_PYTHON), "-m", "kiosk.app.cli", "--config", str(config),
                   "cage-session", *args, stdout=log, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def test_the_booth_fills_the_screen_under_cage_and_tells_systemd_it_is_ready(
        stage: Stage, booth_settings: dict[str, Any]) -> None:
    settings = {**booth_settings, "storage": {"data_dir": str(stage.root / "kiosk" / "data")},
                "logs": {"directory": str(stage.root / "kiosk" / "log")},
                "ui": {"fullscreen": True}}
    config = write_config(stage.root / "kiosk.toml", settings)
    config.chmod(0o644)
    # A portrait booth (the output turned once). cage scans a window that covers the
    # output exactly straight out to it; on the headless backend with pixman that frame
    # never reaches grim (all black), a turned output is composited and captured.
    session = cage_session(stage, config, "--rotate", "1")
    try:
        try:
            ready = stage.notify.wait_for("READY", "1", timeout=120)
        except AssertionError as exc:
            raise AssertionError((stage.root / "cage.log").read_text()[-3000:]) from exc
        assert "attract" in stage.notify.wait_for("STATUS", contains="attract").fields["STATUS"]
        watchdog = stage.notify.wait_for("WATCHDOG", "1")
        assert watchdog.at >= ready.at
        shot = stage.root / "home" / "shot.png"
        grim = as_user(stage, "env", "WAYLAND_DISPLAY=wayland-0", "grim", str(shot))
        assert grim.wait(timeout=60) == 0, (stage.root / "cage.log").read_text()
        image = Image.open(shot).convert("RGB")
    finally:
        stop(session)
    image.save(os.environ.get("CAGE_SCREENSHOT", stage.root / "cage.png"))
    width, height = image.size
    assert (width, height) == (720, 1280)  # the headless output (1280x720), turned
    # cage paints black where no window is; a decorated or windowed booth leaves some.
    edges = [(x, y) for x in range(0, width, 16) for y in (0, height - 1)] + \
            [(x, y) for y in range(0, height, 16) for x in (0, width - 1)]
    black = [point for point in edges if image.getpixel(point) == (0, 0, 0)]
    assert not black, (f"black at the output's edges (not filled): {black[:5]} of "
                       f"{len(edges)}\n" + (stage.root / "cage.log").read_text()[-3000:])
    assert len(image.resize((32, 18)).getcolors(32 * 18) or []) > 20  # a screen, not flat


def test_the_booths_exit_code_comes_out_of_cage(stage: Stage) -> None:
    config = stage.root / "refused.toml"
    config.write_text("[flow]\nshots = 99\n")
    config.chmod(0o644)
    session = cage_session(stage, config)
    try:
        code = session.wait(timeout=120)
    finally:
        stop(session)
    log = (stage.root / "cage.log").read_text()
    assert code == 2, log  # the config was refused: systemd must not restart it
    assert "flow.shots = 99" in log

