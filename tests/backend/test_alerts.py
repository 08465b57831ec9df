"""Alerts against a real HTTP server that plays the Telegram Bot API (and a webhook):
one message when an alert opens, one when it resolves, never repeated; offline, printer,
paper, undelivered orders and outbox lag; retries; two evaluators on one PostgreSQL."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from backend.alert_delivery import deliver_notices
from backend.alerts import evaluate_alerts
from backend.clock import Clock
from backend.database import Database
from backend.devices import add_device_in
from backend.heartbeats import HeartbeatIn, store_heartbeat
from backend.local_server import BackendServer, start_backend
from backend.settings import BackendSettings
from tests.backend.conftest import database_url_for
from tests.harness.dashboard import (
    heartbeat,
    logged_in,
    move_clock,
    new_operator,
    paid_order,
    report_printed,
)
from tests.harness.fake_telegram import CHAT_ID, FakeTelegram
from tests.harness.postgres import PostgresCluster
from tests.harness.waiting import wait_for


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    fake.stop()


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           telegram: FakeTelegram) -> Iterator[BackendServer]:
    url = database_url_for(request, request.param, "booth_alerts")
    # Rounds every 0.3 s instead of every minute, so the tests wait less; what is due
    # follows the backend's clock, which the tests move.
    backend = start_backend(tmp_path_factory.mktemp(f"alerts-{request.param}"),
                            database_url=url,
                            extra_env={**telegram.env(), "BOOTH_ALERT_INTERVAL_SECONDS": "0.3"})
    yield backend
    backend.stop()


def about(telegram: FakeTelegram, *words: str) -> list[str]:
    return [text for text in telegram.messages() if all(word in text for word in words)]


def arrives(telegram: FakeTelegram, *words: str) -> str:
    return wait_for(lambda: about(telegram, *words), f"a Telegram message with {words}")[0]


def new_booth(server: BackendServer) -> tuple[str, str]:
    name = f"booth-{uuid.uuid4().hex[:6]}"
    return name, server.add_device(name)


def test_paper_out_opens_once_shows_on_the_dashboard_and_resolves_once(
    server: BackendServer, telegram: FakeTelegram
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token, printer={"state": "paper_out", "message": "Media empty"})
    opened = arrives(telegram, "🔴", name, "out of paper")
    assert "Media empty" in opened
    dashboard = logged_in(server, new_operator(server)).get("/admin").text
    assert 'id="alerts"' in dashboard and f"{name}: printer out of paper" in dashboard
    # A later round must have run: it opens the low-paper alert of the next heartbeat.
    heartbeat(server, token, prints_left=5, low_paper_threshold=20)
    arrives(telegram, "🔴", name, "5 prints left")
    arrives(telegram, "✅", name, "out of paper")
    heartbeat(server, token, prints_left=400)
    arrives(telegram, "✅", name, "5 prints left")
    assert len(about(telegram, name, "out of paper")) == 2  # opened, resolved: no repeats
    assert len(about(telegram, name, "prints left")) == 2
    hooks = wait_for(lambda: [h for h in telegram.hooks() if h["alert"]["booth"] == name
                              and h["event"] == "resolved" and h["alert"]["kind"] == "paper-low"]
                     and [h for h in telegram.hooks() if h["alert"]["booth"] == name],
                     "the webhook's last copy")
    assert sorted((hook["event"], hook["alert"]["kind"]) for hook in hooks) == [
        ("opened", "paper-low"), ("opened", "printer"),
        ("resolved", "paper-low"), ("resolved", "printer")]
    assert all(r.body["chat_id"] == CHAT_ID for r in telegram.received if "chat_id" in r.body)


def test_a_booth_offline_for_5_minutes_alerts_and_its_return_resolves(
    server: BackendServer, telegram: FakeTelegram
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token)
    move_clock(server, 5 * 60)
    arrives(telegram, "🔴", name, "is offline")
    heartbeat(server, token)
    arrives(telegram, "✅", name, "is offline")
    assert len(about(telegram, name, "is offline")) == 2


def test_a_paid_order_not_printed_after_10_minutes_alerts_until_printed(
    server: BackendServer, telegram: FakeTelegram
) -> None:
    name, token = new_booth(server)
    order_id = paid_order(server, token, amount=20_000)
    move_clock(server, 10 * 60)
    opened = arrives(telegram, "🔴", order_id)
    assert "paid but not printed" in opened and "20,000\u00a0UZS" in opened and name in opened
    report_printed(server, token, order_id)
    arrives(telegram, "✅", order_id)
    assert len(about(telegram, order_id)) == 2


def test_an_outbox_lagging_over_15_minutes_alerts(
    server: BackendServer, telegram: FakeTelegram
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token, outbox={"depth": 12, "oldest_age": 16 * 60.0})
    assert "wait 16 min" in arrives(telegram, "🔴", name, "events wait")
    heartbeat(server, token, outbox={"depth": 0, "oldest_age": None})
    arrives(telegram, "✅", name, "events wait")


def test_a_refused_message_is_sent_again_later_and_only_once(
    server: BackendServer, telegram: FakeTelegram
) -> None:
    name, token = new_booth(server)
    telegram.failures_left = 3
    heartbeat(server, token, printer={"state": "ribbon_out", "message": ""})
    arrives(telegram, "🔴", name, "out of ribbon")
    wait_for(lambda: [h for h in telegram.hooks() if h["alert"]["booth"] == name],
             "the webhook's copy")
    heartbeat(server, token)
    arrives(telegram, "✅", name, "out of ribbon")
    wait_for(lambda: len([h for h in telegram.hooks() if h["alert"]["booth"] == name]) == 2,
             "the webhook's copy of the resolution")
    assert telegram.failures_left == 0
    assert len(about(telegram, name, "out of ribbon")) == 2


# ----- several backend processes: two evaluators, one PostgreSQL ----------------------------


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Runs the calls at the same moment; their results (an exception is raised here)."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result() for future in [pool.submit(run, call) for call in calls]]


@pytest.mark.postgres
def test_two_evaluators_on_one_postgresql_send_each_alert_once(
    postgres_cluster: PostgresCluster, telegram: FakeTelegram
) -> None:
    url = postgres_cluster.create_database("booth_two_evaluators")
    settings = BackendSettings(database_url=url, **{
        name.removeprefix("BOOTH_").lower(): value for name, value in telegram.env().items()})
    first, second = Database(url), Database(url)  # as two processes have: own pools
    first.create_tables()
    clock = Clock()
    prefix = f"pair-{uuid.uuid4().hex[:4]}"
    try:
        for index in range(8):
            with first.write() as session:
                device_id, _ = add_device_in(session, f"{prefix}-{index}", clock.now_ms())
            store_heartbeat(first, device_id, HeartbeatIn(
                printer={"state": "paper_out"}, prints_left=0), clock.now_ms())
        opened: list[str] = []
        for _ in range(3):  # minute after minute, both processes
            for evaluation in race(lambda: evaluate_alerts(first, settings, clock.now_ms()),
                                   lambda: evaluate_alerts(second, settings, clock.now_ms())):
                opened.extend(evaluation.opened if evaluation else [])
            race(lambda: deliver_notices(first, settings, clock.now_ms),
                 lambda: deliver_notices(second, settings, clock.now_ms))
        assert len(opened) == 16 and len(set(opened)) == 16  # 8 booths × 2 conditions
        for index in range(8):
            booth = f"{prefix}-{index}: "
            assert len(about(telegram, booth, "out of paper")) == 1
            assert len(about(telegram, booth, "0 prints left")) == 1
        assert len([h for h in telegram.hooks() if h["alert"]["booth"].startswith(prefix)]) == 16
    finally:
        first.dispose()
        second.dispose()


def turn_a_customer_away(server: BackendServer, token: str, reason: str) -> None:
    """The booth's event for a customer who chose a package and got no payment code."""
    event = {"key": uuid.uuid4().hex, "at": time.time(), "kind": "payment.unavailable",
             "subject": f"o-{uuid.uuid4().hex[:8]}", "reason": reason, "data": {}}
    answer = httpx.post(f"{server.url}/api/devices/events", json={"events": [event]},
                        headers={"Authorization": f"Bearer {token}",
                                 "Idempotency-Key": uuid.uuid4().hex}, timeout=30)
    assert answer.status_code == 200, answer.text


