"""Short photo codes (contract.photo_codes): made with the page token, looked up by a person.

A code has only ~40 bits, so wrong codes are counted per client address (the login lockout:
five wrong codes in 15 minutes lock the address for 15 minutes), and the database keeps
neither the code nor the token in the clear: the code's scrypt hash finds the row, and the
token is sealed with a key derived from the code.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from backend import login_throttle
from backend.database import Database
from backend.photo_models import PhotoCode
from contract.photo_codes import code_for_token

# Deterministic (the hash is the look-up key); ~16 MiB and tens of ms per code on purpose.
_SALT = b"photobooth photo code"
_COST = {"n": 2**14, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024}


def code_hash(code: str) -> str:
    return hashlib.scrypt(code.encode(), salt=_SALT, dklen=32, **_COST).hex()


def _seal_key(code: str, length: int) -> bytes:
    return hashlib.sha256(f"photo-code-seal:{code}".encode()).digest()[:length]


def _xor(left: bytes, right: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(left, right, strict=True))


def claim_code(session: Session, order_pk: int, token: str, now: datetime,
               hashed: str | None = None) -> str | None:
    """The code of `token`'s page, kept for the order; None when another order holds the same
    code (the caller draws another token for a new link; an old link goes without a code).
    `hashed`: the code's hash made before the transaction (photo_links.prepare_link)."""
    code = code_for_token(token)
    if session.scalars(select(PhotoCode.id).where(PhotoCode.order_pk == order_pk)).first():
        return code
    hashed = hashed or code_hash(code)
    if session.scalars(select(PhotoCode.id).where(PhotoCode.code_hash == hashed)).first():
        return None
    raw = base64.urlsafe_b64decode(token)
    session.add(PhotoCode(order_pk=order_pk, code_hash=hashed,
                          sealed_token=_xor(raw, _seal_key(code, len(raw))).hex(),
                          created_at=now))
    return code


def throttle_key(address: str) -> str:
    return f"photo-code:{address}"


def token_for_code(db: Database, code: str, address: str, now_ms: int) -> str | None:
    """The page token a typed code opens; None for a wrong code (counted against the
    address). The caller checks the address is not locked first."""
    with db.read() as session:
        sealed = session.scalars(
            select(PhotoCode.sealed_token).where(PhotoCode.code_hash == code_hash(code))
        ).one_or_none()
    if sealed is None:
        login_throttle.record_failure(db, [throttle_key(address)], now_ms)
        return None
    raw = bytes.fromhex(sealed)
    return base64.urlsafe_b64encode(_xor(raw, _seal_key(code, len(raw)))).decode()
