"""The server's edges: slow clients cut off, docs closed, Host checked, secrets not echoed,
and the reverse proxy's configuration valid and limiting what it should."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from backend.http_timeouts import MAX_HEAD_BYTES
from backend.local_server import REPO_ROOT, BackendServer, start_backend
from tests.security.conftest import ANSWER_DEADLINE_S

NGINX_CONF = REPO_ROOT / "deploy" / "nginx.conf"
# A byte every 0.3 s (under the quick backend's 1 s pause) for up to 15 s.
TRICKLE_EVERY_S = 0.3
TRICKLE_BYTES = 50


@pytest.fixture(scope="module")
def quick_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    """A backend that waits only 1 s for a request's head, and 1 s between a body's reads."""
    server = start_backend(tmp_path_factory.mktemp("edges"),
                           extra_env={"BOOTH_HEADER_TIMEOUT_SECONDS": "1",
                                      "BOOTH_BODY_TIMEOUT_SECONDS": "1"})
    yield server
    server.stop()


def _closed_by_server(url: str, sent: bytes) -> bool:
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port),
                                  timeout=ANSWER_DEADLINE_S) as sock:
        sock.sendall(sent)
        try:
            return sock.recv(4096) == b""
        except TimeoutError:
            return False


def test_a_client_that_never_finishes_its_request_head_is_cut_off(
    quick_backend: BackendServer,
) -> None:
    assert _closed_by_server(quick_backend.url, b"G")
    assert _closed_by_server(quick_backend.url, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    assert httpx.get(f"{quick_backend.url}/healthz").status_code == 200


def test_a_body_trickled_a_byte_at_a_time_is_cut_off(quick_backend: BackendServer) -> None:
    """Each byte comes before the 1 s pause runs out, so only the body's rate can end it."""
    parts = urlsplit(quick_backend.url)
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.sendall(b"POST /payme HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
        sock.settimeout(TRICKLE_EVERY_S)  # the wait for the server's close paces the bytes
        closed_after = None
        for sent in range(1, TRICKLE_BYTES + 1):
            try:
                sock.sendall(b"x")
                if sock.recv(4096) == b"":
                    closed_after = sent
                    break
            except TimeoutError:
                continue
            except OSError:  # reset: closed while this byte was on its way
                closed_after = sent
                break
    assert closed_after is not None, f"{TRICKLE_BYTES} bytes trickled and still open"
    assert httpx.get(f"{quick_backend.url}/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json"])
def test_api_docs_are_closed_unless_asked_for(backend: BackendServer, path: str) -> None:
    assert httpx.get(f"{backend.url}{path}").status_code == 404


def test_api_docs_and_other_host_names_are_opened_by_settings(tmp_path: Path) -> None:
    server = start_backend(tmp_path, extra_env={"BOOTH_API_DOCS": "1",
                                                "BOOTH_ALLOWED_HOSTS": "backend.lan"})
    try:
        assert httpx.get(f"{server.url}/openapi.json").status_code == 200
        assert httpx.get(f"{server.url}/healthz",
                         headers={"Host": "backend.lan:8000"}).status_code == 200
        assert httpx.get(f"{server.url}/healthz",
                         headers={"Host": "other.lan"}).status_code == 400
    finally:
        server.stop()


def test_a_made_up_host_is_refused_and_redirects_are_relative(backend: BackendServer) -> None:
    evil = httpx.get(f"{backend.url}/admin/", headers={"Host": "evil.example"})
    assert evil.status_code == 400
    assert "evil.example" not in evil.headers.get("location", "")
    slash = httpx.get(f"{backend.url}/admin/")
    assert slash.status_code in (303, 307) and slash.headers["location"].startswith("/admin")


def test_a_refused_setting_does_not_echo_its_password(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", "migrate"], cwd=REPO_ROOT, capture_output=True,
        text=True, timeout=60,
        env={**os.environ, "BOOTH_DATABASE_URL": "mysql://booth:S3cretDbPw@db/booth",
             "PYTHONPATH": str(REPO_ROOT)})
    assert done.returncode == 2 and "BOOTH_DATABASE_URL" in done.stderr
    assert "S3cretDbPw" not in done.stderr + done.stdout


def test_the_deploy_guides_nginx_config_is_valid_and_limits_what_it_should(
    tmp_path: Path,
) -> None:
    text = NGINX_CONF.read_text()
    for directive in ("client_header_timeout", "client_body_timeout", "client_max_body_size",
                      "limit_req zone=booth_login", "location = /admin/login"):
        assert directive in text, directive
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=booths.example.com", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    conf = tmp_path / "nginx.conf"
    conf.write_text(text
                    .replace("/etc/letsencrypt/live/booths.example.com/fullchain.pem", str(cert))
                    .replace("/etc/letsencrypt/live/booths.example.com/privkey.pem", str(key)))
    checked = subprocess.run(
        ["nginx", "-t", "-c", str(conf), "-p", str(tmp_path),
         "-g", f"pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'};"],
        capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr


def test_a_request_head_longer_than_the_limit_is_refused(quick_backend: BackendServer) -> None:
    """431 and closed, read as it comes (no waiting for the head's end), the server fine."""
    parts = urlsplit(quick_backend.url)
    with socket.create_connection((parts.hostname, parts.port),
                                  timeout=ANSWER_DEADLINE_S) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: "
                     + b"a" * (MAX_HEAD_BYTES + 1))
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:80]
    assert b"x-content-type-options: nosniff" in answer.lower()
    assert httpx.get(f"{quick_backend.url}/healthz", headers={
        "X-Filler": "a" * (MAX_HEAD_BYTES // 2)}).status_code == 200