def test_customers_turned_away_without_a_payment_code_alert_and_resolve_after_30_minutes(
    server: BackendServer, telegram: FakeTelegram
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token)
    turn_a_customer_away(server, token, "backend unreachable")
    opened = arrives(telegram, "🔴", name, "customers turned away")
    assert "1 got no payment code in the last 30 min (backend unreachable)" in opened
    dashboard = logged_in(server, new_operator(server)).get("/admin").text
    assert f"{name}: customers turned away" in dashboard
    move_clock(server, 31 * 60)
    heartbeat(server, token)  # online, and no customer turned away since
    arrives(telegram, "✅", name, "customers turned away")
    assert len(about(telegram, name, "customers turned away")) == 2


def test_a_booth_out_of_service_for_want_of_a_provider_alerts_until_it_has_one(
    server: BackendServer, telegram: FakeTelegram
) -> None:
    name, token = new_booth(server)
    why = "the backend takes none of payment.providers ['payme'] (it takes: none): set …"
    heartbeat(server, token, state="out_of_service", health={
        "backend": {"state": "fault", "message": why, "since": 0, "code": "E-PROVIDER"}})
    opened = arrives(telegram, "🔴", name, "no payment provider in common")
    assert why in opened
    heartbeat(server, token, state="attract", health={
        "backend": {"state": "ok", "message": "the backend answers", "since": 0}})
    arrives(telegram, "✅", name, "no payment provider in common")


def test_a_booth_that_cannot_save_alerts_until_its_disk_takes_writes_again(
    server: BackendServer, telegram: FakeTelegram
) -> None:
    name, token = new_booth(server)
    why = "the disk is full: payment watcher o-1 cannot save (OperationalError: database or " \
          "disk is full)"
    heartbeat(server, token, state="out_of_service", health={
        "storage": {"state": "fault", "message": why, "since": 0, "code": "E-STORAGE"}})
    opened = arrives(telegram, "🔴", name, "the disk is full")
    assert "(E-STORAGE)" in opened and why in opened
    dashboard = logged_in(server, new_operator(server)).get("/admin").text
    assert f"{name}: out of service, the disk is full" in dashboard
    heartbeat(server, token, state="attract", health={
        "storage": {"state": "ok", "message": "saving works", "since": 0}})
    arrives(telegram, "✅", name, "the disk is full")
    assert len(about(telegram, name, "the disk is full")) == 2
