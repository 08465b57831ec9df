"""Delivers the local outbox to `POST /api/devices/events`, at least once, in order.

Rows are written by `store.record` in the same transaction as the state change
they describe. The relay sends them oldest first in batches; a batch's
Idempotency-Key is derived from its items' keys, so a retried batch carries the
same key, and the backend also dedups each event on its own key. While the
backend is unreachable it backs off (full jitter); rows persist across restarts.
The outbox is bounded: beyond `max_items` undelivered rows, or older than
`max_age_days`, the oldest are dropped and counted (`outbox.dropped`). An event
the backend refuses (4xx) is set aside and counted (`outbox.rejected`).

A refund the technician asked while the backend was unreachable waits here too, as its
`refund.queued` event: the relay delivers that row to the refund endpoint instead, in
its turn, and commits the answer (the refund's state, or the refusal) with the delivery.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from sqlalchemy import func
from sqlmodel import col, delete, select, update

from contract.backoff import Backoff
from kiosk.core import orders
from kiosk.core.models import OutboxItem
from kiosk.core.ports import RefundReplyKind
from kiosk.core.storage_health import StorageHealth, is_storage_full
from kiosk.core.store import Clock, Store
from sync.api_client import BackendClient, BackendError, BackendUnreachable, BadRequest
from sync.backend_loop import BackendLoop
from sync.refund_requests import BackendRefunds

log = logging.getLogger(__name__)

DROPPED_COUNTER = "outbox.dropped"
REJECTED_COUNTER = "outbox.rejected"
# Only a refusal of the content sets an event aside; a 404 means a wrong URL, not a bad event.
REFUSED_STATUSES = frozenset({400, 413, 422})
WORKER = "outbox relay"


def batch_key(items: list[OutboxItem]) -> str:
    digest = hashlib.sha256("\n".join(item.idempotency_key for item in items).encode())
    return f"batch-{digest.hexdigest()[:40]}"


class OutboxRelay(BackendLoop):
    """A worker thread that flushes every `poll_interval`, backing off while offline."""

    thread_name = "outbox-relay"

    def __init__(self, client: BackendClient, store: Store, *, clock: Clock = time.time,
                 batch_size: int = 50, max_items: int = 10_000, max_age_days: float = 30,
                 poll_interval: float = 2.0, backoff_base: float = 1.0,
                 backoff_cap: float = 60.0, storage: StorageHealth | None = None):
        super().__init__(client)
        self.store = store
        self.refunds = BackendRefunds(client)
        self.clock = clock
        self.batch_size = batch_size
        self.max_items = max_items
        self.max_age = max_age_days * 86_400
        self.poll_interval = poll_interval
        self._backoff = Backoff(backoff_base, backoff_cap, jitter=True)
        self.storage = storage or StorageHealth(None, clock)
        self._full = 0  # flushes in a row the disk refused (marking rows sent writes)
        self.last_error: str | None = None
        self._failures = 0
        self._wake = threading.Event()
        self._flushing = threading.Lock()

    def _interrupt_wait(self) -> None:
        self._wake.set()

    def wake(self) -> None:
        """Flush now instead of at the next interval (e.g. when the backend is back)."""
        self._wake.set()

    def pending_count(self) -> int:
        with self.store.reading() as session:
            query = select(func.count()).select_from(OutboxItem)
            return session.exec(query.where(col(OutboxItem.delivered_at).is_(None))).one()

    def dropped_count(self) -> int:
        return self.store.counter(DROPPED_COUNTER)

    def flush_once(self) -> int:
        """Send batches until the outbox is empty; returns how many rows were delivered.

        Raises BackendError (after the client's retries) when a batch is not accepted;
        rows delivered before that stay delivered. After `stop()` it sends nothing.
        """
        with self._flushing:
            return self._flush()

    def _flush(self) -> int:
        self._enforce_bounds()
        delivered = 0
        while not self._stopping.is_set():
            with self.store.reading() as session:
                items = list(session.exec(
                    select(OutboxItem).where(col(OutboxItem.delivered_at).is_(None))
                    .order_by(col(OutboxItem.id)).limit(self.batch_size)))
            if not items:
                break
            refund = next((n for n, item in enumerate(items)
                           if item.payload.get("kind") == orders.REFUND_QUEUED), None)
            if refund == 0:
                self._deliver_refund(items[0])
                delivered += 1
                continue
            items = items[:refund]
            try:
                self.client.post_events([item.payload for item in items], batch_key(items))
            except BadRequest as exc:
                if exc.status not in REFUSED_STATUSES:
                    self._mark(items, last_error=str(exc))
                    raise
                delivered += self._deliver_singly(items)
                continue
            except BackendError as exc:
                self._mark(items, last_error=str(exc))
                raise
            self._mark(items, delivered_at=self.clock())
            delivered += len(items)
        return delivered

    def _deliver_refund(self, item: OutboxItem) -> None:
        """Ask the backend for the queued refund; its answer and the row's delivery commit
        together. Unreachable: the row stays, and the relay backs off."""
        order_id = str(item.payload["subject"])
        reason = str(item.payload["data"].get("reason") or item.payload["reason"])
        reply = self.refunds.request_refund(order_id, reason)
        if reply.kind is RefundReplyKind.unreachable:
            self._mark([item], last_error=reply.note)
            raise BackendUnreachable(reply.note)
        with self.store.transaction() as session:
            if reply.kind is RefundReplyKind.accepted:
                orders.refund_answered(self.store, session, order_id, reply.status, reply.note)
            else:
                orders.refund_refused(self.store, session, order_id, reply.kind, reply.note)
            session.execute(update(OutboxItem).where(col(OutboxItem.id) == item.id).values(
                attempts=OutboxItem.attempts + 1, delivered_at=self.clock(), last_error=None))

    def rejected_count(self) -> int:
        return self.store.counter(REJECTED_COUNTER)

    def _deliver_singly(self, items: list[OutboxItem]) -> int:
        """The backend refused the batch: find the event it refuses and set it aside.

        The refused event stays in the local events table; only its delivery is
        abandoned, so one bad row cannot block every event behind it.
        """
        delivered = 0
        for item in items:
            try:
                self.client.post_events([item.payload], batch_key([item]))
            except BadRequest as exc:
                if exc.status not in REFUSED_STATUSES:
                    self._mark([item], last_error=str(exc))
                    raise
                log.error("outbox: backend refuses event %s (%s); set aside",
                          item.idempotency_key, exc)
                with self.store.transaction() as session:
                    session.execute(delete(OutboxItem).where(col(OutboxItem.id) == item.id))
                    self.store.add_counter(session, REJECTED_COUNTER, 1)
                continue
            except BackendError as exc:
                self._mark([item], last_error=str(exc))
                raise
            self._mark([item], delivered_at=self.clock())
            delivered += 1
        return delivered

    def _mark(self, items: list[OutboxItem], *, delivered_at: float | None = None,
              last_error: str | None = None) -> None:
        ids = [item.id for item in items]
        with self.store.transaction() as session:
            session.execute(update(OutboxItem).where(col(OutboxItem.id).in_(ids)).values(
                attempts=OutboxItem.attempts + 1, delivered_at=delivered_at,
                last_error=last_error))

    def _enforce_bounds(self) -> None:
        now = self.clock()
        with self.store.transaction() as session:
            undelivered = col(OutboxItem.delivered_at).is_(None)
            # Delivered rows have done their job; keep them only as long as the age bound.
            cutoff = now - self.max_age
            session.execute(delete(OutboxItem).where(col(OutboxItem.delivered_at) < cutoff))
            too_old = session.execute(delete(OutboxItem).where(
                undelivered, col(OutboxItem.created_at) < cutoff)).rowcount
            count = session.exec(select(func.count()).select_from(OutboxItem)
                                 .where(undelivered)).one()
            overflow = max(0, count - self.max_items)
            if overflow:
                oldest = select(OutboxItem.id).where(undelivered).order_by(
                    col(OutboxItem.id)).limit(overflow)
                session.execute(delete(OutboxItem).where(col(OutboxItem.id).in_(oldest)))
            if too_old or overflow:
                self.store.add_counter(session, DROPPED_COUNTER, too_old + overflow)
                log.warning("outbox: dropped %d old and %d overflowing events", too_old, overflow)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.flush_once()
                self._failures = 0
                self.last_error = None
                pause = self.poll_interval
                if self._full:
                    self._full = 0
                    self.storage.done_waiting(WORKER)
            except BackendError as exc:
                self._failures += 1
                self.last_error = str(exc)
                pause = self._backoff.delay(self._failures + 1)
                log.info("outbox: backend not taking events (%s); next try in %.1fs", exc, pause)
            except Exception as exc:
                if not is_storage_full(exc):
                    raise
                # Sent but not marked: the next flush sends the same batch key again, and
                # the backend answers it as the first time.
                self._full += 1
                self.last_error = str(exc)
                pause = self._backoff.delay(self._full + 1)
                self.storage.write_failed(WORKER, exc)
                log.error("outbox: cannot save (%s); next try in %.1fs", exc, pause)
            self._wake.wait(pause)
            self._wake.clear()
