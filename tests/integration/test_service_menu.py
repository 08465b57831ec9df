"""The technician's actions against the real services: private cupsd, backend on loopback,
real store; the runner plays the UI thread that the service menu's answers come back on."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core.config import load_config, verify_pin
from kiosk.core.desk_work import Outcome
from kiosk.core.flow_table import State
from kiosk.core.models import BoothSession, Order, PrintJob, PrintJobState
from kiosk.core.notices import AppExit, SettingsApplied
from kiosk.core.power_actions import EXIT_APP_CODE, RESTART_EXIT_CODE, PowerAction
from kiosk.core.store import Store
from sync.reconciler import REPRINT_LIST_EVENT
from tests.integration.test_paid_session import capture_and_choose


def ask(booth, runner, start: Callable[[Callable[[Outcome], None]], None]) -> Outcome:
    """Start a service action and run the UI thread until its answer is back."""
    answers: list[Outcome] = []
    start(answers.append)
    return runner.until(lambda: answers and answers[0], "the service menu's answer", booth)


def read(booth, runner, start: Callable[[Callable[[object], None]], None]) -> object:
    got: list[object] = []
    start(got.append)
    runner.until(lambda: got, "the service page's data", booth)
    return got[0]


def paid_and_printed(booth, runner, backend) -> str:
    capture_and_choose(booth, runner)
    order_id = runner.until(lambda: booth.flow.context.qr, "the QR", booth).order_id
    backend.sandbox_pay(order_id)
    runner.until(lambda: booth.flow.state is State.done, "the done screen", booth)
    return order_id


def old_paid_order(data_dir: Path, order_id: str, *, with_file: bool = True) -> None:
    """A paid order from two days ago that never printed (the customer was long gone)."""
    store = Store(data_dir / "kiosk.db")
    at = time.time() - 2 * 86400
    print_file = data_dir / f"{order_id}.jpg"
    if with_file:
        Image.new("RGB", (600, 900), (40, 120, 200)).save(print_file, quality=90)
    with store.transaction() as db:
        db.add(BoothSession(id=f"s-{order_id}", started_at=at))
        db.flush()
        db.add(Order(id=order_id, session_id=f"s-{order_id}", package="1x", copies=1,
                     amount_minor=2_000_000, currency="UZS", provider="sandbox",
                     payment_status=PaymentStatus.paid, payment_transaction_id=f"tx-{order_id}",
                     backend_accepted=True, print_file=str(print_file) if with_file else None,
                     created_at=at, updated_at=at))
    store.close()


def test_a_reprint_prints_one_more_job_named_as_a_reprint(make_booth, backend,
                                                          prints_dir: Path) -> None:
    booth, runner = make_booth()
    order_id = paid_and_printed(booth, runner, backend)
    left = booth.printing.media_remaining()
    candidates = read(booth, runner, booth.desks.orders.reprint_candidates)
    assert [(c.order_id, c.print_state, c.amount) for c in candidates] == [
        (order_id, "printed", 20000)]

    assert ask(booth, runner, lambda done: booth.desks.orders.reprint(
        order_id, "print damaged", done)).ok
    runner.until(lambda: len(list(prints_dir.iterdir())) == 2, "the reprint", booth)
    runner.until(lambda: booth.printing.media_remaining() == left - 1, "paper spent", booth)
    names = sorted(p.name for p in prints_dir.iterdir())
    assert names[0].endswith(f"-{order_id}.prn")
    assert names[1].endswith(f"-{order_id}_reprint-2.prn")
    reprint = booth.store.events(kind="print.reprint", subject=order_id)
    assert [e.reason for e in reprint] == ["print damaged"]
    again = read(booth, runner, booth.desks.orders.reprint_candidates)
    assert again[0].reprints == 1 and again[0].print_state == "printed"


def test_a_late_payment_prints_once_from_the_menu(make_booth, tmp_path: Path,
                                                  prints_dir: Path) -> None:
    data_dir = tmp_path / "kiosk"
    old_paid_order(data_dir, "late-1")
    old_paid_order(data_dir, "late-2")
    booth, runner = make_booth()
    runner.until(lambda: len(booth.store.events(kind=REPRINT_LIST_EVENT)) == 2,
                 "the reconciler lists both for the technician", booth)
    late = read(booth, runner, booth.desks.orders.late_payments)
    assert sorted(line.order_id for line in late) == ["late-1", "late-2"]

    assert ask(booth, runner, lambda done: booth.desks.orders.print_late("late-1", done)).ok
    runner.until(lambda: booth.store.events(kind="print.printed", subject="late-1"),
                 "the late payment printed", booth)
    assert [p.name.endswith("-late-1.prn") for p in prints_dir.iterdir()] == [True]
    assert booth.store.events(kind="service.print_late", subject="late-1")
    assert [line.order_id for line in read(booth, runner, booth.desks.orders.late_payments)] == [
        "late-2"]


def test_a_late_payment_without_its_print_file_is_refused(make_booth, tmp_path: Path) -> None:
    old_paid_order(tmp_path / "kiosk", "no-file", with_file=False)
    booth, runner = make_booth()
    refused = ask(booth, runner, lambda done: booth.desks.orders.print_late("no-file", done))
    assert (refused.ok, refused.problem) == (False, "no_print_file")
    assert booth.store.events(kind="service.print_late_refused", subject="no-file")


def test_a_stuck_job_is_cancelled_and_its_order_waits_for_the_technician(
        make_booth, tmp_path: Path, cupsd, request) -> None:
    old_paid_order(tmp_path / "kiosk", "stuck")
    booth, runner = make_booth()
    runner.until(lambda: booth.printing.status.state == "ready", "the printer ready", booth)
    cupsd.connection().disablePrinter(request.node.queue_name)
    assert ask(booth, runner, lambda done: booth.desks.orders.print_late("stuck", done)).ok
    jobs = runner.until(lambda: [j for j in read(booth, runner,
                                                 booth.desks.orders.jobs_in_printer)
                                 if j.state == "submitted"], "the job held by CUPS", booth)
    assert [j.order_id for j in jobs] == ["stuck"]

    assert ask(booth, runner, lambda done: booth.desks.printer.cancel_job("stuck", done)).ok
    runner.until(lambda: booth.store.events(kind="print.failed", subject="stuck"),
                 "the job canceled", booth)
    with booth.store.reading() as db:
        row = db.exec(select(PrintJob).where(PrintJob.order_id == "stuck")).one()
    assert (row.state, row.last_error) == (PrintJobState.failed, "canceled by the technician")
    assert read(booth, runner, booth.desks.orders.jobs_in_printer) == []
    assert [o.order_id for o in read(booth, runner, booth.desks.orders.late_payments)] == [
        "stuck"]


def test_roll_resume_and_test_print(make_booth, prints_dir: Path) -> None:
    booth, runner = make_booth()
    runner.until(lambda: booth.printing.status.state == "ready", "the printer ready", booth)
    assert ask(booth, runner, lambda done: booth.desks.printer.set_roll(120, done)).ok
    assert booth.printing.media_remaining() == 120
    refused = ask(booth, runner, lambda done: booth.desks.printer.set_roll(9000, done))
    assert (refused.ok, refused.problem) == (False, "roll_range")
    assert booth.printing.media_remaining() == 120
    assert ask(booth, runner, booth.desks.printer.resume_printer).ok
    assert ask(booth, runner, booth.desks.printer.test_print).ok
    runner.until(lambda: booth.printing.media_remaining() == 119, "the test sheet", booth)
    assert len(list(prints_dir.iterdir())) == 1
    kinds = {e.kind for e in booth.store.events()}
    assert {"service.resume", "service.test_print", "service.roll_refused",
            "printer.roll_set"} <= kinds


def test_free_mode_prints_without_payment_and_survives_a_restart(make_booth,
                                                                 prints_dir: Path) -> None:
    booth, runner = make_booth()
    assert ask(booth, runner, lambda done: booth.desks.switch.set_free_mode(True, done)).ok
    assert booth.flow.free_mode and booth.driver.booth_status().free_mode
    capture_and_choose(booth, runner)
    assert booth.flow.state is State.printing and booth.flow.context.qr is None
    runner.until(lambda: booth.flow.state is State.done, "the free print", booth)
    with booth.store.reading() as db:
        order = db.exec(select(Order)).one()
    assert order.free and order.amount_minor == 0
    assert len(list(prints_dir.iterdir())) == 1
    booth.stop()
    again, runner = make_booth()
    assert again.flow.free_mode
    assert json.loads(json.dumps(again.driver.booth_status().as_json()))["free_mode"] is True


def test_out_of_service_and_back(make_booth) -> None:
    booth, runner = make_booth()
    runner.until(lambda: booth.flow.state is State.attract, "attract", booth)
    assert ask(booth, runner, lambda done: booth.desks.switch.set_in_service(False, done)).ok
    assert booth.flow.state is State.out_of_service
    assert booth.driver.technician_code() == "E-SERVICE"
    assert booth.desks.switch.taken_out_of_service()
    assert ask(booth, runner, lambda done: booth.desks.switch.set_in_service(True, done)).ok
    runner.until(lambda: booth.flow.state is State.attract, "back in service", booth)


def test_power_commands_run_and_a_failing_one_is_reported(make_booth) -> None:
    booth, runner = make_booth(service={"reboot_command": ["true"],
                                        "shutdown_command": ["false"]})
    power = booth.desks.power
    assert ask(booth, runner, lambda done: power.power(PowerAction.reboot, done)).ok
    failed = ask(booth, runner, lambda done: power.power(PowerAction.shutdown, done))
    assert (failed.ok, failed.problem, failed.detail["status"]) == (False, "command_failed", 1)
    assert booth.store.events(kind="service.shutdown_refused")
    booth.config.service.reboot_command = ["/nonexistent/reboot"]
    missing = ask(booth, runner, lambda done: power.power(PowerAction.reboot, done))
    assert (missing.ok, missing.problem) == (False, "command_missing")
    ask(booth, runner, lambda done: power.power(PowerAction.restart_app, done))
    ask(booth, runner, lambda done: power.power(PowerAction.exit_app, done))
    exits = [n.code for n in runner.notices if isinstance(n, AppExit)]
    assert exits == [RESTART_EXIT_CODE, EXIT_APP_CODE]


def test_settings_are_written_and_applied_without_a_restart(make_booth, tmp_path: Path) -> None:
    booth, runner = make_booth()
    settings = booth.desks.settings
    saved = ask(booth, runner, lambda done: settings.save_settings(
        {"packages": [{"copies": 2, "price": 30000}], "flow.shots": 3,
         "flow.layout": "strip-2x6", "ui.default_language": "ru"}, done))
    assert saved.ok
    assert booth.config.flow.shots == 3 and booth.capture_coordinator.layout.name == "strip-2x6"
    assert [(p.copies, p.price) for p in booth.config.packages] == [(2, 30000)]
    assert SettingsApplied in runner.kinds()
    written = load_config(tmp_path / "kiosk.toml", required=True)
    assert written.flow.shots == 3 and written.ui.default_language == "ru"

    refused = ask(booth, runner, lambda done: settings.save_settings(
        {"packages": [{"copies": 1, "price": 10**12}]}, done))
    assert (refused.ok, refused.problem) == (False, "invalid")
    assert refused.detail["problems"][0]["key"] == "packages.0.price"
    assert booth.store.events(kind="service.settings_refused")
    assert [(p.copies, p.price) for p in booth.config.packages] == [(2, 30000)]
    assert load_config(tmp_path / "kiosk.toml", required=True).packages == written.packages


def test_the_next_customer_gets_the_settings_just_saved(make_booth, backend) -> None:
    booth, runner = make_booth()
    saved = ask(booth, runner, lambda done: booth.desks.settings.save_settings(
        {"flow.shots": 3, "packages": [{"copies": 2, "price": 30000}],
         "payment.qr_expiry_seconds": 120}, done))
    assert saved.ok
    assert [(p.copies, p.price) for p in booth.config.packages] == [(2, 30000)]
    capture_and_choose(booth, runner, copies=2)
    assert len(booth.flow.context.shots) == 3
    qr = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth)
    assert (qr.amount, qr.currency) == (30000, "UZS")
    assert qr.expires_at <= time.time() + 120
    with booth.store.reading() as db:
        order = db.get(Order, qr.order_id)
    assert (order.copies, order.amount_minor) == (2, 3_000_000)


def test_the_factory_pin_must_be_changed_and_the_new_one_is_stored(make_booth,
                                                                   tmp_path: Path) -> None:
    booth, runner = make_booth()
    pin = booth.desks.pin
    runner.until(lambda: booth.flow.state is State.attract, "attract", booth)
    first = ask(booth, runner, lambda done: pin.check_pin("2580", done))
    assert first.ok and first.detail["outcome"] == "must_change"
    assert booth.flow.state is State.service
    mismatch = ask(booth, runner, lambda done: pin.change_pin("471123", "471124", done))
    assert (mismatch.ok, mismatch.problem) == (False, "mismatch")
    assert ask(booth, runner, lambda done: pin.change_pin("471123", "471123", done)).ok
    stored = load_config(tmp_path / "kiosk.toml", required=True).service.pin_hash
    assert verify_pin("471123", stored) and booth.config.service.pin_hash == stored
    booth.driver.exit_service()
    assert ask(booth, runner, lambda done: pin.check_pin("471123", done)).detail[
        "outcome"] == "accepted"
    kinds = [e.kind for e in booth.store.events() if e.kind.startswith("service.pin")]
    assert kinds == ["service.pin_accepted", "service.pin_change_refused",
                     "service.pin_change_saved", "service.pin_accepted"]


def test_the_status_snapshot_tells_the_backend_link_and_the_last_errors(make_booth) -> None:
    booth, runner = make_booth(service={"shutdown_command": ["false"]})
    runner.until(lambda: booth.driver.booth_status().backend_link.token_valid,
                 "the backend checked", booth)
    ask(booth, runner, lambda done: booth.desks.power.power(PowerAction.shutdown, done))
    status = booth.driver.booth_status()
    assert status.backend_link.seconds_since_success is not None
    assert status.last_errors[0].kind == "service.shutdown_refused"
    assert not status.low_paper and status.free_mode is False
    sent = json.loads(json.dumps(status.as_json()))
    assert sent["backend_link"]["token_valid"] is True
    assert sent["last_errors"][0]["reason"] == "false exited with status 1"
