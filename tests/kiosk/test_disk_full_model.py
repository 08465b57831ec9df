"""The many-orders model (tests/kiosk/test_many_orders_model.py) with a disk that fills up.

The booth's store lives on a real tmpfs. One rule fills it to capacity right before the
next commit, wherever that falls (a flow transition, a payment answer, the print job row
written as printing starts, the reconciler's pass, the checkout's accept), so that commit
and the ones after it fail for real; another fills it at once; another frees it. The parts
the model plays act as the booth's workers do on a full disk: a payment answer or a print
command that cannot be saved is kept and saved once space returns, every such wait is
reported to the storage health, and the flow hears the storage fault and its end as the
driver tells it. The model's invariants must hold throughout: an order prints only if paid
and at most once, and at the end every paid order with copies is printed once or listed
for the technician.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule
from sqlalchemy import event as sa_event

from contract.payment_status import PaymentStatus
from kiosk.core import technician_codes
from kiosk.core.flow_events import Ev
from kiosk.core.flow_table import State
from kiosk.core.models import Order
from kiosk.core.ports import Health
from kiosk.core.storage_health import StorageHealth, is_storage_full
from tests.harness.tmpfs import fill, mounted_tmpfs

from .test_many_orders_model import ManyOrders

RECONCILER = "reconciler"
PRINTING = "printing worker"
CHECKOUT = "checkout"


@pytest.fixture(scope="module", autouse=True)
def small_disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path_factory.mktemp("model") / "disk", size_kb=8192,
                       mode=0o700) as disk:
        DiskFillsUp.disk = disk
        yield disk


class DiskFillsUp(ManyOrders):
    disk: Path
    databases = itertools.count(1)

    def __init__(self) -> None:
        super().__init__()
        self.full = False
        self.armed = False  # the next commit finds the disk full
        self.kept_answers: set[str] = set()  # paid answers a watcher holds until saved
        self.kept_prints: set[str] = set()  # print commands the printing worker holds
        self.posted: list[Health] = []  # storage news for the flow, as the driver posts it
        # The booth's store moves onto the small disk: a restart on a database file there.
        self.booth.path = self.disk / f"kiosk-{next(self.databases)}.db"
        self._restart()

    def _restart(self) -> None:
        self.booth.crash_and_restart()
        self._listen()
        self.reconciler.store = self.booth.store
        sa_event.listen(self.booth.store.engine, "commit", self._fill_if_armed)
        # A new process: a new storage health (the flow reports to it too), nothing kept.
        self.storage = StorageHealth(self.posted.append, self.booth.clock)
        self.booth.flow.storage = self.storage
        self.kept_answers.clear()
        self.kept_prints.clear()
        self.posted.clear()

    @invariant()
    def the_driver_hands_storage_news_to_the_flow(self) -> None:
        """Between two events, as the driver does on the UI thread: a fault, or its end."""
        while self.posted:
            health = self.posted.pop(0)
            if health.faulted:
                self.booth.send(Ev.storage_fault, code=health.code or
                                technician_codes.STORAGE, message=health.message)
            else:
                self.booth.send(Ev.storage_ok)

    def _local_status(self, order_id: str) -> str:
        with self.booth.store.reading() as db:
            order = db.get(Order, order_id)
        return order.payment_status if order else PaymentStatus.pending

    def _untouched_unless_own(self, before: tuple[State, str | None, str | None]) -> None:
        """Another order's news still never moves a session; a full disk does (nothing the
        session does can be saved): the booth is then out of service with E-STORAGE."""
        if self.booth.flow.state is State.out_of_service and self.storage.health().faulted:
            return
        super()._untouched_unless_own(before)

    # ----- the workers, as they act on a full disk ------------------------------------------

    def _commit_answer(self, order_id: str) -> str:
        """The payment watcher: an answer it cannot save is kept; the flow hears nothing yet
        but what the store already says."""
        try:
            status = super()._commit_answer(order_id)
        except Exception as exc:
            if not is_storage_full(exc):
                raise
            self.kept_answers.add(order_id)
            self.storage.write_failed(f"payment watcher {order_id}", exc)
            return self._local_status(order_id)
        self.kept_answers.discard(order_id)
        return status

    def _printer_takes(self, order_id: str | None) -> None:
        """The printing worker: a command whose row cannot be written is kept."""
        try:
            super()._printer_takes(order_id)
        except Exception as exc:
            if not is_storage_full(exc) or order_id is None:
                raise
            self.kept_prints.add(order_id)
            self.storage.write_failed(PRINTING, exc)

    @rule()
    def reconciler_pass(self) -> None:
        try:
            super().reconciler_pass()
        except Exception as exc:
            if not is_storage_full(exc):
                raise
            self.storage.write_failed(RECONCILER, exc)

    @rule()
    @precondition(lambda self: self.booth.flow.state is State.payment
                  and self.booth.flow.context.qr is None)
    def backend_accepts(self) -> None:
        """Checkout: no QR unless the row says so; the accept waits for space."""
        try:
            super().backend_accepts()
        except Exception as exc:
            if not is_storage_full(exc):
                raise
            self.storage.write_failed(CHECKOUT, exc)

    @rule()
    @precondition(lambda self: self.booth.flow.state is State.printing)
    def printer_finishes(self) -> None:
        """The printing worker's poll: a finished job it cannot record is seen again later."""
        try:
            super().printer_finishes()
        except Exception as exc:
            if not is_storage_full(exc):
                raise
            self.storage.write_failed(PRINTING, exc)

    @rule(seconds=st.sampled_from([5, 60, 200, 1000]))
    def time_passes(self, seconds: int) -> None:
        """The UI thread's tick, then what the services posted meanwhile (also while the
        booth runs down at the end)."""
        super().time_passes(seconds)
        self.the_driver_hands_storage_news_to_the_flow()

    @rule()
    @precondition(lambda self: not self.full)
    def crash_and_restart(self) -> None:
        self._restart()

    # ----- the disk ------------------------------------------------------------------------

    def _fill_if_armed(self, _connection: object) -> None:
        """Right before SQLite commits (its pages go to the journal then): the disk fills."""
        if self.armed:
            self.armed = False
            self.the_disk_fills_up()

    @rule()
    @precondition(lambda self: not self.full and not self.armed)
    def the_next_commit_finds_the_disk_full(self) -> None:
        self.armed = True

    @rule()
    @precondition(lambda self: not self.full)
    def the_disk_fills_up(self) -> None:
        self.armed = False
        fill(self.disk)
        self.full = True

    @rule()
    @precondition(lambda self: self.full)
    def space_returns(self) -> None:
        (self.disk / "filler").unlink()
        self.full = False
        for order_id in sorted(self.kept_answers):
            before = self._session()
            self._tell_flow(order_id, self._commit_answer(order_id))
            if order_id != before[2]:
                self._untouched_unless_own(before)
            self.storage.done_waiting(f"payment watcher {order_id}")
        for order_id in sorted(self.kept_prints):
            self._printer_takes(order_id)
        self.kept_prints.clear()
        self.storage.done_waiting(PRINTING)
        if RECONCILER in self.storage.waiting():
            self.reconciler_pass()
            self.storage.done_waiting(RECONCILER)
        self.storage.done_waiting(CHECKOUT)  # the customer got no QR: nothing to keep

    def teardown(self) -> None:
        try:
            self.armed = False
            if self.full:
                self.space_returns()
            super().teardown()
        finally:
            for leftover in self.disk.iterdir():
                leftover.unlink()


DiskFillsUp.TestCase.settings = settings(max_examples=60, stateful_step_count=25,
                                         deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
TestDiskFillsUp = DiskFillsUp.TestCase
