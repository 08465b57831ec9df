"""The composition root: config → store → services → flow → coordinators → driver; stop in
reverse.

Nothing else constructs services. `Booth` holds everything but the widgets and
runs without a QApplication (tests and the headless demo drive it with a plain
queue as `post`); `kiosk.app.run` adds Qt: the main-thread bridge, the window and
the tick timer.
"""

from __future__ import annotations

import logging
import secrets
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from assets import asset_path
from contract.malloc_arenas import limit_malloc_arenas
from contract.private_files import private_dir
from kiosk.app.service_wiring import service_desks
from kiosk.camera.service import CameraService
from kiosk.core.capture_coordinator import CaptureCoordinator
from kiosk.core.config import KioskConfig, default_config_path
from kiosk.core.driver import BoothDriver
from kiosk.core.flow import BoothFlow
from kiosk.core.flow_events import AnotherOrderPaid, Paid
from kiosk.core.handoff import Post
from kiosk.core.health_coordinator import HealthCoordinator
from kiosk.core.layouts import load_layouts
from kiosk.core.notice_board import NoticeBoard
from kiosk.core.notices import Composed, FlowMoved, HealthChanged, Notice
from kiosk.core.order_desk import OrderDesk
from kiosk.core.payment_coordinator import PaymentCoordinator
from kiosk.core.ports import Health, HealthState, Worker
from kiosk.core.print_coordinator import PrintCoordinator
from kiosk.core.qr_codes import QrCodes
from kiosk.core.session_space import has_room_for_session
from kiosk.core.storage_health import StorageHealth, is_storage_full
from kiosk.core.store import Store
from kiosk.core.view_builder import ViewBuilder
from printing.service import PrintingService
from sync.api_client import BackendClient
from sync.backend_health import BackendHealth
from sync.checkout import Checkout
from sync.heartbeat import HeartbeatSender
from sync.outbox_relay import OutboxRelay
from sync.payment_desk import PaymentDesk
from sync.payment_watcher import PaymentWatcher
from sync.photo_uploader import PhotoUploader
from sync.reconciler import Reconciler
from sync.refund_requests import BackendRefunds

log = logging.getLogger(__name__)

HEARTBEAT_SEQUENCE = "heartbeat_sequence"  # counters: the last heartbeat's number
HEARTBEAT_EPOCH = "heartbeat_epoch"  # counters: drawn once per database, names its numbering


class StartupError(Exception):
    """The booth cannot start; the message says why, for the technician."""


THREAD_SWITCH_S = 0.001


