"""Payment watcher against the real backend, with network faults from the TCP proxy."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from backend.local_server import BackendServer
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.core.store import Store
from sync.api_client import BackendClient, PaymentAnswer
from sync.checkout import Checkout
from sync.payment_watcher import PaymentWatcher, long_poll_held
from tests.harness.waiting import wait_for
from tests.sync.conftest import Results, local_order, make_client, make_order


class FakeClock:
    def __init__(self) -> None:
        self.now = time.time()
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


class ResultsSeenLocally(Results):
    """Records, at callback time, what the local orders row already says."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.local_status_at_callback: list[str] = []

    def __call__(self, *args: object) -> None:
        self.local_status_at_callback.append(local_order(self.store, str(args[0])).payment_status)
        super().__call__(*args)


def accepted_order(client: BackendClient, store: Store) -> tuple[str, float]:
    order_id = make_order(store)
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin(order_id, "sandbox", "en", ready, unavailable)
    (answer,) = ready.wait()
    checkout.stop()
    return order_id, answer.expires_at


def watch_in_flight(watcher: PaymentWatcher, proxy: TcpProxy, order_id: str,
                    expires_at: float) -> None:
    """Start watching and return once the first long-poll has gone through the proxy."""
    sent = proxy.chunks_sent_upstream
    watcher.watch(order_id, expires_at)
    wait_for(lambda: proxy.chunks_sent_upstream > sent, what="the long-poll to be in flight")


@pytest.fixture
def results(store: Store) -> ResultsSeenLocally:
    return ResultsSeenLocally(store)


@pytest.fixture
def watcher(client: BackendClient, store: Store,
            results: ResultsSeenLocally) -> Iterator[PaymentWatcher]:
    # A 2 s long-poll keeps stop() quick; the booth uses 25 s.
    payment_watcher = PaymentWatcher(client, store, on_result=results, longpoll_wait=2,
                                     fallback_interval=0.05)
    yield payment_watcher
    payment_watcher.stop()


def test_paid_in_the_normal_path_is_committed_before_it_is_reported(
        client: BackendClient, store: Store, backend: BackendServer, watcher: PaymentWatcher,
        results: ResultsSeenLocally, proxy: TcpProxy) -> None:
    order_id, expires_at = accepted_order(client, store)
    watch_in_flight(watcher, proxy, order_id, expires_at)
    backend.sandbox_pay(order_id)

    assert results.wait() == (order_id, "paid")
    assert results.local_status_at_callback == ["paid"]
    row = local_order(store, order_id)
    backend_view = client.payment_status(order_id)
    assert row.payment_transaction_id == backend_view.transaction_id is not None
    assert row.payment_paid_at == backend_view.paid_at
    assert row.payment_method == "sandbox"
    assert row.payment_raw == backend_view.raw
    assert [e.subject for e in store.events("payment.paid")] == [order_id]


def test_falls_back_to_polling_when_long_poll_is_off(
        client: BackendClient, store: Store, backend: BackendServer,
        results: ResultsSeenLocally) -> None:
    order_id, expires_at = accepted_order(client, store)
    polling = PaymentWatcher(client, store, on_result=results, longpoll_wait=0,
                             fallback_interval=0.05)
    try:
        polling.watch(order_id, expires_at)
        backend.sandbox_pay(order_id)
        assert results.wait() == (order_id, "paid")
    finally:
        polling.stop()
    assert results.local_status_at_callback == ["paid"]


def test_backend_answering_without_waiting_gets_polled_every_interval(
        client: BackendClient, store: Store, backend: BackendServer, watcher: PaymentWatcher,
        results: ResultsSeenLocally, proxy: TcpProxy) -> None:
    order_id, expires_at = accepted_order(client, store)
    proxy.rewrite_requests(b"?wait=", b"?xait=")  # the backend never sees the wait
    sent = proxy.chunks_sent_upstream
    watcher.watch(order_id, expires_at)
    wait_for(lambda: proxy.chunks_sent_upstream >= sent + 3, what="three polls")
    assert watcher.longpoll_held is False
    backend.sandbox_pay(order_id)
    assert results.wait() == (order_id, "paid")
    assert results.local_status_at_callback == ["paid"]


def test_declined_payment_is_reported_failed(
        client: BackendClient, store: Store, backend: BackendServer, watcher: PaymentWatcher,
        results: ResultsSeenLocally) -> None:
    order_id, expires_at = accepted_order(client, store)
    watcher.watch(order_id, expires_at)
    backend.sandbox_decline(order_id)
    assert results.wait() == (order_id, "failed")
    assert results.local_status_at_callback == ["failed"]
    assert [e.subject for e in store.events("payment.failed")] == [order_id]


def test_connection_dropped_during_long_poll_then_paid_is_noticed(
        client: BackendClient, store: Store, backend: BackendServer, watcher: PaymentWatcher,
        results: ResultsSeenLocally, proxy: TcpProxy) -> None:
    order_id, expires_at = accepted_order(client, store)
    watch_in_flight(watcher, proxy, order_id, expires_at)
    proxy.drop()
    wait_for(lambda: proxy.connections_dropped >= 2, what="the watcher to retry")
    backend.sandbox_pay(order_id)
    assert not results.calls
    proxy.pass_through()
    assert results.wait() == (order_id, "paid")
    assert results.local_status_at_callback == ["paid"]


