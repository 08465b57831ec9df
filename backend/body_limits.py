"""Request bodies are bounded while they are read, chunked or not, before any route sees them.

Every request has a cap: the app-wide one, or a smaller (or, for photos, larger) one for its
route. A declared Content-Length above the cap is answered 413 before a byte of the body is
read; a body that grows past it (chunked, or lying about its length) is cut off by a 413 the
moment it does. A device route (every /api/ route but enrolling) checks its bearer token
from the header before the body is read: an unknown caller's body is never read at all.
The refused rest of a body is not read: the server closes the connection after answering.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contract.photo_names import MAX_PHOTO_BYTES

APP_CAP = 1024 * 1024
FORM_CAP = 16 * 1024
WEBHOOK_CAP = 64 * 1024
# (method, path prefix, cap): the first match wins, else APP_CAP.
ROUTE_CAPS: tuple[tuple[str, str, int], ...] = (
    ("POST", "/api/devices/heartbeat", 64 * 1024),
    ("POST", "/api/devices/enroll", 4 * 1024),
    ("POST", "/api/devices/events", APP_CAP),
    ("PUT", "/api/orders/", MAX_PHOTO_BYTES),
    ("POST", "/payme", WEBHOOK_CAP),
    ("POST", "/click/", WEBHOOK_CAP),
    ("POST", "/webpay/", WEBHOOK_CAP),
    ("POST", "/admin/", FORM_CAP),
    ("POST", "/sandbox/", FORM_CAP),
)
DEVICE_PREFIX = "/api/"
OPEN_DEVICE_PATHS = frozenset({"/api/devices/enroll"})

# The device id behind a bearer token, or None when the token is unknown or revoked.
DeviceLookup = Callable[[str], Awaitable[int | None]]


class BodyTooLarge(HTTPException):
    """Raised from `receive` once a body passes its cap. An HTTPException, so FastAPI's own
    body parsing lets it through as it is (other errors there become a 400)."""

    def __init__(self, cap: int) -> None:
        super().__init__(413, f"the request body is at most {cap} bytes",
                         {"Connection": "close"})


def cap_for(method: str, path: str) -> int:
    for route_method, prefix, cap in ROUTE_CAPS:
        if method == route_method and path.startswith(prefix):
            return cap
    return APP_CAP


def is_device_route(path: str) -> bool:
    return path.startswith(DEVICE_PREFIX) and path not in OPEN_DEVICE_PATHS


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def _answer(send: Send, status: int, detail: str,
                  headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
           (b"connection", b"close")]
    raw += [(key.lower().encode(), value.encode()) for key, value in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyLimits:
    def __init__(self, app: ASGIApp, lookup_device: DeviceLookup) -> None:
        self.app = app
        self.lookup_device = lookup_device

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        cap = cap_for(scope["method"], path)
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > cap):
            await _answer(send, 413, f"the request body is at most {cap} bytes")
            return
        if is_device_route(path) and not await self._authenticated(scope, send):
            return
        await self.app(scope, _counting(receive, cap), send)

    async def _authenticated(self, scope: Scope, send: Send) -> bool:
        scheme, _, token = (_header(scope, b"authorization") or "").partition(" ")
        challenge = {"WWW-Authenticate": "Bearer"}
        if scheme.lower() != "bearer" or not token.strip():
            await _answer(send, 401, "missing bearer device token", challenge)
            return False
        device_id = await self.lookup_device(token.strip())
        if device_id is None:
            await _answer(send, 401, "unknown device token", challenge)
            return False
        # backend.deps.current_device takes it from here: one lookup per request.
        scope.setdefault("state", {})["device_id"] = device_id
        return True


def _counting(receive: Receive, cap: int) -> Receive:
    total = 0

    async def counted() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > cap:
                raise BodyTooLarge(cap)
        return message

    return counted
