"""The technician's actions and the service pages' data, done off the UI thread.

Called on the UI thread by the service screens (through the driver, which owns this
desk). Everything that reads much, writes the store (fsync), writes a file or runs a
system command goes to the driver's worker pool; the result comes back through `post`
as an `Outcome` (a code the screen words in the booth's language, never a sentence
here), and what changes the booth's live state (the flow, the config) is applied on
the UI thread after the data is committed. Every action leaves an event row.
"""

from __future__ import annotations

import errno
import logging
import os
import subprocess
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core import order_views, orders, statistics, technician_codes
from kiosk.core.config import ConfigError, KioskConfig, hash_pin
from kiosk.core.flow import FREE_MODE, TAKEN_OUT, BoothFlow
from kiosk.core.flow_events import BackInService, ServiceEnter, TakenOutOfService
from kiosk.core.layouts import Layout
from kiosk.core.models import Order, PrintJob
from kiosk.core.notices import AppExit, FreeModeChanged, Notice, SettingsApplied
from kiosk.core.ports import Printer
from kiosk.core.power_actions import EXIT_APP_CODE, RESTART_EXIT_CODE, PowerAction
from kiosk.core.service_pin import LOCKED_UNTIL, PinAnswer, ServicePin, new_pin_problem
from kiosk.core.settings_file import SettingsWriteError, write_settings
from kiosk.core.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")
Post = Callable[[Callable[[], None]], None]
Submit = Callable[[Callable[[], None]], Future[None]]
COMMAND_TIMEOUT = 60.0
LATE_PRINT_REASON = "late payment printed by the technician"
# Settings the service menu edits, each applied to the running booth once saved.
EDITABLE_SETTINGS = ("packages", "flow.countdown_seconds", "flow.shots", "flow.layout",
                     "ui.default_language", "payment.qr_expiry_seconds")


@dataclass(frozen=True)
class Outcome:
    action: str
    ok: bool
    problem: str = ""  # a code the screen turns into a sentence ("disk_full", "locked", …)
    detail: dict[str, Any] = field(default_factory=dict)


Done = Callable[[Outcome], None]


def export_targets(usb_root: Path, fallback: Path) -> list[Path]:
    """Where a CSV may go: USB sticks mounted under `usb_root` (its children and
    grandchildren, as udisks mounts /media/USER/LABEL), then the booth's own folder."""
    found: list[Path] = []
    try:
        children = sorted(p for p in usb_root.iterdir() if p.is_dir())
    except OSError:
        children = []
    for child in children:
        if os.path.ismount(child):
            found.append(child)
            continue
        try:
            found += sorted(p for p in child.iterdir() if p.is_dir() and os.path.ismount(p))
        except OSError:
            continue
    return [*found, fallback]


def _plain(value: Any) -> Any:
    """A value as an event row can keep it (JSON)."""
    if isinstance(value, str | int | float | bool | list | dict) or value is None:
        return value
    return None


