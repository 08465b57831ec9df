"""One refund per order under concurrent requests from two backend processes sharing one
PostgreSQL database: 20 requests, one provider call."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from tests.backend.refund_helpers import (
    Wired,
    new_order,
    pay_click,
    stored,
    wired_backend,
    wired_env,
)
from tests.backend.test_webpay import notify_form
from tests.harness.postgres import PostgresCluster
from tests.harness.waiting import wait_for

pytestmark = pytest.mark.postgres


# The first reversal is held until every other request has been answered: long enough for
# the calls to overlap, shorter than the provider timeout.
TIMEOUT_ENV = {"BOOTH_PROVIDER_TIMEOUT_SECONDS": "60"}


@pytest.fixture(scope="module")
def two_processes(
    postgres_cluster: PostgresCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Wired, BackendServer]]:
    url = postgres_cluster.create_database(f"refunds_{uuid.uuid4().hex[:8]}")
    with wired_backend(tmp_path_factory.mktemp("first"), database_url=url,
                       **TIMEOUT_ENV) as first:
        second = start_backend(tmp_path_factory.mktemp("second"), database_url=url,
                               extra_env=wired_env(first.payme, first.click, first.webpay,
                                         **TIMEOUT_ENV))
        try:
            yield first, second
        finally:
            second.stop()


def test_20_refund_requests_from_two_processes_make_one_refund_and_one_provider_call(
    two_processes: tuple[Wired, BackendServer],
) -> None:
    first, second = two_processes
    token = {"Authorization": f"Bearer {first.server.token}"}
    with first.booth() as booth:
        order_id = new_order(booth, "click")
    payment_id = pay_click(first.server, order_id)
    calls_before = first.click.reversal_calls
    first.click.faults.append("hold")

    def ask(server: BackendServer) -> httpx.Response:
        return httpx.post(f"{server.url}/api/orders/{order_id}/refund", headers=token,
                          json={"reason": "printer jammed"}, timeout=90)

    with ThreadPoolExecutor(max_workers=20) as pool:
        asked = [pool.submit(ask, server) for server in [first.server, second] * 10]
        wait_for(first.click.holding.is_set, "the first reversal reaches Click")
        wait_for(lambda: sum(future.done() for future in asked) >= 19,
                 "the other 19 requests are answered while the reversal is in flight")
        first.click.release.set()
        answers = [future.result() for future in asked]
    assert {answer.status_code for answer in answers} == {202}
    assert first.click.reversal_calls == calls_before + 1
    assert first.click.reversed[payment_id] == 1
    rows = stored(first.server, "SELECT r.status, r.calls FROM refunds r JOIN orders o "
                  "ON o.id = r.order_pk WHERE o.order_id = :o", o=order_id)
    assert rows == [("refunded", 1)]
    with first.booth() as booth:
        assert booth.get(f"/api/payment-status/{order_id}").json()["status"] == "refunded"


def test_20_webpay_refund_requests_from_two_processes_make_one_transaction_refund(
    two_processes: tuple[Wired, BackendServer],
) -> None:
    first, second = two_processes
    token = {"Authorization": f"Bearer {first.server.token}"}
    with first.booth() as booth:
        order_id = new_order(booth, "webpay", amount=10)
    transaction = str(secrets.randbelow(10**12))
    first.webpay.pay(transaction, order_id, "10.00")
    paid = httpx.post(f"{first.server.url}/webpay/notify",
                      data=notify_form(order_id, "1", transaction, "10.00"), timeout=30)
    assert paid.status_code == 200, paid.text
    first.webpay.holding.clear()
    first.webpay.release.clear()
    first.webpay.faults.append("hold")

    def ask(server: BackendServer) -> httpx.Response:
        return httpx.post(f"{server.url}/api/orders/{order_id}/refund", headers=token,
                          json={"reason": "printer jammed"}, timeout=90)

    with ThreadPoolExecutor(max_workers=20) as pool:
        asked = [pool.submit(ask, server) for server in [first.server, second] * 10]
        wait_for(first.webpay.holding.is_set, "the first TransactionRefund reaches WebPay")
        wait_for(lambda: sum(future.done() for future in asked) >= 19,
                 "the other 19 requests are answered while the refund is in flight")
        first.webpay.release.set()
        answers = [future.result() for future in asked]
    assert {answer.status_code for answer in answers} == {202}
    assert len(first.webpay.calls_of("TransactionRefund")) == 1
    assert first.webpay.returned[transaction] == 1
    rows = stored(first.server, "SELECT r.status, r.calls FROM refunds r JOIN orders o "
                  "ON o.id = r.order_pk WHERE o.order_id = :o", o=order_id)
    assert rows == [("refunded", 1)]
