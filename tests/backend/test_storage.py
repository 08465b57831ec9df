"""The database itself enforces the payment model (seed): statuses, one active attempt."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError

from backend.local_server import BackendServer


@pytest.fixture
def engine(backend: BackendServer) -> Iterator[Engine]:
    engine = create_engine(backend.database_url)
    yield engine
    engine.dispose()


def order_pk(engine: Engine, order_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT id FROM orders WHERE order_id = :o"), {"o": order_id}
                            ).scalar_one()


def add_attempt(engine: Engine, pk: int, tx: str, state: int) -> None:
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO provider_transactions (provider, provider_tx_id, order_pk, amount, state,"
            " provider_time, create_time, perform_time, cancel_time)"
            " VALUES ('payme', :tx, :pk, 100, :state, 0, 0, 0, 0)"), {"tx": tx, "pk": pk,
                                                                     "state": state})


def test_a_second_active_attempt_for_an_order_is_refused_by_the_database(
    engine: Engine, make_order: Callable[..., str]
) -> None:
    pk = order_pk(engine, make_order())
    add_attempt(engine, pk, f"{pk}-cancelled-1", -1)
    add_attempt(engine, pk, f"{pk}-cancelled-2", -1)
    add_attempt(engine, pk, f"{pk}-active", 1)
    with pytest.raises(IntegrityError):
        add_attempt(engine, pk, f"{pk}-second-active", 2)


def test_a_provider_transaction_id_is_stored_once(
    engine: Engine, make_order: Callable[..., str]
) -> None:
    first, second = order_pk(engine, make_order()), order_pk(engine, make_order())
    add_attempt(engine, first, f"dup-{first}", -1)
    with pytest.raises(IntegrityError):
        add_attempt(engine, second, f"dup-{first}", -1)


def test_payment_status_outside_the_model_is_refused(
    engine: Engine, make_order: Callable[..., str]
) -> None:
    order_id = make_order()
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE orders SET payment_status = 'lost' WHERE order_id = :o"),
                     {"o": order_id})


def test_payment_raw_is_jsonb_on_postgresql_and_json_on_sqlite(engine: Engine) -> None:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            kind = conn.execute(text(
                "SELECT data_type FROM information_schema.columns"
                " WHERE table_name = 'orders' AND column_name = 'payment_raw'")).scalar_one()
            assert kind == "jsonb"
        else:
            columns = {row[1]: row[2] for row in conn.execute(text("PRAGMA table_info(orders)"))}
            assert columns["payment_raw"] == "JSON"


def test_every_status_change_writes_an_event_with_the_provider_payload(
    engine: Engine, make_order: Callable[..., str], backend: BackendServer
) -> None:
    import json

    order_id = make_order()
    backend.sandbox_decline(order_id)
    backend.sandbox_pay(order_id)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT e.from_status, e.to_status, e.payload FROM payment_events e"
            " JOIN orders o ON o.id = e.order_pk"
            " WHERE o.order_id = :o AND e.kind = 'order.status' ORDER BY e.id"),
            {"o": order_id}).all()
    changes = [(before, after) for before, after, _ in rows]
    assert changes == [("pending", "failed"), ("failed", "paid")]
    payloads = [p if isinstance(p, dict) else json.loads(p) for _, _, p in rows]
    assert [p["sandbox"] for p in payloads] == ["decline", "pay"]
