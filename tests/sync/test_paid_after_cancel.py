"""A customer still paying after the booth gave up (the QR ran out, the booth cancelled the
order), with every provider, against the real backend: what each can and cannot do then,
and what the booth's reconciler makes of it.

- Payme: a transaction created before the cancel cannot be performed after it, and no new
  one is created (-31008): the customer is not charged (spec/payme.md, "Rules").
- Click: a Complete after the cancel answers -9 and Click reverses the debit; a new Prepare
  is refused the same way: not charged.
- Sandbox: refused, as a provider that checks the order before it takes money.
- WebPay: its card form outlives the QR and its notify is honoured: the order becomes paid
  after the cancel. The reconciler asks about cancelled orders for LATE_PAYMENT_WINDOW (for
  every provider: the three above can never answer paid, and asking costs one request an
  order per pass), learns it, prints it once within the grace.
"""

from __future__ import annotations

import itertools
import secrets
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.checkout import Checkout
from sync.payment_record import cancel_and_commit
from sync.reconciler import Reconciler
from tests.backend.conftest import payme_auth
from tests.backend.test_click import ClickClient
from tests.conftest import PROVIDER_ENV
from tests.sync.conftest import Results, local_order, make_client, make_order
from tests.sync.test_late_webpay import webpay_pays
from tests.sync.test_reconciler import printed_by

GRACE = 900.0
AMOUNT = {"payme": 1000, "click": 1000, "sandbox": 1000, "webpay": 10}  # major units
_rpc_ids = itertools.count(1)


@pytest.fixture(scope="module")
def providers_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    server = start_backend(tmp_path_factory.mktemp("providers"), extra_env=PROVIDER_ENV)
    yield server
    server.stop()


@pytest.fixture
def api(providers_backend: BackendServer) -> Iterator[BackendClient]:
    client = make_client(providers_backend.url,
                         providers_backend.add_device(f"kiosk-{uuid.uuid4().hex[:8]}"))
    yield client
    client.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    local = Store(tmp_path / "kiosk.sqlite3")
    yield local
    local.close()


def payme(backend: BackendServer, method: str, params: dict) -> dict:
    answer = httpx.post(f"{backend.url}/payme", headers={"Authorization": payme_auth()},
                        json={"jsonrpc": "2.0", "id": next(_rpc_ids), "method": method,
                              "params": params}, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def payme_error(answer: dict) -> int | None:
    return (answer.get("error") or {}).get("code")


def shown_then_cancelled(api: BackendClient, store: Store, provider: str,
                         while_shown: Callable[[str], None]) -> str:
    """The booth shows the provider's QR (the customer starts paying: `while_shown`), the QR
    runs out and the booth cancels the order; the backend answers cancelled."""
    order_id = make_order(store, provider=provider, amount_major=AMOUNT[provider])
    ready, unavailable = Results(), Results()
    checkout = Checkout(api, store)
    checkout.begin(order_id, provider, "en", ready, unavailable)
    ready.wait()
    checkout.stop()
    while_shown(order_id)
    assert cancel_and_commit(api, store, order_id, "QR expired") == "cancelled"
    return order_id


def pays_after_the_cancel(backend: BackendServer, api: BackendClient, store: Store,
                          provider: str) -> str:
    """The customer finishes paying after the booth's cancel, as the provider does it;
    asserts what the provider is answered. Returns the order."""
    if provider == "payme":
        transaction = secrets.token_hex(12)
        amount = AMOUNT["payme"] * 100  # tiyin

        def creates(order_id: str) -> None:
            created = payme(backend, "CreateTransaction", {
                "id": transaction, "time": 1, "amount": amount,
                "account": {"order_id": order_id}})
            assert payme_error(created) is None, created

        order_id = shown_then_cancelled(api, store, provider, creates)
        assert payme_error(payme(backend, "PerformTransaction", {"id": transaction})) == -31008
        assert payme_error(payme(backend, "CreateTransaction", {
            "id": secrets.token_hex(12), "time": 2, "amount": amount,
            "account": {"order_id": order_id}})) == -31008
        return order_id
    if provider == "click":
        click = ClickClient(httpx.Client(base_url=backend.url, timeout=10))
        trans_id = str(10**8 + secrets.randbelow(10**8))
        prepared: dict = {}

        def prepares(order_id: str) -> None:
            prepared.update(click.prepare(order_id, trans_id))
            assert prepared["error"] == 0, prepared

        order_id = shown_then_cancelled(api, store, provider, prepares)
        assert click.complete(order_id, trans_id, prepared["merchant_prepare_id"])["error"] == -9
        assert click.prepare(order_id, str(int(trans_id) + 1))["error"] == -9
        click.http.close()
        return order_id
    if provider == "sandbox":
        order_id = shown_then_cancelled(api, store, provider, lambda _order_id: None)
        refused = httpx.post(f"{backend.url}/sandbox/pay/{order_id}/pay", timeout=10)
        assert refused.status_code >= 400 and "cancelled" in refused.text
        return order_id
    order_id = shown_then_cancelled(api, store, provider, lambda _order_id: None)
    webpay_pays(backend, order_id, f"{AMOUNT['webpay']}.00")
    return order_id


@pytest.mark.parametrize("provider", ["payme", "click", "sandbox"])
def test_a_payment_after_the_cancel_is_refused_and_the_booth_keeps_it_cancelled(
        providers_backend: BackendServer, api: BackendClient, store: Store,
        provider: str) -> None:
    order_id = pays_after_the_cancel(providers_backend, api, store, provider)
    assert api.payment_status(order_id).status == "cancelled"
    prints, on_print = printed_by(store)
    reprints = Results()
    report = Reconciler(api, store, late_grace=GRACE, on_print=on_print,
                        on_reprint_list=reprints).run_once(skip_live=True)
    assert report.asked == 1 and report.learned == {} and report.late == []
    assert local_order(store, order_id).payment_status == "cancelled"
    assert prints.calls == [] and reprints.calls == []


def test_a_webpay_payment_after_the_cancel_is_honoured_and_printed_once(
        providers_backend: BackendServer, api: BackendClient, store: Store) -> None:
    order_id = pays_after_the_cancel(providers_backend, api, store, "webpay")
    assert api.payment_status(order_id).status == "paid"
    prints, on_print = printed_by(store)
    reprints = Results()
    reconciler = Reconciler(api, store, late_grace=GRACE, on_print=on_print,
                            on_reprint_list=reprints)
    report = reconciler.run_once(skip_live=True)
    assert report.late == [order_id] and report.printed == [order_id]
    reconciler.run_once(skip_live=True)
    assert prints.calls == [(order_id,)] and reprints.calls == []
    assert local_order(store, order_id).payment_status == "paid"


def test_the_providers_spelled_out_here_are_every_provider_the_backend_takes(
        api: BackendClient) -> None:
    assert sorted(api.device_profile().providers) == sorted(AMOUNT)
