"""What the booth sees when the printer stops, and what the technician can do about it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.core.store import Store
from printing.private_cupsd import PrivateCups, free_port
from tests.harness.waiting import wait_for
from tests.printing.conftest import DS620_MODEL, Booth, Printer, add_order

pytestmark = pytest.mark.cups


@pytest.mark.parametrize(("mode", "state", "message"), [
    ("ribbon-empty", "ribbon_out", "Ribbon is finished"),
    ("jam", "jam", "Paper jam"),
])
def test_printer_fault_reaches_the_status_with_its_message(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth],
        mode: str, state: str, message: str) -> None:
    add_order(store, f"o-{mode}")
    booth = make_booth(printer.cupsd.server, printer.queue)
    printer.fault.set_mode(mode)
    booth.service.print_order(f"o-{mode}", photo, 1, {})

    status = booth.wait_state(state)
    assert status.message == message
    assert not booth.service.can_print(1)
    assert booth.row(f"o-{mode}").state != "failed"


def test_queue_stopped_by_hand_shows_its_message_and_resume_restarts_it(
        printer: Printer, store: Store, make_booth: Callable[..., Booth]) -> None:
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.wait_state("ready")
    printer.cupsd.connection().disablePrinter(printer.queue, reason="Cleaning the print head")

    status = booth.wait_state("stopped")
    assert status.message == "Cleaning the print head"
    assert not booth.service.can_print(1)
    booth.service.resume()
    booth.wait_state("ready")
    assert booth.service.can_print(1)
    assert [e.data["state"] for e in store.events(kind="printer.faulted")] == ["stopped"]
    assert store.events(kind="printer.recovered")[-1].data["previous"] == "stopped"


def test_a_device_the_scheduler_cannot_open_stops_the_queue_with_its_words(
        cupsd: PrivateCups, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    # Old and hardened cupsd alike cannot open a file in a directory that does not exist.
    cupsd.add_queue("nodevice", DS620_MODEL, "file:///nonexistent-booth-dir/out.prn")
    add_order(store, "o-nodevice")
    booth = make_booth(cupsd.server, "nodevice")
    booth.wait_state("ready")
    booth.service.print_order("o-nodevice", photo, 1, {})

    status = booth.wait_state("stopped")
    assert "could not open the output file" in status.message
    assert not booth.service.can_print(1)
    assert cupsd.connection().getPrinterAttributes("nodevice")["printer-state"] == 5
    row = wait_for(lambda: (r := booth.row("o-nodevice")).last_error and r, "the held row")
    assert row.state in ("submitted", "printing")
    assert "could not open the output file" in row.last_error
    assert store.events(kind="printer.faulted")[-1].data["state"] == "stopped"


def test_no_cupsd_at_all_is_print_system_unavailable(
        store: Store, make_booth: Callable[..., Booth]) -> None:
    booth = make_booth(f"127.0.0.1:{free_port()}", "photobooth")
    status = booth.wait_state("unavailable")
    wait_for(lambda: "cannot reach CUPS" in booth.service.status.message, "the reason shown")
    assert status.faulted and not booth.service.can_print(1)
    assert store.events(kind="printer.faulted")[0].data["state"] == "unavailable"


def test_unknown_order_and_bad_copies_are_refused(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-zero")
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-ghost", photo, 1, {})
    booth.service.print_order("o-zero", photo, 0, {})

    wait_for(lambda: len(store.events(kind="print.failed")) == 2, "both refusals recorded")
    assert "unknown order" in store.events(kind="print.failed", subject="o-ghost")[0].reason
    assert "copies must be 1 or more" in \
        store.events(kind="print.failed", subject="o-zero")[0].reason
    assert booth.service.jobs_for("o-zero") == []


def test_callbacks_run_on_the_worker_and_stop_joins_it(
        printer: Printer, store: Store, photo: Path, make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-thread")
    booth = make_booth(printer.cupsd.server, printer.queue)
    booth.service.print_order("o-thread", photo, 1, {})
    booth.wait_row("o-thread", "printed")

    booth.service.stop()
    assert booth.recorder.threads == {"printing-worker"}
    assert "printing-worker" not in {t.name for t in threading.enumerate()}


def test_a_restarted_service_keeps_the_media_count(
        cupsd: PrivateCups, printer: Printer, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    add_order(store, "o-count")
    first = make_booth(cupsd.server, printer.queue)
    first.service.set_roll(50)
    first.service.print_order("o-count", photo, 1, {})
    first.wait_row("o-count", "printed")
    first.service.stop()

    second = make_booth(cupsd.server, printer.queue)
    assert second.service.media_remaining() == 49
