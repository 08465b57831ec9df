"""Printing paid orders through a real cupsd: every job tracked to the end, exactly once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import select

from kiosk.core import orders
from kiosk.core.models import OutboxItem, PrintJob
from kiosk.core.store import Store
from printing.cups_client import CupsClient
from printing.jobs import JobLedger
from printing.media import MEDIA_REMAINING, PRINTS_TOTAL, MediaCounter
from printing.private_cupsd import PrivateCups
from printing.service import TEST_PRINT
from tests.harness.waiting import wait_for
from tests.printing.conftest import DS620_MODEL, Booth, Printer, add_fault_printer, add_order

pytestmark = pytest.mark.cups


def cups_jobs_named(cupsd: PrivateCups, queue: str, name: str) -> list[int]:
    return [job.id for job in CupsClient(cupsd.server, queue).jobs_named(name)]


def test_paid_order_prints_to_completion_with_the_file_on_disk(
        cupsd: PrivateCups, store: Store, photo: Path, tmp_path: Path,
        make_booth: Callable[..., Booth]) -> None:
    output = cupsd.root.parent / "ds620-file-device.prn"
    # A hardened cupsd opens a file: device without O_CREAT: the file must exist already.
    output.touch()
    output.chmod(0o666)
    cupsd.add_queue("ds620file", DS620_MODEL, f"file://{output}")
    add_order(store, "o-complete", copies=2)
    booth = make_booth(cupsd.server, "ds620file")
    before = booth.service.media_remaining()

    booth.service.print_order("o-complete", photo, 2, {"StpLaminate": "Matte",
                                                      "print-scaling": "fill"})
    row = booth.wait_row("o-complete", "printed")

    assert row.cups_job_id is not None and row.attempts == 1 and row.last_error is None
    # The real Gutenprint chain rendered DNP printer data into the file device.
    assert output.stat().st_size > 1000
    assert output.read_bytes().startswith(b"\x1b")
    assert cups_jobs_named(cupsd, "ds620file", "o-complete") == [row.cups_job_id]
    job = cupsd.connection().getJobAttributes(row.cups_job_id)
    assert (job["copies"], job["media"], job["StpLaminate"], job["print-scaling"]) \
        == (2, "w288h432", "Matte", "fill")
    assert booth.service.media_remaining() == before - 2
    assert store.counter(MEDIA_REMAINING) == before - 2
    assert store.counter(PRINTS_TOTAL) == 2
    kinds = [e.kind for e in store.events(subject="o-complete")]
    assert kinds[0] == "print.submitted" and kinds[-1] == "print.printed"
    assert booth.recorder.job_states("o-complete")[0] == "submitted"
    assert booth.recorder.job_states("o-complete")[-1] == "printed"
    with store.reading() as session:
        queued = [item.payload["kind"] for item in session.exec(select(OutboxItem))]
    assert "print.printed" in queued and "print.submitted" in queued


def test_same_order_printed_again_prints_nothing(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-twice")
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-twice", photo, 1, {})
    booth.wait_row("o-twice", "printed")

    booth.service.print_order("o-twice", photo, 1, {})
    wait_for(lambda: ("printed", "already printed; not printed again")
             in booth.recorder.job_reports("o-twice"), "second print_order answered")

    assert len(booth.service.jobs_for("o-twice")) == 1
    assert len(printer.fault.deliveries()) == 1
    assert len(cups_jobs_named(printer.cupsd, printer.queue, "o-twice")) == 1


def test_unpaid_order_is_refused_and_nothing_reaches_cups(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-unpaid", payment_status="pending")
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-unpaid", photo, 1, {})

    # The refusal is committed first, then reported through the callback: wait for both.
    wait_for(lambda: store.events(kind="print.failed", subject="o-unpaid") and
             booth.recorder.job_states("o-unpaid"), "refusal recorded and reported")
    assert "not paid" in store.events(kind="print.failed", subject="o-unpaid")[0].reason
    assert booth.recorder.job_states("o-unpaid") == ["failed"]
    assert booth.service.jobs_for("o-unpaid") == []
    assert cups_jobs_named(printer.cupsd, printer.queue, "o-unpaid") == []


def test_free_order_prints_without_payment(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-free", payment_status="pending", free=True)
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-free", photo, 1, {})
    booth.wait_row("o-free", "printed")
    assert len(printer.fault.deliveries()) == 1


def test_paper_out_shows_status_blocks_can_print_and_holds_the_job(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-paper")
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.wait_state("ready")
    assert booth.service.can_print(1)
    printer.fault.set_mode("media-empty")

    booth.service.print_order("o-paper", photo, 1, {})
    status = booth.wait_state("paper_out")

    assert status.message == "Printer is out of paper"
    assert "media-empty-error" in status.reasons
    assert not booth.service.can_print(1)
    held = wait_for(lambda: next((d for s, d in booth.recorder.job_reports("o-paper")
                                  if s == "held"), None), "job reported held")
    assert "printer-stopped" in held
    row = booth.row("o-paper")
    assert row.state in ("submitted", "printing")
    assert row.last_error is not None and "held" in row.last_error
    assert store.events(kind="print.failed", subject="o-paper") == []
    assert [e.data["state"] for e in store.events(kind="printer.faulted")] == ["paper_out"]
    assert printer.fault.deliveries() == []


def test_resume_prints_the_held_job_exactly_once(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-resume")
    booth = make_booth(printer.cupsd.server, printer.queue)
    printer.fault.set_mode("media-empty")
    booth.service.print_order("o-resume", photo, 1, {})
    booth.wait_state("paper_out")
    wait_for(lambda: "held" in booth.recorder.job_states("o-resume"), "job held")
    before = booth.service.media_remaining()

    printer.fault.set_mode("print")  # the technician loaded paper
    booth.service.resume()
    row = booth.wait_row("o-resume", "printed")
    booth.wait_state("ready")

    assert len(printer.fault.deliveries()) == 1
    assert row.attempts == 1
    assert booth.service.can_print(1)
    assert booth.service.media_remaining() == before - 1
    assert store.events(kind="printer.recovered")
    booth.service.resume()
    booth.service.print_order("o-resume", photo, 1, {})
    wait_for(lambda: booth.recorder.job_reports("o-resume")[-1][1].startswith("already printed"),
             "repeat answered")
    assert len(printer.fault.deliveries()) == 1


def test_resume_after_cancelling_the_held_job_clears_the_stale_fault(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-stale")
    booth = make_booth(printer.cupsd.server, printer.queue)
    printer.fault.set_mode("media-empty")
    booth.service.print_order("o-stale", photo, 1, {})
    booth.wait_state("paper_out")

    booth.service.cancel_job("o-stale")
    row = booth.wait_row("o-stale", "failed")
    assert row.last_error == "canceled by the technician"
    printer.fault.set_mode("print")
    booth.service.resume()
    booth.wait_state("ready")

    assert booth.service.can_print(1)
    assert printer.fault.deliveries() == []


def test_cancel_a_stuck_job(printer: Printer, store: Store, photo: Path,
                           make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-stuck")
    booth = make_booth(printer.cupsd.server, printer.queue)
    printer.fault.set_mode("wait")
    booth.service.print_order("o-stuck", photo, 1, {})
    booth.wait_row("o-stuck", "printing")
    assert store.events(kind="print.printing", subject="o-stuck")

    booth.service.cancel_job("o-stuck")
    row = booth.wait_row("o-stuck", "failed")
    printer.fault.set_mode("print")

    assert row.last_error == "canceled by the technician"
    client = CupsClient(printer.cupsd.server, printer.queue)
    assert row.cups_job_id is not None
    wait_for(lambda: (job := client.job(row.cups_job_id)) is not None and job.finished,
             "CUPS job finished")
    assert client.job(row.cups_job_id).state_name == "canceled"  # type: ignore[union-attr]
    assert printer.fault.deliveries() == []


def test_crash_between_submit_and_recording_the_cups_id_prints_once(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-crash")
    # What the service had done when the booth lost power: the pending row was
    # committed and the job reached CUPS, but its id was never written down.
    ledger = JobLedger(store, MediaCounter(store, 400))
    row = ledger.add_pending("o-crash", photo, 1, {})
    submitted = CupsClient(printer.cupsd.server, printer.queue).submit(photo, "o-crash", {})

    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-crash", photo, 1, {})
    printed = booth.wait_row("o-crash", "printed")

    assert printed.id == row.id and printed.cups_job_id == submitted
    assert cups_jobs_named(printer.cupsd, printer.queue, "o-crash") == [submitted]
    assert len(printer.fault.deliveries()) == 1
    assert "adopted" in store.events(kind="print.submitted", subject="o-crash")[0].reason


def test_restart_with_a_pending_row_and_no_cups_job_submits_it_with_its_layout_options(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-before-submit")
    JobLedger(store, MediaCounter(store, 400)).add_pending(
        "o-before-submit", photo, 1, {"media": "w288h432-div2", "print-scaling": "fill"})

    booth = make_booth(printer.cupsd.server, printer.queue)
    row = booth.wait_row("o-before-submit", "printed")

    assert len(cups_jobs_named(printer.cupsd, printer.queue, "o-before-submit")) == 1
    job = printer.cupsd.connection().getJobAttributes(row.cups_job_id)
    assert (job["media"], job["print-scaling"]) == ("w288h432-div2", "fill")
    assert len(printer.fault.deliveries()) == 1


def ordered_while_cupsd_is_down(cupsd: PrivateCups, store: Store, photo: Path,
                                make_booth: Callable[..., Booth],
                                order_id: str) -> tuple[Printer, Booth, PrintJob]:
    """A paid order asked to print while cupsd is dead: its row waits, pending, with why."""
    printer = add_fault_printer(cupsd)
    add_order(store, order_id)
    booth = make_booth(cupsd.server, printer.queue)
    booth.wait_state("ready")
    cupsd.kill()
    status = booth.wait_state("unavailable")
    assert "unavailable" in status.message
    assert not booth.service.can_print(1)
    booth.service.print_order(order_id, photo, 1, {})
    waiting = wait_for(lambda: next((r for r in booth.service.jobs_for(order_id)
                                     if r.last_error), None), "row notes the outage")
    return printer, booth, waiting


def test_cupsd_killed_and_restarted_reconnects(
        own_cupsd: PrivateCups, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    printer, booth, waiting = ordered_while_cupsd_is_down(own_cupsd, store, photo, make_booth,
                                                          "o-outage")
    assert waiting.state == "pending" and "unavailable" in (waiting.last_error or "")

    own_cupsd.start()
    booth.wait_state("ready")
    booth.wait_row("o-outage", "printed")
    assert len(printer.fault.deliveries()) == 1
    assert [e.data["state"] for e in store.events(kind="printer.faulted")] == ["unavailable"]
    assert store.events(kind="printer.recovered")


def test_invalid_queue_gives_a_clear_error(
        cupsd: PrivateCups, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-noqueue")
    booth = make_booth(cupsd.server, "no-such-queue")
    status = wait_for(lambda: booth.service.status
                      if "does not exist" in booth.service.status.message else None,
                      "status names the missing queue")
    assert status.state == "unavailable" and "no-such-queue" in status.message
    assert not booth.service.can_print(1)

    booth.service.print_order("o-noqueue", photo, 1, {})
    row = booth.wait_row("o-noqueue", "failed")
    assert "no-such-queue" in (row.last_error or "")
    assert "does not exist" in (row.last_error or "")
    assert booth.service.jobs_for("o-noqueue")[0].file == str(photo)


def test_missing_file_gives_a_clear_error_and_submits_nothing(
        printer: Printer, store: Store, tmp_path: Path,
        make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-nofile")
    booth = make_booth(printer.cupsd.server, printer.queue)
    missing = tmp_path / "gone.jpg"
    booth.service.print_order("o-nofile", missing, 1, {})

    row = booth.wait_row("o-nofile", "failed")
    assert row.last_error == f"print file missing: {missing}"
    assert store.events(kind="print.failed", subject="o-nofile")[0].reason == row.last_error
    assert cups_jobs_named(printer.cupsd, printer.queue, "o-nofile") == []


def test_option_values_must_be_text(printer: Printer, store: Store, photo: Path,
                                    make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-badopt")
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-badopt", photo, 1, {"copies": 2})  # type: ignore[dict-item]
    wait_for(lambda: store.events(kind="print.failed", subject="o-badopt"), "refusal")
    assert "must be text" in store.events(kind="print.failed", subject="o-badopt")[0].reason
    assert cups_jobs_named(printer.cupsd, printer.queue, "o-badopt") == []


def test_reprint_is_a_new_logged_job(printer: Printer, store: Store, photo: Path,
                                     make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-reprint")
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-reprint", photo, 1, {"media": "w288h432-div2"})
    booth.wait_row("o-reprint", "printed")

    booth.service.reprint("o-reprint", "guest's print smudged")
    wait_for(lambda: [r.state for r in booth.service.jobs_for("o-reprint")]
             == ["printed", "printed"], "reprint printed")

    rows = booth.service.jobs_for("o-reprint")
    assert rows[1].reprint_reason == "guest's print smudged"
    assert rows[1].cups_job_id != rows[0].cups_job_id
    reprinted = printer.cupsd.connection().getJobAttributes(rows[1].cups_job_id)
    assert reprinted["job-name"] == f"o-reprint~reprint-{rows[1].id}"
    assert reprinted["media"] == "w288h432-div2"  # the layout's options, as the original
    assert len(printer.fault.deliveries()) == 2
    assert store.events(kind="print.reprint", subject="o-reprint")[0].reason \
        == "guest's print smudged"


def test_driver_marker_levels_reach_status_and_media_count(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-markers")
    booth = make_booth(printer.cupsd.server, printer.queue)
    printer.fault.set_mode("print", markers={
        "marker-names": "Ribbon", "marker-levels": "37",
        "marker-message": "\"12 native prints remaining on '4x6' media\""})
    booth.service.print_order("o-markers", photo, 1, {})
    booth.wait_row("o-markers", "printed")

    # cupsd takes the backend's marker-levels and marker-message as separate updates: a poll
    # may see the first alone.
    status = wait_for(lambda: booth.service.status if booth.service.status.marker_levels
                      and booth.service.status.prints_remaining is not None else None,
                      "marker levels and message polled")
    assert status.marker_levels == {"Ribbon": 37}
    assert booth.service.media_remaining() == 12
    assert booth.service.can_print(12) and not booth.service.can_print(13)


def test_can_print_needs_enough_paper_on_the_roll(
        printer: Printer, store: Store, make_booth: Callable[..., Booth]) -> None:
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.wait_state("ready")
    booth.service.set_roll(1)

    assert booth.service.can_print(1)
    assert not booth.service.can_print(2)
    with pytest.raises(ValueError, match="roll size"):
        booth.service.set_roll(-3)
    assert booth.service.media_remaining() == 1
    booth.service.set_roll(0)
    assert not booth.service.can_print(1)
    assert [e.data["size"] for e in store.events(kind="printer.roll_set")][-2:] == [1, 0]


def test_test_print_spends_one_sheet(printer: Printer, store: Store,
                                     make_booth: Callable[..., Booth]) -> None:
    booth = make_booth(printer.cupsd.server, printer.queue)
    before = booth.service.media_remaining()
    booth.service.test_print()
    wait_for(lambda: "printed" in booth.recorder.job_states(TEST_PRINT), "test print done")
    assert booth.service.media_remaining() == before - 1
    assert len(printer.fault.deliveries()) == 1


def refund_locally(store: Store, order_id: str) -> None:
    """What the booth commits when it learns the order was refunded."""
    with store.transaction() as session:
        assert orders.refund_answered(store, session, order_id, "refunded", "") == "refunded"


def test_a_job_held_for_paper_is_not_printed_once_its_order_is_refunded(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-refunded-held")
    booth = make_booth(printer.cupsd.server, printer.queue)
    printer.fault.set_mode("media-empty")
    booth.service.print_order("o-refunded-held", photo, 1, {})
    booth.wait_state("paper_out")
    wait_for(lambda: "held" in booth.recorder.job_states("o-refunded-held"), "job held")
    refund_locally(store, "o-refunded-held")

    printer.fault.set_mode("print")  # paper loaded, the technician resumes
    booth.service.resume()
    row = booth.wait_row("o-refunded-held", "failed")
    booth.wait_state("ready")
    assert "refunded" in (row.last_error or "")
    assert printer.fault.deliveries() == []


def test_a_row_waiting_for_cups_is_not_submitted_once_its_order_is_refunded(
        own_cupsd: PrivateCups, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    printer, booth, _ = ordered_while_cupsd_is_down(own_cupsd, store, photo, make_booth,
                                                    "o-refunded-pending")
    refund_locally(store, "o-refunded-pending")

    own_cupsd.start()
    row = booth.wait_row("o-refunded-pending", "failed")
    assert "refunded" in (row.last_error or "")
    assert cups_jobs_named(own_cupsd, printer.queue, "o-refunded-pending") == []
    assert printer.fault.deliveries() == []
