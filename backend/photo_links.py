"""The order's photos page token: random, looked up by its hash, answered again sealed.

The token is 144 random bits (not derived from the order id). The database keeps its
SHA-256 for the look-up and the token masked with HMAC(device token, order id): the booth's
next generate-qr call carries the device token, so the same URL can be answered again,
while a dump of the database (device tokens are stored hashed too) reveals no token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from backend.database import Database
from backend.models import Order
from backend.photo_codes import claim_code, code_hash
from backend.photo_models import PhotoLink
from contract.photo_codes import code_for_token

TOKEN_BYTES = 18  # 144 bits, 24 URL-safe characters


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _mask(device_token: str, order_id: str) -> bytes:
    key = hmac.new(device_token.encode(), f"photos-link:{order_id}".encode(), hashlib.sha256)
    return key.digest()[:TOKEN_BYTES]


def _xor(left: bytes, right: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(left, right, strict=True))


def photos_url(public_url: str, token: str) -> str:
    return f"{public_url}/p/{token}"


@dataclass(frozen=True)
class PreparedLink:
    """A new page token with its code's slow hash, made before the order's transaction."""

    raw: bytes
    token: str
    code_hash: str


def prepare_link() -> PreparedLink:
    """A token for a new order's page, its code hashed now: scrypt (~30 ms, on purpose) runs
    on the caller's thread, off the event loop and outside any transaction. Blocking."""
    raw = secrets.token_bytes(TOKEN_BYTES)
    token = base64.urlsafe_b64encode(raw).decode()
    return PreparedLink(raw, token, code_hash(code_for_token(token)))


def link_token(
    session: Session, order: Order, device_token: str, now: datetime,
    prepared: PreparedLink | None = None,
) -> tuple[str, str | None]:
    """The order's token and short code, made at the first call (from `prepared` when given,
    so the transaction hashes nothing); the same ones at every later call (a link made
    before codes existed gets one, unless another order holds it)."""
    assert order.id is not None
    mask = _mask(device_token, order.order_id)
    link = session.scalars(
        select(PhotoLink).where(PhotoLink.order_pk == order.id)
    ).one_or_none()
    if link is not None:
        token = base64.urlsafe_b64encode(_xor(bytes.fromhex(link.sealed), mask)).decode()
        return token, claim_code(session, order.id, token, now)
    while True:
        if prepared is None:  # none given, or its code was another order's: draw here
            prepared = prepare_link()
        raw, token = prepared.raw, prepared.token
        code = claim_code(session, order.id, token, now, prepared.code_hash)
        prepared = None
        if code is not None:
            break
    session.add(PhotoLink(order_pk=order.id, token_hash=token_hash(token),
                          sealed=_xor(raw, mask).hex(), created_at=now))
    return token, code


def find_link(db: Database, token: str) -> tuple[Order, PhotoLink] | None:
    """The order and link a page token opens; None for anything else (constant-time enough:
    the look-up is by the hash, so a near miss tells nothing)."""
    if len(token) > 64:
        return None
    with db.read() as session:
        row = session.execute(
            select(Order, PhotoLink).join(PhotoLink, PhotoLink.order_pk == Order.id)
            .where(PhotoLink.token_hash == token_hash(token))
        ).one_or_none()
    return None if row is None else (row[0], row[1])
