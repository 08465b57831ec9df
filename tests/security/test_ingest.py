"""What a booth sends is checked at the door (422), and no stored status breaks a page."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from backend.database import Database
from backend.devices import device_for_token
from backend.local_server import BackendServer
from backend.models import DeviceEvent
from tests.harness.dashboard import logged_in, new_operator

FULL_HEARTBEAT: dict[str, Any] = {
    "version": "1.2.3", "state": "attract",
    "printer": {"state": "ready", "message": "", "reasons": [], "prints_remaining": 300},
    "prints_left": 300, "health": {"camera": {"state": "ok", "since": 1_765_000_000.0}},
    "outbox": {"depth": 2, "oldest_age": 12.5}, "disk_free_bytes": 10**10,
    "uptime_seconds": 3600.0, "free_mode": False, "low_paper_threshold": 20,
}


@pytest.fixture(scope="module")
def booth(backend: BackendServer) -> tuple[str, str]:
    name = f"booth-{uuid.uuid4().hex[:6]}"
    return name, backend.add_device(name)


@pytest.fixture(scope="module")
def operator_client(backend: BackendServer) -> Iterator[httpx.Client]:
    client = logged_in(backend, new_operator(backend))
    yield client
    client.close()


def _events(server: BackendServer, token: str, at: Any) -> httpx.Response:
    event = {"key": uuid.uuid4().hex, "at": at, "kind": "service.opened", "reason": ""}
    return httpx.post(f"{server.url}/api/devices/events", json={"events": [event]},
                      headers={"Authorization": f"Bearer {token}",
                               "Idempotency-Key": uuid.uuid4().hex})


@pytest.mark.parametrize("at", [1_765_000_000_000.0, 10**300, -5.0, 0.0, "1e999"])
def test_an_event_time_outside_seconds_of_a_sane_window_is_refused(
    backend: BackendServer, booth: tuple[str, str], at: Any,
) -> None:
    answer = _events(backend, booth[1], at)
    assert answer.status_code == 422, answer.text
    assert _events(backend, booth[1], time.time()).status_code == 200


@pytest.mark.parametrize("field, value", [
    ("health", {"camera": {"state": "ok", "since": 1_765_000_000_000.0}}),
    ("prints_left", -1), ("prints_left", 10**30), ("uptime_seconds", 1e30),
    ("disk_free_bytes", 2**64), ("outbox", {"depth": -3}),
])
def test_a_heartbeat_with_an_out_of_range_field_is_refused(
    backend: BackendServer, booth: tuple[str, str], field: str, value: Any,
) -> None:
    answer = httpx.post(f"{backend.url}/api/devices/heartbeat",
                        json={**FULL_HEARTBEAT, field: value},
                        headers={"Authorization": f"Bearer {booth[1]}"})
    assert answer.status_code == 422, answer.text


def _pages_answer(client: httpx.Client, name: str) -> dict[str, int]:
    return {path: client.get(path).status_code
            for path in ("/admin", "/admin/fleet", f"/admin/booths/{name}", "/admin/devices")}


def test_every_page_renders_for_a_booth_that_never_sent_a_heartbeat(
    backend: BackendServer, operator_client: httpx.Client,
) -> None:
    name = f"fresh-{uuid.uuid4().hex[:6]}"
    backend.add_device(name)
    assert set(_pages_answer(operator_client, name).values()) == {200}


@pytest.mark.parametrize("kept", [[], *[[field] for field in FULL_HEARTBEAT],
                                  *[[f for f in FULL_HEARTBEAT if f != gone]
                                    for gone in FULL_HEARTBEAT]])
def test_every_page_renders_with_any_subset_of_heartbeat_fields(
    backend: BackendServer, booth: tuple[str, str], operator_client: httpx.Client,
    kept: list[str],
) -> None:
    name, token = booth
    body = {field: FULL_HEARTBEAT[field] for field in kept}
    stored = httpx.post(f"{backend.url}/api/devices/heartbeat", json=body,
                        headers={"Authorization": f"Bearer {token}"})
    assert stored.status_code == 200, stored.text
    assert set(_pages_answer(operator_client, name).values()) == {200}


def test_an_event_stored_in_milliseconds_before_the_check_does_not_break_the_booth_page(
    backend: BackendServer, booth: tuple[str, str], operator_client: httpx.Client,
) -> None:
    name, token = booth
    db = Database(backend.database_url)
    try:
        device = device_for_token(db, token)
        assert device is not None and device.id is not None
        device_id = device.id
        with db.write() as session:
            for at in (time.time() * 1000, 1e300):
                session.add(DeviceEvent(device_id=device_id, key=uuid.uuid4().hex, at=at,
                                        kind="legacy", received_at=0))
    finally:
        db.dispose()
    page = operator_client.get(f"/admin/booths/{name}")
    assert page.status_code == 200 and "(invalid time)" in page.text
