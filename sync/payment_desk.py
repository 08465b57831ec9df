"""The booth's one door to payments: issue a QR, watch it, cancel it.

A customer's cancel (or a QR the customer can no longer scan) stops the watch
and asks the backend to cancel; the backend's answer is final and committed
locally first, so a payment that won the race is reported paid and printed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from contract.payment_status import PaymentStatus
from kiosk.core.storage_health import SaveAbandoned, StorageHealth
from kiosk.core.store import Store
from sync.api_client import BackendClient, QrAnswer
from sync.checkout import Checkout
from sync.payment_record import cancel_and_commit
from sync.payment_watcher import PaymentWatcher
from sync.request_workers import RequestWorkers


class PaymentDesk:
    """Callbacks run on worker threads, like those of Checkout and PaymentWatcher."""

    def __init__(self, client: BackendClient, store: Store, checkout: Checkout,
                 watcher: PaymentWatcher, on_unsettled: Callable[[], None] = lambda: None,
                 storage: StorageHealth | None = None):
        """`on_unsettled` runs when a cancel could not reach the backend (the reconciler's
        turn: the customer may still pay)."""
        self.client = client
        self.store = store
        self.checkout = checkout
        self.watcher = watcher
        self.on_unsettled = on_unsettled
        self.storage = storage or watcher.storage
        self._stopping = threading.Event()  # a cancel waiting for disk space gives up
        self._workers = RequestWorkers("payment-cancel")

    def begin(self, order_id: str, provider: str, language: str,
              on_ready: Callable[[QrAnswer], None],
              on_unavailable: Callable[[str], None]) -> None:
        self.checkout.begin(order_id, provider, language, on_ready, on_unavailable)

    def watch(self, order_id: str, expires_at: float) -> None:
        self.watcher.watch(order_id, expires_at)

    def cancel(self, order_id: str, on_result: Callable[[str, PaymentStatus], None]) -> None:
        self._workers.run(self._cancel, order_id, on_result)

    def stop(self) -> None:
        self._stopping.set()
        self._workers.join_all()

    def _cancel(self, order_id: str, on_result: Callable[[str, PaymentStatus], None]) -> None:
        self.watcher.stop_watching(order_id)
        try:
            status = self.storage.until_saved(
                f"payment cancel {order_id}",
                lambda: cancel_and_commit(self.client, self.store, order_id,
                                          "cancelled at the booth"), self._stopping)
        except SaveAbandoned:  # stopped while the disk was full: the reconciler settles it
            return
        if status == PaymentStatus.pending:
            self.on_unsettled()
        on_result(order_id, status)
