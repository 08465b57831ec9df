"""Uploads a paid order's photos for the customer's phone page: a persisted outbox job.

Each paid order that has a photos link and a composed print gets one `photo_uploads` row
per shot and one for the print (the print last: the page counts the set complete when it
has the print). A worker thread sends due rows with `PUT /api/orders/{id}/photos/{name}`
(the same bytes again are answered as the first time, so a cut upload is simply sent
again), backs off per row while the backend is away, and survives restarts: the rows are
in SQLite. When every row of an order is uploaded, the order is delivered to the phone
(`photos_delivered_at`; for a digital-only package that is its delivery).

A retake after payment composes the order's print again (`Order.print_version`): the order
is queued again as the next photo set. Its older rows are deleted and its prepared copies in
data_dir/uploads/<order>/ with them (files first, so a crash between never sends an old copy
as new), and the backend, given the newer set, shows only that one; an older set's upload
still on the wire is refused there.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

from sqlmodel import Session, case, col, delete, select

from contract.backoff import Backoff
from contract.payment_status import PaymentStatus
from contract.photo_names import PRINT_NAME
from kiosk.core import orders
from kiosk.core.models import BoothSession, Order, PhotoUpload, PhotoUploadState
from kiosk.core.storage_health import StorageHealth, is_storage_full
from kiosk.core.store import Clock, Store
from sync.api_client import BackendClient, BackendError, BadRequest, Conflict
from sync.backend_loop import BackendLoop
from sync.photo_preparation import prepare_photo

log = logging.getLogger(__name__)

# 4xx answers that will not change on a retry: the photo is set aside for the technician.
REFUSED_STATUSES = frozenset({404, 413, 415, 422})
WORKER = "photo uploader"


class PhotoUploader(BackendLoop):
    thread_name = "photo-uploader"

    def __init__(self, client: BackendClient, store: Store, data_dir: Path, *,
                 clock: Clock = time.time, poll_interval: float = 2.0,
                 backoff_base: float = 2.0, backoff_cap: float = 300.0,
                 storage: StorageHealth | None = None):
        super().__init__(client)
        self.store = store
        self.upload_dir = data_dir / "uploads"
        self.clock = clock
        self.poll_interval = poll_interval
        self._backoff = Backoff(backoff_base, backoff_cap, jitter=True)
        self.storage = storage or StorageHealth(None, clock)
        self._full = 0  # rounds in a row the disk refused (a copy, or a row's commit)
        self._wake = threading.Event()

    def wake(self) -> None:
        """Look for new work now (an order was paid, a print composed, the backend is back)."""
        self._wake.set()

    def _interrupt_wait(self) -> None:
        self._wake.set()

    def pending_count(self) -> int:
        with self.store.reading() as session:
            return len(session.exec(select(PhotoUpload.id).where(
                PhotoUpload.state == PhotoUploadState.pending)).all())

    def run_once(self) -> int:
        """Queue newly paid orders, then send every due upload; returns how many were sent."""
        self._queue_paid_orders()
        sent = 0
        for upload in self._due():
            if self._stopping.is_set():
                break
            sent += self._send(upload)
        return sent

    def _queue_paid_orders(self) -> None:
        with self.store.transaction() as session:
            queued = select(PhotoUpload.id).where(
                PhotoUpload.order_id == Order.id,
                PhotoUpload.photo_set == case((col(Order.print_version) > 1, Order.print_version),
                                              else_=1))
            unqueued = session.exec(select(Order).where(
                Order.payment_status == PaymentStatus.paid,
                col(Order.photos_url).is_not(None), col(Order.print_file).is_not(None),
                ~queued.exists())).all()
            for order in unqueued:
                self._queue(session, order)

    def _queue(self, session: Session, order: Order) -> None:
        """The order's shots and print as its current photo set, in place of any older set."""
        replaced = session.exec(select(PhotoUpload.id).where(
            PhotoUpload.order_id == order.id)).first() is not None
        if replaced:
            # Before the rows change: a copy prepared for the old set is never sent as new.
            shutil.rmtree(self.upload_dir / order.id, ignore_errors=True)
            session.execute(delete(PhotoUpload).where(col(PhotoUpload.order_id) == order.id))
            orders.photos_replaced(self.store, session, order.id, order.photo_set)
        booth_session = session.get(BoothSession, order.session_id)
        shots = list(booth_session.shots) if booth_session else []
        files = [(f"shot-{index}.jpg", shot) for index, shot in enumerate(shots, 1)]
        files.append((PRINT_NAME, order.print_file or ""))
        now = self.clock()
        for name, source in files:
            session.add(PhotoUpload(order_id=order.id, name=name, source=source,
                                    photo_set=order.photo_set, created_at=now, updated_at=now))
        self.store.record(session, "photos.queued", order.id,
                          f"{len(files)} photos for the customer's phone", {
                              "photo_set": order.photo_set}, outbox=False)

    def _due(self) -> list[PhotoUpload]:
        with self.store.reading() as session:
            return list(session.exec(select(PhotoUpload).where(
                PhotoUpload.state == PhotoUploadState.pending,
                PhotoUpload.next_attempt_at <= self.clock()).order_by(col(PhotoUpload.id))))

    def _send(self, upload: PhotoUpload) -> int:
        try:
            prepared = prepare_photo(Path(upload.source),
                                     self.upload_dir / upload.order_id / upload.name,
                                     as_printed=upload.name == PRINT_NAME)
            self.client.put_photo(upload.order_id, upload.name, prepared.read_bytes(),
                                  upload.photo_set)
        except (BadRequest, Conflict) as exc:
            status = getattr(exc, "status", 409)
            if status in REFUSED_STATUSES or isinstance(exc, Conflict):
                self._settle(upload, PhotoUploadState.refused, str(exc))
                log.error("photos: %s of %s refused by the backend: %s", upload.name,
                          upload.order_id, exc)
                return 0
            self._retry_later(upload, str(exc))
            return 0
        except (BackendError, OSError) as exc:
            if is_storage_full(exc):
                raise  # no room for the copy: the round reports it and waits for space
            self._retry_later(upload, f"{type(exc).__name__}: {exc}")
            return 0
        self._settle(upload, PhotoUploadState.uploaded, None)
        return 1

    def _retry_later(self, upload: PhotoUpload, error: str) -> None:
        # The first retry waits up to 4 × base: an upload that failed is seldom fixed at once.
        pause = self._backoff.delay(upload.attempts + 2)
        with self.store.transaction() as session:
            row = session.get(PhotoUpload, upload.id)
            if row is None:
                return
            row.attempts += 1
            row.last_error = error
            row.next_attempt_at = self.clock() + pause
            row.updated_at = self.clock()
            session.add(row)
        log.info("photos: %s of %s not sent (%s); next try in %.1fs", upload.name,
                 upload.order_id, error, pause)

    def _settle(self, upload: PhotoUpload, state: PhotoUploadState, error: str | None) -> None:
        now = self.clock()
        with self.store.transaction() as session:
            row = session.get(PhotoUpload, upload.id)
            if row is None:
                return
            row.attempts += 1
            row.state = state
            row.last_error = error
            row.updated_at = now
            session.add(row)
            session.flush()
            states = set(session.exec(select(PhotoUpload.state).where(
                PhotoUpload.order_id == upload.order_id)).all())
            order = session.get(Order, upload.order_id)
            current = order is not None and order.photo_set == upload.photo_set
            if states == {PhotoUploadState.uploaded} and current:
                orders.photos_delivered(self.store, session, upload.order_id)
            elif state is PhotoUploadState.refused:
                self.store.record(session, "photos.refused", upload.order_id,
                                  f"{upload.name}: {error}", {"name": upload.name})

    def _run(self) -> None:
        while not self._stopping.is_set():
            pause = None
            try:
                self.run_once()
                if self._full:
                    self._full = 0
                    self.storage.done_waiting(WORKER)
            except Exception as exc:
                if is_storage_full(exc):
                    self._full += 1
                    pause = self._backoff.delay(self._full + 1)
                    self.storage.write_failed(WORKER, exc)
                    log.error("photos: cannot save (%s); next round in %.1fs", exc, pause)
                else:
                    log.exception("photos: upload round failed; next round as usual")
            self._wake.wait(self._pause() if pause is None else pause)
            self._wake.clear()

    def _pause(self) -> float:
        """Until the next retry is due, at most the poll interval."""
        with self.store.reading() as session:
            due = session.exec(select(PhotoUpload.next_attempt_at).where(
                PhotoUpload.state == PhotoUploadState.pending)
                .order_by(col(PhotoUpload.next_attempt_at))).first()
        if due is None:
            return self.poll_interval
        return max(0.0, min(self.poll_interval, due - self.clock()))
