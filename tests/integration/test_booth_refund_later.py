"""A refund the provider finishes later (Payme: receipts.cancel queued, then its
CancelTransaction), asked from the booth: the real backend wired to the Payme Subscribe
stand-in on loopback, a booth core on a real store, the reconciler's passes run here."""

from __future__ import annotations

from pathlib import Path

from contract.payment_status import PaymentStatus
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from kiosk.core.models import Order
from kiosk.core.post_queue import PostQueue
from kiosk.core.service_desk import Outcome
from tests.backend.refund_helpers import new_order, pay_payme, wired_backend
from tests.harness.waiting import wait_for
from tests.integration.test_service_menu import old_paid_order


def test_a_refund_the_provider_finishes_later_shows_requested_then_ends_refunded(
        tmp_path: Path) -> None:
    with wired_backend(tmp_path / "backend") as wired:
        with wired.booth() as http:
            order_id = new_order(http, "payme")
        transaction = pay_payme(wired.server, order_id, 100_000)
        wired.payme.paused.add(transaction)  # Payme holds the cancel in its queue
        old_paid_order(tmp_path / "kiosk", order_id)
        runner = PostQueue()
        booth = Booth(KioskConfig(
            storage={"data_dir": str(tmp_path / "kiosk")},
            backend={"url": wired.server.url, "device_token": wired.server.token},
            payment={"providers": ["sandbox"], "default_provider": "sandbox"}),
            post=runner.post, config_path=tmp_path / "kiosk.toml")
        try:
            answers: list[Outcome] = []
            booth.orders.refund(order_id, "booth technician: cannot print", answers.append)
            answer = runner.run_until(lambda: answers and answers[0], "the refund's answer")
            assert (answer.ok, answer.detail["refund"]) == (True, "requested")
            lines: list[list] = []
            booth.orders.late_payments(lines.append)
            assert runner.run_until(lambda: lines, "the late list") == [[]]

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
