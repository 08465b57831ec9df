"""The booth's printing service: one worker thread owns every CUPS call.

Public methods never block on CUPS: they queue work for the worker, which polls
the printer every `poll_seconds`, follows submitted jobs to the end and drives
pending rows into CUPS. It keeps the booth's service contract (`start`, `stop`,
`health`); callbacks (`on_health`, `on_job`) run on the worker thread and the
driver hands them to the UI thread.

Exactly once: a row is written `pending` before its job is submitted, and a
pending row is only submitted after CUPS was asked for a job of the same name
(completed or not) — so a crash between submit and recording the CUPS id
adopts the job instead of printing it twice.

A full disk loses nothing: a command whose commit fails for want of space is kept and run
again (first after half a second, then at every poll) until it is written, and the worker
reports it as the storage health's fault (E-STORAGE) meanwhile.
"""

from __future__ import annotations

import logging
import queue
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from contract.backoff import Backoff
from kiosk.core import orders, technician_codes
from kiosk.core.config import PrintingSection
from kiosk.core.health_reporter import HealthReporter
from kiosk.core.models import PrintJob, PrintJobState
from kiosk.core.ports import (
    Health,
    HealthCallback,
    HealthState,
    JobCallback,
    PrinterStatus,
    PrintJobUpdate,
)
from kiosk.core.storage_health import STORAGE_RETRY, StorageHealth, is_storage_full
from kiosk.core.store import Store
from printing.cups_client import (
    JOB_ABORTED,
    JOB_CANCELED,
    JOB_STOPPED,
    CupsClient,
    CupsJob,
    PrintRefused,
    PrintSystemUnavailable,
)
from printing.delivery_ledger import is_behind_ledger
from printing.jobs import ACTIVE, DELIVERY_OPTION, JobLedger, job_name
from printing.media import MediaCounter
from printing.status import split_reason, status_from_attributes, unavailable
from printing.test_page import write_test_page

log = logging.getLogger(__name__)

TEST_PRINT = "test-print"
MAX_BACKOFF = 10.0
BUSY_POLL_SECONDS = 0.5
STOP_TIMEOUT = 10.0
WORKER = "printing worker"


