"""Fleet mode: two backend processes on one PostgreSQL; LISTEN/NOTIFY wakes the long-poll."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.database import Database, order_changed
from backend.local_server import BackendServer, start_backend
from backend.models import Order
from backend.waiters import NotifyListener, WaitHub
from tests.backend.conftest import PROVIDER_ENV, new_order_id, wait_for_waiters
from tests.harness.postgres import PostgresCluster

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def fleet(
    postgres_cluster: PostgresCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[BackendServer, BackendServer]]:
    url = postgres_cluster.create_database("booth_fleet")
    first = start_backend(tmp_path_factory.mktemp("fleet-a"), database_url=url,
                          extra_env=PROVIDER_ENV)
    second = start_backend(Path(first.log_path.parent), database_url=url,
                           extra_env=PROVIDER_ENV)
    yield first, second
    second.stop()
    first.stop()


def test_a_long_poll_in_one_process_wakes_on_a_payment_in_another(
    fleet: tuple[BackendServer, BackendServer],
) -> None:
    paying, waiting = fleet
    order_id = new_order_id()
    auth = {"Authorization": f"Bearer {paying.token}"}
    created = httpx.post(f"{paying.url}/api/generate-qr", headers=auth,
                         json={"order_id": order_id, "paymentType": "sandbox", "amount": 500})
    assert created.status_code == 200
    answers: list[dict[str, Any]] = []
    # No timer in the waiting process re-reads the order: only a NOTIFY can end this early.
    poll = threading.Thread(target=lambda: answers.append(httpx.get(
        f"{waiting.url}/api/payment-status/{order_id}", params={"wait": 30}, headers=auth,
        timeout=40).json()))
    poll.start()
    wait_for_waiters(waiting.url, 1)
    paying.sandbox_pay(order_id)
    # Well before the 30 s deadline, at which the poll would answer anyway.
    poll.join(timeout=15)
    answered_early = bool(answers)
    poll.join()
    assert answered_early and answers[0]["status"] == "paid"


def test_both_processes_serve_one_fleet_of_orders(
    fleet: tuple[BackendServer, BackendServer],
) -> None:
    first, second = fleet
    auth = {"Authorization": f"Bearer {first.token}"}
    order_id = new_order_id()
    body = {"order_id": order_id, "paymentType": "sandbox", "amount": 700}
    one = httpx.post(f"{first.url}/api/generate-qr", headers=auth, json=body).json()
    two = httpx.post(f"{second.url}/api/generate-qr", headers=auth, json=body).json()
    assert one["order_id"] == two["order_id"] and one["expires_at"] == two["expires_at"]
    second.sandbox_pay(order_id)
    status = httpx.get(f"{first.url}/api/payment-status/{order_id}", headers=auth).json()
    assert status["status"] == "paid"


def announce_change(db: Database, order_id: str) -> None:
    """A write transaction that marks the order changed: its commit sends the NOTIFY."""
    with db.write() as session:
        order_changed(session, Order(order_id=order_id))


def test_a_process_skips_its_own_notify_and_hears_the_others(
    postgres_cluster: PostgresCluster,
) -> None:
    # A process's own commits wake its waiters with the committed status; the NOTIFY they
    # also send would only make every such waiter read the order again.
    url = postgres_cluster.create_database("booth_notify_tags")
    own, other = Database(url), Database(url)

    async def scenario() -> tuple[object, bool]:
        hub = WaitHub()
        hub.bind(asyncio.get_running_loop())
        listener = NotifyListener(own.psycopg_dsn, hub, own.notify_tag)
        listener.start()
        await asyncio.wait_for(listener.listening.wait(), 30)
        try:
            with hub.waiter("mine") as mine, hub.waiter("theirs") as theirs:
                await asyncio.to_thread(announce_change, own, "mine")
                await asyncio.to_thread(announce_change, other, "theirs")
                # NOTIFYs arrive in commit order: "mine" came first, if it came at all.
                woken_with = await asyncio.wait_for(theirs, 20)
                return woken_with, mine.done()
        finally:
            await listener.stop()

    try:
        woken_with, mine_woken = asyncio.run(scenario())
    finally:
        own.dispose()
        other.dispose()
    assert woken_with is None  # from another process: the waiter reads the status itself
    assert not mine_woken
