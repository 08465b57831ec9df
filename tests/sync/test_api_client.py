"""Backend client: retries for idempotent calls, typed errors for everything else."""

from __future__ import annotations

import threading
import uuid

import pytest

from kiosk.app.autopilot.tcp_proxy import TcpProxy
from sync.api_client import (
    BackendClient,
    BackendUnreachable,
    BadRequest,
    Conflict,
    Unauthorized,
)
from tests.harness.waiting import wait_for
from tests.sync.conftest import make_client


def new_order_id() -> str:
    return f"C{uuid.uuid4().hex[:16]}"


def test_generate_qr_is_retried_after_a_cut_answer_and_answers_the_same(
        client: BackendClient, proxy: TcpProxy) -> None:
    order_id = new_order_id()
    proxy.cut_next(20)
    first = client.generate_qr(order_id, "sandbox", 5_000)
    assert proxy.connections_cut == 1
    assert client.generate_qr(order_id, "sandbox", 5_000) == first


def test_unreachable_after_the_configured_retries(proxy: TcpProxy, device_token: str) -> None:
    client = make_client(proxy.url, device_token, retries=3)
    proxy.drop()
    with pytest.raises(BackendUnreachable, match="payment-status"):
        client.payment_status(new_order_id())
    client.close()
    assert proxy.connections_dropped == 4


def test_wrong_token_is_unauthorized(proxy: TcpProxy) -> None:
    client = make_client(proxy.url, "not-a-device-token")
    with pytest.raises(Unauthorized):
        client.generate_qr(new_order_id(), "sandbox", 5_000)
    client.close()


def test_same_order_other_amount_is_a_conflict(client: BackendClient) -> None:
    order_id = new_order_id()
    client.generate_qr(order_id, "sandbox", 5_000)
    with pytest.raises(Conflict, match="409"):
        client.generate_qr(order_id, "sandbox", 6_000)


def test_bad_order_id_is_a_bad_request_with_the_reason(client: BackendClient) -> None:
    with pytest.raises(BadRequest, match="order_id") as refused:
        client.generate_qr("not allowed!", "sandbox", 5_000)
    assert refused.value.status == 422


def test_unknown_order_status_is_a_404(client: BackendClient) -> None:
    with pytest.raises(BadRequest) as refused:
        client.payment_status(new_order_id())
    assert refused.value.status == 404


def test_interrupt_aborts_a_long_poll_in_flight(client: BackendClient, proxy: TcpProxy) -> None:
    order_id = new_order_id()
    client.generate_qr(order_id, "sandbox", 5_000)
    errors: list[Exception] = []

    def long_poll() -> None:
        try:
            client.payment_status(order_id, wait=3)  # short: the backend holds it on shutdown
        except BackendUnreachable as exc:
            errors.append(exc)

    sent = proxy.chunks_sent_upstream
    worker = threading.Thread(target=long_poll)
    worker.start()
    wait_for(lambda: proxy.chunks_sent_upstream > sent, what="the long-poll to be sent")
    while worker.is_alive():
        client.interrupt(worker)
        worker.join(0.05)
    assert len(errors) == 1