class PrintingService:
    def __init__(self, config: PrintingSection, store: Store, *,
                 clock: Callable[[], float] = time.time,
                 on_health: HealthCallback | None = None,
                 on_job: JobCallback | None = None, storage: StorageHealth | None = None):
        self.config = config
        self.store = store
        self.clock = clock
        self.on_job = on_job
        self.storage = storage or StorageHealth(None, clock)
        self._held: list[Callable[[CupsClient], None]] = []  # commands the disk refused
        self._storage_failures = 0
        self.media = MediaCounter(store, config.roll_size)
        self.ledger = JobLedger(store, self.media)
        self._status = unavailable("printer not checked yet")
        self._health = HealthReporter("printer", on_health, clock, self._status.message)
        self._commands: queue.Queue[Callable[[CupsClient], None]] = queue.Queue()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = 0
        self._cleared: frozenset[str] = frozenset()
        self._test_jobs: set[int] = set()
        self._seen_status = False
        self._jobs_in_flight = False
        self._test_dir: tempfile.TemporaryDirectory[str] | None = None

    # --- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("printing service already started")
        self.media.load()
        self._test_dir = tempfile.TemporaryDirectory(prefix="booth-test-print-")
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="printing-worker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the worker and wait for it; queued work not yet done is dropped
        (pending rows are picked up again by the next start)."""
        self._stopping.set()
        self._commands.put(lambda client: None)
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT)
            if self._thread.is_alive():
                log.error("printing worker did not stop within %.0f s", STOP_TIMEOUT)
            self._thread = None
        if self._test_dir is not None:
            self._test_dir.cleanup()
            self._test_dir = None

    # --- non-blocking questions -------------------------------------------------------

    @property
    def status(self) -> PrinterStatus:
        return self._status

    def health(self) -> Health:
        return self._health.current

    def media_remaining(self) -> int:
        """Prints left: the counter, or the driver's own count when it reports a lower one."""
        counted = self.media.remaining
        reported = self._status.prints_remaining
        return counted if reported is None else min(counted, reported)

    def can_print(self, copies: int) -> bool:
        """Ask before showing a QR: False when the printer is faulted or paper is short."""
        return not self._status.faulted and copies >= 1 and self.media_remaining() >= copies

    def jobs_for(self, order_id: str) -> list[PrintJob]:
        return self.ledger.rows_for(order_id)

    # --- actions (queued for the worker) ------------------------------------------------

    def print_order(self, order_id: str, file: Path, copies: int,
                    options: dict[str, str]) -> None:
        """Print a paid (or free) order once; any second call for it prints nothing."""
        self._commands.put(lambda client: self._print_order(client, order_id, Path(file),
                                                            copies, dict(options)))

    def reprint(self, order_id: str, reason: str) -> None:
        """A technician's explicit reprint of an order's last print file, logged with reason."""
        self._commands.put(lambda client: self._reprint(client, order_id, reason))

    def resume(self) -> None:
        """Resume the queue after a fix: held jobs print (once), nothing printed is redone."""
        self._commands.put(self._resume)

    def cancel_job(self, order_id: str) -> None:
        self._commands.put(lambda client: self._cancel(client, order_id))

    def test_print(self) -> None:
        """A test sheet; it spends one print of the roll. Reported via on_job(TEST_PRINT, …)."""
        self._commands.put(self._test_print)

    def set_roll(self, size: int) -> None:
        """A new roll of `size` prints (0 to 5000); ValueError otherwise, nothing changed."""
        self.media.set_roll(size, "technician set the roll")
        self._commands.put(lambda client: self._refresh_health())

    # --- worker -----------------------------------------------------------------------

    def _run(self) -> None:
        client = CupsClient(self.config.cups_server, self.config.queue)
        try:
            self._serve(client)
        finally:
            client.close()

    def _serve(self, client: CupsClient) -> None:
        next_poll = 0.0
        while not self._stopping.is_set():
            timeout = max(0.0, next_poll - time.monotonic())
            try:
                command = self._commands.get(timeout=timeout)
            except queue.Empty:
                command = None
            if self._stopping.is_set():
                return
            if command is not None:
                self._guarded(command, client, keep=True)
                if self._jobs_in_flight:
                    next_poll = min(next_poll, time.monotonic() + BUSY_POLL_SECONDS)
                continue
            self._retry_held(client)
            delay = self.config.poll_seconds
            if self._jobs_in_flight:
                # Faults happen while printing: look closer then, so the screen knows in time.
                delay = min(delay, BUSY_POLL_SECONDS)
            if self._failures:
                delay = Backoff(delay, MAX_BACKOFF).delay(min(self._failures, 6) + 1)
            if self._storage_failures:
                delay = min(delay, STORAGE_RETRY.delay(self._storage_failures))
            next_poll = time.monotonic() + delay

    def _retry_held(self, client: CupsClient) -> None:
        """The commands the disk refused, in their order, then the poll; once all of it went
        through, the worker no longer waits for space."""
        held, self._held = self._held, []
        for command in held:
            self._guarded(command, client, keep=True)
        saved = self._guarded(self._tick, client)
        if saved and not self._held and self._storage_failures:
            self._storage_failures = 0
            self.storage.done_waiting(WORKER)
            log.info("printing worker: saving works again; kept commands written")

    def _guarded(self, work: Callable[[CupsClient], None], client: CupsClient, *,
                 keep: bool = False) -> bool:
        """Run `work`; False when the disk refused its commit (with `keep`, it is kept for
        the next retry: a print command is never dropped)."""
        try:
            work(client)
        except PrintSystemUnavailable as down:
            self._failures += 1
            status = unavailable(str(down))
            # Recording the fault writes too: on a full disk that is reported, not raised.
            return self._guarded(lambda _: self._publish(status), client)
        except Exception as exc:
            if not is_storage_full(exc):
                log.exception("printing worker: unexpected error (the worker keeps running)")
                return True
            self._storage_failures += 1
            if keep:
                self._held.append(work)
            self.storage.write_failed(WORKER, exc)
            log.error("printing worker: cannot save (%s); %s", exc,
                      "the command is kept and run again" if keep else "tried at the next poll")
            return False
        return True

    def _tick(self, client: CupsClient) -> None:
        self._poll_status(client)
        client.watch_job_events(time.monotonic())
        self._follow_jobs(client)
        self._drive_pending(client)

    def _poll_status(self, client: CupsClient) -> None:
        try:
            attributes = client.printer_attributes()
        except PrintRefused as exc:
            # The server answers but has no such queue: as good as no print system.
            raise PrintSystemUnavailable(str(exc)) from exc
        self._failures = 0
        if self._cleared:
            present = {str(r) for r in attributes.get("printer-state-reasons") or []}
            self._cleared = self._cleared & frozenset(present)
        self._publish(status_from_attributes(attributes, self._cleared))

    def _publish(self, status: PrinterStatus) -> None:
        """Record a fault or a recovery, then let the new status be seen (data first)."""
        previous = self._status
        first, self._seen_status = not self._seen_status, True
        if status == previous and not first:
            return
        if status.faulted and (first or not previous.faulted or status.state != previous.state):
            with self.store.transaction() as session:
                self.store.record(session, "printer.faulted", self.config.queue,
                                  status.message or status.state,
                                  {"state": status.state, "reasons": status.reasons,
                                   "previous": previous.state})
        elif previous.faulted and not status.faulted and not first:
            with self.store.transaction() as session:
                self.store.record(session, "printer.recovered", self.config.queue,
                                  f"was {previous.state}",
                                  {"state": status.state, "previous": previous.state})
        self._status = status
        self._refresh_health()

    def _refresh_health(self) -> None:
        """Health from the last status and the paper counter; on_health hears each change."""
        status, left = self._status, self.media_remaining()
        if status.faulted:
            state, message = HealthState.fault, status.message or status.state.replace("_", " ")
            code: str | None = technician_codes.for_printer(status.state)
        elif left <= self.config.low_paper_threshold:
            state, message, code = HealthState.degraded, f"{left} prints left on the roll", None
        else:
            state, message, code = HealthState.ok, status.message or str(status.state), None
        self._health.report(state, message, code)

    def _report(self, change: PrintJobUpdate | None) -> None:
        if change is None:
            return
        log.info("print %s: %s%s (%s)", change.order_id, change.state,
                 " (held)" if change.held else "", change.detail)
        if self.on_job:
            self.on_job(change)
        self._refresh_health()

    def _follow_jobs(self, client: CupsClient) -> None:
        rows = self.ledger.rows_in(*ACTIVE)
        for row in rows:
            assert row.cups_job_id is not None
            job = client.job(row.cups_job_id)
            if job is not None and job.files_lost:
                client.cancel(job.id)
                if self._may_send_again(client, row, job):
                    self.ledger.send_again(row, f"CUPS lost the file of job {job.id}; sent "
                                           "again under its delivery key")
                continue
            if job is not None and job.state == JOB_STOPPED:
                job = self._stopped_by_scheduler(client, job)
            self._report(self.ledger.follow(row, job))
        for job_id in sorted(self._test_jobs):
            self._follow_test_job(client, job_id)
        self._jobs_in_flight = bool(rows or self._test_jobs)

    def _stopped_by_scheduler(self, client: CupsClient, job: CupsJob) -> CupsJob:
        """A processing-stopped job is the scheduler giving up on the device (it cannot open
        it, a filter would not start) while the queue still says idle: stop the queue with
        the scheduler's words, so the booth goes out of service instead of waiting forever."""
        message = client.stop_message(job.id) or job.message or (
            f"CUPS stopped job {job.id} without saying why; see the cupsd error log")
        if not self._status.faulted:
            log.error("CUPS stopped job %d: %s; stopping queue %s", job.id, message, client.queue)
            client.stop_queue(message)
            self._poll_status(client)
        return replace(job, message=message)

    def _drive_pending(self, client: CupsClient) -> None:
        for row in self.ledger.rows_in(PrintJobState.pending):
            self._submit_or_wait(client, row)

    def _submit_or_wait(self, client: CupsClient, row: PrintJob) -> None:
        """Submit now; if CUPS is unreachable the row stays pending, with why, for the next tick."""
        try:
            self._submit(client, row)
        except PrintSystemUnavailable as exc:
            self.ledger.note(row, str(exc))
            raise

    def _no_longer_printable(self, row: PrintJob) -> str | None:
        """Why a queued row must not reach the printer now (its order was refunded or
        cancelled while it waited for paper or for CUPS), or None."""
        order = self.ledger.order(row.order_id)
        if order is not None and orders.may_print(order):
            return None
        status = order.payment_status if order else "unknown"
        return f"order is {status} now; not printed"

    def _submit(self, client: CupsClient, row: PrintJob) -> None:
        refused = self._no_longer_printable(row)
        if refused is not None:
            self._report(self.ledger.failed(row, refused))
            return
        name = job_name(row)
        existing = [job for job in client.jobs_named(name)
                    if job.state not in (JOB_CANCELED, JOB_ABORTED)]
        for job in [job for job in existing if job.incomplete]:
            # Only this worker sends this order's file, and it is not sending: the booth
            # died while it did. That job can never print; a new one replaces it.
            log.warning("CUPS job %d named %r never got its whole file (the booth stopped "
                        "while sending it): cancelled, the order is sent again", job.id, name)
            client.cancel(job.id)
        lost = [job for job in existing if job.files_lost]
        for job in lost:
            client.cancel(job.id)  # it can never print (CupsJob.files_lost)
        existing = [job for job in existing if not job.incomplete and not job.files_lost]
        if lost and not existing and not self._may_send_again(client, row, lost[-1]):
            return
        if existing:
            job = existing[-1]
            self._report(self.ledger.submitted(
                row, job.id, f"adopted CUPS job {job.id} named {name!r} (submitted before a "
                "restart); not submitted again"))
            return
        try:
            cups_job_id = client.submit(Path(row.file), name, self._options(row))
        except PrintRefused as exc:
            self._report(self.ledger.failed(row, str(exc)))
            return
        self._jobs_in_flight = True
        self._report(self.ledger.submitted(row, cups_job_id, f"submitted to {client.queue}"))

    def _may_send_again(self, client: CupsClient, row: PrintJob, lost: CupsJob) -> bool:
        """May the row whose CUPS job lost its file (cancelled) be sent again? Behind the
        delivery ledger, yes: under the same key, the printer gets it only if it never took
        it. Elsewhere nobody knows whether it printed: the row fails, for the technician to
        look at the printer's output before a reprint."""
        # The queue's device-uri comes with the status poll's attributes ("" when CUPS does
        # not tell this user: then the ledger is not assumed).
        if is_behind_ledger(str(client.printer_attributes().get("device-uri") or "")):
            log.warning("CUPS job %d for %s lost its file (cupsd stopped as it finished?): "
                        "sent again under its delivery key", lost.id, row.order_id)
            return True
        self._report(self.ledger.failed(
            row, f"CUPS lost the file of job {lost.id} (cupsd stopped as it finished?) and "
            f"queue {client.queue} is not behind the delivery ledger: check the printer's "
            "output before a reprint"))
        return False

    def _options(self, row: PrintJob) -> dict[str, str]:
        options = {"media": self.config.media, "copies": str(row.copies)}
        options.update(row.options)
        # The delivery ledger's key (printing/backends/boothledger): sent once per key.
        options[DELIVERY_OPTION] = job_name(row)
        return options

    # --- actions on the worker ----------------------------------------------------------

    def _print_order(self, client: CupsClient, order_id: str, file: Path, copies: int,
                     options: dict[str, str]) -> None:
        order = self.ledger.order(order_id)
        if order is None:
            self._report(self.ledger.refuse(order_id, "unknown order: nothing to print", {}))
            return
        if not orders.may_print(order):
            self._report(self.ledger.refuse(
                order_id, f"order is not paid (payment_status={order.payment_status}); "
                "not printed", {"payment_status": order.payment_status}))
            return
        if not isinstance(copies, int) or isinstance(copies, bool) or copies < 1:
            self._report(self.ledger.refuse(order_id, f"copies must be 1 or more, got {copies!r}",
                                            {"copies": repr(copies)}))
            return
        bad = {k: v for k, v in options.items() if not isinstance(v, str)}
        if bad:
            self._report(self.ledger.refuse(order_id, f"print options must be text: {bad!r}",
                                            {"options": repr(bad)}))
            return
        rows = [r for r in self.ledger.rows_for(order_id) if r.reprint_reason is None]
        if rows:
            row = rows[-1]
            detail = {PrintJobState.printed: "already printed; not printed again",
                      PrintJobState.failed: f"printing failed earlier ({row.last_error}); "
                      "a technician reprint is needed"}.get(row.state, "already queued")
            self._report(PrintJobUpdate(order_id, PrintJobState(row.state), detail))
            return
        row = self.ledger.add_pending(order_id, file, copies, options)
        if not file.is_file():
            self._report(self.ledger.failed(row, f"print file missing: {file}"))
            return
        self._submit_or_wait(client, row)

    def _reprint(self, client: CupsClient, order_id: str, reason: str) -> None:
        rows = self.ledger.rows_for(order_id)
        order = self.ledger.order(order_id)
        if order is None or not (rows or order.print_file):
            self._report(self.ledger.refuse(order_id, "reprint refused: no print file known "
                                            "for this order", {"reason": reason}))
            return
        if not reason.strip():
            self._report(self.ledger.refuse(order_id, "reprint refused: a reason is required",
                                            {}))
            return
        file = Path(rows[-1].file if rows else str(order.print_file))
        copies = rows[-1].copies if rows else order.copies
        options = rows[-1].options if rows else {}
        row = self.ledger.add_pending(order_id, file, copies, options, reprint_reason=reason)
        if not file.is_file():
            self._report(self.ledger.failed(row, f"print file missing: {file}"))
            return
        self._submit_or_wait(client, row)

    def _resume(self, client: CupsClient) -> None:
        for row in self.ledger.rows_in(*ACTIVE):
            refused = self._no_longer_printable(row)
            if refused is not None and row.cups_job_id is not None:
                # Held for paper while the order was refunded: it must not print on resume.
                client.cancel(row.cups_job_id)
                self._report(self.ledger.failed(row, refused))
        client.resume_queue()
        for row in self.ledger.rows_in(*ACTIVE):
            job = client.job(row.cups_job_id) if row.cups_job_id else None
            if job is not None and job.state == JOB_STOPPED:
                client.restart_job(job.id)
        for job_id in self._test_jobs:
            job = client.job(job_id)
            if job is not None and job.state == JOB_STOPPED:
                client.restart_job(job_id)
        attributes = client.printer_attributes()
        # What the backend reported before the fix stays listed until its next job.
        self._cleared = frozenset(
            str(r) for r in attributes.get("printer-state-reasons") or []
            if split_reason(str(r))[1] == "error")
        log.info("printer queue %s resumed by the technician", client.queue)
        self._tick(client)

    def _cancel(self, client: CupsClient, order_id: str) -> None:
        for row in self.ledger.rows_for(order_id):
            if row.state in (PrintJobState.printed, PrintJobState.failed):
                continue
            ids = [row.cups_job_id] if row.cups_job_id else [
                job.id for job in client.jobs_named(job_name(row)) if not job.finished]
            try:
                for cups_job_id in ids:
                    client.cancel(cups_job_id)
            except PrintRefused:
                # Too late: the job finished meanwhile; record how it really ended.
                if row.cups_job_id:
                    self._report(self.ledger.follow(row, client.job(row.cups_job_id)))
                continue
            self._report(self.ledger.failed(row, "canceled by the technician"))

    def _test_print(self, client: CupsClient) -> None:
        assert self._test_dir is not None
        page = write_test_page(Path(self._test_dir.name), self.clock())
        try:
            job_id = client.submit(page, TEST_PRINT, {"media": self.config.media})
        except PrintRefused as exc:
            self._report(PrintJobUpdate(TEST_PRINT, PrintJobState.failed, str(exc)))
            return
        self._test_jobs.add(job_id)
        self._jobs_in_flight = True
        self._report(PrintJobUpdate(TEST_PRINT, PrintJobState.submitted, f"CUPS job {job_id}"))

    def _follow_test_job(self, client: CupsClient, job_id: int) -> None:
        job = client.job(job_id)
        if job is not None and job.state == JOB_STOPPED:
            self._stopped_by_scheduler(client, job)
        if job is not None and not job.finished:
            return
        self._test_jobs.discard(job_id)
        if job is not None and job.state_name == "completed":
            with self.store.transaction() as session:
                left = self.media.spend(session, 1)
                self.store.record(session, "print.printed", None, "test print",
                                  {"cups_job_id": job_id, "sheets": 1, "media_remaining": left})
            self.media.commit_spent(left)
            self._refresh_health()
            self._report(PrintJobUpdate(TEST_PRINT, PrintJobState.printed, f"{left} prints left"))
        else:
            reason = f"test print ended {job.state_name if job else 'unknown to CUPS'}"
            self._report(PrintJobUpdate(TEST_PRINT, PrintJobState.failed, reason))
