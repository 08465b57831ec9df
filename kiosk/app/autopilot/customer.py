"""The scripted customer: taps the real window's widgets, reads the QR off the screen's
pixels, pays (or not) on the phone, and notes how long each step took."""

from __future__ import annotations

import random
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.app.autopilot.phone import PayPage, Phone
from kiosk.app.autopilot.screen_reader import read_qr, save_png
from kiosk.app.autopilot.sessions import Kind, SessionRecord
from kiosk.app.autopilot.stage import Stage
from kiosk.app.autopilot.waiting import wait_until
from kiosk.core.notices import Notice, PrintProgress

RETAKE_SHARE = 0.25


class Customer:
    def __init__(self, stage: Stage, rng: random.Random, screens_dir: Path | None):
        """Without `screens_dir` no PNGs are written (the soak's thousands of sessions)."""
        self.stage = stage
        self.window = stage.window
        self.screens = stage.window.screens
        self.rng = rng
        self.screens_dir = screens_dir
        self.phone = Phone()
        self.job_seen: dict[tuple[str, str], float] = {}  # (order id, job state) → first seen
        stage.booth.driver.subscribe(self._on_notice)

    def _on_notice(self, notice: Notice) -> None:
        if isinstance(notice, PrintProgress):
            key = (notice.update.order_id, str(notice.update.state))
            self.job_seen.setdefault(key, time.monotonic())

    # ----- gestures ---------------------------------------------------------------------------

    def tap(self, widget: QWidget) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def on_screen(self, screen: QWidget, what: str, timeout: float | None = None) -> None:
        wait_until(lambda: self.window.stack.currentWidget() is screen, what,
                   *(() if timeout is None else (timeout,)))

    def snap(self, record: SessionRecord, name: str) -> None:
        if self.screens_dir is None:
            return
        path = self.screens_dir / f"{record.number:03d}-{len(record.screens) + 1:02d}-{name}.png"
        record.screens.append(save_png(self.window, path).name)

    # ----- one session ------------------------------------------------------------------------

    def session(self, number: int, kind: Kind) -> SessionRecord:
        record = SessionRecord(number, kind)
        s = self.screens
        self.on_screen(s.attract, "the attract screen")
        self.load_paper_when_low()
        wait_until(lambda: self.stage.booth.printing.can_print(1), "the printer to be ready")
        self.snap(record, "attract")
        self.tap(s.attract.start_button)
        self.take_photos(record)
        if self.rng.random() < RETAKE_SHARE:
            self.tap(s.review.retake)
            record.retakes += 1
            self.take_photos(record)
        self.tap(s.review.proceed)
        self.on_screen(s.choose, "the packages")
        self.snap(record, "choose")
        if kind is Kind.abandoned_before_paying:
            self.tap(s.choose.cancel)
            self.on_screen(s.attract, "attract after the customer left")
            return record
        url = self.scan_qr(record)
        if url is None:
            return record
        page = self.phone.open(url)
        if kind is Kind.paid:
            self.phone.press(page, "pay")
            self.collect_prints(record, time.monotonic())
        elif kind is Kind.declined:
            self.phone.press(page, "decline")
            self.on_screen(s.attract, "attract after the declined payment")
        elif kind is Kind.abandoned_at_qr:
            self.tap(s.payment.cancel)
            self.on_screen(s.attract, "attract after the customer cancelled")
        elif kind is Kind.late:
            self.pay_late(record, page)
        else:
            self.pay_late_while_the_next_customer_pays(record, page)
        return record

    def load_paper_when_low(self) -> None:
        """The technician's round: a new roll before the counter refuses the largest package
        (the booth would rightly offer no QR then)."""
        booth = self.stage.booth
        largest = max(package.copies for package in booth.config.packages)
        if booth.printing.media_remaining() < largest:
            loaded: list[object] = []
            booth.desks.printer.set_roll(booth.config.printing.roll_size, loaded.append)
            wait_until(lambda: loaded and booth.printing.media_remaining() >= largest,
                       "the new roll")

    def take_photos(self, record: SessionRecord) -> None:
        s = self.screens
        self.on_screen(s.capture, "the camera screen")
        wait_until(lambda: s.capture.live.image is not None, "the live preview")
        self.snap(record, "capture")
        wait_until(lambda: self.window.stack.currentWidget() is s.review
                   and s.review.proceed.isEnabled(), "the composed print on review")
        self.snap(record, "review")

    def scan_qr(self, record: SessionRecord) -> str | None:
        """Tap a package; the time until a phone could read the QR off the screen. None when
        the booth offers no QR (the backend did not take the order): the customer leaves."""
        s = self.screens
        tapped = time.monotonic()
        self.tap(self.rng.choice(s.choose.cards))
        self.on_screen(s.payment, "the payment screen")
        url = wait_until(lambda: s.payment.mode == "unavailable" or (
            s.payment.qr_painted() and read_qr(self.window, s.payment.qr)),
            "a QR code a phone can read on the payment screen")
        if url is True:
            record.outcome = "no QR offered: payments unavailable"
            self.snap(record, "payment-unavailable")
            self.tap(s.payment.cancel)
            self.on_screen(s.attract, "attract after the customer left")
            return None
        record.timings["tap_to_qr_painted"] = time.monotonic() - tapped
        record.order_id = self.stage.booth.driver.context.order_id
        self.snap(record, "payment")
        return url

    def collect_prints(self, record: SessionRecord, paid: float) -> None:
        s = self.screens
        self.on_screen(s.printing, "the printing screen")
        record.timings["paid_to_printing_screen"] = time.monotonic() - paid
        self.snap(record, "printing")
        self.on_screen(s.done, "the done screen", timeout=180)
        self.snap(record, "done")
        order_id = record.order_id or ""
        accepted = self.job_seen.get((order_id, "submitted"))
        printed = self.job_seen.get((order_id, "printed"))
        if accepted is not None:
            record.timings["paid_to_job_accepted"] = accepted - paid
            if printed is not None:
                record.timings["job_accepted_to_printed"] = printed - accepted
        self.tap(s.done)
        self.on_screen(s.attract, "attract after the prints")

    def pay_late(self, record: SessionRecord, page: PayPage) -> None:
        """The network between booth and backend goes; the customer gives up at the QR and
        the booth, unable to confirm the cancel, waits and goes back to attract. Then the
        phone pays anyway. When the network returns the booth must find it and print."""
        s, proxy = self.screens, self.stage.proxy
        proxy.drop()
        try:
            self.tap(s.payment.cancel)
            self.on_screen(s.checking, "the checking screen")
            self.snap(record, "checking")
            self.on_screen(s.attract, "attract after the booth gave up")
            self.phone.press(page, "pay")
            paid = time.monotonic()
        finally:
            proxy.pass_through()
        self.collect_prints(record, paid)

    def pay_late_while_the_next_customer_pays(self, record: SessionRecord, page: PayPage) -> None:
        """As `pay_late`, but the booth is back online only once the next customer has
        chosen a package: the late payment is heard while that customer is on the payment
        screen (the reconciler's pass is asked for then: its own timer takes minutes).
        That customer's QR stays, they pay and get their prints; then the late order prints.
        The next customer's order is named in the outcome."""
        s, proxy, booth = self.screens, self.stage.proxy, self.stage.booth
        late_order = record.order_id
        proxy.drop()
        try:
            self.tap(s.payment.cancel)
            self.on_screen(s.checking, "the checking screen")
            self.on_screen(s.attract, "attract after the booth gave up")
            self.phone.press(page, "pay")
            self.tap(s.attract.start_button)
            self.take_photos(record)
            self.tap(s.review.proceed)
            self.on_screen(s.choose, "the packages, for the next customer")
        finally:
            proxy.pass_through()
        following = SessionRecord(record.number, Kind.paid)
        url = self.scan_qr(following)
        if url is None:
            record.outcome = "the next customer was offered no QR"
            return
        heard = len(booth.store.events("flow.transition", following.order_id))
        booth.reconciler.nudge()

        def moved() -> bool:
            return self.window.stack.currentWidget() is not s.payment \
                or booth.driver.context.order_id != following.order_id

        wait_until(lambda: moved() or any(
            e.reason == "another_order_paid in payment"
            for e in booth.store.events("flow.transition", following.order_id)[heard:]),
            "the late payment heard while the next customer is on the payment screen")
        if moved():
            raise RuntimeError(f"the late payment of {late_order} moved the next customer's "
                               f"session ({following.order_id})")
        self.snap(record, "next-customer-payment")
        self.phone.press(self.phone.open(url), "pay")
        self.on_screen(s.done, "the next customer's prints", timeout=180)
        self.tap(s.done)
        wait_until(lambda: booth.driver.context.order_id == late_order
                   and self.window.stack.currentWidget() in (s.printing, s.done),
                   "the late order printing after the next customer")
        self.on_screen(s.done, "the late order's prints", timeout=180)
        self.snap(record, "late-done")
        self.tap(s.done)
        self.on_screen(s.attract, "attract after both orders")
        record.outcome = f"paid late; heard while {following.order_id} was at the QR; " \
                         "both printed"
