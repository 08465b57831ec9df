"""`kiosk demo --autopilot --faults`: the customer meets each fault the booth must survive,
through the real parts — the printer's fault-injecting twin and CUPS itself, the virtual
camera's cable, the TCP proxy between booth and backend, the backend's device table.

Each stop says whether the promise held: no QR while the printer cannot print, nothing
charged when the camera fails, a paid print held through paper-out and printed once after
the technician's resume, a payment made while the backend was unreachable found (one
order, printed once) when it returns, and a revoked token shown as E-AUTH.
"""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtTest import QTest

from kiosk.app.autopilot.customer import Customer
from kiosk.app.autopilot.phone import PhoneError
from kiosk.app.autopilot.run import audit_stage
from kiosk.app.autopilot.sessions import Kind, SessionRecord
from kiosk.app.autopilot.stage import QUEUE, Stage
from kiosk.app.autopilot.waiting import Stuck, wait_until
from kiosk.core.ports import HealthState

log = logging.getLogger("autopilot.faults")
TURNED_AWAY_S = 60.0
STEP_MS = 50


class Broken(AssertionError):
    """A promise did not hold at this stop."""


def expect(condition: object, promise: str) -> None:
    if not condition:
        raise Broken(promise)


class FaultTour:
    def __init__(self, stage: Stage, customer: Customer, outage_s: float):
        self.stage = stage
        self.customer = customer
        self.screens = stage.window.screens
        self.outage_s = outage_s
        self.records: list[SessionRecord] = []

    # ----- what the tour reads --------------------------------------------------------------

    def backend_orders(self) -> int:
        with sqlite3.connect(self._backend_db()) as db:
            return int(db.execute("SELECT count(*) FROM orders").fetchone()[0])

    def _backend_db(self) -> str:
        return self.stage.backend.database_url.removeprefix("sqlite:///")

    def times_printed(self, order_id: str) -> int:
        return audit_stage(self.stage, self.records).times_printed(order_id)

    def current(self) -> object:
        return self.stage.window.stack.currentWidget()

    def back_to_attract(self, why: str) -> None:
        wait_until(lambda: self.current() is self.screens.attract, why)

    def paid_session_to_qr(self, record: SessionRecord) -> str:
        s, customer = self.screens, self.customer
        self.back_to_attract("the attract screen")
        wait_until(lambda: self.stage.booth.printing.can_print(1), "the printer to be ready")
        customer.tap(s.attract.start_button)
        customer.take_photos(record)
        customer.tap(s.review.proceed)
        customer.on_screen(s.choose, "the packages")
        return customer.scan_qr(record)

    # ----- the stops ---------------------------------------------------------------------------

    def printer_stopped_before_session(self, record: SessionRecord) -> str:
        s, connection = self.screens, self.stage.cups.connection()
        before = self.backend_orders()
        connection.disablePrinter(QUEUE)
        try:
            wait_until(lambda: not self.stage.booth.printing.can_print(1),
                       "the booth to see the stopped printer")
            self.walk_until_turned_away(record)
            self.customer.snap(record, "out-of-service-printer")
            expect(self.backend_orders() == before, "no order reached the backend")
            code = s.out_of_service.code
        finally:
            connection.enablePrinter(QUEUE)
        self.back_to_attract("attract once the printer is back")
        return f"out of service ({code}), no QR, no order at the backend"

    def walk_until_turned_away(self, record: SessionRecord) -> None:
        """The customer goes as far as the booth lets them; a QR would be money at risk."""
        s = self.screens
        deadline = time.monotonic() + TURNED_AWAY_S
        while self.current() is not s.out_of_service:
            expect(self.current() is not s.payment, "no QR while the printer is stopped")
            expect(time.monotonic() < deadline, "the booth says it is out of service")
            if self.current() is s.attract:
                self.customer.tap(s.attract.start_button)
            elif self.current() is s.review and s.review.proceed.isEnabled():
                self.customer.tap(s.review.proceed)
            elif self.current() is s.choose and s.choose.cards:
                self.customer.snap(record, "choose")
                self.customer.tap(s.choose.cards[0])
            QTest.qWait(STEP_MS)

    def paper_out_mid_job(self, record: SessionRecord) -> str:
        s, printer = self.screens, self.stage.printer
        printer.set_mode("media-empty")
        try:
            url = self.paid_session_to_qr(record)
            self.customer.phone.press(self.customer.phone.open(url), "pay")
            self.customer.on_screen(s.printing, "the printing screen")
            wait_until(lambda: s.printing.attention, "the attention note on the printing screen")
            self.customer.snap(record, "printing-attention")
            order_id = record.order_id or ""
            expect(self.times_printed(order_id) == 0, "nothing printed while the paper is out")
            expect(self.current() is s.printing, "the customer still sees their print coming")
        finally:
            printer.set_mode("print")  # the technician loads paper, then presses resume
        self.stage.booth.desks.printer.resume_printer(lambda outcome: None)
        self.customer.on_screen(s.done, "the done screen after the resume", timeout=180)
        self.customer.snap(record, "done")
        expect(self.times_printed(order_id) == 1, "printed exactly once after the resume")
        self.customer.tap(s.done)
        self.back_to_attract("attract after the prints")
        return f"attention shown, job held, printed once after resume ({order_id})"

    def camera_unplugged_during_capture(self, record: SessionRecord) -> str:
        """The cable goes mid-countdown: the screen says the camera is not ready, in the
        customer's language, with no picture and no count, and no shot is taken; the customer
        has not been charged (no order exists before the photos). The cable back, the count
        starts again and the session goes on; the customer then leaves without paying."""
        s, booth = self.screens, self.stage.booth
        before = self.backend_orders()
        self.back_to_attract("the attract screen")
        self.customer.tap(s.attract.start_button)
        self.customer.on_screen(s.capture, "the camera screen")
        cable = booth.camera.backend.device
        cable.unplug("the autopilot pulled the camera's cable")
        try:
            health = wait_until(lambda: (health := booth.camera.health()).faulted and health,
                                "the camera fault to outlast its grace time")
            wait_until(lambda: "camera" in booth.flow.context.faults, "the flow to hear it")
            capture = s.capture
            wait_until(lambda: capture.camera_note.isVisible(), "'the camera is not ready' shown")
            self.customer.snap(record, "capture-camera-not-ready")
            expect(capture.camera_note.text() == capture.tr("The camera is not ready")
                   and capture.camera_note.text() != "The camera is not ready",
                   "the notice in the customer's language")
            expect(capture.live.image is None and not capture.count.isVisible(),
                   "no picture and no count while the camera is away")
            expect(self.current() is s.capture and not booth.driver.context.shots,
                   "no shot taken without a camera")
            expect(booth.driver.context.order_id is None and self.backend_orders() == before,
                   "nothing charged: no order")
            code = health.code
        finally:
            cable.plug_in()
        wait_until(lambda: s.capture.count.isVisible() or self.current() is not s.capture,
                   "the count to start again once the camera is back")
        wait_until(lambda: self.current() is s.review and s.review.proceed.isEnabled(),
                   "the photos once the camera is back")
        self.customer.tap(s.review.proceed)
        self.customer.on_screen(s.choose, "the packages")
        self.customer.tap(s.choose.cancel)
        self.back_to_attract("attract after the customer left")
        expect(self.backend_orders() == before, "nothing charged: no order")
        return f"the screen says the camera is not ready ({code}), no shot, no order"

    def backend_unreachable_during_qr(self, record: SessionRecord) -> str:
        proxy, booth = self.stage.proxy, self.stage.booth
        before = self.backend_orders()
        url = self.paid_session_to_qr(record)
        proxy.drop()
        began = time.monotonic()
        try:
            self.customer.phone.press(self.customer.phone.open(url), "pay")
            paid = time.monotonic()
            wait_until(lambda: booth.driver.health("backend").state is HealthState.degraded,
                       "the booth to notice the backend is gone")
            self.customer.snap(record, "payment-offline")
            # The outage itself: the network stays down this long (not a synchronisation).
            wait_until(lambda: time.monotonic() - began >= self.outage_s, "the outage's end",
                       self.outage_s + 10)
        finally:
            proxy.pass_through()
        self.customer.collect_prints(record, paid)
        order_id = record.order_id or ""
        expect(self.backend_orders() == before + 1, "one order at the backend, not two")
        expect(self.times_printed(order_id) == 1, "the payment found and printed once")
        return f"{self.outage_s:.0f} s offline: one order, paid on return, printed once"

    def token_revoked(self, record: SessionRecord) -> str:
        s = self.screens
        self.back_to_attract("the attract screen")
        with sqlite3.connect(self._backend_db()) as db:
            db.execute("UPDATE devices SET token_hash = 'revoked by the autopilot' "
                       "WHERE name = 'autopilot-booth'")
        self.customer.on_screen(s.out_of_service, "the out-of-service screen", timeout=60)
        self.customer.snap(record, "out-of-service-auth")
        expect(s.out_of_service.code == "E-AUTH",
               f"the booth names the refused token (E-AUTH), not {s.out_of_service.code}")
        return "out of service E-AUTH"


