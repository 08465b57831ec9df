"""Operators of the dashboard: scrypt password hashes, and the login check with lockout."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlmodel import Session

from backend import login_throttle
from backend.database import Database
from backend.fleet_models import Operator, OperatorSession

# scrypt with N=2^15, r=8: 32 MiB and some 0.1 s per guess (memory-hard, hashlib only).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SCRYPT_MAXMEM = 64 * 1024 * 1024
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024


class LoginRefused(Exception):
    """The name or the password is wrong (the message does not say which)."""


class LoginLocked(Exception):
    def __init__(self, until_ms: int):
        super().__init__(f"locked until {until_ms}")
        self.until_ms = until_ms


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM,
                          dklen=32)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


# Verified when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"a password has at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"a password has at most {MAX_PASSWORD_LENGTH} characters"
    return None


DISABLED_PREFIX = "disabled$"


def is_disabled(operator: Operator) -> bool:
    """A disabled operator's hash is kept behind a prefix no password verifies against."""
    return operator.password_hash.startswith(DISABLED_PREFIX)


def set_operator(db: Database, name: str, password: str, now_ms: int) -> bool:
    """Creates the operator, or gives an existing one this new password (enabling it again
    and ending its sessions); True if created."""
    password_hash = hash_password(password)
    with db.write() as session:
        operator = session.scalars(
            select(Operator).where(Operator.name == name).with_for_update()
        ).one_or_none()
        created = operator is None
        if operator is None:
            operator = Operator(name=name, password_hash=password_hash, created_at=now_ms)
        operator.password_hash = password_hash
        session.add(operator)
        if not created:
            _end_sessions(session, operator)
    return created


def _end_sessions(session: Session, operator: Operator) -> None:
    session.execute(delete(OperatorSession).where(OperatorSession.operator_id == operator.id))


def _named(session: Session, name: str) -> Operator | None:
    return session.scalars(
        select(Operator).where(Operator.name == name).with_for_update()).one_or_none()


def disable_operator(db: Database, name: str) -> bool:
    """Nobody logs in as this operator any more and its sessions end; False if unknown."""
    with db.write() as session:
        operator = _named(session, name)
        if operator is None:
            return False
        if not is_disabled(operator):
            operator.password_hash = DISABLED_PREFIX + operator.password_hash
            session.add(operator)
        _end_sessions(session, operator)
    return True


def remove_operator(db: Database, name: str) -> bool:
    """Deletes the operator and its sessions (the audit trail keeps its name as text)."""
    with db.write() as session:
        operator = _named(session, name)
        if operator is None:
            return False
        _end_sessions(session, operator)
        session.delete(operator)
    return True


@dataclass(frozen=True)
class OperatorRow:
    name: str
    created_at: int
    disabled: bool
    sessions: int


def list_operators(db: Database, now_ms: int) -> list[OperatorRow]:
    with db.read() as session:
        operators = session.scalars(select(Operator).order_by(Operator.name)).all()
        live = dict(session.execute(
            select(OperatorSession.operator_id, func.count())
            .where(OperatorSession.expires_at > now_ms)
            .group_by(OperatorSession.operator_id)).tuples().all())
    return [OperatorRow(op.name, op.created_at, is_disabled(op), live.get(op.id, 0))
            for op in operators]


@dataclass(frozen=True)
class OperatorIdentity:
    id: int
    name: str


def throttle_keys(name: str, address: str) -> list[str]:
    """The (name, address) pair first, then the address across names. No key of the name
    alone: guesses from elsewhere slow down the guesser, never lock the operator out."""
    return [f"operator:{name[:200]}@{address[:64]}", f"address:{address[:64]}"]


def authenticate(db: Database, name: str, password: str, address: str,
                 now_ms: int) -> OperatorIdentity:
    """The operator for a right name and password; LoginLocked while this name from this
    address, or this address, is locked (even for the right password), LoginRefused
    otherwise. Runs scrypt: call it on the password-check pool, never on the event loop."""
    keys = throttle_keys(name, address)
    until = login_throttle.locked_until(db, keys, now_ms)
    if until is not None:
        raise LoginLocked(until)
    with db.read() as session:
        operator = session.scalars(select(Operator).where(Operator.name == name)).one_or_none()
    usable = operator is not None and not is_disabled(operator)
    stored = operator.password_hash if operator is not None and usable else _DUMMY_HASH
    right = verify_password(password[:MAX_PASSWORD_LENGTH], stored)
    if operator is None or operator.id is None or not right or not usable:
        login_throttle.record_failure(db, keys, now_ms)
        raise LoginRefused("wrong name or password")
    # The address keeps its count: its own account cannot reset guesses at others.
    login_throttle.clear(db, keys[:1])
    return OperatorIdentity(operator.id, operator.name)
