"""The booth's one door to payments: issue a QR, watch it, cancel it.

A customer's cancel (or a QR the customer can no longer scan) stops the watch
and asks the backend to cancel; the backend's answer is final and committed
locally first, so a payment that won the race is reported paid and printed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.models import PaymentStatus
from kiosk.store import Store
from sync.api_client import BackendClient, BackendError, QrAnswer
from sync.checkout import Checkout
from sync.payment_record import commit_payment
from sync.payment_watcher import PaymentWatcher

log = logging.getLogger(__name__)


class PaymentDesk:
    """Callbacks run on worker threads, like those of Checkout and PaymentWatcher."""

    def __init__(self, client: BackendClient, store: Store, checkout: Checkout,
                 watcher: PaymentWatcher):
        self.client = client
        self.store = store
        self.checkout = checkout
        self.watcher = watcher
        self._workers: list[threading.Thread] = []
        self._lock = threading.Lock()

    def begin(self, order_id: str, on_ready: Callable[[QrAnswer], None],
              on_unavailable: Callable[[str], None]) -> None:
        self.checkout.begin(order_id, on_ready, on_unavailable)

    def watch(self, order_id: str, expires_at: float) -> None:
        self.watcher.watch(order_id, expires_at)

    def cancel(self, order_id: str, on_result: Callable[[str, str], None]) -> None:
        worker = threading.Thread(target=self._cancel, args=(order_id, on_result),
                                  name=f"payment-cancel-{order_id}", daemon=True)
        with self._lock:
            self._workers = [w for w in self._workers if w.is_alive()]
            self._workers.append(worker)
        worker.start()

    def stop(self) -> None:
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.join()

    def _cancel(self, order_id: str, on_result: Callable[[str, str], None]) -> None:
        self.watcher.stop_watching(order_id)
        try:
            answer = self.client.cancel_order(order_id)
        except BackendError as exc:
            log.warning("cancel %s: backend unreachable (%s); the reconciler settles it",
                        order_id, exc)
            with self.store.transaction() as session:
                self.store.record(session, "payment.cancel_unconfirmed", order_id,
                                  "customer cancelled; the backend could not be reached",
                                  {"error": str(exc)})
            on_result(order_id, PaymentStatus.pending)
            return
        on_result(order_id, commit_payment(self.store, answer, reason="cancelled at the booth"))
