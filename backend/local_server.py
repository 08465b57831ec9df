"""A booth-backend process on this machine, for `make demo` and for the tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
START_DEADLINE_S = 30.0


PORT_ATTEMPTS = 3


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PortTaken(RuntimeError):
    """Another process bound the chosen port before the backend did (any process's outgoing
    connection may be given it in between: the ports come from the same range)."""


def _backend_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "backend.cli", *args]


@dataclass
class BackendServer:
    url: str
    token: str
    database_url: str
    port: int
    env: dict[str, str]
    log_path: Path
    host: str = "127.0.0.1"
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def add_device(self, name: str) -> str:
        """Another device token (add-device against the same database)."""
        done = subprocess.run(
            _backend_command("add-device", name, "--database", self.database_url),
            env=self.env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"add-device failed: {done.stderr}")
        return done.stdout.strip().splitlines()[-1]

    def add_operator(self, name: str, password: str) -> None:
        """A dashboard operator (or a new password for one), as `add-operator` does it."""
        done = subprocess.run(
            _backend_command("add-operator", name, "--database", self.database_url),
            input=f"{password}\n", env=self.env, cwd=REPO_ROOT, capture_output=True,
            text=True, timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"add-operator failed: {done.stderr}")

    def _post(self, path: str) -> None:
        request = urllib.request.Request(f"{self.url}{path}", data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()

    def sandbox_pay(self, order_id: str) -> None:
        """Presses the sandbox page's Pay button."""
        self._post(f"/sandbox/pay/{order_id}/pay")

    def sandbox_decline(self, order_id: str) -> None:
        self._post(f"/sandbox/pay/{order_id}/decline")

    def start(self) -> None:
        """Starts serving on self.port and waits for /healthz (again after stop())."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            _backend_command(
                "serve", "--host", self.host, "--port", str(self.port),
                "--database", self.database_url,
            ),
            env=self.env, cwd=REPO_ROOT, stdout=log, stderr=log,
        )
        log.close()
        deadline = time.monotonic() + START_DEADLINE_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self._log_tail()
                error = PortTaken if "address already in use" in tail else RuntimeError
                raise error(f"backend exited at start:\n{tail}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"backend did not answer /healthz in time:\n{self._log_tail()}")

    def stop(self) -> None:
        """Terminates the process and waits for it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None

    def kill(self) -> None:
        """SIGKILL, as a crash or a power cut would; `start()` serves the same database again."""
        if self.process is None:
            return
        self.process.kill()
        self.process.wait(timeout=15)
        self.process = None

    def _log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


def start_backend(
    workdir: Path,
    *,
    database_url: str | None = None,
    extra_env: dict[str, str] | None = None,
    port: int | None = None,
    host: str = "127.0.0.1",
    public_host: str = "127.0.0.1",
    device: str = "test-kiosk",
) -> BackendServer:
    """Migrates, issues a device token and starts `booth-backend serve` with the sandbox on.

    `host` is where it listens; `public_host` is what the QR links carry (a LAN
    address lets a phone reach the sandbox pay page). `url` is always loopback.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = database_url or f"sqlite:///{workdir / 'backend.sqlite3'}"
    base_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BOOTH_") and key != "DATABASE_URL"
    }
    base_env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO_ROOT), base_env.get("PYTHONPATH")]))
    token = ""
    # A port chosen here may be taken before the server binds it: then another is chosen.
    attempts_left = 1 if port else PORT_ATTEMPTS
    while True:
        attempts_left -= 1
        chosen = port or free_port()
        env = {**base_env, "BOOTH_SANDBOX": "1",
               "BOOTH_PUBLIC_URL": f"http://{public_host}:{chosen}",
               "BOOTH_MEDIA_DIR": str(workdir / "media"), "PYTHONUNBUFFERED": "1",
               **(extra_env or {})}
        server = BackendServer(
            url=f"http://127.0.0.1:{chosen}", token=token, database_url=database_url,
            port=chosen, env=env, log_path=workdir / f"backend-{chosen}.log", host=host,
        )
        token = server.token = token or server.add_device(device)
        try:
            server.start()
            return server
        except PortTaken:
            if not attempts_left:
                raise
