"""A customer's whole session through the real services, and the money invariants around it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core.flow_table import State
from kiosk.core.models import Order, PrintJob, PrintJobState
from kiosk.core.notices import Composed, PrintProgress
from tests.integration.conftest import DS620


def capture_and_choose(booth, runner, copies: int = 1) -> None:
    driver = booth.driver
    runner.until(lambda: booth.printing.can_print(copies), "the printer is ready", booth)
    driver.touch()
    assert booth.flow.state is State.capture
    for shot in range(1, booth.config.flow.shots + 1):
        driver.shoot()
        runner.until(lambda s=shot: len(booth.flow.context.shots) >= s, f"shot {shot}", booth)
    assert booth.flow.state is State.review
    runner.until(lambda: Composed in runner.kinds(), "the composed preview", booth)
    driver.proceed()
    assert booth.flow.state is State.choose
    driver.choose_package(copies)


def test_a_paid_session_prints_exactly_once(make_booth, backend, prints_dir: Path) -> None:
    booth, runner = make_booth()
    capture_and_choose(booth, runner)
    assert booth.flow.state is State.payment
    qr = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth)
    order_id = qr.order_id
    assert qr.payment_url.endswith(f"/sandbox/pay/{order_id}")
    assert qr.expires_at <= time.time() + booth.config.payment.qr_expiry_seconds

    backend.sandbox_pay(order_id)
    runner.until(lambda: booth.flow.state is State.done, "the done screen", booth)

    with booth.store.reading() as db:
        order = db.get(Order, order_id)
        jobs = db.exec(select(PrintJob).where(PrintJob.order_id == order_id)).all()
    assert order.payment_status == PaymentStatus.paid
    assert order.payment_transaction_id
    assert [job.state for job in jobs] == [PrintJobState.printed]
    printed = list(prints_dir.iterdir())
    assert len(printed) == 1 and printed[0].stat().st_size > 10_000
    kinds = [e.kind for e in booth.store.events(subject=order_id)]
    assert kinds.index("payment.paid") < kinds.index("print.printed")
    assert PrintProgress in runner.kinds()


def test_no_qr_while_the_printer_cannot_print(make_booth, backend) -> None:
    booth, runner = make_booth()
    runner.until(lambda: booth.printing.can_print(1), "the printer is ready", booth)
    booth.printing.set_roll(0)
    runner.until(lambda: not booth.printing.can_print(1), "the empty roll counts", booth)
    booth.driver.touch()
    for shot in range(1, booth.config.flow.shots + 1):
        booth.driver.shoot()
        runner.until(lambda s=shot: len(booth.flow.context.shots) >= s, f"shot {shot}", booth)
    booth.driver.proceed()
    booth.driver.choose_package(1)
    assert booth.flow.state is State.out_of_service
    assert booth.flow.context.qr is None
    with booth.store.reading() as db:
        assert db.exec(select(Order)).all() == []


def test_backend_down_shows_no_qr_and_the_booth_keeps_going(make_booth, backend) -> None:
    backend.stop()
    booth, runner = make_booth(backend={"connect_timeout": 0.5, "read_timeout": 1})
    capture_and_choose(booth, runner)
    runner.until(lambda: booth.flow.context.payment_unavailable, "payments unavailable", booth)
    assert booth.flow.context.qr is None
    booth.driver.cancel()
    assert booth.flow.state is State.attract
    with booth.store.reading() as db:
        assert db.exec(select(Order.payment_status)).all() == [PaymentStatus.cancelled]


def test_a_payment_that_wins_the_race_with_cancel_is_printed(make_booth, backend,
                                                              prints_dir: Path) -> None:
    booth, runner = make_booth()
    capture_and_choose(booth, runner)
    order_id = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth).order_id
    booth.watcher.stop_watching(order_id)  # the customer pays while nobody is listening
    backend.sandbox_pay(order_id)
    booth.driver.cancel()
    assert booth.flow.state is State.checking
    runner.until(lambda: booth.flow.state is State.done, "printing the paid order", booth)
    assert len(list(prints_dir.iterdir())) == 1


def test_old_photos_are_pruned_when_the_booth_is_idle(make_booth, tmp_path: Path) -> None:
    old = tmp_path / "kiosk" / "shots" / "s-last-month" / "shot-1.jpg"
    recent = tmp_path / "kiosk" / "shots" / "s-today" / "shot-1.jpg"
    for path in (old, recent):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"\xff\xd8 a photo")
    month_ago = time.time() - 30 * 86_400
    os.utime(old, (month_ago, month_ago))

    booth, runner = make_booth(storage={"keep_days": 14})
    runner.until(lambda: not old.exists(), "the month-old shot to be pruned", booth)
    assert recent.exists()


def test_a_print_device_cups_cannot_open_shows_e_stopped_and_prints_once_after_resume(
        make_booth, backend, cupsd, prints_dir: Path, request) -> None:
    queue = request.node.queue_name
    cupsd.add_queue(queue, DS620, "file:///nonexistent-booth-dir/out.prn")
    booth, runner = make_booth()
    capture_and_choose(booth, runner)
    order_id = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth).order_id
    backend.sandbox_pay(order_id)

    runner.until(lambda: "printer" in booth.flow.context.faults, "the printer fault", booth)
    assert booth.flow.state is State.printing  # the customer's paid print waits, not dropped
    assert booth.driver.technician_code() == "E-STOPPED"
    assert "could not open the output file" in booth.printing.status.message

    # The technician points the queue at a working device and resumes from the menu.
    cupsd.connection().addPrinter(queue, device=f"directory:{prints_dir}")
    booth.desks.printer.resume_printer(lambda _outcome: None)
    runner.until(lambda: len(list(prints_dir.iterdir())) == 1, "the held job printed", booth)
    with booth.store.reading() as db:
        jobs = db.exec(select(PrintJob).where(PrintJob.order_id == order_id)).all()
    runner.until(lambda: booth.store.events(kind="print.printed", subject=order_id),
                 "the print recorded", booth)
    assert len(jobs) == 1 and jobs[0].attempts == 1