class ServiceDesk:
    def __init__(self, *, config: KioskConfig, config_path: Path, store: Store, flow: BoothFlow,
                 printing: Printer, layouts: Mapping[str, Layout],
                 use_layout: Callable[[Layout], None], submit: Submit, post: Post,
                 notify: Callable[[Notice], None], data_dir: Path):
        self.config = config
        self.config_path = config_path
        self.store = store
        self.flow = flow
        self.printing = printing
        self.layouts = dict(layouts)
        self.use_layout = use_layout
        self.submit = submit
        self.post = post
        self.notify = notify
        self.data_dir = data_dir
        self.pin = ServicePin(store)

    # ----- data for the pages -----------------------------------------------------------

    def load(self, read: Callable[[], T], on_done: Callable[[T], None]) -> None:
        """Run a read on the pool and hand its result to `on_done` on the UI thread."""
        def work() -> None:
            try:
                value = read()
            except Exception:
                log.exception("service menu: reading %s failed", getattr(read, "__name__", read))
                return
            self.post(lambda: on_done(value))

        self.submit(work)

    def payment_log(self, status: str | None,
                    on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self.load(lambda: order_views.payment_log(self.store, status), on_done)

    def reprint_candidates(self, on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self.load(lambda: order_views.reprint_candidates(self.store, self.store.clock()), on_done)

    def late_payments(self, on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self.load(lambda: order_views.late_payments(self.store), on_done)

    def jobs_in_printer(self, on_done: Callable[[list[order_views.JobLine]], None]) -> None:
        self.load(lambda: order_views.jobs_in_printer(self.store), on_done)

    def statistics(self, on_done: Callable[[dict[str, statistics.PeriodStats]], None]) -> None:
        self.load(lambda: statistics.compute(self.store, self.store.clock()), on_done)

    def export_targets(self, on_done: Callable[[list[Path]], None]) -> None:
        self.load(lambda: export_targets(Path(self.config.service.usb_root),
                                         self.data_dir / "exports"), on_done)

    # ----- entry ----------------------------------------------------------------------------

    def check_pin(self, pin: str, on_done: Done) -> None:
        """One PIN attempt; an admitted technician enters the service state."""
        pin_hash = self.config.service.pin_hash

        def work() -> Outcome:
            answer: PinAnswer = self.pin.check(pin, pin_hash)
            return Outcome("pin", answer.admitted, "" if answer.admitted else answer.outcome,
                           {"outcome": str(answer.outcome), "attempts_left": answer.attempts_left,
                            "locked_minutes": answer.locked_minutes})

        def enter(outcome: Outcome) -> None:
            if outcome.ok:
                self.flow.dispatch(ServiceEnter())

        self._run("pin", work, on_done, then=enter)

    def pin_lock(self, on_done: Done) -> None:
        """Whether the PIN pad is locked now, and for how many seconds more (detail
        "seconds"; 0: open): the pad shows its lock before anyone types."""
        def work() -> Outcome:
            seconds = max(0, int(self.store.counter(LOCKED_UNTIL) - self.store.clock()))
            return Outcome("pin_lock", True, detail={"seconds": seconds})

        self._run("pin_lock", work, on_done)

    def change_pin(self, first: str, second: str, on_done: Done) -> None:
        problem = new_pin_problem(first, second)
        if problem is not None:
            self._run("pin_change", lambda: self._refused("pin_change", problem,
                                                          "new PIN refused", {}), on_done)
            return
        changes: dict[str, str] = {}

        def work() -> Outcome:
            changes["service.pin_hash"] = hash_pin(first)
            return self._write("pin_change", changes, "service PIN changed")

        def apply(outcome: Outcome) -> None:
            if outcome.ok:
                self.config.service.pin_hash = changes["service.pin_hash"]

        self._run("pin_change", work, on_done, then=apply)

    # ----- settings -------------------------------------------------------------------------

    def save_settings(self, changes: Mapping[str, Any], on_done: Done) -> None:
        """Validate, write kiosk.toml atomically, then apply to the running booth."""
        unknown = set(changes) - set(EDITABLE_SETTINGS)
        if unknown:
            raise ValueError(f"not editable from the service menu: {sorted(unknown)}")
        changes = dict(changes)

        def apply(outcome: Outcome) -> None:
            if outcome.ok:
                self._apply(outcome.detail.pop("config"), changes)

        self._run("settings", lambda: self._write("settings", changes, "settings saved"),
                  on_done, then=apply)

    def _write(self, action: str, changes: Mapping[str, Any], reason: str) -> Outcome:
        shown = {k: v for k, v in changes.items() if k != "service.pin_hash"}
        try:
            config = write_settings(self.config_path, changes)
        except ConfigError as exc:
            problems = [{"key": p.key, "value": _plain(p.value), "reason": p.reason,
                         "kind": p.kind, "limits": p.limits} for p in exc.problems]
            return self._refused(action, "invalid", "settings refused by the config model",
                                 {"problems": problems, "changes": shown})
        except SettingsWriteError as exc:
            return self._refused(action, "disk_full" if exc.disk_full else "not_writable",
                                 f"could not write {exc.path}: {exc.reason}",
                                 {"path": str(exc.path), "error": exc.reason})
        self._record(f"service.{action}_saved", reason, {"path": str(self.config_path), **shown})
        return Outcome(action, True, detail={"config": config, "path": str(self.config_path)})

    def _apply(self, new: KioskConfig, changes: Mapping[str, Any]) -> None:
        """Only settings read at each use are edited here, so no restart is needed."""
        for key in changes:
            if key == "packages":
                self.config.packages = list(new.packages)
                continue
            section, _, name = key.partition(".")
            setattr(getattr(self.config, section), name, getattr(getattr(new, section), name))
        self.use_layout(self.layouts[self.config.flow.layout])
        self.notify(SettingsApplied())

    def layout_names(self) -> list[str]:
        return sorted(self.layouts)

    # ----- printer --------------------------------------------------------------------------

    def resume_printer(self, on_done: Done) -> None:
        self.printing.resume()
        self._run("resume", lambda: self._done("resume", "service.resume",
                                                "printer resumed by the technician"), on_done)

    def test_print(self, on_done: Done) -> None:
        self.printing.test_print()
        self._run("test_print", lambda: self._done("test_print", "service.test_print",
                                                    "test print asked by the technician"),
                  on_done)

    def cancel_job(self, order_id: str, on_done: Done) -> None:
        self.printing.cancel_job(order_id)
        self._run("cancel_job", lambda: self._done("cancel_job", "service.cancel_job",
                                                    "stuck print job canceled by the technician",
                                                    subject=order_id), on_done)

    def set_roll(self, prints: int, on_done: Done) -> None:
        def work() -> Outcome:
            try:
                self.printing.set_roll(prints)
            except ValueError as exc:
                return self._refused("roll", "roll_range", str(exc), {"prints": prints})
            return Outcome("roll", True, detail={"prints": prints})

        self._run("roll", work, on_done)

    def reprint(self, order_id: str, reason: str, on_done: Done) -> None:
        """Print a paid order again; the ledger logs it with its reason and it spends paper."""
        self.printing.reprint(order_id, reason)
        self._run("reprint", lambda: Outcome("reprint", True, detail={"order_id": order_id}),
                  on_done)

    def print_late(self, order_id: str, on_done: Done) -> None:
        """A late payment printed by the technician: its first print, or a reprint of a
        print that failed."""
        options = self._layout_options()

        def work() -> Outcome:
            with self.store.reading() as db:
                order = db.get(Order, order_id)
                printed_before = db.exec(select(PrintJob.id).where(
                    PrintJob.order_id == order_id)).first() is not None
            if order is None or order.payment_status != PaymentStatus.paid:
                return self._refused("print_late", "not_paid", "late print refused: not paid",
                                     {}, subject=order_id)
            if not printed_before and not order.print_file:
                return self._refused("print_late", "no_print_file",
                                     "late print refused: no print file kept", {},
                                     subject=order_id)
            self._record("service.print_late", LATE_PRINT_REASON, {}, subject=order_id)
            if printed_before:
                self.printing.reprint(order_id, LATE_PRINT_REASON)
            else:
                self.printing.print_order(order_id, Path(str(order.print_file)), order.copies,
                                          options)
            return Outcome("print_late", True, detail={"order_id": order_id})

        self._run("print_late", work, on_done)

    def _layout_options(self) -> dict[str, str]:
        return self.layouts[self.config.flow.layout].cups_options()

    def mark_refunded(self, order_id: str, on_done: Done) -> None:
        def work() -> Outcome:
            with self.store.transaction() as db:
                refused = orders.refund_by_hand(self.store, db, order_id,
                                                "marked refunded by the technician (not printed)")
            if refused is not None:
                return Outcome("refund", False, "not_paid", {"status": refused})
            return Outcome("refund", True, detail={"order_id": order_id})

        self._run("refund", work, on_done)

    # ----- the booth ------------------------------------------------------------------------

    def set_free_mode(self, on: bool, on_done: Done) -> None:
        def apply(outcome: Outcome) -> None:
            if outcome.ok:
                self.flow.free_mode = on
                self.notify(FreeModeChanged(on))

        self._run("free_mode", lambda: self._switch(FREE_MODE, on, "service.free_mode",
                                                    "free mode on" if on else "free mode off"),
                  on_done, then=apply)

    def set_in_service(self, in_service: bool, on_done: Done) -> None:
        def apply(outcome: Outcome) -> None:
            if not outcome.ok:
                return
            if in_service:
                self.flow.dispatch(BackInService())
            else:
                self.flow.dispatch(TakenOutOfService(
                    code=technician_codes.TECHNICIAN,
                    message="taken out of service by the technician"))

        self._run("in_service", lambda: self._switch(
            TAKEN_OUT, not in_service, "service.in_service",
            "back in service" if in_service else "taken out of service"), on_done, then=apply)

    def taken_out_of_service(self) -> bool:
        return "technician" in self.flow.context.faults

    def _switch(self, counter: str, on: bool, kind: str, reason: str) -> Outcome:
        with self.store.transaction() as db:
            self.store.set_counter(db, counter, int(on))
            self.store.record(db, kind, None, reason, {"on": on})
        return Outcome(kind, True, detail={"on": on})

    def power(self, action: PowerAction, on_done: Done) -> None:
        """Restart or leave the app, reboot or shut down the machine (after confirmation)."""
        service = self.config.service
        command = {PowerAction.reboot: service.reboot_command,
                   PowerAction.shutdown: service.shutdown_command,
                   PowerAction.restart_app: service.restart_command}.get(action, [])

        def work() -> Outcome:
            self._record(f"service.{action}", f"{action} asked by the technician",
                         {"command": command})
            if not command:
                return Outcome(action, True, detail={"exit_code": RESTART_EXIT_CODE
                                                     if action is PowerAction.restart_app
                                                     else EXIT_APP_CODE})
            return self._run_command(action, command)

        def leave(outcome: Outcome) -> None:
            if outcome.ok and "exit_code" in outcome.detail:
                self.notify(AppExit(int(outcome.detail["exit_code"])))

        self._run(action, work, on_done, then=leave)

    def _run_command(self, action: str, command: list[str]) -> Outcome:
        shown = " ".join(command)
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=COMMAND_TIMEOUT, check=False)
        except FileNotFoundError:
            return self._refused(action, "command_missing", f"{shown}: no such command",
                                 {"command": shown})
        except (OSError, subprocess.TimeoutExpired) as exc:
            return self._refused(action, "command_failed", f"{shown}: {exc}",
                                 {"command": shown, "status": None, "output": str(exc)})
        if result.returncode != 0:
            output = (result.stderr or result.stdout).strip()[-300:]
            return self._refused(action, "command_failed",
                                 f"{shown} exited with status {result.returncode}",
                                 {"command": shown, "status": result.returncode,
                                  "output": output})
        return Outcome(action, True, detail={"command": shown})

    # ----- statistics export ----------------------------------------------------------------

    def export_csv(self, directory: Path, on_done: Done) -> None:
        booth_id = self.config.booth.id

        def work() -> Outcome:
            now = self.store.clock()
            stats = statistics.compute(self.store, now)
            try:
                directory.mkdir(parents=True, exist_ok=True)
                path = statistics.export_csv(stats, directory, booth_id, now)
            except OSError as exc:
                problem = "disk_full" if exc.errno == errno.ENOSPC else "not_writable"
                return self._refused("export", problem, f"CSV export to {directory} failed: "
                                     f"{exc.strerror or exc}", {"path": str(directory)})
            self._record("service.export", "statistics exported as CSV", {"path": str(path)})
            return Outcome("export", True, detail={"path": str(path)})

        self._run("export", work, on_done)

    # ----- plumbing -------------------------------------------------------------------------

    def _run(self, action: str, work: Callable[[], Outcome], on_done: Done,
             then: Callable[[Outcome], None] | None = None) -> None:
        def job() -> None:
            try:
                outcome = work()
            except Exception as exc:
                log.exception("service menu: %s failed", action)
                outcome = Outcome(action, False, "error", {"error": str(exc)})
                try:
                    self._record("service.failed", f"{action} failed: {exc}", {})
                except Exception:
                    log.exception("service menu: could not record the failure")

            def finish() -> None:
                if then is not None:
                    then(outcome)
                on_done(outcome)

            self.post(finish)

        self.submit(job)

    def _done(self, action: str, kind: str, reason: str, subject: str | None = None) -> Outcome:
        self._record(kind, reason, {}, subject=subject)
        return Outcome(action, True)

    def _refused(self, action: str, problem: str, reason: str, data: dict[str, Any],
                 subject: str | None = None) -> Outcome:
        self._record(f"service.{action}_refused", reason, {"problem": problem, **data},
                     subject=subject)
        return Outcome(action, False, problem, data)

    def _record(self, kind: str, reason: str, data: dict[str, Any],
                subject: str | None = None) -> None:
        with self.store.transaction() as db:
            self.store.record(db, kind, subject, reason, data)

