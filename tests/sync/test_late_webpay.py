"""A payment made after the booth gave up (WebPay's card form outlives the QR) is found by
the reconciler and printed once, or listed for the technician: never charged and lost."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from kiosk.core.orders import REPRINT_LIST_EVENT
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.checkout import Checkout
from sync.payment_record import cancel_and_commit
from sync.reconciler import LATE_PAYMENT_WINDOW, Reconciler
from tests.backend.conftest import PROVIDER_ENV, WEBPAY_SECRET
from tests.sync.conftest import Results, local_order, make_client, make_order
from tests.sync.test_payment_watcher import FakeClock
from tests.sync.test_reconciler import printed_by

GRACE = 900.0
# The fields WebPay signs, in its order (the backend's own list is not imported: a test of
# the protocol spells it out).
SIGNED = ("batch_timestamp", "currency_id", "amount", "payment_method", "order_id",
          "site_order_id", "transaction_id", "payment_type", "rrn")


@pytest.fixture(scope="module")
def webpay_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    server = start_backend(tmp_path_factory.mktemp("webpay"), extra_env=PROVIDER_ENV)
    yield server
    server.stop()


@pytest.fixture
def api(webpay_backend: BackendServer) -> Iterator[BackendClient]:
    client = make_client(webpay_backend.url,
                         webpay_backend.add_device(f"kiosk-{uuid.uuid4().hex[:8]}"))
    yield client
    client.close()


def webpay_pays(backend: BackendServer, order_id: str, amount: str) -> None:
    """WebPay's server-to-server notify for a completed card payment (payment_type 1)."""
    form = {"batch_timestamp": "1795000000", "currency_id": "BYN", "amount": amount,
            "payment_method": "cc", "order_id": str(secrets.randbelow(10**9)),
            "site_order_id": order_id, "transaction_id": str(secrets.randbelow(10**12)),
            "payment_type": "1", "rrn": "123456789012"}
    signed = "".join(form[name] for name in SIGNED) + WEBPAY_SECRET
    form["wsb_signature"] = hashlib.md5(signed.encode()).hexdigest()
    answer = httpx.post(f"{backend.url}/webpay/notify", data=form)
    assert answer.status_code == 200, answer.text


def given_up_webpay_order(api: BackendClient, store: Store, created_at: float) -> str:
    """A WebPay QR the booth showed, then cancelled (it expired, the customer left)."""
    order_id = make_order(store, provider="webpay", amount_major=10, created_at=created_at)
    ready, unavailable = Results(), Results()
    checkout = Checkout(api, store)
    checkout.begin(order_id, "webpay", "en", ready, unavailable)
    ready.wait()
    checkout.stop()
    assert cancel_and_commit(api, store, order_id, "QR expired") == "cancelled"
    assert local_order(store, order_id).payment_status == "cancelled"
    return order_id


def test_a_webpay_payment_after_the_booth_cancelled_is_printed_once(
        webpay_backend: BackendServer, api: BackendClient, tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    order_id = given_up_webpay_order(api, store, store.clock())
    webpay_pays(webpay_backend, order_id, "10.00")

    prints, on_print = printed_by(store)
    reprints = Results()
    reconciler = Reconciler(api, store, late_grace=GRACE, on_print=on_print,
                            on_reprint_list=reprints)
    report = reconciler.run_once(skip_live=True)  # a periodic pass, not the first
    assert report.late == [order_id] and report.printed == [order_id]
    assert local_order(store, order_id).payment_status == "paid"
    assert [e.subject for e in store.events("payment.late")] == [order_id]
    reconciler.run_once(skip_live=True)
    assert prints.calls == [(order_id,)] and reprints.calls == []
    store.close()


def test_a_webpay_payment_long_after_the_booth_cancelled_is_listed_for_the_technician(
        webpay_backend: BackendServer, api: BackendClient, tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    order_id = given_up_webpay_order(api, store, store.clock() - 2 * GRACE)
    webpay_pays(webpay_backend, order_id, "10.00")

    prints, reprints = Results(), Results()
    Reconciler(api, store, late_grace=GRACE, on_print=prints,
               on_reprint_list=reprints).run_once(skip_live=True)
    assert prints.calls == [] and reprints.calls == [(order_id,)]
    assert [e.subject for e in store.events(REPRINT_LIST_EVENT)] == [order_id]
    store.close()


def test_a_cancelled_order_is_no_longer_asked_about_after_the_window(
        api: BackendClient, tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    given_up_webpay_order(api, store, store.clock())
    clock = FakeClock()
    reconciler = Reconciler(api, store, clock=clock, late_grace=GRACE, on_print=Results(),
                            on_reprint_list=Results())
    assert reconciler.run_once(skip_live=True).asked == 1
    clock.advance(LATE_PAYMENT_WINDOW + 1)
    assert reconciler.run_once(skip_live=True).asked == 0
    store.close()
