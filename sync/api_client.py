"""HTTP client for the kiosk ↔ backend contract (v1).

Every call carries the device token and both a connect and a read timeout.
Idempotent calls (GETs, generate-qr, cancel, and event batches that carry an
Idempotency-Key) are retried with full-jitter exponential backoff; any failure
ends as one of the typed errors below. Blocking: call it from worker threads only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from pydantic import BaseModel, ValidationError

from contract.backoff import Backoff
from contract.kiosk_api import (
    DeviceProfileAnswer,
    EventsAccepted,
    Healthy,
    HeartbeatAccepted,
    PaymentState,
    PhotoStored,
    QrOffered,
)
from contract.refunds import RefundAnswer, RefundRequest, RefundState
from sync.clock_offset import offset_from_date

if TYPE_CHECKING:  # requests is imported by the first request, on a worker thread
    import requests

    from sync.interruptible_http import OpenSockets

BACKOFF_CAP = 30.0


class BackendError(Exception):
    """Anything that kept a backend call from giving a usable answer."""


class BackendUnreachable(BackendError):
    """No answer: connection refused or dropped, timeout, DNS."""


class Unauthorized(BackendError):
    """401/403: the device token is missing, wrong or revoked."""


class Conflict(BackendError):
    """409: the backend already holds this order with other terms."""


class ServerError(BackendError):
    """5xx, or an answer that does not follow the contract."""


class BadRequest(BackendError):
    """Another 4xx: the backend refused what we sent (e.g. 404 unknown order, 422)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


A = TypeVar("A", bound=BaseModel)


