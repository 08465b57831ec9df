"""Tables of the booth's local SQLite store.

Times are Unix seconds (float) from the booth's injected clock, so tests can
drive them; `payment_paid_at` keeps the backend's ISO text as received.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from contract.payment_status import PaymentStatus


class KioskTable(SQLModel, registry=registry()):
    """Base of the booth's tables: their own metadata, apart from the backend's `orders`."""


class PrintJobState(StrEnum):
    pending = "pending"
    submitted = "submitted"
    printing = "printing"
    printed = "printed"
    failed = "failed"


class BoothSession(KioskTable, table=True):
    __tablename__ = "sessions"
    id: str = Field(primary_key=True)
    started_at: float
    ended_at: float | None = None
    language: str = "uz"
    layout: str = ""
    shots: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    print_file: str | None = None
    outcome: str | None = None


class Order(KioskTable, table=True):
    __tablename__ = "orders"
    id: str = Field(primary_key=True)
    session_id: str = Field(foreign_key="sessions.id", index=True)
    package: str
    copies: int
    amount_minor: int
    currency: str
    provider: str
    payment_url: str | None = None
    expires_at: float | None = None
    payment_status: PaymentStatus = Field(default=PaymentStatus.pending, index=True)
    payment_transaction_id: str | None = None
    payment_paid_at: str | None = None
    payment_method: str | None = None
    payment_raw: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    backend_accepted: bool = False
    print_file: str | None = None
    print_version: int = 0  # prints composed for it: a retake after payment makes one more
    free: bool = False
    photos_url: str | None = None  # the customer's photos page (the backend's link)
    photos_code: str | None = None  # its short code a person can type; None: not offered
    photos_delivered_at: float | None = None  # every photo confirmed uploaded
    created_at: float
    updated_at: float

    @property
    def digital(self) -> bool:
        """Photos on the phone only: nothing is printed."""
        return self.copies == 0

    @property
    def photo_set(self) -> int:
        """The set its photos go to the phone page as: its print's version (1 at least)."""
        return max(1, self.print_version)


class PhotoUploadState(StrEnum):
    pending = "pending"
    uploaded = "uploaded"
    refused = "refused"  # the backend will never take it (kept for the technician)


class PhotoUpload(KioskTable, table=True):
    """One photo of a paid order on its way to the customer's phone page."""

    __tablename__ = "photo_uploads"
    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="orders.id")
    name: str  # contract.photo_names: shot-N.jpg, print.jpg
    photo_set: int = 1  # the order's photo_set it was queued for (a newer one replaces it)
    source: str  # the booth's file it is prepared from
    state: str = Field(default=PhotoUploadState.pending, index=True)
    attempts: int = 0
    next_attempt_at: float = 0.0
    last_error: str | None = None
    created_at: float
    updated_at: float


class PrintJob(KioskTable, table=True):
    __tablename__ = "print_jobs"
    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(foreign_key="orders.id", index=True)
    file: str
    copies: int = 1
    cups_job_id: int | None = None
    state: PrintJobState = Field(default=PrintJobState.pending, index=True)
    attempts: int = 0
    last_error: str | None = None
    reprint_reason: str | None = None
    options: dict[str, str] = Field(default_factory=dict,
                                    sa_column=Column(JSON, nullable=False))
    created_at: float
    updated_at: float


class Event(KioskTable, table=True):
    """Append-only audit: every payment, print and flow change, with why."""

    __tablename__ = "events"
    id: int | None = Field(default=None, primary_key=True)
    at: float
    kind: str = Field(index=True)
    subject: str | None = Field(default=None, index=True)
    reason: str = ""
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class OutboxItem(KioskTable, table=True):
    __tablename__ = "outbox"
    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(unique=True)
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: float
    attempts: int = 0
    next_attempt_at: float = 0.0
    delivered_at: float | None = Field(default=None, index=True)
    last_error: str | None = None


class Counter(KioskTable, table=True):
    __tablename__ = "counters"
    name: str = Field(primary_key=True)
    value: int = 0


class FlowState(KioskTable, table=True):
    """The one row that says where the booth is, so a restart resumes there."""

    __tablename__ = "flow_state"
    id: int = Field(default=1, primary_key=True)
    state: str
    session_id: str | None = None
    order_id: str | None = None
    entered_at: float
    language: str = "uz"
