"""`booth-backend serve` says what it runs with when it starts (address, database without
its password, public URL, providers, alert channels, warnings), and `GET /healthz?detail=1`
answers the same to an operator only (HTTP Basic with a dashboard login)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

from backend.local_server import start_backend
from tests.backend.refund_helpers import FISCAL_ITEMS, FISCAL_TIN
from tests.harness.dashboard import PASSWORD, new_operator

PAYME = {"BOOTH_SANDBOX": "0", "BOOTH_PAYME_MERCHANT_ID": "5f0c0ffee0ddba11",
         "BOOTH_PAYME_KEY": "banner-secret-key", "BOOTH_TELEGRAM_BOT_TOKEN": "1:tg-secret",
         "BOOTH_TELEGRAM_CHAT_ID": "-100", "BOOTH_PUBLIC_URL": "https://booth.example.uz",
         "BOOTH_ALERT_WEBHOOK_URL": "https://hooks.example.uz/secret-path",
         "BOOTH_FISCAL_ITEMS": json.dumps(FISCAL_ITEMS), "BOOTH_FISCAL_TIN": FISCAL_TIN}


def banner_of(log: Path) -> list[str]:
    lines = log.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("booth-backend listening"))
    return [line for line in lines[start:start + 8] if line.startswith(("booth-", "  ", "WARN"))]


def test_the_start_banner_names_the_setup_and_never_a_secret(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'banner' / 'backend.sqlite3'}"
    server = start_backend(tmp_path / "banner", database_url=database, extra_env=PAYME)
    try:
        lines = banner_of(server.log_path)
    finally:
        server.stop()
    assert lines == [f"booth-backend listening on http://127.0.0.1:{server.port}",
                     f"  database:       {database}",
                     "  public URL:     https://booth.example.uz",
                     "  providers:      payme",
                     "  alert channels: telegram, webhook https://hooks.example.uz"]
    text = server.log_path.read_text()
    for secret in ("banner-secret-key", "tg-secret", "secret-path"):
        assert secret not in text


def test_no_provider_and_the_sandbox_are_warned_at_start(tmp_path: Path) -> None:
    server = start_backend(tmp_path / "none", extra_env={"BOOTH_SANDBOX": "0"})
    server.stop()
    lines = banner_of(server.log_path)
    assert "  providers:      none" in lines
    assert any(line.startswith("WARN  no payment provider is enabled: every booth goes out "
                               "of service (E-PROVIDER); set BOOTH_PAYME_MERCHANT_ID")
               for line in lines)
    sandbox = start_backend(tmp_path / "sandbox")
    sandbox.stop()
    assert any(line.startswith("WARN  the sandbox is on") for line in banner_of(sandbox.log_path))


def test_healthz_detail_is_for_an_operator_only_and_hides_the_database_password(
        tmp_path: Path) -> None:
    server = start_backend(tmp_path / "detail", extra_env=PAYME)
    try:
        anonymous = httpx.get(f"{server.url}/healthz?detail=1", timeout=30)
        assert anonymous.status_code == 401
        assert "database" not in anonymous.text and "payme" not in anonymous.text
        assert httpx.get(f"{server.url}/healthz", timeout=30).json()["status"] == "ok"
        name = new_operator(server)
        wrong = httpx.get(f"{server.url}/healthz?detail=1", auth=(name, "not-it"), timeout=30)
        assert wrong.status_code == 401 and "database" not in wrong.text
        assert wrong.headers["WWW-Authenticate"].startswith("Basic ")
        answer = httpx.get(f"{server.url}/healthz?detail=1", auth=(name, PASSWORD), timeout=30)
        assert answer.status_code == 200, answer.text
        detail = answer.json()
    finally:
        server.stop()
    assert detail["listen"] == f"http://127.0.0.1:{server.port}"
    assert detail["providers"] == ["payme"]
    assert detail["alert_channels"] == ["telegram", "webhook https://hooks.example.uz"]
    assert detail["public_url"] == "https://booth.example.uz"


def test_a_database_password_is_masked() -> None:
    from backend.start_report import redacted_database

    assert redacted_database("postgresql+psycopg://booth:s3cret@127.0.0.1:5432/booth") == \
        "postgresql+psycopg://booth:***@127.0.0.1:5432/booth"


def test_a_database_that_refuses_is_one_line_without_its_password() -> None:
    from printing.private_cupsd import free_port

    url = f"postgresql+psycopg://booth:s3cret@127.0.0.1:{free_port()}/booth"
    done = subprocess.run([sys.executable, "-m", "backend.cli", "serve", "--database", url],
                          capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if not k.startswith("BOOTH_")})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "s3cret" not in done.stdout + done.stderr
    assert done.stderr.startswith(
        f"booth-backend: cannot open the database {url.replace('s3cret', '***')}: ")
    assert "Connection refused" in done.stderr and len(done.stderr.splitlines()) == 1
    assert done.stdout.startswith("booth-backend listening on")  # the banner came first
