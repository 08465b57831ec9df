"""Who is asking: the session behind the cookie, and the CSRF token of every form.

Without an operator's session every /admin route answers a redirect to the login page
(htmx's background refresh gets HX-Redirect instead, so the whole page goes there).
Every POST carries the session's CSRF token in its form, or is refused with 403.
"""

from __future__ import annotations

import hmac
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import Depends, HTTPException, Request, Response

from backend.deps import Ctx
from backend.operator_sessions import COOKIE_NAME, SessionInfo, load_session

LOGIN_PATH = "/admin/login"
MAX_FORM_BYTES = 16 * 1024
CSRF_FIELD = "csrf_token"


async def any_session(request: Request, ctx: Ctx) -> SessionInfo | None:
    token = request.cookies.get(COOKIE_NAME)
    if not token or len(token) > 100:
        return None
    return await ctx.run(load_session, ctx.db, token, ctx.clock.now_ms())


AnySession = Annotated[SessionInfo | None, Depends(any_session)]


async def operator_session(request: Request, session: AnySession) -> SessionInfo:
    if session is None or session.operator_id is None:
        if request.headers.get("HX-Request") == "true":
            raise HTTPException(401, "log in again", {"HX-Redirect": LOGIN_PATH})
        raise HTTPException(303, "log in first", {"Location": LOGIN_PATH})
    return session


OperatorSession = Annotated[SessionInfo, Depends(operator_session)]


async def read_form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}


def check_csrf(form: dict[str, str], session: SessionInfo | None) -> None:
    sent = form.get(CSRF_FIELD, "")
    if session is None or not hmac.compare_digest(sent.encode(), session.csrf_token.encode()):
        raise HTTPException(403, "the form is stale or forged: reload the page and try again")


async def operator_form(request: Request, session: OperatorSession) -> dict[str, str]:
    """The fields of an operator's POST, once its CSRF token matched."""
    form = await read_form(request)
    check_csrf(form, session)
    return form


OperatorForm = Annotated[dict[str, str], Depends(operator_form)]


def set_session_cookie(response: Response, token: str, secure: bool) -> None:
    response.set_cookie(COOKIE_NAME, token, httponly=True, samesite="strict", secure=secure,
                        path="/admin")


def clear_session_cookie(response: Response, secure: bool) -> None:
    response.delete_cookie(COOKIE_NAME, path="/admin", httponly=True, samesite="strict",
                           secure=secure)
