"""A `kiosk` killed with SIGKILL and started again comes back to the right screen: attract
when idle, printing for a paid order whose print the crash cut short — printed once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlmodel import select

from backend.local_server import BackendServer
from contract.payment_status import PaymentStatus
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from kiosk.core.models import Order, PrintJob, PrintJobState
from kiosk.core.post_queue import PostQueue
from kiosk.core.store import Store
from printing.cups_client import JOB_PROCESSING
from printing.fault_printer import FaultPrinter
from printing.private_cupsd import PrivateCups
from tests.app.conftest import KioskProcess
from tests.harness.notify_socket import NotifySocket
from tests.harness.waiting import wait_for

START_DEADLINE = 60.0
PRINT_DEADLINE = 90.0


def cups_jobs_named(cupsd: PrivateCups, name: str) -> list[tuple[int, int]]:
    """(job id, job-state) of every job CUPS remembers with job-name = `name`."""
    jobs = cupsd.connection().getJobs(which_jobs="all", my_jobs=False,
                                      requested_attributes=["job-id", "job-name", "job-state"])
    return [(job_id, attributes["job-state"]) for job_id, attributes in sorted(jobs.items())
            if attributes.get("job-name") == name]


def leave_a_customer_at_the_payment_screen(settings: dict[str, Any]) -> str:
    """A booth (the same core, in this process) takes the photos, shows the QR, and stops
    there: the order is pending at the backend, its QR still valid."""
    runner = PostQueue()
    booth = Booth(KioskConfig(**settings), post=runner.post)
    runner.tick = booth.driver.tick
    booth.start()
    try:
        driver = booth.driver
        runner.run_until(lambda: booth.printing.can_print(1), "the printer is ready")
        driver.touch()
        for shot in range(1, booth.config.flow.shots + 1):
            driver.shoot()
            runner.run_until(lambda s=shot: len(driver.context.shots) >= s, f"shot {shot}")
        runner.run_until(driver.preview_path, "the composed print")
        driver.proceed()
        driver.choose_package(1)
        qr = runner.run_until(lambda: driver.context.qr, "the payment QR")
        return str(qr.order_id)
    finally:
        booth.stop()


def screen_after_start(notify: NotifySocket) -> str:
    notify.messages.clear()
    return notify.wait_for("READY", "1", timeout=START_DEADLINE).fields["STATUS"]


def test_an_idle_booth_killed_comes_back_to_attract(
        start_kiosk: Callable[..., KioskProcess], notify: NotifySocket) -> None:
    first = start_kiosk()
    notify.wait_for("STATUS", contains="attract; printer ready", timeout=START_DEADLINE)
    first.kill()
    assert first.process.returncode == -9

    start_kiosk()
    assert screen_after_start(notify).startswith("attract;")
    notify.wait_for("STATUS", contains="attract; printer ready")


def test_a_paid_order_whose_print_a_crash_cut_short_prints_once_after_restart(
        start_kiosk: Callable[..., KioskProcess], notify: NotifySocket,
        booth_settings: dict[str, Any], backend: BackendServer, cupsd: PrivateCups,
        printer: tuple[str, FaultPrinter]) -> None:
    _, device = printer
    order_id = leave_a_customer_at_the_payment_screen(booth_settings)

    # The booth comes back to the QR; the customer pays; the job reaches CUPS, and while the
    # printer works on it the booth is killed.
    device.set_mode("wait")
    first = start_kiosk()
    assert screen_after_start(notify).startswith("payment;")
    backend.sandbox_pay(order_id)
    notify.wait_for("STATUS", contains="printing;", timeout=START_DEADLINE)
    # Processing: CUPS has the whole file (a kill during the upload is
    # tests/printing/test_interrupted_submit.py) and the printer is at work.
    wait_for(lambda: [job for job in cups_jobs_named(cupsd, order_id)
                      if job[1] == JOB_PROCESSING],
             f"CUPS printing a job named {order_id}", PRINT_DEADLINE)
    first.kill()

    store = Store(Path(booth_settings["storage"]["data_dir"]) / "kiosk.db")
    with store.reading() as db:
        assert db.get(Order, order_id).payment_status == PaymentStatus.paid
        rows = db.exec(select(PrintJob).where(PrintJob.order_id == order_id)).all()
    assert [row.state for row in rows] != [PrintJobState.printed]
    assert device.deliveries() == []

    # Started again: the printing screen, the same CUPS job followed to the end, then attract.
    second = start_kiosk()
    assert screen_after_start(notify).startswith("printing;")
    device.set_mode("print")
    notify.wait_for("STATUS", contains="done;", timeout=PRINT_DEADLINE)
    notify.wait_for("STATUS", contains="attract;", timeout=PRINT_DEADLINE)
    assert second.terminate() == 0

    assert len(cups_jobs_named(cupsd, order_id)) == 1
    assert len(device.deliveries()) == 1
    with store.reading() as db:
        rows = db.exec(select(PrintJob).where(PrintJob.order_id == order_id)).all()
    assert [row.state for row in rows] == [PrintJobState.printed]
    store.close()
