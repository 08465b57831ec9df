"""Tables of refunds and fiscal receipts, and the operators' audit log.

New tables beside the payment model (models.py), created by the same `create_tables()`:
an existing database gains them without touching its orders. Times are Unix milliseconds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, Index, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from backend.models import JSON_TYPE

# Refund.status
REQUESTED = "requested"
REFUNDED = "refunded"
FAILED = "failed"


def _ms(nullable: bool = False) -> Any:
    return Field(default=None if nullable else 0,
                 sa_column=Column(BigInteger, nullable=nullable))


class Refund(SQLModel, table=True):
    """The one refund of an order (UNIQUE order_pk, whoever asked), and its outbound call.

    `call_due_at` set: the provider call is due at that time (the retry queue); a call in
    flight holds `call_lease_until` so no other process makes it at the same time.
    """

    __tablename__ = "refunds"
    __table_args__ = (
        UniqueConstraint("order_pk", name="uq_refund_per_order"),
        Index("ix_refunds_call_due_at", "call_due_at",
              sqlite_where=text("call_due_at IS NOT NULL"),
              postgresql_where=text("call_due_at IS NOT NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    order_pk: int = Field(foreign_key="orders.id")
    status: str = Field(sa_column=Column(String(16), nullable=False))
    origin: str = Field(max_length=16)  # dashboard | booth | auto | provider
    requested_by: str = Field(default="", max_length=200)
    reason: str = ""
    goodwill: bool = False
    provider: str = Field(max_length=16)
    note: str = ""  # the provider's words (a refusal), or how it was settled
    reference: str = Field(default="", max_length=200)  # "by hand": the cabinet's reference
    requested_at: int = _ms()
    settled_at: int | None = _ms(nullable=True)
    calls: int = 0
    call_due_at: int | None = _ms(nullable=True)
    call_lease_until: int | None = _ms(nullable=True)


class OrderCopies(SQLModel, table=True):
    """How many prints the customer bought (0: the digital package), from generate-qr."""

    __tablename__ = "order_copies"

    order_pk: int = Field(foreign_key="orders.id", primary_key=True)
    copies: int


class FiscalReceipt(SQLModel, table=True):
    """An order's fiscal receipt: Payme's SetFiscalData, or Click's submit_items + ofd_data.

    For Click, `submit_due_at` / `poll_due_at` are the durable queue: items submitted once
    (until accepted), then the receipt polled until it has its qrCodeURL.
    """

    __tablename__ = "fiscal_receipts"
    __table_args__ = (
        Index("ix_fiscal_receipts_due", "due_at",
              sqlite_where=text("due_at IS NOT NULL"),
              postgresql_where=text("due_at IS NOT NULL")),
    )

    order_pk: int = Field(foreign_key="orders.id", primary_key=True)
    provider: str = Field(max_length=16)
    payment_id: str = Field(default="", max_length=64)
    submitted: bool = False
    submitted_body: dict[str, Any] | None = Field(default=None,
                                                  sa_column=Column(JSON_TYPE, nullable=True))
    qr_code_url: str = ""
    note: str = ""
    tries: int = 0
    due_at: int | None = _ms(nullable=True)
    lease_until: int | None = _ms(nullable=True)


class PaymeFiscalData(SQLModel, table=True):
    """Payme's SetFiscalData, one per transaction and type (PERFORM / CANCEL)."""

    __tablename__ = "payme_fiscal_data"
    __table_args__ = (UniqueConstraint("attempt_pk", "kind", name="uq_payme_fiscal_data"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_pk: int = Field(foreign_key="provider_transactions.id")
    kind: str = Field(max_length=8)
    data: dict[str, Any] = Field(sa_column=Column(JSON_TYPE, nullable=False))
    received_at: int = _ms()


class OperatorAction(SQLModel, table=True):
    """The audit log: who did what, when, from where."""

    __tablename__ = "operator_actions"

    id: int | None = Field(default=None, primary_key=True)
    at: int = _ms()
    operator: str = Field(max_length=200)
    address: str = Field(default="", max_length=64)
    action: str = Field(max_length=40)
    subject: str = Field(default="", max_length=200)
    detail: str = ""
