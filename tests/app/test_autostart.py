"""`kiosk install-autostart`, run as the technician runs it, the files checked by the tools
that read them (desktop-file-validate, systemd-analyze verify)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.app.conftest import KIOSK

UNIT = Path("systemd/user/photobooth-kiosk.service")
ENTRY = Path("autostart/photobooth-kiosk.desktop")


def install(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    variables = {key: value for key, value in os.environ.items()
                 if key not in ("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "QT_QPA_PLATFORM")}
    variables.update({"XDG_CONFIG_HOME": str(home), **env})
    return subprocess.run([str(KIOSK), "install-autostart", *args], env=variables,
                          capture_output=True, text=True, timeout=60)


def verify_unit(unit: Path, tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed on this machine: the unit file was "
                    "written but not verified")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    checked = subprocess.run(["systemd-analyze", "--user", "verify", str(unit)],
                             env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
                             capture_output=True, text=True, timeout=60)
    # verify exits 0 on a key it ignores, but says so: nothing said is the pass.
    assert (checked.returncode, checked.stdout + checked.stderr) == (0, ""), unit.read_text()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "config home"


def test_xdg_entry_names_the_installed_kiosk_and_validates(home: Path, tmp_path: Path) -> None:
    config = tmp_path / "booth 100% ready" / "kiosk.toml"
    config.parent.mkdir()
    config.write_text("")
    done = install(home, "--config", str(config))
    assert done.returncode == 0, done.stderr
    entry = home / ENTRY
    assert f"wrote {entry}" in done.stdout
    text = entry.read_text()
    assert f'Exec={KIOSK} --config "{tmp_path}/booth 100%% ready/kiosk.toml"' in text
    validated = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                               text=True, timeout=60)
    assert (validated.returncode, validated.stdout + validated.stderr) == (0, "")


def test_systemd_unit_restarts_with_a_watchdog_and_a_start_limit(
        home: Path, tmp_path: Path) -> None:
    config = tmp_path / "booth 100% ready.toml"
    config.write_text("")
    done = install(home, "--systemd", "--config", str(config), DISPLAY=":0")
    assert done.returncode == 0, done.stderr
    unit = home / UNIT
    lines = unit.read_text().splitlines()
    exec_start = f'ExecStart={KIOSK} --config "{tmp_path}/booth 100%% ready.toml"'
    for line in ("Type=notify", "NotifyAccess=main", exec_start, "Restart=always",
                 "RestartSec=10", "WatchdogSec=30", "StartLimitIntervalSec=600",
                 "StartLimitBurst=5", "RestartPreventExitStatus=2 4", "Environment=DISPLAY=:0",
                 "WantedBy=graphical-session.target"):
        assert line in lines
    assert done.stdout.splitlines()[-2:] == [
        "  systemctl --user daemon-reload",
        "  systemctl --user enable --now photobooth-kiosk.service"]
    verify_unit(unit, tmp_path)


def test_without_a_desktop_session_the_unit_starts_with_the_users_systemd(
        home: Path, tmp_path: Path) -> None:
    done = install(home, "--systemd", QT_QPA_PLATFORM="eglfs")
    assert done.returncode == 0, done.stderr
    text = (home / UNIT).read_text()
    assert "WantedBy=default.target" in text and "graphical-session" not in text
    assert "Environment=QT_QPA_PLATFORM=eglfs" in text
    assert "sudo loginctl enable-linger" in done.stdout
    verify_unit(home / UNIT, tmp_path)


def test_dry_run_prints_exactly_what_and_where_and_writes_nothing(home: Path) -> None:
    dry = install(home, "--systemd", "--dry-run", DISPLAY=":0")
    assert dry.returncode == 0, dry.stderr
    assert not home.exists()
    assert install(home, "--systemd", DISPLAY=":0").returncode == 0
    written = (home / UNIT).read_text()
    assert dry.stdout.startswith(f"would write {home / UNIT}:\n\n{written}\nthen:\n")


def test_an_existing_file_is_replaced_only_with_force(home: Path) -> None:
    entry = home / ENTRY
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nType=Application\nName=Mine\nExec=true\n")
    refused = install(home)
    assert refused.returncode == 1
    assert f"{entry} exists already: `kiosk install-autostart --force` replaces it" \
        in refused.stderr
    assert "Name=Mine" in entry.read_text()
    forced = install(home, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Name=Photobooth Kiosk" in entry.read_text()


def test_a_config_that_does_not_exist_is_refused(home: Path, tmp_path: Path) -> None:
    done = install(home, "--systemd", "--config", str(tmp_path / "missing.toml"))
    assert done.returncode == 1
    assert "missing.toml: no such file" in done.stderr
    assert "Traceback" not in done.stderr
    assert not home.exists()


def test_cage_unit_runs_the_booth_alone_in_cage_and_keeps_the_restart_rules(
        home: Path, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("")
    done = install(home, "--cage", "--config", str(config), DISPLAY=":0")
    assert done.returncode == 0, done.stderr
    lines = (home / UNIT).read_text().splitlines()
    for line in (f"ExecStart={KIOSK} --config {config} cage-session", "Type=notify",
                 "NotifyAccess=all", "Environment=QT_QPA_PLATFORM=wayland",
                 "Environment=QT_WAYLAND_DISABLE_WINDOWDECORATION=1", "Restart=always",
                 "RestartPreventExitStatus=2 4", "WatchdogSec=30", "WantedBy=default.target"):
        assert line in lines
    # The desktop's display is not the booth's: cage gives it its own Wayland socket.
    assert not any(line.startswith("Environment=DISPLAY") for line in lines)
    assert "sudo loginctl enable-linger" in done.stdout
    verify_unit(home / UNIT, tmp_path)


def test_cage_and_systemd_are_one_choice(home: Path) -> None:
    done = install(home, "--cage", "--systemd")
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr
