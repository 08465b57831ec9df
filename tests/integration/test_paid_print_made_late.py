"""Paying first, the print could not be made when the photos were done (a shot unreadable,
compose failed): printing makes it again from the photos, and if it still cannot, the
order goes on the technician's list — never printing → out of service → printing."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from kiosk.core.flow_table import State
from kiosk.core.models import PrintJob, PrintJobState
from kiosk.core.notices import ComposeFailed
from kiosk.core.orders import REPRINT_LIST_EVENT


def paid_first_with_a_damaged_shot(booth, runner, backend) -> tuple[str, Path]:
    """Pay first, take the shots with the first one damaged on disk: review's compose fails."""
    driver = booth.driver
    runner.until(lambda: booth.printing.can_print(1), "the printer is ready", booth)
    driver.touch()
    driver.choose_package(1)
    qr = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth)
    backend.sandbox_pay(qr.order_id)
    runner.until(lambda: booth.flow.state is State.capture, "capture after paying", booth)
    driver.shoot()
    first = Path(runner.until(lambda: booth.flow.context.shots, "shot 1", booth)[0])
    first.write_bytes(b"\xff\xd8\xff not a photo")
    driver.shoot()
    runner.until(lambda: booth.flow.state is State.review, "review", booth)
    runner.until(lambda: ComposeFailed in runner.kinds(), "compose failed", booth)
    return qr.order_id, first


def test_a_print_not_made_at_review_is_made_when_printing_starts(
        make_booth, backend, prints_dir: Path) -> None:
    booth, runner = make_booth(flow={"pay_first": True})
    order_id, first = paid_first_with_a_damaged_shot(booth, runner, backend)
    second = Path(booth.flow.context.shots[1])
    first.write_bytes(second.read_bytes())  # readable again (a transient fault)
    booth.driver.proceed()
    runner.until(lambda: booth.flow.state is State.done, "printed", booth)
    with booth.store.reading() as db:
        jobs = db.exec(select(PrintJob).where(PrintJob.order_id == order_id)).all()
    assert [job.state for job in jobs] == [PrintJobState.printed]
    assert len(list(prints_dir.iterdir())) == 1


def test_a_print_that_cannot_be_made_lists_the_order_once_and_does_not_loop(
        make_booth, backend, prints_dir: Path) -> None:
    booth, runner = make_booth(flow={"pay_first": True})
    order_id, _ = paid_first_with_a_damaged_shot(booth, runner, backend)
    entered: list[State] = []
    booth.flow.subscribe(lambda t: entered.append(t.target) if t.target is not t.source
                         else None)
    booth.driver.proceed()
    runner.until(lambda: booth.flow.state is State.out_of_service, "the technician called",
                 booth)
    listed = booth.store.events(REPRINT_LIST_EVENT)
    assert [e.subject for e in listed] == [order_id]
    assert "could not be made" in listed[0].reason
    runner.until(lambda: booth.flow.state is State.attract, "back to attract", booth)
    assert entered.count(State.printing) == 1  # not offered again on the way back
    assert list(prints_dir.iterdir()) == []
