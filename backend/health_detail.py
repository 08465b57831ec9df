"""`GET /healthz?detail=1`: the settings this process runs with, for an operator.

It names the database and the alert channels, so only an operator gets it: HTTP Basic
with a dashboard login (`curl -u alice https://booth.example.uz/healthz?detail=1`), under
the same lockout as the login page. Anyone else gets 401 and learns nothing.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from fastapi import HTTPException, Request

from backend.context import BackendContext
from backend.fleet_api import client_address
from backend.operators import LoginLocked, LoginRefused, authenticate
from backend.password_checks import PoolBusy
from backend.start_report import start_report

CHALLENGE = {"WWW-Authenticate": 'Basic realm="booth-backend operators", charset="UTF-8"'}


def basic_credentials(header: str) -> tuple[str, str] | None:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or len(encoded) > 1024:
        return None
    try:
        name, colon, password = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (name, password) if colon else None


async def health_detail(request: Request, ctx: BackendContext) -> dict[str, Any]:
    credentials = basic_credentials(request.headers.get("Authorization", ""))
    if credentials is None:
        raise HTTPException(401, "detail=1 is for an operator: HTTP Basic with a dashboard "
                            "login", CHALLENGE)
    try:
        # The login's bounded pool of password checks, never the event loop.
        await request.app.state.password_checks.run(
            authenticate, ctx.db, *credentials, client_address(request), ctx.clock.now_ms())
    except PoolBusy:
        raise HTTPException(429, "too many logins at this moment: try again") from None
    except LoginLocked:
        raise HTTPException(429, "too many wrong logins: try again later") from None
    except LoginRefused:
        raise HTTPException(401, "wrong name or password", CHALLENGE) from None
    return {"status": "ok", "waiting": ctx.hub.waiting,
            **start_report(ctx.settings, request.app.state.listen)}
