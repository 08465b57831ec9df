"""Tables of the operator's side: heartbeats, revocations, operators and their sessions,
login lockouts, enrollment codes, alerts and the messages that announce them.

Kept apart from models.py (the payment model) and created by the same `create_tables()`.
Times are Unix milliseconds of the backend's clock, like the other event tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, Index, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from backend.models import JSON_TYPE


def _ms(nullable: bool = False) -> Any:
    return Field(default=None if nullable else 0,
                 sa_column=Column(BigInteger, nullable=nullable))


class Heartbeat(SQLModel, table=True):
    """The latest status a device posted (latest wins: one row per device)."""

    __tablename__ = "device_heartbeats"

    device_id: int = Field(foreign_key="devices.id", primary_key=True)
    received_at: int = _ms()
    body: dict[str, Any] = Field(sa_column=Column(JSON_TYPE, nullable=False))


class DeviceRevocation(SQLModel, table=True):
    """A device whose token no longer opens the kiosk API."""

    __tablename__ = "device_revocations"

    device_id: int = Field(foreign_key="devices.id", primary_key=True)
    revoked_at: int = _ms()
    revoked_by: str = Field(max_length=200)


class Operator(SQLModel, table=True):
    __tablename__ = "operators"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(String(200), nullable=False, unique=True))
    password_hash: str = Field(max_length=300)
    created_at: int = _ms()


class OperatorSession(SQLModel, table=True):
    """A browser's session: anonymous (the login form's CSRF token) or an operator's.
    Only a digest of the cookie's value is stored."""

    __tablename__ = "operator_sessions"

    id_hash: str = Field(sa_column=Column(String(64), primary_key=True))
    operator_id: int | None = Field(default=None, foreign_key="operators.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: int = _ms()
    last_seen: int = _ms()
    expires_at: int = _ms()


class LoginThrottle(SQLModel, table=True):
    """Wrong passwords (or enrollment codes) per account or client address."""

    __tablename__ = "login_throttles"

    key: str = Field(sa_column=Column(String(300), primary_key=True))
    failures: int = 0
    first_failure_at: int = _ms()
    locked_until: int = _ms()


class EnrollmentCode(SQLModel, table=True):
    """A one-time code a new booth exchanges for its device token."""

    __tablename__ = "enrollment_codes"

    code_hash: str = Field(sa_column=Column(String(64), primary_key=True))
    booth_name: str = Field(max_length=200)
    created_by: str = Field(max_length=200)
    created_at: int = _ms()
    expires_at: int = _ms()
    used_at: int | None = _ms(nullable=True)
    device_id: int | None = Field(default=None, foreign_key="devices.id")


class Alert(SQLModel, table=True):
    """A condition of a booth an operator must hear about; open until resolved_at."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index(
            "uq_one_open_alert_per_key", "key", unique=True,
            sqlite_where=text("resolved_at IS NULL"),
            postgresql_where=text("resolved_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200)
    booth: str = Field(max_length=200)
    kind: str = Field(max_length=40)
    message: str
    opened_at: int = _ms()
    resolved_at: int | None = _ms(nullable=True)


class AlertNotice(SQLModel, table=True):
    """One message about an alert (opened or resolved) for one channel, sent once."""

    __tablename__ = "alert_notices"
    __table_args__ = (
        UniqueConstraint("alert_id", "event", "channel", name="uq_alert_notice"),
    )

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alerts.id", index=True)
    event: str = Field(max_length=16)  # "opened" | "resolved"
    channel: str = Field(max_length=16)  # "telegram" | "webhook"
    text: str
    created_at: int = _ms()
    claimed_at: int | None = _ms(nullable=True)
    sent_at: int | None = _ms(nullable=True)
    attempts: int = 0
    last_error: str = ""
