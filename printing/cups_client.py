"""The CUPS calls the booth makes, over pycups, with errors a technician can read.

Call only from a worker thread: every call blocks on the CUPS server. libcups
keeps the server and port per thread, so each thread opens its own `CupsClient`.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cups

from printing.status import REQUESTED_ATTRIBUTES

log = logging.getLogger(__name__)

JOB_ATTRIBUTES = ["job-id", "job-name", "job-state", "job-state-reasons",
                  "job-printer-state-message", "number-of-documents"]

# IPP job-state values (RFC 8011 5.3.7).
JOB_PENDING = 3
JOB_HELD = 4
JOB_PROCESSING = 5
JOB_STOPPED = 6
JOB_CANCELED = 7
JOB_ABORTED = 8
JOB_COMPLETED = 9
# A pull subscription's lease: renewed well before it runs out, gone soon after a crash.
SUBSCRIPTION_LEASE = 3600
SUBSCRIPTION_RENEW = 1200
SUBSCRIPTION_RETRY = 60
JOB_STATE_NAMES = {JOB_PENDING: "pending", JOB_HELD: "held", JOB_PROCESSING: "processing",
                   JOB_STOPPED: "stopped", JOB_CANCELED: "canceled", JOB_ABORTED: "aborted",
                   JOB_COMPLETED: "completed"}


class PrintSystemUnavailable(Exception):
    """cupsd does not answer: retry later, nothing was decided."""


class PrintRefused(Exception):
    """CUPS answered no (unknown queue, bad file, rejected job): retrying will not help."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CupsJob:
    id: int
    name: str
    state: int
    reasons: tuple[str, ...]
    message: str
    documents: int | None = None  # number-of-documents; None when CUPS does not say

    @property
    def state_name(self) -> str:
        return JOB_STATE_NAMES.get(self.state, str(self.state))

    @property
    def finished(self) -> bool:
        return self.state >= JOB_CANCELED

    @property
    def incomplete(self) -> bool:
        """Held for a document that is still coming: its sender died mid-upload if nobody
        is sending it now (it would wait in CUPS for ever, printing nothing)."""
        return self.state == JOB_HELD and "job-incoming" in self.reasons

    @property
    def files_lost(self) -> bool:
        """Waiting to print with no document and none coming: cupsd lost the job's file. A
        power cut between cupsd deleting a finished job's file and recording it finished
        leaves this (the job then printed), as does a spool emptied by hand (it did not).
        CUPS keeps such a job pending for ever: it can never print."""
        return (not self.finished and self.documents == 0
                and "job-incoming" not in self.reasons)


def server_setting(configured: str) -> tuple[str, int | None]:
    """(host or socket path, port) from config, else $CUPS_SERVER, else the libcups default."""
    server = configured or os.environ.get("CUPS_SERVER", "")
    if not server:
        return cups.getServer(), None
    if server.startswith("/"):
        return server, None
    host, _, port = server.rpartition(":")
    if host and port.isdigit():
        return host.strip("[]"), int(port)
    return server, None


def _is_unavailable(exc: cups.IPPError) -> bool:
    status = exc.args[0] if exc.args else 0
    # 0x05xx are server errors; libcups maps a dropped connection to one of them.
    return not isinstance(status, int) or status >= 0x0500 or status == -1


def _job_from(job_id: int, attributes: dict[str, Any]) -> CupsJob:
    reasons = attributes.get("job-state-reasons") or []
    if isinstance(reasons, str):
        reasons = [reasons]
    documents = attributes.get("number-of-documents")
    return CupsJob(id=job_id, name=str(attributes.get("job-name", "")),
                   state=int(attributes.get("job-state", 0)), reasons=tuple(reasons),
                   message=str(attributes.get("job-printer-state-message") or ""),
                   documents=documents if isinstance(documents, int) else None)


