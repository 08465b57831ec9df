"""The fleet simulator (bench/fleet_simulator.py) in a bounded tiny run against a real
backend: it counts what it sends, as the backend has it, and a refused request fails it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from backend.local_server import BackendServer, start_backend
from bench.fleet_simulator import FleetConfig, run_fleet
from tests.harness.photo_files import jpeg_bytes

PAYME_KEY = "fleet-test-key"
PHOTOS = {"shot-1.jpg": jpeg_bytes(320, 240, noise=True), "print.jpg": jpeg_bytes(240, 360)}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    backend = start_backend(tmp_path_factory.mktemp("fleet"), extra_env={
        "BOOTH_PAYME_MERCHANT_ID": "fleet", "BOOTH_PAYME_KEY": PAYME_KEY})
    yield backend
    backend.stop()


def tiny(server: BackendServer, tokens: list[str]) -> FleetConfig:
    """Three seconds of arrivals at about four sessions a second, a heartbeat a second."""
    return FleetConfig(backends=[server.port], tokens=tokens, photos=PHOTOS,
                       payme_key=PAYME_KEY, seconds=3, sessions_per_hour=7200 / len(tokens),
                       heartbeat_s=1, pay_delay_s=(0.2, 0.4), phone_delay_s=(0.0, 0.1),
                       drain_s=60)


def count(server: BackendServer, sql: str) -> int:
    with sqlite3.connect(server.database_url.removeprefix("sqlite:///")) as db:
        return int(db.execute(sql).fetchone()[0])


def test_the_simulator_counts_what_it_sends_as_the_backend_has_it(
    server: BackendServer,
) -> None:
    tokens = [server.token, server.add_device("fleet-booth-2")]
    orders_before = count(server, "SELECT count(*) FROM orders")
    result = run_fleet(tiny(server, tokens))
    assert result.ok, result.failures
    sessions = result.sessions
    assert sessions >= 1 and result.sent["generate-qr"] == sessions
    assert count(server, "SELECT count(*) FROM orders") - orders_before == sessions
    assert count(server, "SELECT count(*) FROM orders WHERE order_id LIKE 'fleet-%' "
                         "AND payment_status = 'paid'") == sessions
    assert result.sent["payme"] == 3 * sessions == len(result.webhook_s)
    assert result.sent["photo-upload"] == len(PHOTOS) * sessions == count(
        server, "SELECT count(*) FROM photo_files")
    assert result.sent["events"] == 2 * sessions
    assert result.sent["phone-page"] == sessions
    assert result.sent["phone-photo"] == len(PHOTOS) * sessions
    assert len(result.wake_s) == sessions and result.sent["long-poll"] >= sessions
    # Each booth's first heartbeat within its first second, then one a second for three.
    assert 2 <= result.sent["heartbeat"] <= 6
    assert count(server, "SELECT count(*) FROM device_heartbeats") == 2
    assert result.cpu_s > 0


def test_a_refused_request_fails_the_run_and_says_which(server: BackendServer) -> None:
    result = run_fleet(tiny(server, ["not-a-device-token"]))
    assert not result.ok
    assert result.failures and all("401" in failure for failure in result.failures)
    assert result.sent["generate-qr"] == 0 and result.sent["heartbeat"] == 0
