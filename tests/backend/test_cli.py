"""booth-backend's command line: settings refused with name and reason, migrate, add-device."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from backend.local_server import REPO_ROOT, start_backend


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BOOTH_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        cwd=REPO_ROOT, env=clean, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"BOOTH_PAYME_KEYS": "x"}, "BOOTH_PAYME_KEYS"),
        ({"BOOTH_SANDBOX": "perhaps"}, "BOOTH_SANDBOX"),
        ({"BOOTH_PUBLIC_URL": "ftp://booth"}, "BOOTH_PUBLIC_URL"),
        ({"BOOTH_DATABASE_URL": "mysql://db"}, "BOOTH_DATABASE_URL"),
    ],
)
def test_bad_settings_are_refused_with_name_and_reason(env: dict[str, str], named: str) -> None:
    done = run_cli("migrate", env=env)
    assert done.returncode == 2
    assert named in done.stderr and "Traceback" not in done.stderr


def test_bad_toml_config_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "backend.toml"
    config.write_text('BOOTH_SANDBOX = true\nBOOTH_COLOUR = "red"\n')
    done = run_cli("migrate", "--config", str(config))
    assert done.returncode == 2 and "BOOTH_COLOUR" in done.stderr


def test_add_device_prints_the_token_last_and_stores_only_its_hash(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    config = tmp_path / "backend.toml"
    config.write_text(f'BOOTH_DATABASE_URL = "{url}"\n')
    assert run_cli("migrate", "--config", str(config)).returncode == 0
    done = run_cli("add-device", "booth-7", env={"BOOTH_DATABASE_URL": url})
    assert done.returncode == 0
    token = done.stdout.strip().splitlines()[-1]
    assert len(token) >= 40 and " " not in token
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name, token_hash FROM devices")).all()
    engine.dispose()
    assert [name for name, _ in rows] == ["booth-7"]
    assert token not in rows[0][1]


def test_database_option_wins_over_the_environment(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen.sqlite3"
    done = run_cli(
        "add-device", "k", "--database", f"sqlite:///{chosen}",
        env={"BOOTH_DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}"},
    )
    assert done.returncode == 0
    assert chosen.exists() and not (tmp_path / "other.sqlite3").exists()


def test_a_provider_without_secrets_is_off(tmp_path: Path) -> None:
    server = start_backend(tmp_path)
    try:
        answer = httpx.post(
            f"{server.url}/api/generate-qr",
            headers={"Authorization": f"Bearer {server.token}"},
            json={"order_id": "off-1", "paymentType": "payme", "amount": 1000},
        )
        assert answer.status_code == 400 and "not enabled" in answer.json()["detail"]
        assert answer.json()["allowed"] == ["sandbox"]
        assert httpx.post(f"{server.url}/payme", json={}).status_code == 404
    finally:
        server.stop()



def read_until(fd: int, wanted: str, seen: str = "") -> str:
    """What the terminal shows, up to and with `wanted` (or to its end)."""
    while wanted not in seen:
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, f"the terminal showed no {wanted!r}: {seen!r}"
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk.decode("utf-8", "replace")
    return seen


def test_add_operator_reports_two_different_passwords_as_a_mismatch(tmp_path: Path) -> None:
    """At a terminal the password is asked twice; typed differently it is said so (it was
    "a password has at least 10 characters"), and no operator is made."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert run_cli("migrate", env={"BOOTH_DATABASE_URL": url}).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOOTH_")}
    env["BOOTH_DATABASE_URL"] = url
    pid, fd = pty.fork()
    if pid == 0:  # the child: booth-backend on a terminal of its own
        os.chdir(REPO_ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "backend.cli", "add-operator",
                                   "alice"], env)
    try:
        read_until(fd, "Password: ")
        os.write(fd, b"correct horse battery staple\n")
        read_until(fd, "Again: ")
        os.write(fd, b"correct horse battery stapler\n")
        said = read_until(fd, "\x00never shown\x00")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 2
    assert "the two passwords differ" in said and "10 characters" not in said
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM operators")).scalar() == 0
    engine.dispose()
