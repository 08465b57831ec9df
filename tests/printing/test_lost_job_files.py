"""A CUPS job whose file cupsd lost: a power cut between cupsd deleting a finished job's file
and recording it finished leaves the job pending for ever, with no document (the chaos test
found a booth stuck on "printing" so). The booth sends the order again under its delivery
key, so the ledger prints it only if the printer never took it; without the ledger nobody
knows, and the technician is asked to look. Real cupsd, the printer's fault-injecting twin."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.core.store import Store
from printing.cups_client import JOB_CANCELED, JOB_COMPLETED, JOB_PENDING, CupsClient
from printing.fault_printer import FaultPrinter
from printing.private_cupsd import PrivateCups
from tests.harness.print_server_crash import crash_print_server
from tests.harness.waiting import wait_for
from tests.printing.conftest import DS620_MODEL, Booth, Printer, add_fault_printer, add_order
from tests.printing.test_ledger import (
    delivered_records,
    print_until_the_printer_holds_it,
    skipped_by_the_ledger,
)

pytestmark = pytest.mark.cups


def lose_the_job_files(cupsd: PrivateCups) -> None:
    """cupsd is down: leave its spool as a power cut does that falls while cupsd finishes a
    job. The document is deleted and the job cache says completed, but the control file,
    whose rewrite was cut short, still says printing; cupsd then keeps the job pending for
    ever, with no document (the state the chaos test's booth found, CUPS 2.4)."""
    documents = list((cupsd.root / "spool").glob("d*-*"))
    assert documents, "the job's document was in the spool"
    for document in documents:
        document.unlink()
    cache = cupsd.root / "cache" / "job.cache"
    lines = []
    for line in cache.read_text().splitlines():
        if line.startswith("State "):
            line = "State 9"
        elif line.startswith("NumFiles "):
            line = "NumFiles 0"
        elif line.startswith("File "):
            continue
        lines.append(line)
    cache.write_text("\n".join(lines) + "\n")


@pytest.fixture
def ledger_booth(own_cupsd: PrivateCups,
                 make_booth: Callable[..., Booth]) -> tuple[Printer, Booth]:
    """A booth printing to a queue behind the delivery ledger, on a cupsd the test kills."""
    printer = add_fault_printer(own_cupsd)
    return printer, make_booth(own_cupsd.server, printer.queue)


def restart_after_a_power_cut_that_loses_the_files(cupsd: PrivateCups) -> None:
    crash_print_server(cupsd)
    lose_the_job_files(cupsd)
    cupsd.start()


def states(cupsd: PrivateCups, queue: str, name: str) -> list[int]:
    return [job.state for job in CupsClient(cupsd.server, queue).jobs_named(name)]


def submitted_to_a_stopped_queue(cupsd: PrivateCups, queue: str, booth: Booth,
                                 order_id: str, photo: Path) -> None:
    cupsd.connection().disablePrinter(queue)
    booth.service.print_order(order_id, photo, 1, {})
    booth.wait_row(order_id, "submitted")
    assert states(cupsd, queue, order_id) == [JOB_PENDING]


def test_a_delivered_job_whose_file_cupsd_lost_is_booked_printed_and_not_printed_again(
        own_cupsd: PrivateCups, ledger_booth: tuple[Printer, Booth], store: Store,
        photo: Path) -> None:
    printer, booth = ledger_booth
    add_order(store, "o-lost")
    print_until_the_printer_holds_it(printer, booth, "o-lost", photo)
    assert own_cupsd.process is not None
    os.kill(own_cupsd.process.pid, signal.SIGSTOP)  # it never books the job done
    printer.fault.set_mode("print")
    wait_for(lambda: delivered_records(own_cupsd), "the delivery recorded in the ledger")
    restart_after_a_power_cut_that_loses_the_files(own_cupsd)

    booth.wait_row("o-lost", "printed")
    assert len(printer.fault.deliveries()) == 1
    assert skipped_by_the_ledger(printer, "o-lost")
    # The job CUPS could never print is cancelled; the one sent again completed.
    lost, again = CupsClient(own_cupsd.server, printer.queue).jobs_named("o-lost")
    assert (lost.state, again.state) == (JOB_CANCELED, JOB_COMPLETED)
    assert [event.reason for event in store.events(kind="print.resent")] == [
        f"CUPS lost the file of job {lost.id}; sent again under its delivery key"]
    assert len(store.events(kind="print.printed")) == 1


def test_a_job_whose_file_was_lost_before_it_printed_is_printed_once(
        own_cupsd: PrivateCups, ledger_booth: tuple[Printer, Booth], store: Store,
        photo: Path) -> None:
    printer, booth = ledger_booth
    add_order(store, "o-unprinted")
    submitted_to_a_stopped_queue(own_cupsd, printer.queue, booth, "o-unprinted", photo)
    restart_after_a_power_cut_that_loses_the_files(own_cupsd)
    wait_for(lambda: states(own_cupsd, printer.queue, "o-unprinted")[:1] == [JOB_CANCELED],
             "the job without its file cancelled")
    own_cupsd.connection().enablePrinter(printer.queue)

    booth.wait_row("o-unprinted", "printed")
    assert len(printer.fault.deliveries()) == 1
    assert states(own_cupsd, printer.queue, "o-unprinted") == [JOB_CANCELED, JOB_COMPLETED]


def test_without_the_ledger_a_job_whose_file_was_lost_fails_for_the_technician_to_look(
        own_cupsd: PrivateCups, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    fault = FaultPrinter(own_cupsd.root.parent / "devices" / "bare")
    own_cupsd.add_queue("bare", DS620_MODEL, fault.uri)  # straight to the printer
    printer = Printer(own_cupsd, "bare", fault)
    add_order(store, "o-bare")
    booth = make_booth(own_cupsd.server, printer.queue)
    submitted_to_a_stopped_queue(own_cupsd, printer.queue, booth, "o-bare", photo)
    restart_after_a_power_cut_that_loses_the_files(own_cupsd)

    row = booth.wait_row("o-bare", "failed")
    assert row.last_error is not None
    assert "not behind the delivery ledger: check the printer's output before a reprint" \
        in row.last_error
    own_cupsd.connection().enablePrinter(printer.queue)
    assert states(own_cupsd, printer.queue, "o-bare") == [JOB_CANCELED]
    assert fault.deliveries() == []
