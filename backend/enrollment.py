"""Device management: one-time enrollment codes a new booth exchanges for its token, and
revoking a booth. No device token is ever shown to, or copied by, a person."""

from __future__ import annotations

import hashlib
import re
import secrets

from sqlalchemy import select

from backend import login_throttle
from backend.database import Database
from backend.devices import add_device_in
from backend.fleet_models import DeviceRevocation, EnrollmentCode
from backend.heartbeats import active_devices

# 32 symbols without 0/O and 1/I/L look-alikes: 8 of them are 40 bits, valid one hour,
# and five wrong codes lock the guessing address out for 15 minutes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_LIFETIME_MS = 60 * 60 * 1000
BOOTH_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$"
BOOTH_NAME_RULE = "1–63 letters, digits, spaces, dots, dashes or underscores"


class EnrollmentRefused(Exception):
    """The code is unknown, used or expired (the message says which it cannot tell)."""


class EnrollmentLocked(Exception):
    def __init__(self, until_ms: int):
        super().__init__(f"locked until {until_ms}")
        self.until_ms = until_ms


def normalize_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


def _digest(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def is_booth_name(name: str) -> bool:
    return re.fullmatch(BOOTH_NAME_PATTERN, name) is not None


def create_code(db: Database, booth_name: str, operator: str, now_ms: int) -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with db.write() as session:
        session.add(EnrollmentCode(code_hash=_digest(code), booth_name=booth_name,
                                   created_by=operator, created_at=now_ms,
                                   expires_at=now_ms + CODE_LIFETIME_MS))
    return code


def redeem_code(db: Database, code: str, address: str, now_ms: int) -> tuple[str, str]:
    """(booth name, device token) for a valid code, which is used up in the same commit."""
    keys = [f"enroll:{address}"]
    until = login_throttle.locked_until(db, keys, now_ms)
    if until is not None:
        raise EnrollmentLocked(until)
    with db.write() as session:
        row = session.scalars(
            select(EnrollmentCode)
            .where(EnrollmentCode.code_hash == _digest(code))
            .with_for_update()
        ).one_or_none()
        if row is not None and row.used_at is None and row.expires_at > now_ms:
            device_id, token = add_device_in(session, row.booth_name, now_ms)
            row.used_at, row.device_id = now_ms, device_id
            session.add(row)
            return row.booth_name, token
    login_throttle.record_failure(db, keys, now_ms)
    raise EnrollmentRefused("unknown, used or expired enrollment code")


def revoke_booth(db: Database, name: str, operator: str, now_ms: int) -> int:
    """Revokes every device token of the booth; how many were active."""
    with db.write() as session:
        devices = [device for device in active_devices(session) if device.name == name]
        for device in devices:
            session.add(DeviceRevocation(device_id=device.id, revoked_at=now_ms,
                                         revoked_by=operator))
    return len(devices)