def test_answer_cut_mid_response_is_asked_again(
        client: BackendClient, store: Store, backend: BackendServer, watcher: PaymentWatcher,
        results: ResultsSeenLocally, proxy: TcpProxy) -> None:
    order_id, expires_at = accepted_order(client, store)
    watch_in_flight(watcher, proxy, order_id, expires_at)
    proxy.cut_next(40)
    backend.sandbox_pay(order_id)
    assert results.wait() == (order_id, "paid")
    assert proxy.connections_cut == 1
    assert results.local_status_at_callback == ["paid"]


def test_network_gone_while_customer_pays_paid_is_noticed_when_it_returns(
        client: BackendClient, store: Store, backend: BackendServer, watcher: PaymentWatcher,
        results: ResultsSeenLocally, proxy: TcpProxy) -> None:
    """The issue's 60 s outage is shortened: the network stays gone until the watcher has
    been refused 30 times (retry interval injected at 0.05 s) — same code path, less wall time."""
    order_id, expires_at = accepted_order(client, store)
    watcher.watch(order_id, expires_at)
    proxy.drop()
    backend.sandbox_pay(order_id)  # the customer's phone has its own network
    wait_for(lambda: proxy.connections_dropped >= 30, what="30 refused attempts")
    assert not results.calls
    assert local_order(store, order_id).payment_status == "pending"
    proxy.pass_through()
    assert results.wait() == (order_id, "paid")
    assert results.local_status_at_callback == ["paid"]


def test_expired_qr_is_cancelled_and_the_answer_obeyed(
        client: BackendClient, store: Store, backend: BackendServer,
        results: ResultsSeenLocally) -> None:
    order_id, _ = accepted_order(client, store)
    clock = FakeClock()
    watcher = PaymentWatcher(client, store, clock=clock, on_result=results, longpoll_wait=1,
                             fallback_interval=0.05)
    try:
        watcher.watch(order_id, clock() + 1)
        clock.advance(2)
        assert results.wait() == (order_id, "cancelled")
    finally:
        watcher.stop()
    assert results.local_status_at_callback == ["cancelled"]
    assert client.payment_status(order_id).status == "cancelled"
    with pytest.raises(OSError):
        backend.sandbox_pay(order_id)  # the backend refuses to take money for it now
    assert local_order(store, order_id).payment_status == "cancelled"


def test_payment_that_wins_the_race_with_expiry_is_reported_paid(
        client: BackendClient, store: Store, backend: BackendServer,
        results: ResultsSeenLocally) -> None:
    """The payment commits after the watcher's last look and before its cancel: the
    watcher is started on a QR that has just expired, so its only call is the cancel."""
    order_id, _ = accepted_order(client, store)
    backend.sandbox_pay(order_id)
    clock = FakeClock()
    watcher = PaymentWatcher(client, store, clock=clock, on_result=results, longpoll_wait=1,
                             fallback_interval=0.05)
    try:
        watcher.watch(order_id, clock() - 0.001)
        assert results.wait() == (order_id, "paid")
    finally:
        watcher.stop()
    assert results.local_status_at_callback == ["paid"]
    assert [e.subject for e in store.events("payment.paid")] == [order_id]


def test_expiry_while_offline_leaves_the_order_pending_for_the_reconciler(
        backend: BackendServer, store: Store, proxy: TcpProxy, device_token: str,
        results: ResultsSeenLocally) -> None:
    client = make_client(proxy.url, device_token, retries=0)
    order_id, _ = accepted_order(client, store)
    clock = FakeClock()
    watcher = PaymentWatcher(client, store, clock=clock, on_result=results, longpoll_wait=1,
                             fallback_interval=0.05)
    try:
        proxy.drop()
        watcher.watch(order_id, clock() + 1)
        wait_for(lambda: proxy.connections_dropped >= 1, what="the watcher to be offline")
        clock.advance(2)
        assert results.wait() == (order_id, "pending")
    finally:
        watcher.stop()
        client.close()
    assert local_order(store, order_id).payment_status == "pending"
    assert [e.subject for e in store.events("payment.cancel_unconfirmed")] == [order_id]


def test_stop_watching_ends_the_worker_without_a_report(
        client: BackendClient, store: Store, watcher: PaymentWatcher,
        results: ResultsSeenLocally, proxy: TcpProxy) -> None:
    order_id, expires_at = accepted_order(client, store)
    watch_in_flight(watcher, proxy, order_id, expires_at)
    watcher.stop_watching(order_id)
    assert watcher.watching() == []
    assert not results.calls
    assert local_order(store, order_id).payment_status == "pending"


def test_a_settled_answer_tells_the_long_poll_by_the_backends_word_only() -> None:
    def answer(status: str, wait_s: float | None) -> PaymentAnswer:
        return PaymentAnswer("o", status, None, None, None, {}, wait_s)

    assert long_poll_held(answer("paid", 25.0), 25, 0.01) is True
    assert long_poll_held(answer("paid", 0.0), 25, 0.01) is False
    assert long_poll_held(answer("paid", None), 25, 0.01) is None  # an older backend
    assert long_poll_held(answer("pending", 25.0), 25, 0.01) is False  # cut short on the way
    assert long_poll_held(answer("pending", 25.0), 25, 25.0) is True
    assert long_poll_held(answer("paid", 25.0), 0, 0.01) is None  # nothing was asked to wait


def test_an_answer_that_comes_paid_at_once_records_the_long_poll_held(
        client: BackendClient, store: Store, backend: BackendServer, watcher: PaymentWatcher,
        results: ResultsSeenLocally) -> None:
    order_id, expires_at = accepted_order(client, store)
    backend.sandbox_pay(order_id)
    watcher.watch(order_id, expires_at)
    assert results.wait() == (order_id, "paid")
    assert watcher.longpoll_held is True
