"""Watches an order's payment until it leaves pending or its QR expires.

Long-polls `payment-status?wait=S`; an answer that comes back at once means the
backend does not hold the request, so the watcher then polls every
`fallback_interval`. A dropped connection is retried after the same interval.
On expiry it asks the backend to cancel and obeys the answer: a payment that won
the race is reported paid. Every status is committed locally before `on_result`: a commit
that fails for want of disk space is reported (storage health, E-STORAGE) and tried again,
with the answer kept, until it goes through — then the customer moves on.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable

from contract.payment_status import PaymentStatus
from kiosk.core.storage_health import SaveAbandoned, StorageHealth
from kiosk.core.store import Clock, Store
from sync.api_client import BackendClient, BackendError, PaymentAnswer
from sync.payment_record import cancel_and_commit, commit_payment

log = logging.getLogger(__name__)


def long_poll_held(answer: PaymentAnswer, wait: int, took: float) -> bool | None:
    """Whether the backend holds this booth's long-polls, as this answer shows it (None: it
    does not tell). A pending answer that came at once was not held (a proxy that cuts long
    requests, a backend that ignores ?wait=); a settled one came at once by right, and
    tells only by the backend's `wait_s`."""
    if not wait:
        return None
    if answer.status == PaymentStatus.pending:
        return took >= min(wait / 2, 1.0)
    return None if answer.wait_s is None else answer.wait_s > 0


class PaymentWatcher:
    """One worker thread per watched order; `on_result(order_id, status)` runs on it.

    The status is one of paid, failed, cancelled, refunded — or pending when the QR
    expired and the backend could not be reached to cancel: the order then stays
    pending locally and the reconciler settles it when the backend is back.
    `longpoll_wait=0` disables long-poll (plain polling every `fallback_interval`).
    """

    def __init__(self, client: BackendClient, store: Store, *, clock: Clock = time.time,
                 on_result: Callable[[str, PaymentStatus], None], longpoll_wait: int = 25,
                 fallback_interval: float = 1.0, storage: StorageHealth | None = None,
                 steady: Clock | None = None):
        """`steady`: a clock that never jumps (`time.monotonic`); a code's end is moved onto
        it when the watch starts, so a jump of the wall `clock` neither ends a watch early nor
        stretches it. None: `clock` is trusted not to jump."""
        self.client = client
        self.store = store
        self.clock = clock
        self.steady = steady or clock
        self.on_result = on_result
        self.longpoll_wait = longpoll_wait
        self.fallback_interval = fallback_interval
        self.storage = storage or StorageHealth(None, clock)
        self.longpoll_held: bool | None = None  # did the last long-poll wait? (service menu)
        self._watches: dict[str, tuple[threading.Thread, threading.Event]] = {}
        self._lock = threading.Lock()

    def watch(self, order_id: str, expires_at: float) -> None:
        stopping = threading.Event()
        worker = threading.Thread(target=self._run, args=(order_id, expires_at, stopping),
                                  name=f"payment-watch-{order_id}", daemon=True)
        with self._lock:
            if order_id in self._watches and self._watches[order_id][0].is_alive():
                return
            self._watches[order_id] = (worker, stopping)
        worker.start()

    def stop_watching(self, order_id: str) -> None:
        """Stop and join the order's worker, aborting its long-poll in flight."""
        with self._lock:
            entry = self._watches.pop(order_id, None)
        if entry is None:
            return
        worker, stopping = entry
        stopping.set()
        if worker is threading.current_thread():
            return
        self.client.abort_and_join(worker)

    def stop(self) -> None:
        with self._lock:
            order_ids = list(self._watches)
        for order_id in order_ids:
            self.stop_watching(order_id)

    def watching(self) -> list[str]:
        with self._lock:
            return [oid for oid, (worker, _) in self._watches.items() if worker.is_alive()]

    def _run(self, order_id: str, expires_at: float, stopping: threading.Event) -> None:
        deadline = self.steady() + (expires_at - self.clock())  # the code's end, steady
        answer = self._wait_for_change(order_id, deadline, stopping)
        if answer is None and stopping.is_set():
            return
        # What was learned is committed even when the watch was stopped meanwhile.
        commit = (lambda: commit_payment(self.store, answer, reason="payment watcher")) \
            if answer is not None else \
            (lambda: cancel_and_commit(self.client, self.store, order_id, "QR expired"))
        try:
            status = self.storage.until_saved(f"payment watcher {order_id}", commit, stopping)
        except SaveAbandoned:
            return  # the disk stayed full until the watch stopped: the reconciler settles it
        if not stopping.is_set():
            self._report(order_id, status)

    def _wait_for_change(self, order_id: str, deadline: float,
                         stopping: threading.Event) -> PaymentAnswer | None:
        while not stopping.is_set():
            remaining = deadline - self.steady()
            if remaining <= 0:
                return None
            wait = min(self.longpoll_wait, math.ceil(remaining))
            asked = time.monotonic()
            try:
                answer = self.client.payment_status(order_id, wait=wait or None)
            except BackendError as exc:
                log.info("watch %s: %s; retrying in %.1fs", order_id, exc, self.fallback_interval)
                stopping.wait(self.fallback_interval)
                continue
            held = long_poll_held(answer, wait, time.monotonic() - asked)
            if held is not None:
                self.longpoll_held = held
            if answer.status != PaymentStatus.pending:
                return answer
            if not held:
                stopping.wait(min(self.fallback_interval, max(0.0, deadline - self.steady())))
        return None

    def _report(self, order_id: str, status: PaymentStatus) -> None:
        with self._lock:
            entry = self._watches.get(order_id)
            if entry and entry[0] is threading.current_thread():
                del self._watches[order_id]
        self.on_result(order_id, status)
