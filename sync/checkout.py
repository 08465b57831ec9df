"""Asks the backend for a payment QR and records it locally before anyone may show it.

No QR reaches the screen unless the backend accepted the order and the local
row says so (payment_url, expires_at, backend_accepted) in a committed transaction. The
code's QR modules are encoded here first, so the screen paints them as the flow shows them.
Every provider's answer is recorded as an event; the row takes it only while that
provider is still the customer's choice (a late answer for an earlier tap does not).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace

from contract.money import to_major
from kiosk.core import orders
from kiosk.core.models import Order
from kiosk.core.qr_codes import QrCodes
from kiosk.core.storage_health import SaveAbandoned, StorageHealth
from kiosk.core.store import Clock, Store
from sync.api_client import BackendClient, BackendError, Conflict, QrAnswer
from sync.request_workers import RequestWorkers

log = logging.getLogger(__name__)


class Checkout:
    """`begin` runs on a worker; its callbacks are invoked on that worker thread."""

    def __init__(self, client: BackendClient, store: Store, *, clock: Clock = time.time,
                 qr_lifetime: Callable[[], float] | None = None,
                 storage: StorageHealth | None = None, codes: QrCodes | None = None):
        """`qr_lifetime`: the booth's own QR lifetime in seconds, read at each QR (the
        technician may change it); None keeps the backend's. `codes`: where each accepted
        code's QR modules are kept for the screen (kiosk.core.qr_codes)."""
        self.client = client
        self.store = store
        self.clock = clock
        self.qr_lifetime = qr_lifetime
        self.storage = storage or StorageHealth(None, clock)
        self.codes = codes or QrCodes()
        self._stopping = threading.Event()  # an answer waiting for disk space is let go
        self._workers = RequestWorkers("checkout")

    def begin(self, order_id: str, provider: str, language: str,
              on_ready: Callable[[QrAnswer], None],
              on_unavailable: Callable[[str], None]) -> None:
        self._workers.run(self._run, order_id, provider, language, on_ready, on_unavailable)

    def stop(self) -> None:
        """Wait for the requests handed over (each ends after its answer and callback)."""
        self._stopping.set()
        self._workers.join_all()

    def _run(self, order_id: str, provider: str, language: str,
             on_ready: Callable[[QrAnswer], None],
             on_unavailable: Callable[[str], None]) -> None:
        try:
            answer = self._issue(order_id, provider, language)
        except Exception as exc:
            log.warning("checkout %s: no %s QR: %s", order_id, provider, exc)
            on_unavailable(str(exc))
            return
        on_ready(answer)

    def _issue(self, order_id: str, provider: str, language: str) -> QrAnswer:
        with self.store.reading() as session:
            order = session.get(Order, order_id)
        if order is None:
            raise LookupError(f"order {order_id} is not in the local store")
        amount = to_major(order.amount_minor, order.currency)
        try:
            answer = self.client.generate_qr(order_id, provider, amount, language)
        except Conflict as exc:
            raise BackendError(f"the backend holds order {order_id} with other terms: {exc}") \
                from exc
        if answer.order_id != order_id or answer.amount != amount or not answer.payment_url:
            raise BackendError(f"generate-qr answered for another order or amount: {answer.raw}")
        # Encoded here, on the worker: the flow's view of the code then carries its modules.
        self.codes.encode(answer.payment_url)

        def accept() -> float | None:
            with self.store.transaction() as session:
                return orders.accept(
                    self.store, session, order_id, provider=provider,
                    payment_url=answer.payment_url, offered_until=answer.expires_at,
                    photos_url=answer.photos_url, photos_code=answer.photos_code,
                    amount=answer.amount, language=language,
                    booth_lifetime=self.qr_lifetime() if self.qr_lifetime else None)

        # On a full disk the accepted answer waits for space: no QR before the row says so
        # (a row the customer left for another provider gives None: saved, not touched).
        try:
            until = self.storage.until_saved(f"checkout {order_id}", accept, self._stopping)
        except SaveAbandoned as exc:
            raise BackendError(f"order {order_id}: stopped before the QR could be saved") \
                from exc
        # The screen counts down to the lifetime the order row holds, decided in one place.
        return answer if until is None else replace(answer, expires_at=until)
