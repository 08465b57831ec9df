"""The booth's entry points as a technician meets them: real `kiosk` processes, queues on
the private cupsd's fault-injecting backend, the real backend over HTTP (both from
tests/conftest.py), a notify socket in tmp."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from backend.local_server import BackendServer
from kiosk.app.config_file import write_config
from printing.fault_printer import FaultPrinter
from printing.private_cupsd import PrivateCups
from tests.conftest import DS620_MODEL as DS620
from tests.harness.notify_socket import NotifySocket

KIOSK = Path(sys.executable).with_name("kiosk")
STOP_DEADLINE = 30.0
_queue_numbers = itertools.count(1)


@pytest.fixture
def printer(cupsd: PrivateCups) -> tuple[str, FaultPrinter]:
    """A DS620 queue (Gutenprint) on the fault-injecting backend: (queue name, its steering)."""
    queue = f"app{next(_queue_numbers)}"
    fault = FaultPrinter(cupsd.root.parent / "devices" / queue)
    cupsd.add_booth_queue(queue, DS620, fault.uri)
    return queue, fault


@pytest.fixture
def booth_settings(tmp_path: Path, cupsd: PrivateCups, backend: BackendServer,
                   printer: tuple[str, FaultPrinter]) -> dict[str, Any]:
    """kiosk.toml sections for a booth wired to the private cupsd and the backend."""
    return {
        "backend": {"url": backend.url, "device_token": backend.token, "longpoll_wait": 5},
        "printing": {"queue": printer[0], "cups_server": cupsd.server, "poll_seconds": 0.5},
        "storage": {"data_dir": str(tmp_path / "kiosk")},
        "logs": {"directory": str(tmp_path / "log")},
        "flow": {"shots": 2, "done_seconds": 2},
        "ui": {"fullscreen": False},
        "payment": {"providers": ["sandbox"], "default_provider": "sandbox"},
    }


@pytest.fixture
def notify(tmp_path: Path) -> Iterator[NotifySocket]:
    sock = NotifySocket(tmp_path)
    yield sock
    sock.close()


class KioskProcess:
    """One real `kiosk` process (offscreen Qt), its output in a file."""

    def __init__(self, config: Path, output: Path, env: dict[str, str]):
        self.output = output
        with output.open("ab") as out:
            self.process = subprocess.Popen([str(KIOSK), "--config", str(config)],
                                            env=env, stdout=out, stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.output.read_text(errors="replace")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(STOP_DEADLINE)

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(STOP_DEADLINE)


@pytest.fixture
def start_kiosk(tmp_path: Path, booth_settings: dict[str, Any],
                notify: NotifySocket) -> Iterator[Callable[..., KioskProcess]]:
    """Start `kiosk --config` with booth_settings; `env` adds variables (WATCHDOG_USEC…)."""
    started: list[KioskProcess] = []

    def start(env: dict[str, str] | None = None, **overrides: dict[str, Any]) -> KioskProcess:
        settings = {name: {**booth_settings.get(name, {}), **overrides.get(name, {})}
                    for name in {**booth_settings, **overrides}}
        config = write_config(tmp_path / "kiosk.toml", settings)
        variables = {key: value for key, value in os.environ.items()
                     if not key.startswith(("KIOSK_", "NOTIFY_", "WATCHDOG_"))}
        variables.update({"QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(notify.path),
                          **(env or {})})
        kiosk = KioskProcess(config, tmp_path / "kiosk-output.txt", variables)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        if kiosk.process.poll() is None:
            kiosk.kill()
