"""A booth whose clock is 15 minutes off the backend's (a board with no real-time clock,
before NTP) still sells: every answer's Date header tells the offset, and the QR's end is
read on the backend's clock. It used to see `expires in -720 s` and cancel at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from backend.local_server import BackendServer
from contract.payment_status import PaymentStatus
from kiosk.core.store import Store
from sync.api_client import BackendClient, PaymentAnswer, QrAnswer
from sync.checkout import Checkout
from sync.payment_watcher import PaymentWatcher
from tests.sync.conftest import Results, local_order, make_order

AHEAD = 900.0


def shown_code(client: BackendClient, store: Store,
               clock: Callable[[], float]) -> tuple[str, QrAnswer]:
    """An order made and its sandbox code asked for, as checkout does on the booth."""
    order_id = make_order(store)
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store, clock=clock)
    checkout.begin(order_id, "sandbox", "en", ready, unavailable)
    (answer,) = ready.wait()
    checkout.stop()
    return order_id, answer


@pytest.mark.parametrize("skew", [AHEAD, -AHEAD], ids=["ahead", "behind"])
def test_a_booth_with_a_skewed_clock_shows_the_full_qr_time_and_takes_the_payment(
        backend: BackendServer, device_token: str, tmp_path: Path, skew: float) -> None:
    def clock() -> float:
        return time.time() + skew

    store = Store(tmp_path / "kiosk.sqlite3", clock=clock)
    client = BackendClient(backend.url, device_token, connect_timeout=1.0, read_timeout=3.0,
                           clock=clock)
    order_id, answer = shown_code(client, store, clock)
    assert client.clock_offset is not None and abs(client.clock_offset - skew) < 2
    left = answer.expires_at - clock()  # the countdown the screen shows
    assert 890 < left <= 901, left  # the backend's 15 minutes, on the booth's clock
    assert local_order(store, order_id).expires_at == answer.expires_at

    results = Results()
    watcher = PaymentWatcher(client, store, clock=clock, on_result=results, longpoll_wait=5)
    watcher.watch(order_id, answer.expires_at)
    backend.sandbox_pay(order_id)
    assert results.wait() == (order_id, PaymentStatus.paid)
    watcher.stop()
    client.close()
    store.close()


def test_the_offset_is_learned_from_any_answer(
        backend: BackendServer, device_token: str) -> None:
    client = BackendClient(backend.url, device_token, connect_timeout=1.0, read_timeout=10.0,
                           clock=lambda: time.time() - 120)
    assert client.clock_offset is None
    client.healthz()
    assert client.clock_offset is not None and abs(client.clock_offset + 120) < 2
    client.close()


class AskingClient(BackendClient):
    """The real client; it also says when the watcher has asked `enough` times since the
    test last counted (a watch still running keeps asking)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.asked = 0
        self.enough = 0
        self.asked_enough = threading.Event()

    def count_from_now(self, enough: int) -> None:
        self.asked, self.enough = 0, enough
        self.asked_enough.clear()

    def payment_status(self, order_id: str, wait: int | None = None) -> PaymentAnswer:
        self.asked += 1
        if self.enough and self.asked >= self.enough:
            self.asked_enough.set()
        return super().payment_status(order_id, wait)


def test_a_wall_clock_set_forward_during_a_watch_does_not_end_it(
        backend: BackendServer, device_token: str, tmp_path: Path) -> None:
    """NTP sets the booth's clock 15 minutes forward while a customer is paying: the code's
    end was moved onto the steady clock when the watch began, so the watch goes on (it used
    to see its end passed, cancel the order and tell the booth it was cancelled)."""
    jumped = 0.0

    def clock() -> float:
        return time.time() + jumped

    store = Store(tmp_path / "kiosk.sqlite3", clock=clock)
    client = AskingClient(backend.url, device_token, connect_timeout=1.0, read_timeout=5.0,
                          clock=clock)
    order_id, answer = shown_code(client, store, clock)
    results = Results()
    watcher = PaymentWatcher(client, store, clock=clock, steady=time.monotonic,
                             on_result=results, longpoll_wait=1)
    client.count_from_now(1)
    watcher.watch(order_id, answer.expires_at)
    assert client.asked_enough.wait(10)
    jumped = AHEAD
    client.count_from_now(3)  # the watch asks again and again: it did not end
    assert client.asked_enough.wait(20), "the watch ended when the clock jumped"
    assert not results.calls
    backend.sandbox_pay(order_id)
    assert results.wait() == (order_id, PaymentStatus.paid)
    watcher.stop()
    client.close()
    store.close()
