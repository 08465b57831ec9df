"""README's "Deploying the backend", run: its environment file loads, the commands after
it work against PostgreSQL, and the systemd unit passes systemd-analyze."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backend.settings import load_settings
from tests.harness.postgres import PostgresCluster

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
UNIT = REPO / "deploy" / "booth-backend@.service"
BIN = Path(sys.executable).parent


def env_file_lines() -> list[str]:
    section = README.read_text().split("## Deploying the backend", 1)[1]
    block = re.search(r"`/etc/photobooth/backend.env`.*?```sh\n(.*?)```", section, re.S)
    assert block, "README lost its backend.env example"
    return block.group(1).strip().splitlines()


def test_the_readme_environment_file_is_a_valid_configuration() -> None:
    environ = dict(line.split("=", 1) for line in env_file_lines())
    settings = load_settings(environ=environ)
    assert settings.payme_enabled and settings.click_enabled and settings.webpay_enabled
    assert settings.telegram_enabled and settings.alert_webhook_url and settings.secure_cookies
    assert settings.timezone == "Asia/Tashkent"


@pytest.mark.postgres
def test_the_readme_commands_prepare_a_postgresql_database(
    postgres_cluster: PostgresCluster, tmp_path: Path
) -> None:
    url = postgres_cluster.create_database("booth_deploy")
    lines = [f"DATABASE_URL={url}" if line.startswith("DATABASE_URL=") else line
             for line in env_file_lines()]
    env_file = tmp_path / "backend.env"
    env_file.write_text("\n".join(lines) + "\n")
    script = (f"set -a; . {env_file}; set +a; {BIN}/booth-backend migrate && "
              f"{BIN}/booth-backend add-operator alice")
    done = subprocess.run(["bash", "-c", script], input="a long enough password\n",
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "tables ready" in done.stdout and "operator 'alice' added" in done.stdout


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_the_systemd_unit_verifies(tmp_path: Path) -> None:
    # The unit as installed, but starting this checkout's booth-backend.
    unit = UNIT.read_text().replace("/opt/photobooth/.venv/bin/booth-backend",
                                    str(BIN / "booth-backend"))
    assert "ExecStart=" in unit and "--port %i" in unit
    instance = tmp_path / "booth-backend@8001.service"
    # The environment file lives only on the server: optional here ("-").
    instance.write_text(unit.replace("EnvironmentFile=", "EnvironmentFile=-"))
    done = subprocess.run(["systemd-analyze", "verify", str(instance)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def deploy_commands() -> list[str]:
    """The README's deploy block, one command per entry (continuations joined)."""
    section = README.read_text().split("## Deploying the backend", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README lost its deploy commands"
    joined = re.sub(r"\\\n|\n  ", " ", block.group(1))
    return [line.split("  #")[0].strip() for line in joined.splitlines() if line.strip()]


def test_the_deploy_steps_make_the_user_and_directories_with_modes_and_run_as_root() -> None:
    commands = deploy_commands()
    assert all(command.startswith("sudo ") for command in commands), commands
    assert "sudo adduser --system --group --no-create-home --home /var/lib/photobooth booth" \
        in commands
    made = {command.split()[-1]: command for command in commands
            if command.startswith("sudo install -d ")}
    assert "-m 0750 -o root -g booth" in made["/etc/photobooth"]
    media = next(line.split("=", 1)[1].split()[0] for line in env_file_lines()
                 if line.startswith("BOOTH_MEDIA_DIR="))
    assert "-m 0750 -o booth -g booth" in made[media]
    # The service reads its settings through its group; nobody else can.
    assert any("install -m 0640 -o root -g booth backend.env /etc/photobooth/backend.env"
               in command for command in commands)


def test_the_unit_may_write_the_media_dir_the_readme_sets() -> None:
    media = next(line.split("=", 1)[1].split()[0] for line in env_file_lines()
                 if line.startswith("BOOTH_MEDIA_DIR="))
    unit = UNIT.read_text().splitlines()
    assert "ProtectSystem=strict" in unit
    writable = [line.split("=", 1)[1].lstrip("-") for line in unit
                if line.startswith("ReadWritePaths=")]
    assert media in writable
    assert "StateDirectory=photobooth" in unit  # the default data dir when none is set
