"""The operators' audit log: who did what, when, from where (operator_actions)."""

from __future__ import annotations

from sqlalchemy import select

from backend.database import Database
from backend.refund_models import OperatorAction

DETAIL_LIMIT = 2000


def record_action(db: Database, *, operator: str, address: str, action: str, subject: str,
                  detail: str, now_ms: int) -> None:
    with db.write() as session:
        session.add(OperatorAction(at=now_ms, operator=operator[:200], address=address[:64],
                                   action=action[:40], subject=subject[:200],
                                   detail=detail[:DETAIL_LIMIT]))


def recent_actions(db: Database, limit: int = 200) -> list[OperatorAction]:
    with db.read() as session:
        return list(session.scalars(
            select(OperatorAction).order_by(OperatorAction.id.desc()).limit(limit)))
