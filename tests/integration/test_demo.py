"""`make demo` as a newcomer meets it: headless, in a (offscreen) window, and with no display."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

DEADLINE = 90.0


@pytest.fixture
def demo_dir() -> Iterator[Path]:
    # cupsd's filters run as lp: the demo's tree must be traversable, unlike pytest's tmp_path.
    root = Path(tempfile.mkdtemp(prefix="booth-demo-", dir="/tmp"))
    root.chmod(0o755)
    yield root / "demo"
    shutil.rmtree(root, ignore_errors=True)


def demo(demo_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kiosk.app.cli", "demo", "--dir", str(demo_dir),
                             *args],
                            env=env or os.environ.copy(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def test_headless_demo_prints_one_paid_session(demo_dir: Path) -> None:
    process = demo(demo_dir, "--headless")
    output, _ = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0, output
    assert "/sandbox/pay/" in output
    prints = list((demo_dir / "prints").iterdir())
    assert len(prints) == 1 and prints[0].stat().st_size > 10_000


def test_demo_without_a_display_says_so_and_exits_non_zero(demo_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    process = demo(demo_dir, env=env)
    output, _ = process.communicate(timeout=DEADLINE)
    assert process.returncode == 3  # make demo fails: nothing ran
    assert "no display" in output
    assert not (demo_dir / "cups").exists()


def test_ctrl_c_stops_everything_the_demo_started(demo_dir: Path) -> None:
    process = demo(demo_dir, "--windowed", env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    lines: list[str] = []
    deadline = time.monotonic() + DEADLINE
    while not any("running" in line for line in lines):
        assert time.monotonic() < deadline and process.poll() is None, "".join(lines)
        lines.append(process.stdout.readline())
    backend_url = next(line.split(" at ")[-1].strip() for line in lines
                       if "backend (sandbox payments) at" in line)
    cups_pid_file = demo_dir / "cups" / "run" / "cupsd.pid"
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=DEADLINE)
    assert process.returncode == 0
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{backend_url}/healthz", timeout=2)
    running = subprocess.run(["pgrep", "-f", str(demo_dir / "cups")], capture_output=True)
    assert running.stdout == b"", f"cupsd still running ({cups_pid_file})"


# The technician's "Restart app" as the service menu asks it: the booth's run ends with the
# restart code once (the first run of this process); everything after is the real demo.
RESTART_ONCE = """
import sys
import kiosk.app.run as run
from kiosk.core.power_actions import RESTART_EXIT_CODE
run._run_booth = lambda *args, **kwargs: RESTART_EXIT_CODE
sys.argv = ["kiosk", *sys.argv[1:]]
from kiosk.app.cli import main
sys.exit(main())
"""


def demo_processes(demo_dir: Path) -> dict[str, list[int]]:
    """The backends and cupsds started for this demo directory, by pid."""
    import psutil

    found: dict[str, list[int]] = {"backend": [], "cupsd": []}
    for process in psutil.process_iter(["pid", "cmdline"]):
        line = " ".join(process.info["cmdline"] or ())
        if str(demo_dir) not in line:
            continue
        if "serve" in line and "backend" in line:
            found["backend"].append(process.info["pid"])
        elif "cupsd" in line:
            found["cupsd"].append(process.info["pid"])
    return found


def test_restart_app_leaves_one_backend_and_one_cupsd(demo_dir: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", RESTART_ONCE, "demo", "--dir", str(demo_dir), "--windowed"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    deadline = time.monotonic() + 2 * DEADLINE
    try:
        # The first demo restarts at once; the second runs the booth for real.
        while not any("running" in line for line in lines):
            assert time.monotonic() < deadline and process.poll() is None, "".join(lines)
            lines.append(process.stdout.readline())
        assert any("restarting the booth" in line for line in lines), "".join(lines)
        assert sum("backend (sandbox payments) at" in line for line in lines) == 2
        running = demo_processes(demo_dir)
        assert (len(running["backend"]), len(running["cupsd"])) == (1, 1), running
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=DEADLINE)
    assert demo_processes(demo_dir) == {"backend": [], "cupsd": []}


def test_settings_changed_in_the_service_menu_survive_the_next_demo(demo_dir: Path) -> None:
    first = demo(demo_dir, "--headless")
    output, _ = first.communicate(timeout=DEADLINE)
    assert first.returncode == 0, output
    config = demo_dir / "kiosk.toml"
    from kiosk.core.config import hash_pin
    from kiosk.core.settings_file import write_settings

    pin_hash = hash_pin("4711")
    write_settings(config, {"service.pin_hash": pin_hash, "flow.countdown_seconds": 5})
    second = demo(demo_dir, "--headless")
    output, _ = second.communicate(timeout=DEADLINE)
    assert second.returncode == 0, output
    from kiosk.core.config import load_config

    kept = load_config(config, required=True)
    assert (kept.service.pin_hash, kept.flow.countdown_seconds) == (pin_hash, 5)
    assert kept.backend.url in output  # rewired to this run's backend
