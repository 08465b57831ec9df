"""A booth killed while it sent a paid order's file to CUPS: the job CUPS created waits for a
document that never comes. After the restart the order still prints, exactly once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.core.store import Store
from printing.cups_client import JOB_CANCELED, JOB_COMPLETED, JOB_HELD, CupsClient
from printing.jobs import JobLedger
from printing.media import MediaCounter
from tests.printing.conftest import Booth, Printer, add_order


def test_a_job_whose_file_never_arrived_is_replaced_and_the_order_prints_once(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-cut")
    JobLedger(store, MediaCounter(store, 400)).add_pending("o-cut", photo, 1, {})
    # What a SIGKILL in the middle of the upload leaves: the job exists, its file does not.
    connection = printer.cupsd.connection()
    cut = connection.createJob(printer.queue, "o-cut", {})
    client = CupsClient(printer.cupsd.server, printer.queue)
    before = client.job(cut)
    assert before is not None and before.state == JOB_HELD and before.incomplete

    booth = make_booth(printer.cupsd.server, printer.queue)
    printed = booth.wait_row("o-cut", "printed")

    jobs = {job.id: job.state for job in client.jobs_named("o-cut")}
    assert jobs == {cut: JOB_CANCELED, printed.cups_job_id: JOB_COMPLETED}
    assert len(printer.fault.deliveries()) == 1


def test_a_job_held_for_another_reason_is_adopted_not_replaced(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-held")
    JobLedger(store, MediaCounter(store, 400)).add_pending("o-held", photo, 1, {})
    client = CupsClient(printer.cupsd.server, printer.queue)
    held = client.submit(photo, "o-held", {"job-hold-until": "indefinite"})
    job = client.job(held)
    assert job is not None and job.state == JOB_HELD and not job.incomplete

    booth = make_booth(printer.cupsd.server, printer.queue)
    adopted = booth.wait_row("o-held", "submitted")
    assert adopted.cups_job_id == held
    assert [j.id for j in client.jobs_named("o-held")] == [held]
    printer.cupsd.connection().setJobHoldUntil(held, "no-hold")
    booth.wait_row("o-held", "printed")
    assert len(printer.fault.deliveries()) == 1