def _validated(model: type[A], raw: dict[str, Any], what: str) -> A:
    """The answer as the contract's model; ServerError when it does not follow it."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ServerError(f"{what} answer breaks the contract: {exc}") from exc


@dataclass(frozen=True)
class QrAnswer:
    order_id: str
    provider: str  # the paymentType asked for: whose page payment_url opens
    payment_url: str
    amount: int
    currency: str
    status: str
    expires_at: float
    raw: dict[str, Any]
    photos_url: str | None = None  # the customer's photos page, once the order is paid
    photos_code: str | None = None  # its short code (/p/CODE); None from older backends

    @classmethod
    def parse(cls, raw: dict[str, Any], provider: str, clock_offset: float = 0.0) -> QrAnswer:
        """`expires_at` on this booth's clock: the backend's moved by `clock_offset`."""
        offer = _validated(QrOffered, raw, "generate-qr")
        return cls(order_id=offer.order_id, provider=provider, payment_url=offer.payment_url,
                   amount=offer.amount, currency=offer.currency, status=offer.status,
                   expires_at=offer.expires_at.timestamp() + clock_offset, raw=raw,
                   photos_url=offer.photos_url, photos_code=offer.photos_code)


@dataclass(frozen=True)
class DeviceProfile:
    """GET /api/devices/me: who the backend thinks this booth is, what it takes."""

    device_id: int
    name: str
    providers: frozenset[str]
    fiscal_receipts_missing: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> DeviceProfile:
        profile = _validated(DeviceProfileAnswer, raw, "devices/me")
        return cls(device_id=profile.device_id, name=profile.name,
                   providers=frozenset(profile.providers),
                   fiscal_receipts_missing=tuple(profile.fiscal_receipts_missing))


@dataclass(frozen=True)
class PaymentAnswer:
    order_id: str
    status: str
    paid_at: str | None
    transaction_id: str | None
    method: str | None
    raw: dict[str, Any]
    wait_s: float | None = None  # how long the backend holds this long-poll (None: not said)
    refund: RefundState | None = None  # the order's refund, once one was asked

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> PaymentAnswer:
        state = _validated(PaymentState, raw, "payment")
        # paid_at stays the backend's text: it is shown and stored, never computed with.
        paid_at = raw.get("paid_at")
        # raw is the order as the backend said it; the wait belongs to this one request.
        order = {key: value for key, value in raw.items() if key != "wait_s"}
        return cls(order_id=state.order_id, status=state.status,
                   paid_at=None if paid_at is None else str(paid_at),
                   transaction_id=state.transaction_id, method=state.method, raw=order,
                   wait_s=state.wait_s, refund=state.refund)


@dataclass
class _ThreadState:
    session: requests.Session
    sockets: OpenSockets
    interrupted: threading.Event = field(default_factory=threading.Event)

    def abort(self) -> None:
        self.interrupted.set()
        self.sockets.shutdown()


# The Date header counts whole seconds: an offset under this is not one this booth can know.
DATE_RESOLUTION_S = 2.0


class BackendClient:
    """One requests.Session per calling thread; methods block, so call them off the UI thread."""

    def __init__(self, base_url: str, token: str, *, connect_timeout: float, read_timeout: float,
                 retries: int = 4, backoff_base: float = 0.5,
                 clock: Callable[[], float] = time.time):
        self.base_url = base_url.rstrip("/")
        self.clock = clock  # the booth's: the backend's times are moved onto it
        self.token = token
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.retries = retries
        self._backoff = Backoff(backoff_base, BACKOFF_CAP, jitter=True)
        self._local = threading.local()
        self._threads: WeakKeyDictionary[threading.Thread, _ThreadState] = WeakKeyDictionary()
        self._threads_lock = threading.Lock()
        self._closed = False
        self.last_success: float | None = None  # time.monotonic() of the last answered call
        # Seconds this clock is ahead of the backend's, from the last answer's Date header.
        self.clock_offset: float | None = None

    def generate_qr(self, order_id: str, provider: str, amount: int,
                    language: str | None = None) -> QrAnswer:
        body: dict[str, Any] = {"order_id": order_id, "paymentType": provider, "amount": amount}
        if language:
            body["language"] = language
        raw = self._call("POST", "/api/generate-qr", json=body, idempotent=True)
        return QrAnswer.parse(raw, provider, self._qr_shift())

    def _qr_shift(self) -> float:
        """What moves the backend's times onto this clock: whole seconds, and nothing under
        the Date header's own resolution (the same answer again keeps the same end)."""
        offset = self.clock_offset or 0.0
        return 0.0 if abs(offset) < DATE_RESOLUTION_S else float(round(offset))

    def payment_status(self, order_id: str, wait: int | None = None) -> PaymentAnswer:
        params = {"wait": wait} if wait else None
        raw = self._call("GET", f"/api/payment-status/{order_id}", params=params,
                         idempotent=True, extra_read=float(wait or 0))
        return PaymentAnswer.parse(raw)

    def cancel_order(self, order_id: str) -> PaymentAnswer:
        # Idempotent by contract: a repeated cancel answers the same final status.
        raw = self._call("POST", f"/api/orders/{order_id}/cancel", idempotent=True)
        return PaymentAnswer.parse(raw)

    def request_refund(self, order_id: str, reason: str) -> RefundAnswer:
        """One try, not retried here: the caller queues it in the outbox when unreachable
        (a repeat is harmless: the backend answers 202 again, one refund per order)."""
        raw = self._call("POST", f"/api/orders/{order_id}/refund",
                         json=RefundRequest(reason=reason).model_dump(), idempotent=False)
        return _validated(RefundAnswer, raw, "refund")

    def post_events(self, events: list[dict[str, Any]], idempotency_key: str) -> EventsAccepted:
        raw = self._call("POST", "/api/devices/events", json={"events": events},
                         headers={"Idempotency-Key": idempotency_key}, idempotent=True)
        return _validated(EventsAccepted, raw, "devices/events")

    def put_photo(self, order_id: str, name: str, body: bytes,
                  photo_set: int = 1) -> PhotoStored:
        """Idempotent by contract: the same bytes in the same set again are answered 200 as
        the first time. A newer set replaces the page's photos; an older one is refused."""
        raw = self._call("PUT", f"/api/orders/{order_id}/photos/{name}", data=body,
                         params={"photo_set": photo_set},
                         headers={"Content-Type": "image/jpeg"}, idempotent=True)
        return _validated(PhotoStored, raw, "photos")

    def post_heartbeat(self, status: dict[str, Any]) -> None:
        """Not retried here: the next heartbeat carries a newer status anyway."""
        raw = self._call("POST", "/api/devices/heartbeat", json=status, idempotent=False)
        _validated(HeartbeatAccepted, raw, "heartbeat")

    def healthz(self) -> bool:
        """True when the backend answers and its database is reachable; raises if not."""
        _validated(Healthy, self._call("GET", "/healthz", idempotent=True), "healthz")
        return True

    def device_profile(self) -> DeviceProfile:
        """This booth as the backend knows it; Unauthorized when it no longer knows the token."""
        return DeviceProfile.parse(self._call("GET", "/api/devices/me", idempotent=True))

    def interrupt(self, thread: threading.Thread) -> None:
        """Abort the thread's request in flight; its later calls fail fast (it is stopping)."""
        with self._threads_lock:
            state = self._threads.get(thread)
        if state:
            state.abort()

    def abort_and_join(self, thread: threading.Thread) -> None:
        """Join a stopping worker, aborting its requests and backoff sleeps meanwhile."""
        # Repeated: a request may start between the worker's stop check and one interrupt.
        while thread.is_alive():
            self.interrupt(thread)
            thread.join(0.05)

    def close(self) -> None:
        """Abort every request in flight and every backoff sleep; close all sessions."""
        self._closed = True
        with self._threads_lock:
            states = list(self._threads.values())
        for state in states:
            state.abort()
            state.session.close()

    def _state(self) -> _ThreadState:
        state: _ThreadState | None = getattr(self._local, "state", None)
        if state is None:
            from sync.interruptible_http import interruptible_session
            session, sockets = interruptible_session()
            session.headers["Authorization"] = f"Bearer {self.token}"
            state = _ThreadState(session, sockets)
            if self._closed:
                state.interrupted.set()
            self._local.state = state
            with self._threads_lock:
                self._threads[threading.current_thread()] = state
        return state

    def _call(self, method: str, path: str, *, idempotent: bool, extra_read: float = 0.0,
              **kwargs: Any) -> dict[str, Any]:
        state = self._state()
        attempts = 1 + (self.retries if idempotent else 0)
        for attempt in range(attempts):
            if state.interrupted.is_set():
                raise BackendUnreachable(f"{method} {path}: interrupted (stopping)")
            try:
                return self._once(state.session, method, path, extra_read, **kwargs)
            except (BackendUnreachable, ServerError):
                if attempt + 1 >= attempts or state.interrupted.is_set():
                    raise
            state.interrupted.wait(self._backoff.delay(attempt + 1))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _once(self, session: requests.Session, method: str, path: str, extra_read: float,
              **kwargs: Any) -> dict[str, Any]:
        url = self.base_url + path
        timeout = (self.connect_timeout, self.read_timeout + extra_read)
        import requests
        sent = self.clock()
        try:
            response = session.request(method, url, timeout=timeout, **kwargs)
        except requests.RequestException as exc:
            raise BackendUnreachable(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        if not extra_read:  # a long-poll's round trip is its wait, not the network's
            offset = offset_from_date(response.headers.get("Date"), sent, self.clock())
            if offset is not None:
                self.clock_offset = offset
        status = response.status_code
        detail = f"{method} {path} → {status}: {response.text[:200]}"
        if status in (401, 403):
            raise Unauthorized(detail)
        if status == 409:
            raise Conflict(detail)
        if status >= 500:
            raise ServerError(detail)
        if status >= 400:
            raise BadRequest(detail, status)
        try:
            payload = response.json()
        except ValueError as exc:
            raise ServerError(f"{method} {path}: answer is not JSON: {response.text[:200]}") \
                from exc
        if not isinstance(payload, dict):
            raise ServerError(f"{method} {path}: answer is not a JSON object")
        self.last_success = time.monotonic()
        return payload
