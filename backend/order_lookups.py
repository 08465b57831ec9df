"""Finding orders and their provider attempts: as committed, or locked for a write."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from backend.database import Database
from backend.models import ACTIVE_STATES, Order, ProviderTransaction


def read_order(db: Database, order_id: str) -> Order | None:
    with db.read() as session:
        return session.scalars(select(Order).where(Order.order_id == order_id)).one_or_none()


def lock_order(session: Session, order_id: str) -> Order | None:
    """The order row, locked until commit (PostgreSQL); SQLite writers are serialised."""
    return session.scalars(
        select(Order).where(Order.order_id == order_id).with_for_update()
    ).one_or_none()


def lock_order_by_pk(session: Session, order_pk: int) -> Order:
    return session.scalars(select(Order).where(Order.id == order_pk).with_for_update()).one()


def find_attempt(
    session: Session, provider: str, provider_tx_id: str
) -> ProviderTransaction | None:
    return session.scalars(
        select(ProviderTransaction).where(
            ProviderTransaction.provider == provider,
            ProviderTransaction.provider_tx_id == provider_tx_id,
        )
    ).one_or_none()


def lock_attempt(
    session: Session, provider: str, provider_tx_id: str
) -> tuple[Order, ProviderTransaction] | None:
    """The attempt and its order, the order row locked until commit."""
    row = session.execute(
        select(Order, ProviderTransaction)
        .join(ProviderTransaction, ProviderTransaction.order_pk == Order.id)
        .where(
            ProviderTransaction.provider == provider,
            ProviderTransaction.provider_tx_id == provider_tx_id,
        )
        .with_for_update(of=Order)
    ).one_or_none()
    if row is None:
        return None
    order, attempt = row
    if session.get_bind().dialect.name != "sqlite":
        # The attempt as of the lock: a transaction we waited for may have changed it.
        session.refresh(attempt)
    return order, attempt


def active_attempt(session: Session, order: Order) -> ProviderTransaction | None:
    return session.scalars(
        select(ProviderTransaction).where(
            ProviderTransaction.order_pk == order.id,
            ProviderTransaction.state.in_(ACTIVE_STATES),
        )
    ).one_or_none()