def run_fault_tour(out: Path, outage_s: float) -> int:
    stage = Stage(out)
    stops: list[tuple[str, Kind, Callable[[FaultTour, SessionRecord], str]]] = [
        ("printer stopped before a session", Kind.abandoned_before_paying,
         FaultTour.printer_stopped_before_session),
        ("paper out mid paid job", Kind.paid, FaultTour.paper_out_mid_job),
        ("camera unplugged during capture", Kind.abandoned_before_paying,
         FaultTour.camera_unplugged_during_capture),
        ("backend unreachable during the QR", Kind.paid, FaultTour.backend_unreachable_during_qr),
        ("device token revoked", Kind.abandoned_before_paying, FaultTour.token_revoked),
    ]
    results: list[dict[str, object]] = []
    try:
        stage.start()
        tour = FaultTour(stage, Customer(stage, random.Random(14), out / "screens"), outage_s)
        for number, (name, kind, stop) in enumerate(stops, start=1):
            record = SessionRecord(number, kind)
            tour.records.append(record)
            try:
                detail, held = stop(tour, record), True
            except (Broken, Stuck, PhoneError) as exc:
                log.exception("fault tour: %s", name)
                detail, held = f"{type(exc).__name__}: {exc}", False
            results.append({"fault": name, "held": held, "detail": detail,
                            "screens": record.screens})
            print(f"fault tour: {name}: {'held' if held else 'BROKEN'} - {detail}", flush=True)
        audit = audit_stage(stage, tour.records)
    finally:
        stage.stop()
    held = sum(1 for result in results if result["held"])
    (out / "fault-tour.json").write_text(json.dumps(
        {"stops": results, "paid": audit.paid, "double": audit.double, "lost": audit.lost,
         "unpaid_printed": audit.unpaid_printed}, indent=2) + "\n")
    print(f"fault tour: {held} of {len(stops)} held; {len(audit.paid)} paid, "
          f"{len(audit.printed_once)} printed once, {len(audit.double)} double, "
          f"{len(audit.unpaid_printed)} unpaid printed, {len(audit.lost)} lost")
    return 0 if held == len(stops) and audit.ok else 1
