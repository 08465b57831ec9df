"""The kiosk API v1 as data: every request the booth sends and every answer it reads.

The backend declares these as its routes' bodies and `response_model`s (so its OpenAPI
document is generated from them), and the booth's client validates each answer with the
same model. Field order is the order on the wire. `ROUTES` names every kiosk-API route
with its answers per status code: the backend documents exactly those, and a test keeps
docs/architecture.md's table in step with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from contract.order_ids import ORDER_ID_PATTERN, ORDER_ID_RULE
from contract.payment_status import PaymentStatus
from contract.photo_codes import CODE_PATTERN
from contract.photo_names import MAX_PHOTO_SET
from contract.refunds import RefundAnswer, RefundState
from contract.timestamps import EARLIEST_S, LATEST_S, TIMESTAMP_RULE

MAX_AMOUNT_MAJOR = 100_000_000
MAX_COPIES = 1000
MAX_WAIT_S = 30.0
MAX_HEARTBEAT_BYTES = 64 * 1024
MAX_EVENTS_PER_BATCH = 1000
JSON = "application/json"
JPEG = "image/jpeg"


# Requests -------------------------------------------------------------------------------


# A NUL character cannot be stored in PostgreSQL's text or jsonb (SQLite takes it): in a
# request's text (a printer's message, say) it stands as U+FFFD, so an event or heartbeat
# carrying one is kept on either database instead of failing there for ever.
NUL, NUL_STANDS_AS = "\x00", "\ufffd"


def without_nul(value: Any) -> Any:
    """The value with every NUL of its texts (keys too, at any depth) replaced."""
    if isinstance(value, str):
        return value.replace(NUL, NUL_STANDS_AS)
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value


class _Request(BaseModel):
    # A number is a number and a flag a flag: no "1.5" for a float, no false for an integer.
    model_config = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        return without_nul(data)


class GenerateQrRequest(_Request):
    order_id: str = Field(pattern=ORDER_ID_PATTERN, description=ORDER_ID_RULE)
    paymentType: str = Field(min_length=1, max_length=32)
    amount: int = Field(gt=0, le=MAX_AMOUNT_MAJOR, description="whole major units")
    language: Literal["uz", "ru", "en"] | None = Field(
        default=None, description="the customer's language, carried by the provider's page"
    )
    copies: int = Field(default=1, ge=0, le=MAX_COPIES,
                        description="prints bought; 0 = the digital package")


class DeviceEventIn(_Request):
    key: str = Field(min_length=1, max_length=128)
    at: float = Field(ge=EARLIEST_S, le=LATEST_S, description=TIMESTAMP_RULE)
    kind: str = Field(min_length=1, max_length=64)
    subject: str | None = Field(default=None, max_length=128)
    reason: str = Field(default="", max_length=2000)
    data: dict[str, Any] = Field(default_factory=dict, max_length=64)

    @field_validator("at")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


class DeviceEventsRequest(_Request):
    events: list[DeviceEventIn] = Field(max_length=MAX_EVENTS_PER_BATCH)


class _Open(_Request):
    # Newer booths may send more than this backend knows: kept, not refused.
    model_config = ConfigDict(strict=True, extra="allow", allow_inf_nan=False)


# Bounds every number of a heartbeat is within: no booth has more of anything.
MAX_COUNT = 10_000_000
MAX_AGE_S = 20 * 365 * 86400.0
MAX_BYTES = 2**62


class PrinterIn(_Open):
    state: str = Field("unknown", max_length=40)
    message: str = Field("", max_length=2000)
    reasons: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list,
                                                                 max_length=64)
    prints_remaining: int | None = Field(None, ge=0, le=MAX_COUNT)


class HealthIn(_Open):
    state: str = Field(max_length=20)
    message: str = Field("", max_length=2000)
    # The booth's own clock (monotonic: seconds since it booted), so only bounded.
    since: float | None = Field(None, ge=0, le=LATEST_S)
    code: str | None = Field(None, max_length=40)


class OutboxIn(_Open):
    depth: int = Field(0, ge=0, le=MAX_COUNT)
    oldest_age: float | None = Field(None, ge=0, le=MAX_AGE_S)  # seconds


class HeartbeatIn(_Open):
    """BoothStatus.as_json() of the booth (kiosk/core/booth_status.py), plus what it adds."""

    version: str = Field("", max_length=64)
    state: str = Field("", max_length=40)
    printer: PrinterIn = Field(default_factory=PrinterIn)
    prints_left: int | None = Field(None, ge=0, le=MAX_COUNT)
    health: dict[Annotated[str, Field(max_length=40)], HealthIn] = Field(default_factory=dict,
                                                                          max_length=16)
    outbox: OutboxIn = Field(default_factory=OutboxIn)
    disk_free_bytes: int | None = Field(None, ge=0, le=MAX_BYTES)
    uptime_seconds: float | None = Field(None, ge=0, le=MAX_AGE_S)
    free_mode: bool | None = None
    low_paper_threshold: int | None = Field(None, ge=0, le=MAX_COUNT)
    # The booth numbers its heartbeats (kept across its restarts) within an epoch its
    # database drew once: of one epoch the newest is kept; a new epoch is a new database.
    sequence: int | None = Field(None, ge=0, le=2**63 - 1)
    sequence_epoch: int | None = Field(None, ge=0, le=2**31)


class EnrollRequest(_Request):
    code: str = Field(min_length=1, max_length=32)


# Answers --------------------------------------------------------------------------------


class QrOffered(BaseModel):
    """200 of generate-qr: the same answer again for the same order and terms."""

    order_id: str
    payment_url: str
    amount: int = Field(description="whole major units")
    currency: str
    status: PaymentStatus
    expires_at: datetime = Field(description="ISO 8601 UTC (a booth also reads Unix seconds)")
    photos_url: str | None = Field(default=None, pattern=r"^https?://",
                                   description="the customer's photos page, once paid")
    photos_code: str | None = Field(default=None, pattern=f"^{CODE_PATTERN.pattern}$",
                                    description="the page's short code a person can type: "
                                    "/p/CODE (older backends: absent)")


class PaymentState(BaseModel):
    """200 of payment-status and of cancel."""

    order_id: str
    status: PaymentStatus
    paid_at: datetime | None
    transaction_id: str | None
    method: str | None
    refund: RefundState | None = Field(
        default=None, description="the order's refund, if one was asked (older backends: absent)")
    wait_s: float | None = Field(
        default=None, ge=0, le=MAX_WAIT_S,
        description="payment-status only: the seconds this backend holds this request while "
                    "the order is pending (the ?wait= asked; 0 when none was), so a booth "
                    "knows the long-poll is held even from an answer that came at once "
                    "because the order was already settled (cancel and older backends: "
                    "absent)")


class DeviceProfileAnswer(BaseModel):
    """200 of devices/me: answers a known token only."""

    device_id: int
    name: str
    providers: list[str]
    fiscal_receipts_missing: list[str] = Field(
        default=[], description="enabled providers whose receipts are not fiscalized "
        "(BOOTH_FISCAL_ITEMS unset); absent from older backends")


class EventsAccepted(BaseModel):
    """200 of devices/events: the same answer again for a repeated Idempotency-Key."""

    accepted: int = Field(ge=0)
    duplicates: int = Field(ge=0)


class HeartbeatAccepted(BaseModel):
    accepted: Literal[True]


class Enrolled(BaseModel):
    name: str
    device_token: str = Field(description="shown once; the booth keeps it in kiosk.toml")


class PhotoStored(BaseModel):
    """201 the photo is stored, 200 the same bytes were already."""

    order_id: str
    name: str
    photo_set: int = Field(default=1, ge=1, le=MAX_PHOTO_SET,
                           description="the set it is stored in (older backends: absent)")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)


class Healthy(BaseModel):
    status: Literal["ok"]
    waiting: int = Field(ge=0, description="long-polls parked now")


class Problem(BaseModel):
    """Every refusal: what was wrong, in words."""

    detail: str


class ProviderNotEnabled(Problem):
    """400 of generate-qr: the paymentType is not one this backend takes."""

    allowed: list[str]


class OrderConflict(Problem):
    """409 of generate-qr: the order_id is held with other terms or cannot switch now."""

    status: PaymentStatus | None = Field(default=None, description="a settled order's status")
    in_progress: str | None = Field(default=None,
                                    description="the provider a payment is under way with")


# The routes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    answers: dict[int, type[BaseModel]]
    content_type: str = JSON  # of the request body, when it has one
    authenticated: bool = True
    takes_input: bool = True  # a body, path or query to refuse (422)


NOT_AUTHENTICATED: dict[int, type[BaseModel]] = {401: Problem}
UNREADABLE: dict[int, type[BaseModel]] = {422: Problem}
DATABASE_DOWN: dict[int, type[BaseModel]] = {503: Problem}

ROUTES: tuple[Route, ...] = (
    Route("POST", "/api/generate-qr",
          {200: QrOffered, 400: ProviderNotEnabled, 409: OrderConflict}),
    Route("GET", "/api/payment-status/{order_id}", {200: PaymentState, 404: Problem}),
    Route("POST", "/api/orders/{order_id}/cancel", {200: PaymentState, 404: Problem}),
    Route("PUT", "/api/orders/{order_id}/photos/{name}",
          {200: PhotoStored, 201: PhotoStored, 404: Problem, 409: Problem, 413: Problem,
           415: Problem}, content_type=JPEG),
    Route("POST", "/api/orders/{order_id}/refund",
          {202: RefundAnswer, 404: Problem, 409: Problem}),
    Route("GET", "/api/devices/me", {200: DeviceProfileAnswer}),
    Route("POST", "/api/devices/events", {200: EventsAccepted}),
    Route("POST", "/api/devices/heartbeat", {200: HeartbeatAccepted, 413: Problem}),
    Route("POST", "/api/devices/enroll", {200: Enrolled, 403: Problem, 429: Problem},
          authenticated=False),
    # ?detail=1 adds the settings in use, for an operator's HTTP Basic login only (401 else).
    Route("GET", "/healthz", {200: Healthy, 401: Problem, 429: Problem}, authenticated=False),
)


def route(method: str, path: str) -> Route:
    return next(r for r in ROUTES if (r.method, r.path) == (method, path))


def answers_of(method: str, path: str) -> dict[int, type[BaseModel]]:
    """Every answer the route may give, by status: its own, 401 if it needs a device token,
    422 if it takes input, and 503 while the database is unreachable."""
    declared = route(method, path)
    return {**declared.answers,
            **(NOT_AUTHENTICATED if declared.authenticated else {}),
            **(UNREADABLE if declared.takes_input else {}),
            **DATABASE_DOWN}