class CupsClient:
    """One thread's connection to cupsd; reconnects lazily after a failure."""

    def __init__(self, server: str, queue: str):
        self.host, self.port = server_setting(server)
        self.queue = queue
        self._connection: cups.Connection | None = None
        self._subscription: int | None = None
        self._renewed_at = 0.0
        self._retry_at = 0.0
        self._next_sequence = 1
        self._stop_messages: dict[int, str] = {}

    def _conn(self) -> cups.Connection:
        if self._connection is None:
            cups.setServer(self.host)
            if self.port is not None:
                cups.setPort(self.port)
            try:
                self._connection = cups.Connection()
            except RuntimeError as exc:
                raise PrintSystemUnavailable(
                    f"print system unavailable: cannot reach CUPS at {self.where} ({exc})") from exc
        return self._connection

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}" if self.port else self.host

    def _call(self, what: str, method: str, *args: Any, **kwargs: Any) -> Any:
        connection = self._conn()
        try:
            return getattr(connection, method)(*args, **kwargs)
        except cups.IPPError as exc:
            status, text = (*exc.args, 0, "")[:2]
            if _is_unavailable(exc):
                self._connection = None
                raise PrintSystemUnavailable(
                    f"print system unavailable during {what}: {text} (IPP {status:#06x})"
                    if isinstance(status, int) else f"print system unavailable: {text}") from exc
            raise PrintRefused(f"CUPS refused {what}: {text}", status) from exc
        except (cups.HTTPError, RuntimeError) as exc:
            self._connection = None
            raise PrintSystemUnavailable(
                f"print system unavailable during {what}: {exc}") from exc

    def printer_attributes(self) -> dict[str, Any]:
        try:
            return dict(self._call(f"status of queue {self.queue!r}", "getPrinterAttributes",
                                   self.queue, requested_attributes=REQUESTED_ATTRIBUTES))
        except PrintRefused as exc:
            if exc.status == cups.IPP_NOT_FOUND:
                raise PrintRefused(f"CUPS at {self.where} has no queue {self.queue!r}: "
                                   "the printer or class does not exist", exc.status) from exc
            raise

    def media_supported(self) -> list[str]:
        """The paper sizes the queue offers (its driver's PPD and PWG names)."""
        attributes = self._call(f"media of queue {self.queue!r}", "getPrinterAttributes",
                                self.queue, requested_attributes=["media-supported"])
        value = attributes.get("media-supported") or []
        return [value] if isinstance(value, str) else [str(name) for name in value]

    def submit(self, file: Path, job_name: str, options: dict[str, str]) -> int:
        """Submit a print-ready file; returns the CUPS job id. Option values must be text."""
        if not file.is_file():
            raise PrintRefused(f"print file missing: {file}")
        bad = {key: value for key, value in options.items() if not isinstance(value, str)}
        if bad:
            raise PrintRefused(f"print options must be text, got {bad!r}")
        try:
            return int(self._call(f"job {job_name!r} on queue {self.queue!r}", "printFile",
                                  self.queue, str(file), job_name, options))
        except PrintSystemUnavailable:
            # libcups reports an unknown queue at submit as a server error: ask plainly.
            self.printer_attributes()
            raise

    def job(self, job_id: int) -> CupsJob | None:
        """The job's current state, or None when CUPS no longer knows it."""
        try:
            attributes = self._call(f"state of job {job_id}", "getJobAttributes", job_id,
                                    requested_attributes=JOB_ATTRIBUTES)
        except PrintRefused:
            return None
        return _job_from(job_id, attributes)

    def jobs_named(self, name: str) -> list[CupsJob]:
        """Every job CUPS remembers (completed or not) whose job-name is `name`, oldest first."""
        found = self._call(f"job list (looking for {name!r})", "getJobs", which_jobs="all",
                           my_jobs=False, requested_attributes=JOB_ATTRIBUTES)
        return [_job_from(job_id, attributes) for job_id, attributes in sorted(found.items())
                if attributes.get("job-name") == name]

    def resume_queue(self) -> None:
        self._call(f"resume of queue {self.queue!r}", "enablePrinter", self.queue)
        self._call(f"accepting jobs on queue {self.queue!r}", "acceptJobs", self.queue)

    def stop_queue(self, reason: str) -> None:
        """Stop the queue with `reason` as its printer-state-message (what `lpstat` shows)."""
        self._call(f"stop of queue {self.queue!r}", "disablePrinter", self.queue, reason=reason)

    def restart_job(self, job_id: int) -> None:
        """Put a job the scheduler stopped back in line: the same job, so it prints once."""
        self._call(f"restart of job {job_id}", "restartJob", job_id)

    def cancel(self, job_id: int) -> None:
        self._call(f"cancel of job {job_id}", "cancelJob", job_id)

    def watch_job_events(self, now: float) -> None:
        """Keep a pull subscription to the queue's job events (created, renewed, re-created
        after cupsd lost it), so the scheduler's own words for a stopped job can be read.
        A cupsd that refuses one (all its subscriptions taken, e.g. by the hour-long leases
        of booths that crashed) is asked again SUBSCRIPTION_RETRY later: printing goes on."""
        if self._subscription is None and now < self._retry_at:
            return
        if self._subscription is not None and now - self._renewed_at < SUBSCRIPTION_RENEW:
            return
        if self._subscription is not None:
            try:
                self._call("renewal of the job-event subscription", "renewSubscription",
                           self._subscription, lease_duration=SUBSCRIPTION_LEASE)
                self._renewed_at = now
                return
            except PrintRefused:
                self._subscription = None
        try:
            self._subscription = int(self._call(
                f"job-event subscription on queue {self.queue!r}", "createSubscription",
                self._printer_uri(), events=["job-state-changed"],
                lease_duration=SUBSCRIPTION_LEASE))
        except PrintRefused as exc:
            log.warning("%s; a stopped job's message will come from the job itself", exc)
            self._retry_at = now + SUBSCRIPTION_RETRY
            return
        self._renewed_at = now
        self._next_sequence = 1

    def stop_message(self, job_id: int) -> str:
        """What the scheduler said when it stopped `job_id` ("" when it was not heard)."""
        if self._subscription is not None:
            try:
                answer = self._call("job events", "getNotifications", [self._subscription],
                                    sequence_numbers=[self._next_sequence])
            except PrintRefused:
                self._subscription = None
                answer = {}
            for event in answer.get("events", []):
                self._next_sequence = max(self._next_sequence,
                                          int(event.get("notify-sequence-number", 0)) + 1)
                if event.get("job-state") == JOB_STOPPED and event.get("notify-job-id"):
                    self._stop_messages[int(event["notify-job-id"])] = \
                        str(event.get("notify-text") or "")
        return self._stop_messages.get(job_id, "")

    def close(self) -> None:
        """Give back the subscription (a crash leaves it to expire with its lease)."""
        if self._subscription is not None and self._connection is not None:
            with contextlib.suppress(PrintRefused, PrintSystemUnavailable):
                self._call("end of the job-event subscription", "cancelSubscription",
                           self._subscription)
        self._subscription = None

    def _printer_uri(self) -> str:
        host = "localhost" if self.host.startswith("/") else self.host
        port = f":{self.port}" if self.port else ""
        return f"ipp://{host}{port}/printers/{self.queue}"
