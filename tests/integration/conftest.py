"""The whole booth core without widgets: the real backend and cupsd (tests/conftest.py),
the virtual camera, a real store."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from backend.local_server import BackendServer
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from kiosk.core.notices import Notice
from kiosk.core.post_queue import PostQueue
from printing.private_cupsd import PrivateCups
from tests.conftest import DS620_MODEL as DS620

DEADLINE = 60.0


class Runner(PostQueue):
    """Plays the UI thread for the booth, and keeps the driver's notices."""

    def __init__(self) -> None:
        super().__init__()
        self.notices: list[Notice] = []

    def until(self, condition: Callable[[], Any], what: str, booth: Booth | None = None,
              timeout: float = DEADLINE) -> Any:
        self.tick = booth.driver.tick if booth is not None else None
        return self.run_until(condition, what, timeout)

    def kinds(self) -> list[type]:
        return [type(n) for n in self.notices]


@pytest.fixture
def prints_dir(cupsd: PrivateCups, request: pytest.FixtureRequest) -> Path:
    directory = Path(tempfile.mkdtemp(prefix="booth-prints-", dir="/tmp"))
    directory.chmod(0o755)
    queue_name = f"booth{abs(hash(request.node.nodeid)) % 10**8}"
    cupsd.add_directory_queue(queue_name, DS620, directory)
    request.node.queue_name = queue_name
    return directory


@pytest.fixture
def make_booth(tmp_path: Path, cupsd: PrivateCups, backend: BackendServer, prints_dir: Path,
               request: pytest.FixtureRequest) -> Iterator[Callable[..., tuple[Booth, Runner]]]:
    made: list[Booth] = []

    def make(clock: Callable[[], float] = time.time,
             **sections: Any) -> tuple[Booth, Runner]:
        runner = Runner()
        settings: dict[str, Any] = {
            "backend": {"url": backend.url, "device_token": backend.token, "longpoll_wait": 5,
                        "read_timeout": 10},
            "printing": {"queue": request.node.queue_name, "cups_server": cupsd.server,
                         "poll_seconds": 0.5},
            "storage": {"data_dir": str(tmp_path / "kiosk")},
            "flow": {"shots": 2, "layout": "grid-4x6"},
            "payment": {"providers": ["sandbox"], "default_provider": "sandbox"},
        }
        for name, values in sections.items():  # a section's keys are merged, a list replaced
            settings[name] = {**settings.get(name, {}), **values} if isinstance(values, dict) \
                else values
        # A test's own clock moves by time passing: it is its own steady clock.
        booth = Booth(KioskConfig(**settings), post=runner.post, clock=clock,
                      steady=time.monotonic if clock is time.time else clock,
                      config_path=tmp_path / "kiosk.toml")
        booth.driver.subscribe(runner.notices.append)
        booth.start()
        made.append(booth)
        return booth, runner

    yield make
    for booth in made:
        booth.stop()
