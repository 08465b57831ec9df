"""A commit wakes the long-poll waiters of its own process with the order as committed
(wired as the app wires it), and a transaction that rolls back wakes nobody."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from backend.database import Database, order_changed
from backend.models import Order
from backend.waiters import Status, WaitHub
from contract.payment_status import PaymentStatus


def change(db: Database, order_id: str, status: PaymentStatus, *, fail: bool = False) -> None:
    with db.write() as session:
        order_changed(session, Order(order_id=order_id, payment_status=status))
        if fail:
            raise RuntimeError("the transaction fails after the change")


def test_a_commit_wakes_its_waiters_with_the_committed_status_and_a_rollback_wakes_none(
        tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'backend.db'}")

    async def scenario() -> Status:
        hub = WaitHub()
        hub.bind(asyncio.get_running_loop())
        db.on_commit(hub.order_committed)
        with hub.waiter("o-1") as woken:
            with pytest.raises(RuntimeError):
                await asyncio.to_thread(change, db, "o-1", PaymentStatus.failed, fail=True)
            await asyncio.to_thread(change, db, "o-1", PaymentStatus.paid)
            return await asyncio.wait_for(woken, 20)

    try:
        status = asyncio.run(scenario())
    finally:
        db.dispose()
    # Not None (the waiter would read the order again) and not the rolled-back "failed".
    assert status is not None
    assert status["order_id"] == "o-1" and status["status"] == PaymentStatus.paid
