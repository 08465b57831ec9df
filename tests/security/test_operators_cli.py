"""`booth-backend operators …`: a new password, disabling or removing ends the sessions."""

from __future__ import annotations

import subprocess
import sys

import httpx

from backend.local_server import REPO_ROOT, BackendServer
from tests.harness.dashboard import PASSWORD, logged_in, new_operator, try_login

NEW_PASSWORD = "a brand new passphrase"


def operators(server: BackendServer, *args: str,
              stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "operators", *args,
         "--database", server.database_url],
        input=stdin, env=server.env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)


def test_a_new_password_ends_the_operators_sessions(backend: BackendServer) -> None:
    name = new_operator(backend)
    browser = logged_in(backend, name)
    assert browser.get("/admin").status_code == 200
    done = operators(backend, "set-password", name, stdin=f"{NEW_PASSWORD}\n")
    assert done.returncode == 0, done.stderr
    assert browser.get("/admin").status_code == 303
    with httpx.Client(base_url=backend.url) as fresh:
        assert try_login(fresh, name, PASSWORD).status_code == 401
    with httpx.Client(base_url=backend.url) as fresh:
        assert try_login(fresh, name, NEW_PASSWORD).status_code == 303


def test_a_disabled_operator_is_logged_out_and_cannot_log_in(backend: BackendServer) -> None:
    name = new_operator(backend)
    browser = logged_in(backend, name)
    done = operators(backend, "disable", name)
    assert done.returncode == 0, done.stderr
    assert browser.get("/admin").status_code == 303
    with httpx.Client(base_url=backend.url) as fresh:
        assert try_login(fresh, name, PASSWORD).status_code == 401
    listed = operators(backend, "list").stdout
    assert any(line.startswith(f"{name}\tdisabled") for line in listed.splitlines()), listed


def test_a_removed_operator_is_gone_with_their_sessions(backend: BackendServer) -> None:
    name = new_operator(backend)
    browser = logged_in(backend, name)
    assert operators(backend, "remove", name).returncode == 0
    assert browser.get("/admin").status_code == 303
    assert name not in operators(backend, "list").stdout
    unknown = operators(backend, "disable", name)
    assert unknown.returncode == 1 and "no operator" in unknown.stderr