class Booth:
    def __init__(self, config: KioskConfig, *, post: Post, clock: Callable[[], float] = time.time,
                 config_path: Path | None = None,
                 steady: Callable[[], float] = time.monotonic):
        """`steady` never jumps: what the booth measures (a screen's wait, a code's time
        left) is judged on it, so a jump of the wall `clock` moves none of it. A test that
        moves a clock of its own passes the same clock as both."""
        self.config = config
        # The booth's threads hand the interpreter over every millisecond (Python's default
        # is 5): a QR request or a code's encoding handed to a worker starts while the UI
        # thread is still redrawing, instead of after it (bench_ui: tap → QR).
        sys.setswitchinterval(THREAD_SWITCH_S)
        limit_malloc_arenas()  # before the booth's workers start (contract/malloc_arenas.py)
        data_dir = config.data_dir()
        private_dir(data_dir)
        layouts, problems = load_layouts(asset_path("layouts"))
        for problem in problems:
            log.error("layouts: %s", problem)
        if config.flow.layout not in layouts:
            raise StartupError(f"flow.layout = {config.flow.layout!r}: no such layout "
                               f"(available: {', '.join(sorted(layouts))})")
        self.store = Store(data_dir / "kiosk.db", clock=clock)
        # Every worker that commits reports a full disk here (and its end): one fault, E-STORAGE.
        self.storage = StorageHealth(
            lambda health: self.health_coordinator.on_health("storage", health),
                                     clock)
        self.camera = CameraService(
            config.camera,
            on_health=lambda health: self.health_coordinator.on_health("camera", health))
        self.printing = PrintingService(
            config.printing, self.store, clock=clock,
            on_health=lambda health: self.health_coordinator.on_health("printer", health),
            on_job=lambda update: self.print_coordinator.on_job(update),
            storage=self.storage)
        backend = config.backend
        self.client = BackendClient(backend.url, backend.device_token,
                                    connect_timeout=backend.connect_timeout,
                                    read_timeout=backend.read_timeout, clock=clock)
        qr_codes = QrCodes()  # encoded by the checkout, read by the payment views
        self.checkout = Checkout(self.client, self.store, clock=clock,
                                 qr_lifetime=lambda: config.payment.qr_expiry_seconds,
                                 storage=self.storage, codes=qr_codes)
        self.watcher = PaymentWatcher(
            self.client, self.store, clock=clock, longpoll_wait=backend.longpoll_wait,
            on_result=lambda order_id, status: self.payment_coordinator.on_result(order_id,
                                                                                  status),
            storage=self.storage, steady=steady)
        self.uploader = PhotoUploader(self.client, self.store, data_dir, clock=clock,
                                      storage=self.storage) if config.photos.share else None
        self.reconciler = Reconciler(
            self.client, self.store, clock=clock, late_grace=config.flow.late_payment_grace,
            on_print=lambda order_id: self.payment_coordinator.on_late_payment(order_id),
            on_reprint_list=lambda order_id: log.warning(
                "order %s was paid too late for its customer: on the reprint list", order_id),
            storage=self.storage)
        self.payments = PaymentDesk(self.client, self.store, self.checkout, self.watcher,
                                    on_unsettled=self.reconciler.nudge)
        self.relay = OutboxRelay(self.client, self.store, clock=clock, storage=self.storage)
        self.health = BackendHealth(
            self.client, clock=clock,
            on_health=self._on_backend_health,
            longpoll_held=lambda: self.watcher.longpoll_held,
            configured_providers=config.payment.providers)
        self.flow = BoothFlow(
            config, self.store, can_print=self.printing.can_print, clock=clock,
            can_share=lambda: self.health.health().state is HealthState.ok,
            has_room=lambda: has_room_for_session(config, data_dir), storage=self.storage,
            steady=steady)
        # The coordinators' blocking work (compose, pruning, the technician's actions).
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="driver")
        notices = NoticeBoard()
        self.capture_coordinator = CaptureCoordinator(
            config, self.store, self.flow, camera=self.camera, layout=layouts[config.flow.layout],
            data_dir=data_dir, post=post, submit=self.pool.submit, notices=notices, clock=clock)
        self.payment_coordinator = PaymentCoordinator(
            config, self.flow, payments=self.payments, backend=self.health,
            post=post, clock=clock, codes=qr_codes)
        self.print_coordinator = PrintCoordinator(
            self.store, self.flow, printing=self.printing, capture=self.capture_coordinator,
            post=post, submit=self.pool.submit, notices=notices, clock=clock)
        self.health_coordinator = HealthCoordinator(
            config, self.store, self.flow,
            services={"printer": self.printing, "camera": self.camera, "backend": self.health,
                      "storage": self.storage},
            printing=self.printing, backend=self.health,
            print_failure=lambda: self.print_coordinator.failure,
            print_stuck=lambda: self.print_coordinator.stuck, data_dir=data_dir, post=post,
            submit=self.pool.submit, notices=notices, clock=clock)
        # ----- the technician's order lists and actions (kiosk.core.order_desk) -----
        self._order_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="orders")
        self.orders = OrderDesk(
            store=self.store, printing=self.printing, refunds=BackendRefunds(self.client),
            print_options=self.capture_coordinator.cups_options,
            submit=self._order_worker.submit, post=post)
        # ----- the service menu's desks (kiosk.app.service_wiring) ------------------------
        self.desks = service_desks(
            self, config_path or default_config_path(), data_dir, layouts=layouts,
            use_layout=self.capture_coordinator.use_layout, notify=notices.tell,
            submit=self.pool.submit, post=post)
        self.driver = BoothDriver(config, self.flow,
                                  capture=self.capture_coordinator,
                                  payment=self.payment_coordinator,
                                  printing=self.print_coordinator,
                                  health=self.health_coordinator, service=self.desks,
                                  notices=notices, views=ViewBuilder(
                                      config, self.flow, capture=self.capture_coordinator,
                                      payment=self.payment_coordinator,
                                      printing=self.print_coordinator,
                                      health=self.health_coordinator))
        self.heartbeat = HeartbeatSender(self.client, self._heartbeat_body)
        self.driver.subscribe(self._on_notice)
        self._backend_down = False
        self._last_heartbeat = 0  # the last heartbeat number sent, saved or not
        self._started: list[Worker] = []

    def _on_backend_health(self, health: Health) -> None:
        """The backend reachable again: settle at once what it decided meanwhile (a payment
        made while the booth was offline is printed now, not at the next round)."""
        if self._backend_down and health.state is HealthState.ok:
            self.reconciler.nudge()
            self.relay.wake()  # refunds queued while it was away are asked now
        self._backend_down = health.state in (HealthState.degraded, HealthState.fault)
        self.health_coordinator.on_health("backend", health)

    def _heartbeat_body(self) -> dict[str, Any]:
        """BoothStatus whole, the threshold the dashboard warns under, and the heartbeat's
        number (counted across restarts: the backend keeps the newest, not the last to
        arrive)."""
        epoch, sequence = self._heartbeat_number()
        return {**self.driver.booth_status().as_json(),
                "low_paper_threshold": self.config.printing.low_paper_threshold,
                "sequence": sequence, "sequence_epoch": epoch}

    def _heartbeat_number(self) -> tuple[int, int]:
        """The next heartbeat's (epoch, number). On a full disk the heartbeat still goes (it
        tells the backend of the E-STORAGE fault) with the next number unsaved; the saved
        counter catches up with the numbers sent once the disk takes it."""
        try:
            with self.store.transaction() as db:
                epoch = self.store.add_counter(db, HEARTBEAT_EPOCH, 0)
                if epoch == 0:
                    epoch = secrets.randbelow(2**31) + 1
                    self.store.set_counter(db, HEARTBEAT_EPOCH, epoch)
                sequence = max(self.store.add_counter(db, HEARTBEAT_SEQUENCE, 1),
                               self._last_heartbeat + 1)
                self.store.set_counter(db, HEARTBEAT_SEQUENCE, sequence)
        except Exception as exc:
            if not is_storage_full(exc):
                raise
            self.storage.write_failed("heartbeat", exc)
            epoch = self.store.counter(HEARTBEAT_EPOCH)
            sequence = max(self.store.counter(HEARTBEAT_SEQUENCE), self._last_heartbeat) + 1
        else:
            self.storage.done_waiting("heartbeat")
        self._last_heartbeat = sequence
        return epoch, sequence

    def _on_notice(self, notice: Notice) -> None:
        if isinstance(notice, (FlowMoved, HealthChanged)):
            self.heartbeat.nudge()
        if self.uploader is not None and _may_make_uploads(notice):
            self.uploader.wake()

    def start(self) -> None:
        self.start_services()
        self.resume()

    def resume(self) -> None:
        """The flow where the last run left it (an interrupted print prints): the first
        screen. Work asked for meanwhile waits in the services' queues until they start."""
        self.flow.resume()

    def start_services(self) -> None:
        """The workers: a screen calls this after its first paint, so their start (threads,
        the camera's and the HTTP client's imports) does not hold the first screen back."""
        workers: tuple[Worker, ...] = (self.camera, self.printing, self.health, self.relay,
                                       self.reconciler, self.heartbeat,
                                       *([self.uploader] if self.uploader else []))
        for worker in workers:
            worker.start()
            self._started.append(worker)

    def stop(self) -> None:
        """Stop what started, in reverse, then the workers that serve single requests."""
        while self._started:
            service = self._started.pop()
            try:
                service.stop()
            except Exception:
                log.exception("stopping %s failed", type(service).__name__)
        for service in (self.payments, self.watcher, self.checkout):
            service.stop()
        self._order_worker.shutdown(wait=True, cancel_futures=True)
        self.pool.shutdown(wait=True)
        self.client.close()
        self.store.close()


def _may_make_uploads(notice: Notice) -> bool:
    """A payment or a print file may have made photos to send; nothing else does, and the
    uploader's look (a write transaction) stays off the way from a tap to its QR. A payment
    the flow did not hear (the reconciler's) is found by the uploader's own poll."""
    if isinstance(notice, Composed):
        return True
    return isinstance(notice, FlowMoved) and isinstance(notice.transition.event,
                                                        (Paid, AnotherOrderPaid))
