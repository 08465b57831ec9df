"""Backend tables: devices, orders (the seed's payment model), provider attempts, events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    Index,
    String,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from contract.payment_status import PaymentStatus

JSON_TYPE = JSON().with_variant(JSONB(), "postgresql")

# Attempt states use Payme's numbers for every provider.
STATE_CREATED = 1
STATE_PERFORMED = 2
STATE_CANCELLED = -1
STATE_CANCELLED_AFTER_PERFORM = -2
ACTIVE_STATES = (STATE_CREATED, STATE_PERFORMED)


def _json_column(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(JSON_TYPE, nullable=nullable))


def _ms_column() -> Any:
    return Field(default=0, sa_column=Column(BigInteger, nullable=False))


class StatusText(TypeDecorator[PaymentStatus]):
    """A PaymentStatus stored as its plain text (VARCHAR(16)), read back as the enum."""

    impl = String(16)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else PaymentStatus(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> PaymentStatus | None:
        return None if value is None else PaymentStatus(value)


def _status_column() -> Any:
    return Field(default=None, sa_column=Column(StatusText, nullable=True))


class Device(SQLModel, table=True):
    __tablename__ = "devices"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    token_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    created_at: int = _ms_column()


class Order(SQLModel, table=True):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint(
            "payment_status IN ({})".format(", ".join(f"'{s}'" for s in PaymentStatus)),
            name="ck_orders_payment_status",
        ),
        Index(
            "ix_orders_payment_transaction_id",
            "payment_transaction_id",
            sqlite_where=text("payment_transaction_id IS NOT NULL"),
            postgresql_where=text("payment_transaction_id IS NOT NULL"),
        ),
        Index(
            "ix_orders_pending_created_at",
            "created_at",
            sqlite_where=text(f"payment_status = '{PaymentStatus.pending}'"),
            postgresql_where=text(f"payment_status = '{PaymentStatus.pending}'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    device_id: int = Field(foreign_key="devices.id", index=True)
    amount_minor: int = Field(sa_column=Column("amount", BigInteger, nullable=False))
    currency: str = Field(max_length=3)
    payment_type: str = Field(max_length=16)
    payment_url: str
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    payment_status: PaymentStatus = Field(
        default=PaymentStatus.pending,
        sa_column=Column(StatusText, nullable=False, server_default=PaymentStatus.pending.value),
    )
    payment_transaction_id: str | None = Field(default=None, max_length=128)
    payment_paid_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    payment_method: str | None = Field(default=None, max_length=16)
    payment_raw: dict[str, Any] | None = _json_column()
    delivered_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class ProviderTransaction(SQLModel, table=True):
    """One payment attempt by a provider; a cancelled attempt never blocks the next."""

    __tablename__ = "provider_transactions"
    __table_args__ = (
        UniqueConstraint("provider", "provider_tx_id", name="uq_provider_tx"),
        Index(
            "uq_one_active_attempt_per_order",
            "order_pk",
            unique=True,
            sqlite_where=text("state IN (1, 2)"),
            postgresql_where=text("state IN (1, 2)"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=16)
    provider_tx_id: str = Field(max_length=128)
    order_pk: int = Field(foreign_key="orders.id", index=True)
    amount_minor: int = Field(sa_column=Column("amount", BigInteger, nullable=False))
    state: int
    reason: int | None = None
    provider_time: int = _ms_column()
    create_time: int = _ms_column()
    perform_time: int = _ms_column()
    cancel_time: int = _ms_column()
    result: dict[str, Any] | None = _json_column()


class PaymentEvent(SQLModel, table=True):
    """Why a payment changed: every order status or attempt state change writes one."""

    __tablename__ = "payment_events"

    id: int | None = Field(default=None, primary_key=True)
    order_pk: int = Field(foreign_key="orders.id", index=True)
    attempt_pk: int | None = Field(default=None, foreign_key="provider_transactions.id")
    at: int = _ms_column()
    kind: str = Field(max_length=40)
    from_status: PaymentStatus | None = _status_column()
    to_status: PaymentStatus | None = _status_column()
    reason: str = ""
    payload: dict[str, Any] | None = _json_column()


class DeviceEvent(SQLModel, table=True):
    __tablename__ = "device_events"
    __table_args__ = (UniqueConstraint("device_id", "key", name="uq_device_event_key"),)

    id: int | None = Field(default=None, primary_key=True)
    device_id: int = Field(foreign_key="devices.id")
    key: str = Field(max_length=128)
    at: float
    kind: str = Field(max_length=64)
    subject: str | None = Field(default=None, max_length=128)
    reason: str = ""
    data: dict[str, Any] | None = _json_column()
    received_at: int = _ms_column()


class EventBatch(SQLModel, table=True):
    """The first answer to an Idempotency-Key, replayed for a repeat."""

    __tablename__ = "device_event_batches"
    __table_args__ = (UniqueConstraint("device_id", "key", name="uq_device_batch_key"),)

    id: int | None = Field(default=None, primary_key=True)
    device_id: int = Field(foreign_key="devices.id")
    key: str = Field(max_length=128)
    answer: dict[str, Any] | None = _json_column()


class ProviderSecret(SQLModel, table=True):
    """Secrets a provider changes at run time (Payme ChangePassword)."""

    __tablename__ = "provider_secrets"

    name: str = Field(primary_key=True, max_length=64)
    value: str
