"""The heartbeat sender against the real backend through a real TCP proxy: it sends at
start, soon after a change (several changes make one heartbeat), the latest status wins,
and a booth cut off for a while sends one heartbeat when the network is back."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from backend.database import Database
from backend.fleet_models import Heartbeat
from backend.local_server import BackendServer
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from sync.api_client import BackendClient
from sync.heartbeat import HeartbeatSender
from tests.harness.waiting import wait_for
from tests.sync.conftest import backend_device_id


class Status:
    """The booth's status as the sender sees it: a counter it reads on every send."""

    def __init__(self) -> None:
        self.state = "attract"
        self.reads = 0
        self._lock = threading.Lock()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            self.reads += 1
            return {"state": self.state, "version": "test", "outbox": {"depth": 0}}


def stored(backend: BackendServer, device_id: int) -> dict[str, Any] | None:
    db = Database(backend.database_url)
    try:
        with db.read() as session:
            beat = session.get(Heartbeat, device_id)
            return None if beat is None else dict(beat.body)
    finally:
        db.dispose()


def stored_state(backend: BackendServer, device_id: int) -> str | None:
    body = stored(backend, device_id)
    return None if body is None else body["state"]


@pytest.fixture
def status() -> Status:
    return Status()


@pytest.fixture
def sender(client: BackendClient, status: Status) -> Iterator[HeartbeatSender]:
    # The minute is long enough that only the start and the changes send here.
    beats = HeartbeatSender(client, status.snapshot, interval=600, debounce=0.3, retry=0.1)
    beats.start()
    yield beats
    beats.stop()


def test_the_first_heartbeat_goes_at_start_with_the_whole_status(
    backend: BackendServer, device_token: str, sender: HeartbeatSender
) -> None:
    device_id = backend_device_id(backend, device_token)
    body = wait_for(lambda: stored(backend, device_id), "the first heartbeat")
    assert body["state"] == "attract" and body["version"] == "test"


def test_changes_in_quick_succession_make_one_heartbeat_with_the_latest_status(
    backend: BackendServer, device_token: str, sender: HeartbeatSender, status: Status
) -> None:
    device_id = backend_device_id(backend, device_token)
    wait_for(lambda: stored(backend, device_id), "the first heartbeat")
    reads_before = status.reads
    for state in ("capture", "review", "choose", "payment"):
        status.state = state
        sender.nudge()
    wait_for(lambda: stored_state(backend, device_id) == "payment", "the latest state")
    assert status.reads == reads_before + 1


def test_a_booth_cut_off_sends_one_current_heartbeat_when_the_network_returns(
    backend: BackendServer, device_token: str, sender: HeartbeatSender, status: Status,
    proxy: TcpProxy,
) -> None:
    device_id = backend_device_id(backend, device_token)
    wait_for(lambda: stored(backend, device_id), "the first heartbeat")
    proxy.drop()
    for state in itertools.islice(itertools.cycle(("capture", "printing")), 6):
        status.state = state
        sender.nudge()
    status.state = "out_of_service"
    sender.nudge()
    # Several tries fail meanwhile (each with a fresh snapshot, nothing queued).
    reads = status.reads
    wait_for(lambda: status.reads >= reads + 3, "retries while offline")
    assert stored_state(backend, device_id) == "attract"
    proxy.pass_through()
    wait_for(lambda: stored_state(backend, device_id) == "out_of_service",
             "the heartbeat after the network returned")
