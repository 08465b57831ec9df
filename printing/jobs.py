"""The print_jobs ledger: each row moves pending → submitted → printing → printed | failed.

Every move is committed together with its event (and outbox row), so the booth's
history and the backend's copy of it never disagree. CUPS is the source of truth
for where a submitted job is; `JobLedger.follow` turns its answer into our states.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from kiosk.core.models import Order, PrintJob, PrintJobState
from kiosk.core.ports import PrintJobUpdate
from kiosk.core.store import Store
from printing.cups_client import (
    JOB_ABORTED,
    JOB_CANCELED,
    JOB_COMPLETED,
    JOB_HELD,
    JOB_PENDING,
    JOB_PROCESSING,
    JOB_STOPPED,
    CupsJob,
)
from printing.media import MediaCounter

ACTIVE = (PrintJobState.submitted, PrintJobState.printing)
# The job option the delivery ledger (printing/backends/boothledger) keys on: a job whose key
# it recorded delivered before a crash ends completed without printing, which is the truth
# for the booth too: printed, once.
DELIVERY_OPTION = "booth-delivery"


def job_name(row: PrintJob) -> str:
    """The CUPS job-name: the order id, so a restart can find the order's job in CUPS.

    A technician's reprint gets its own name, so it is never mistaken for the original.
    """
    if row.reprint_reason is None:
        return row.order_id
    return f"{row.order_id}~reprint-{row.id}"


def held_detail(job: CupsJob) -> str:
    why = ", ".join(r for r in job.reasons if r != "none") or job.state_name
    return f"held ({why}){': ' + job.message if job.message else ''}"


class JobLedger:
    def __init__(self, store: Store, media: MediaCounter):
        self.store = store
        self.media = media

    def order(self, order_id: str) -> Order | None:
        with self.store.reading() as session:
            return session.get(Order, order_id)

    def rows_for(self, order_id: str) -> list[PrintJob]:
        with self.store.reading() as session:
            return list(session.exec(select(PrintJob).where(PrintJob.order_id == order_id)
                                     .order_by(PrintJob.id)))

    def rows_in(self, *states: str) -> list[PrintJob]:
        with self.store.reading() as session:
            return list(session.exec(select(PrintJob).where(PrintJob.state.in_(states))
                                     .order_by(PrintJob.id)))

    def refuse(self, order_id: str, reason: str, data: dict[str, object]) -> PrintJobUpdate:
        """An order that must not print: the refusal is recorded, no row is made."""
        with self.store.transaction() as session:
            self.store.record(session, "print.failed", order_id, reason, data)
        return PrintJobUpdate(order_id, PrintJobState.failed, reason)

    def add_pending(self, order_id: str, file: Path, copies: int, options: dict[str, str],
                    reprint_reason: str | None = None) -> PrintJob:
        now = self.store.clock()
        with self.store.transaction() as session:
            row = PrintJob(order_id=order_id, file=str(file), copies=copies, options=options,
                           reprint_reason=reprint_reason, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            if reprint_reason is not None:
                self.store.record(session, "print.reprint", order_id, reprint_reason,
                                  {"print_job": row.id, "file": str(file), "copies": copies})
            return row

    def submitted(self, row: PrintJob, cups_job_id: int, reason: str) -> PrintJobUpdate:
        with self.store.transaction() as session:
            current = session.get(PrintJob, row.id)
            assert current is not None
            current.cups_job_id = cups_job_id
            current.state = PrintJobState.submitted
            current.attempts += 1
            current.last_error = None
            current.updated_at = self.store.clock()
            session.add(current)
            self.store.record(session, "print.submitted", row.order_id, reason,
                              {"print_job": row.id, "cups_job_id": cups_job_id,
                               "copies": row.copies, "attempt": current.attempts})
        return PrintJobUpdate(row.order_id, PrintJobState.submitted, f"CUPS job {cups_job_id}")

    def send_again(self, row: PrintJob, reason: str) -> None:
        """Back to pending, to be submitted again: its CUPS job can never print."""
        self._leave(row, PrintJobState.pending, reason, "print.resent")

    def note(self, row: PrintJob, error: str) -> None:
        """Why a row waits (CUPS unreachable, queue stopped): kept, not a failure."""
        with self.store.transaction() as session:
            current = session.get(PrintJob, row.id)
            if current is not None and current.last_error != error:
                current.last_error = error
                current.updated_at = self.store.clock()
                session.add(current)

    def failed(self, row: PrintJob, error: str) -> PrintJobUpdate:
        self._leave(row, PrintJobState.failed, error, "print.failed")
        return PrintJobUpdate(row.order_id, PrintJobState.failed, error)

    def _leave(self, row: PrintJob, state: PrintJobState, reason: str, kind: str) -> None:
        """The row gives up its CUPS job (failed, or pending to be sent again), saying why."""
        with self.store.transaction() as session:
            current = session.get(PrintJob, row.id)
            assert current is not None
            data = {"print_job": row.id, "cups_job_id": current.cups_job_id}
            current.state = state
            if state == PrintJobState.pending:
                current.cups_job_id = None
            current.last_error = reason
            current.updated_at = self.store.clock()
            session.add(current)
            self.store.record(session, kind, row.order_id, reason, data)

    def follow(self, row: PrintJob, job: CupsJob | None) -> PrintJobUpdate | None:
        """Move a submitted/printing row to where CUPS says its job is; None if unchanged."""
        if job is None:
            return self.failed(row, f"CUPS no longer knows job {row.cups_job_id} (cupsd lost "
                               "its history?); check the printer's output before a reprint")
        if job.state in (JOB_PENDING, JOB_HELD, JOB_STOPPED):
            # A job held by a stopped queue is waiting, not failed: it prints after resume.
            if "printer-stopped" in job.reasons or job.state != JOB_PENDING:
                detail = held_detail(job)
                if row.last_error != detail:
                    self.note(row, detail)
                    return PrintJobUpdate(row.order_id, PrintJobState(row.state), detail,
                                          held=True)
            return None
        if job.state == JOB_PROCESSING:
            if row.state == PrintJobState.submitted:
                return self._move(row, PrintJobState.printing, "print.printing",
                                  "CUPS is printing the job")
            return None
        if job.state == JOB_COMPLETED:
            return self._printed(row)
        if job.state in (JOB_CANCELED, JOB_ABORTED):
            why = ", ".join(job.reasons) or job.state_name
            return self.failed(row, f"CUPS job {job.id} {job.state_name} ({why})"
                               f"{': ' + job.message if job.message else ''}")
        return None

    def _move(self, row: PrintJob, state: str, kind: str, reason: str) -> PrintJobUpdate:
        with self.store.transaction() as session:
            current = session.get(PrintJob, row.id)
            assert current is not None
            current.state = state
            current.last_error = None
            current.updated_at = self.store.clock()
            session.add(current)
            self.store.record(session, kind, row.order_id, reason,
                              {"print_job": row.id, "cups_job_id": row.cups_job_id})
        return PrintJobUpdate(row.order_id, PrintJobState(state), reason)

    def _printed(self, row: PrintJob) -> PrintJobUpdate:
        with self.store.transaction() as session:
            current = session.get(PrintJob, row.id)
            assert current is not None
            current.state = PrintJobState.printed
            current.last_error = None
            current.updated_at = self.store.clock()
            session.add(current)
            left = self.media.spend(session, row.copies)
            self.store.record(session, "print.printed", row.order_id, "CUPS completed the job",
                              {"print_job": row.id, "cups_job_id": row.cups_job_id,
                               "sheets": row.copies, "media_remaining": left})
        self.media.commit_spent(left)
        return PrintJobUpdate(row.order_id, PrintJobState.printed,
                              f"{left} prints left on the roll")
