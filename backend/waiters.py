"""Long-poll wake-ups: asyncio futures per order (no thread per waiter), fed by commits
in this process and, on PostgreSQL, by LISTEN/NOTIFY from every process of the fleet.

A commit in this process wakes its waiters with the order's status as committed; a
NOTIFY carries only the order id, so those waiters read the status again."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from backend.background import BackgroundTask
from backend.database import NOTIFY_CHANNEL
from backend.models import Order
from backend.order_status import status_answer
from contract.backoff import Backoff

log = logging.getLogger(__name__)
LISTEN_BACKOFF = Backoff(base=0.5, cap=20.0)

Status = dict[str, Any] | None  # a `payment-status` answer as committed, or None


class WaitHub:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: dict[str, set[asyncio.Future[Status]]] = defaultdict(set)

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    @contextmanager
    def waiter(self, order_id: str) -> Iterator[asyncio.Future[Status]]:
        """Register before reading the status, so a commit in between is not missed. The
        future's result is the committed status, or None: read it again."""
        future: asyncio.Future[Status] = asyncio.get_running_loop().create_future()
        self._waiters[order_id].add(future)
        try:
            yield future
        finally:
            group = self._waiters.get(order_id)
            if group is not None:
                group.discard(future)
                if not group:
                    del self._waiters[order_id]

    def wake(self, order_id: str, status: Status = None) -> None:
        """Runs on the event loop."""
        for future in self._waiters.get(order_id, ()):
            if not future.done():
                future.set_result(status)

    def wake_all(self) -> None:
        for order_id in list(self._waiters):
            self.wake(order_id)

    def wake_threadsafe(self, order_id: str, status: Status = None) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.wake, order_id, status)

    def order_committed(self, order: Order) -> None:
        """A commit in this process changed `order` (on the committing thread): its waiters
        answer the row as committed, with no read of their own; under a burst of payments
        those reads would queue behind the payers."""
        self.wake_threadsafe(order.order_id, status_answer(order))

    @property
    def waiting(self) -> int:
        return sum(len(group) for group in self._waiters.values())


class NotifyListener:
    """One asyncio task per process listening on PostgreSQL; reconnects with backoff."""

    def __init__(self, dsn: str, hub: WaitHub, own_tag: str) -> None:
        """`own_tag`: this process's NOTIFYs carry it; their orders' waiters were woken by
        the commit already, with its status."""
        self._dsn = dsn
        self._hub = hub
        self._own_tag = own_tag
        self._task = BackgroundTask("notify-listener", self._run)
        self.listening = asyncio.Event()

    def start(self) -> None:
        self._task.start()

    async def stop(self) -> None:
        await self._task.stop()

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(self._dsn, autocommit=True)
                async with conn:
                    await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self.listening.set()
                    failures = 0
                    # Anything committed while we were not listening: let waiters re-read.
                    self._hub.wake_all()
                    async for notice in conn.notifies():
                        order_id, _, tag = notice.payload.partition(" ")
                        if tag != self._own_tag:
                            self._hub.wake(order_id)
            except psycopg.Error as exc:
                self.listening.clear()
                failures += 1
                delay = LISTEN_BACKOFF.delay(failures)
                log.warning("LISTEN connection lost (%s); retrying in %.1f s", exc, delay)
                await asyncio.sleep(delay)

