"""Server-side sessions of the dashboard, in the database (every backend process shares them).

The cookie holds 256 random bits; the table holds only their SHA-256, so a copy of the
database opens no session. Before logging in the cookie is stored nowhere (login_form):
showing the login page writes nothing. Logging in always starts a new session (a new id).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select

from backend.database import Database
from backend.fleet_models import Operator, OperatorSession

COOKIE_NAME = "booth_admin"
IDLE_LIFETIME_MS = 12 * 60 * 60 * 1000
# last_seen is written at most this often (the dashboard polls every 10 s).
TOUCH_EVERY_MS = 5 * 60 * 1000


@dataclass(frozen=True)
class SessionInfo:
    token: str  # the cookie's value
    csrf_token: str
    operator_id: int | None
    operator_name: str | None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# A login form's cookie says so (no operator session's token has a dot): the login routes
# know it without reading the database.
LOGIN_FORM_PREFIX = "form."


def is_login_form_cookie(cookie: str | None) -> bool:
    return cookie is not None and cookie.startswith(LOGIN_FORM_PREFIX) and 40 <= len(cookie) <= 100


def login_form(cookie: str | None) -> SessionInfo:
    """The login form's session, kept in no table: its CSRF token is derived from the
    cookie (HttpOnly, SameSite=Strict), so only the browser holding the cookie can post
    the form. A cookie that is not a login form's is replaced by a fresh one."""
    token = (cookie if cookie is not None and is_login_form_cookie(cookie)
             else LOGIN_FORM_PREFIX + secrets.token_urlsafe(32))
    csrf = hashlib.sha256(f"login-form:{token}".encode()).hexdigest()
    return SessionInfo(token, csrf, None, None)


def start_session(db: Database, operator_id: int, operator_name: str,
                  now_ms: int) -> SessionInfo:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with db.write() as session:
        session.add(OperatorSession(id_hash=_digest(token), operator_id=operator_id,
                                    csrf_token=csrf, created_at=now_ms, last_seen=now_ms,
                                    expires_at=now_ms + IDLE_LIFETIME_MS))
    return SessionInfo(token, csrf, operator_id, operator_name)


def load_session(db: Database, token: str, now_ms: int) -> SessionInfo | None:
    """The unexpired session of this cookie value; an operator's is extended while in use."""
    with db.read() as session:
        row = session.execute(
            select(OperatorSession, Operator.name)
            .outerjoin(Operator, Operator.id == OperatorSession.operator_id)
            .where(OperatorSession.id_hash == _digest(token))
        ).one_or_none()
    if row is None or row[0].expires_at <= now_ms:
        return None
    stored, name = row
    if stored.operator_id is not None and now_ms - stored.last_seen >= TOUCH_EVERY_MS:
        with db.write() as session:
            stored.last_seen, stored.expires_at = now_ms, now_ms + IDLE_LIFETIME_MS
            session.merge(stored)
    return SessionInfo(token, stored.csrf_token, stored.operator_id, name)


def end_session(db: Database, token: str) -> None:
    with db.write() as session:
        session.execute(delete(OperatorSession).where(OperatorSession.id_hash == _digest(token)))


def prune_sessions(db: Database, now_ms: int) -> None:
    with db.write() as session:
        session.execute(delete(OperatorSession).where(OperatorSession.expires_at <= now_ms))
