"""A refund the provider finishes later (Payme: receipts.cancel queued, then its
CancelTransaction), asked from the booth: the real backend wired to the Payme Subscribe
stand-in on loopback, a booth core on a real store, the reconciler's passes run here; and
one Click refuses (its merchant API stand-in)."""

from __future__ import annotations

from pathlib import Path

from contract.payment_status import PaymentStatus
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from kiosk.core.desk_work import Outcome
from kiosk.core.models import Order
from kiosk.core.order_views import OrderLine
from kiosk.core.post_queue import PostQueue
from tests.backend.provider_standins import CLICK_REFUSALS
from tests.backend.refund_helpers import Wired, new_order, pay_click, pay_payme, wired_backend
from tests.harness.waiting import wait_for
from tests.integration.test_service_menu import old_paid_order


def booth_with_a_late_order(wired: Wired, tmp_path: Path,
                            order_id: str) -> tuple[Booth, PostQueue]:
    """A booth core on this backend whose store holds `order_id` as an old, unprinted,
    paid order; its services are not started (the test runs the reconciler's passes)."""
    old_paid_order(tmp_path / "kiosk", order_id)
    runner = PostQueue()
    booth = Booth(KioskConfig(
        storage={"data_dir": str(tmp_path / "kiosk")},
        backend={"url": wired.server.url, "device_token": wired.server.token},
        payment={"providers": ["sandbox"], "default_provider": "sandbox"}),
        post=runner.post, config_path=tmp_path / "kiosk.toml")
    return booth, runner


def refund(booth: Booth, runner: PostQueue, order_id: str) -> Outcome:
    answers: list[Outcome] = []
    booth.orders.refund(order_id, "booth technician: cannot print", answers.append)
    return runner.run_until(lambda: answers and answers[0], "the refund's answer")


def late_list(booth: Booth, runner: PostQueue) -> list[OrderLine]:
    lines: list[list[OrderLine]] = []
    booth.orders.late_payments(lines.append)
    return runner.run_until(lambda: lines, "the late list")[0]


def test_a_refund_the_provider_finishes_later_shows_requested_then_ends_refunded(
        tmp_path: Path) -> None:
    with wired_backend(tmp_path / "backend") as wired:
        with wired.booth() as http:
            order_id = new_order(http, "payme")
        transaction = pay_payme(wired.server, order_id, 100_000)
        wired.payme.paused.add(transaction)  # Payme holds the cancel in its queue
        booth, runner = booth_with_a_late_order(wired, tmp_path, order_id)
        try:
            answer = refund(booth, runner, order_id)
            assert (answer.ok, answer.detail["refund"]) == (True, "requested")
            assert late_list(booth, runner) == []

            assert order_id not in booth.reconciler.run_once().learned, "Payme not done yet"
            wired.payme.resume(transaction)
            wait_for(lambda: wired.payme.cancels == 1, "Payme's CancelTransaction")
            assert booth.reconciler.run_once().learned[order_id] == "refunded"
            with booth.store.reading() as db:
                assert db.get(Order, order_id).payment_status == PaymentStatus.refunded
            assert len(booth.store.events(kind="payment.refunded", subject=order_id)) == 1
            assert order_id not in booth.reconciler.run_once().learned, "asked until it ends"
        finally:
            booth.stop()


def test_a_refund_the_provider_refuses_is_said_with_its_words_and_the_order_stays_listed(
        tmp_path: Path) -> None:
    with wired_backend(tmp_path / "backend") as wired:
        with wired.booth() as http:
            order_id = new_order(http, "click")
        payment_id = pay_click(wired.server, order_id)
        wired.click.refusing[payment_id] = "previous_month"
        booth, runner = booth_with_a_late_order(wired, tmp_path, order_id)
        try:
            answer = refund(booth, runner, order_id)
            assert (answer.ok, answer.problem) == (False, "provider_refused")
            assert CLICK_REFUSALS["previous_month"][1] in answer.detail["note"]
            with booth.store.reading() as db:
                assert db.get(Order, order_id).payment_status == PaymentStatus.paid
            assert [(line.order_id, line.refund) for line in late_list(booth, runner)] == [
                (order_id, "failed")], "listed, marked, for a refund by hand"
            assert wired.click.reversed[payment_id] == 0
        finally:
            booth.stop()
