"""The delivery ledger between CUPS and the printer (printing/backends/boothledger), with the
real cupsd and the printer's fault-injecting twin: a job the printer took before cupsd died is
not printed again when cupsd runs it after its restart; anything short of that is sent."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.core.store import Store
from printing.cups_client import JOB_COMPLETED, CupsClient
from printing.private_cupsd import PrivateCups
from tests.harness.print_server_crash import crash_print_server, job_commands
from tests.harness.tmpfs import fill, mounted_tmpfs
from tests.harness.waiting import wait_for
from tests.printing.conftest import DS620_MODEL, Booth, Printer, add_fault_printer, add_order

pytestmark = pytest.mark.cups
SKIPPED = "already delivered before a print server crash; not sent again"


def delivered_records(cupsd: PrivateCups) -> list[Path]:
    return sorted(cupsd.ledger.glob("*.delivered"))


def print_until_the_printer_holds_it(printer: Printer, booth: Booth, order_id: str,
                                     photo: Path) -> None:
    """The order's whole job at the printer, which keeps it (the paper is moving) until told:
    the filters are done, only the ledger and the device backend run."""
    printer.fault.set_mode("wait")
    booth.service.print_order(order_id, photo, 1, {})
    booth.wait_row(order_id, "printing")

    def only_backends() -> bool:
        commands = job_commands(printer.cupsd)
        return len(commands) == 2 and all("/backend/" in command for command in commands)

    wait_for(only_backends, "the filters done, the ledger and the device backend running")


def skipped_by_the_ledger(printer: Printer, order_id: str) -> bool:
    """The order's CUPS job completed, the ledger saying (in cupsd's log) it sent nothing."""
    client = CupsClient(printer.cupsd.server, printer.queue)
    jobs = wait_for(lambda: [j for j in client.jobs_named(order_id) if j.state == JOB_COMPLETED],
                    f"{order_id}'s CUPS job completed")
    said = f"[Job {jobs[0].id}] {order_id} {SKIPPED}"
    return said in printer.cupsd.error_log.read_text(errors="replace")


@pytest.fixture
def own_printer(own_cupsd: PrivateCups) -> Printer:
    return add_fault_printer(own_cupsd)


def test_a_job_the_printer_took_before_cupsd_died_is_not_printed_again_after_its_restart(
        own_printer: Printer, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    cupsd = own_printer.cupsd
    add_order(store, "o-took")
    booth = make_booth(cupsd.server, own_printer.queue)
    print_until_the_printer_holds_it(own_printer, booth, "o-took", photo)
    # cupsd frozen: the printer finishes the job, cupsd never books it done.
    assert cupsd.process is not None
    os.kill(cupsd.process.pid, signal.SIGSTOP)
    own_printer.fault.set_mode("print")
    wait_for(lambda: delivered_records(cupsd), "the delivery recorded in the ledger")
    assert len(own_printer.fault.deliveries()) == 1
    crash_print_server(cupsd)
    cupsd.start()  # it runs the job it never saw finish again

    booth.wait_row("o-took", "printed")
    assert skipped_by_the_ledger(own_printer, "o-took")
    assert len(own_printer.fault.deliveries()) == 1
    # The booth: printed once, one print spent off the roll.
    assert len(store.events(kind="print.printed")) == 1
    assert booth.service.media_remaining() == booth.service.config.roll_size - 1


def test_a_job_cut_off_before_the_printer_finished_it_is_sent_after_the_restart(
        own_printer: Printer, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    cupsd = own_printer.cupsd
    add_order(store, "o-cut")
    booth = make_booth(cupsd.server, own_printer.queue)
    print_until_the_printer_holds_it(own_printer, booth, "o-cut", photo)
    crash_print_server(cupsd)  # with the backend: the printer never got the whole job
    assert own_printer.fault.deliveries() == [] and delivered_records(cupsd) == []
    own_printer.fault.set_mode("print")
    cupsd.start()

    booth.wait_row("o-cut", "printed")
    assert len(own_printer.fault.deliveries()) == 1
    assert len(delivered_records(cupsd)) == 1


def test_a_backend_left_printing_by_a_dead_cupsd_is_waited_for_not_doubled(
        own_printer: Printer, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    cupsd = own_printer.cupsd
    add_order(store, "o-orphan")
    booth = make_booth(cupsd.server, own_printer.queue)
    print_until_the_printer_holds_it(own_printer, booth, "o-orphan", photo)
    crash_print_server(cupsd, with_jobs=False)  # its backend goes on, an orphan
    cupsd.start()  # and runs the same job again while the orphan still prints it
    wait_for(lambda: cupsd.error_log.read_text(errors="replace").count(
        "Started backend") == 2, "the job's backend started again")
    own_printer.fault.set_mode("print")

    booth.wait_row("o-orphan", "printed")
    assert skipped_by_the_ledger(own_printer, "o-orphan")
    assert len(own_printer.fault.deliveries()) == 1


def test_a_reprint_asked_by_the_technician_is_a_new_delivery(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-again", print_file=photo)
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-again", photo, 1, {})
    booth.wait_row("o-again", "printed")
    booth.service.reprint("o-again", "customer's print smudged")

    wait_for(lambda: [r.state for r in booth.service.jobs_for("o-again")]
             == ["printed", "printed"], "the reprint printed")
    assert len(printer.fault.deliveries()) == 2


def test_records_older_than_the_retention_go_when_a_delivery_is_recorded(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    ledger = printer.cupsd.ledger
    aged, recent = ledger / f"{'a' * 64}.delivered", ledger / f"{'b' * 64}.delivered"
    for record in (aged, recent):
        record.write_text("{}")
    ninety_one_days_ago = time.time() - 91 * 86400
    os.utime(aged, (ninety_one_days_ago, ninety_one_days_ago))
    add_order(store, "o-prune")
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-prune", photo, 1, {})

    booth.wait_row("o-prune", "printed")
    wait_for(lambda: not aged.exists(), "the 91-day-old record pruned")
    assert recent.exists()


def test_jobs_without_a_delivery_key_pass_through_every_time(
        printer: Printer, store: Store, make_booth: Callable[..., Booth]) -> None:
    booth = make_booth(printer.cupsd.server, printer.queue)
    for number in (1, 2):
        booth.service.test_print()
        wait_for(lambda number=number: booth.recorder.job_states("test-print").count(
            "printed") == number,
                 f"test print {number} printed")
    assert len(printer.fault.deliveries()) == 2


@pytest.mark.parametrize(("device_uri", "said"), [
    ("boothledger:/DS620", "'DS620' after 'boothledger:/' is not a device URI (scheme:address);"
     " e.g. boothledger:/usb://DNP/DS620"),
    ("boothledger:/nosuch://booth:secret@printer", "no CUPS backend 'nosuch'"),
    ("boothledger:/boothledger:/fault:/tmp", "wraps the ledger in itself; e.g. boothledger:/usb"),
])
def test_a_malformed_ledger_device_uri_stops_the_queue_saying_what_is_wrong(
        cupsd: PrivateCups, store: Store, photo: Path, make_booth: Callable[..., Booth],
        device_uri: str, said: str) -> None:
    queue = order_id = f"malformed{abs(hash(device_uri)) % 10000}"
    cupsd.add_queue(queue, DS620_MODEL, device_uri)
    add_order(store, order_id)
    booth = make_booth(cupsd.server, queue)
    booth.service.print_order(order_id, photo, 1, {})

    status = booth.wait_state("stopped")
    assert said in status.message and "secret" not in status.message
    assert not booth.service.can_print(1)
    assert booth.row(order_id).state in ("submitted", "printing")


@pytest.mark.parametrize(("disk", "said"), [
    ("full", "No space left on device"),
    ("read-only", "Read-only file system"),
])
def test_a_ledger_that_cannot_take_the_record_holds_the_job_unprinted_until_fixed(
        own_printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth],
        disk: str, said: str) -> None:
    cupsd = own_printer.cupsd
    add_order(store, f"o-{disk}")
    with mounted_tmpfs(cupsd.ledger, size_kb=64, read_only=disk == "read-only", mode=0o700):
        if disk == "full":
            fill(cupsd.ledger)
        booth = make_booth(cupsd.server, own_printer.queue)
        booth.service.print_order(f"o-{disk}", photo, 1, {})

        status = booth.wait_state("stopped")
        assert said in status.message and "nothing sent" in status.message
        assert booth.service.health().faulted and said in booth.service.health().message
        row = wait_for(lambda: (r := booth.row(f"o-{disk}")).last_error and r, "the held row")
        assert row.state in ("submitted", "printing") and said in row.last_error
        assert own_printer.fault.deliveries() == []
    # The disk fixed (here: the ledger's own directory back), the technician resumes.
    booth.service.resume()
    booth.wait_row(f"o-{disk}", "printed")
    assert len(own_printer.fault.deliveries()) == 1
    assert len(delivered_records(cupsd)) == 1


def test_a_ledger_others_can_write_is_refused_before_anything_prints(
        own_printer: Printer, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    cupsd = own_printer.cupsd
    cupsd.ledger.chmod(0o777)
    add_order(store, "o-shared")
    booth = make_booth(cupsd.server, own_printer.queue)
    booth.service.print_order("o-shared", photo, 1, {})

    status = booth.wait_state("stopped")
    assert "others could forge deliveries" in status.message
    assert f"install -d -o root -g root -m 0700 {cupsd.ledger}" in status.message
    assert own_printer.fault.deliveries() == []
