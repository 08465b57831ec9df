"""The tap → QR path reads the order once per dispatch (the guards share one read)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from kiosk.core import orders
from kiosk.core.flow_events import Ev
from kiosk.core.flow_table import State

from .conftest import Booth
from .test_flow import QR_URL, at_choose


@contextmanager
def order_reads(booth: Booth) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn, _cursor, statement: str, *_args) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM orders" in statement:
            seen.append(statement)

    event.listen(booth.store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(booth.store.engine, "before_cursor_execute", count)


def test_each_dispatch_from_the_tap_to_the_qr_reads_the_order_at_most_once(make_booth,
                                                                          clock) -> None:
    booth = make_booth()
    at_choose(booth)
    with order_reads(booth) as chosen:
        booth.send(Ev.package_chosen, copies=1, provider="sandbox")
    order_id = booth.flow.context.order_id
    with booth.store.transaction() as db:
        until = orders.accept(booth.store, db, order_id, provider="sandbox", payment_url=QR_URL,
                              offered_until=clock() + 900, photos_url=None, amount=20000,
                              language="uz", booth_lifetime=180)
    with order_reads(booth) as shown:
        booth.send(Ev.qr_ready, order_id=order_id, payment_url=QR_URL, amount=20000,
                   currency="UZS", expires_at=until, provider="sandbox")

    assert booth.flow.state is State.payment and booth.flow.context.qr is not None
    assert (len(chosen), len(shown)) == (1, 1), chosen + shown
