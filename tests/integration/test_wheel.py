"""The booth as a wheel: built from the tracked files, installed outside the checkout, it runs.

The wheel is built from a copy of what git tracks (so no compiled translation or other
build leftover sneaks in) and installed without dependencies into a fresh venv; the
third-party libraries come from the test venv through a path entry, never the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import cv2
import pytest

from kiosk.app.autopilot.screen_reader import decode
from tests.harness.wheel_build import build_wheel

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 300


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the booth's wheel installed; returns its bin directory."""
    root = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(root)
    venv = root / "venv"
    assert run(sys.executable, "-m", "venv", venv, cwd=root).returncode == 0
    python = venv / "bin" / "python"
    done = run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=root)
    assert done.returncode == 0, done.stderr
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
               cwd=root).stdout.strip()
    # Dependencies from the test venv: a plain path entry, so its editable finder stays off.
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


@pytest.fixture
def outside(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A working directory outside the checkout and an environment that knows no checkout."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    return tmp_path, env


def test_the_installed_package_comes_from_the_wheel(installed: Path, outside) -> None:
    cwd, env = outside
    found = run(installed / "python", "-c", "import kiosk, assets; print(kiosk.__file__); "
                "print(assets.asset_path('layouts'))", cwd=cwd, env=env)
    assert found.returncode == 0, found.stderr
    for line in found.stdout.splitlines():
        assert str(installed.parent) in line and str(REPO) not in line


def test_kiosk_version_from_the_wheel(installed: Path, outside) -> None:
    cwd, env = outside
    answer = run(installed / "kiosk", "--version", cwd=cwd, env=env)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip().startswith("kiosk 0.")


def test_layouts_check_finds_the_shipped_layouts(installed: Path, outside) -> None:
    cwd, env = outside
    answer = run(installed / "kiosk", "layouts", "check", cwd=cwd, env=env)
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert "grid-4x6" in answer.stdout and "FAIL" not in answer.stdout


def test_screenshots_render_from_the_wheel_with_translations_compiled_on_demand(
        installed: Path, outside) -> None:
    cwd, env = outside
    out = cwd / "shots"
    answer = run(installed / "kiosk", "screenshots", "--out", out, "--size", "1024x600",
                 "--lang", "ru", cwd=cwd, env=env)
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert "Traceback" not in answer.stderr
    pngs = sorted((out / "ru").glob("*.png"))
    assert len(pngs) >= 10 and all(png.stat().st_size > 1000 for png in pngs)
    # The wheel came without compiled catalogues: the booth compiled Russian into the cache.
    assert list((cwd / "cache").rglob("kiosk_ru.qm"))


def test_the_autopilot_customer_from_the_wheel_gets_exactly_the_paid_prints(
        installed: Path, outside) -> None:
    """Three customers on the real window (offscreen): one pays, one pays after the booth gave
    up while offline, one declines. The QR is read off the screen's pixels; the audit counts
    from the backend and CUPS's job history."""
    cwd, env = outside
    out = Path(tempfile.mkdtemp(prefix="booth-autopilot-", dir="/tmp"))  # cupsd's `lp` reads it
    try:
        answer = run(installed / "kiosk", "demo", "--autopilot", "--sessions", "3", "--mix",
                     "--seed", "7", "--out", out, cwd=cwd, env=env)
        assert answer.returncode == 0, answer.stdout + answer.stderr[-3000:]
        assert answer.stdout.splitlines()[-1].startswith(
            "autopilot: 3 sessions, 2 paid (1 late), 1 declined, 0 abandoned, 2 printed once, "
            "0 double, 0 unpaid printed, 0 lost")
        summary = json.loads((out / "summary.json").read_text())
        kinds = [session["kind"] for session in summary["session_details"]]
        assert kinds == ["paid", "late", "declined"]
        assert (summary["sessions"], summary["paid"], summary["late"], summary["printed"]) == (
            3, 2, 1, 2)
        paid = [s["order_id"] for s in summary["session_details"] if s["kind"] != "declined"]
        declined = summary["session_details"][2]["order_id"]
        assert all(len(summary["jobs"][order]) == 1 for order in paid)
        assert summary["jobs"][declined] == []
        prints = sorted((out / "printer" / "out").glob("*.prn"))
        assert sorted(order for order in paid for p in prints if order in p.name) == sorted(paid)
        for session in summary["session_details"]:
            names = [name.split("-", 2)[2] for name in session["screens"]]
            assert names[0] == "attract.png" and "payment.png" in names
            assert all((out / "screens" / name).stat().st_size > 1000
                       for name in session["screens"])
            if session["kind"] != "declined":
                assert set(session["timings"]) == {
                    "tap_to_qr_painted", "paid_to_printing_screen", "paid_to_job_accepted",
                    "job_accepted_to_printed"}
        payment = next((out / "screens").glob("001-*-payment.png"))
        url = decode(cv2.imread(str(payment)))
        assert url.startswith("http://127.0.0.1:") and url.endswith(f"/sandbox/pay/{paid[0]}")
    finally:
        shutil.rmtree(out, ignore_errors=True)
