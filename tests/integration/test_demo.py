"""`make demo` as a newcomer meets it: headless, in a (offscreen) window, and with no display."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

DEADLINE = 90.0


@pytest.fixture
def demo_dir() -> Path:
    # cupsd's filters run as lp: the demo's tree must be traversable, unlike pytest's tmp_path.
    root = Path(tempfile.mkdtemp(prefix="booth-demo-", dir="/tmp"))
    root.chmod(0o755)
    return root / "demo"


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


def test_demo_without_a_display_says_so_and_exits_cleanly(demo_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    process = demo(demo_dir, env=env)
    output, _ = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0
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
