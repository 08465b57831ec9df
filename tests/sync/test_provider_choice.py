"""The booth's side of choosing a provider, against a real backend that takes several:
which providers it offers, each provider's QR in the customer's language, a refused switch."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator

import httpx
import pytest

from backend.local_server import BackendServer
from kiosk.core.store import Store
from sync.api_client import BackendClient, DeviceProfile
from sync.backend_health import BackendHealth
from sync.checkout import Checkout
from tests.backend.conftest import payme_auth
from tests.conftest import BackendSpec
from tests.sync.conftest import Results, local_order, make_client, make_order

ALL_PROVIDERS = frozenset({"payme", "click", "webpay", "sandbox"})


BACKEND = BackendSpec(providers=True, device="booth-lobby")


@pytest.fixture
def client(backend: BackendServer) -> Iterator[BackendClient]:
    api = make_client(backend.url, backend.token)
    yield api
    api.close()


def issue(client: BackendClient, store: Store, order_id: str, provider: str,
          language: str = "en") -> Results:
    """Checkout.begin for `provider`, joined; the Results of whichever callback came."""
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin(order_id, provider, language, ready, unavailable)
    checkout.stop()
    return ready if ready.calls else unavailable


def set_provider(store: Store, order_id: str, provider: str) -> None:
    """What the flow commits when the customer taps a provider."""
    from kiosk.core.models import Order

    with store.transaction() as session:
        row = session.get(Order, order_id)
        assert row is not None
        row.provider, row.payment_url = provider, None
        session.add(row)


def test_health_learns_the_backends_providers_from_devices_me(client: BackendClient) -> None:
    health = BackendHealth(client)
    assert health.enabled_providers() is None
    health.check_once()
    assert health.enabled_providers() == ALL_PROVIDERS
    assert client.device_profile() == DeviceProfile(
        device_id=client.device_profile().device_id, name="booth-lobby", providers=ALL_PROVIDERS,
        fiscal_receipts_missing=("payme", "click"))  # this backend has no BOOTH_FISCAL_ITEMS


def test_the_qr_opens_the_providers_page_in_the_customers_language(
        client: BackendClient, store: Store) -> None:
    order_id = make_order(store, provider="payme")
    (answer,) = issue(client, store, order_id, "payme", "uz").calls[0]
    params = base64.b64decode(answer.payment_url.rsplit("/", 1)[1]).decode()
    assert ";l=uz;" in params and f"/return/{order_id}/uz;" in params
    assert answer.provider == "payme"
    assert local_order(store, order_id).payment_url == answer.payment_url


def test_each_providers_answer_is_recorded_and_the_row_follows_the_choice(
        client: BackendClient, store: Store) -> None:
    order_id = make_order(store, provider="payme")
    (payme,) = issue(client, store, order_id, "payme").calls[0]
    set_provider(store, order_id, "click")
    (click,) = issue(client, store, order_id, "click").calls[0]
    assert click.payment_url.startswith("https://my.click.uz/")
    assert local_order(store, order_id).payment_url == click.payment_url
    issued = store.events("payment.qr_issued")
    assert [(e.data["provider"], e.data["payment_url"]) for e in issued] == [
        ("payme", payme.payment_url), ("click", click.payment_url)]


def test_a_late_answer_for_a_provider_left_behind_does_not_touch_the_row(
        client: BackendClient, store: Store) -> None:
    order_id = make_order(store, provider="payme")
    issue(client, store, order_id, "payme")
    set_provider(store, order_id, "click")  # the customer moved on before payme answered
    (late,) = issue(client, store, order_id, "payme").calls[0]
    assert local_order(store, order_id).payment_url is None
    last = store.events("payment.qr_issued")[-1]
    assert last.data["provider"] == "payme" and "chose click" in last.reason
    assert late.provider == "payme"


def test_a_switch_refused_by_the_backend_says_why_and_keeps_the_row(
        client: BackendClient, store: Store, backend: BackendServer) -> None:
    order_id = make_order(store, provider="payme")
    issue(client, store, order_id, "payme")
    created = httpx.post(f"{backend.url}/payme", headers={"Authorization": payme_auth()}, json={
        "jsonrpc": "2.0", "id": 1, "method": "CreateTransaction",
        "params": {"id": secrets.token_hex(12), "time": 1, "amount": 15_000 * 100,
                   "account": {"order_id": order_id}}}).json()
    assert "result" in created  # the customer is paying in the Payme app right now
    set_provider(store, order_id, "click")
    (reason,) = issue(client, store, order_id, "click").calls[0]
    assert "409" in reason and "payme" in reason
    assert [e.data["provider"] for e in store.events("payment.qr_issued")] == ["payme"]


def test_a_provider_the_backend_does_not_take_is_refused_with_the_allowed_ones(
        client: BackendClient, store: Store) -> None:
    order_id = make_order(store, provider="paypal")
    (reason,) = issue(client, store, order_id, "paypal").calls[0]
    assert "400" in reason and "allowed: click, payme, sandbox, webpay" in reason
    assert local_order(store, order_id).payment_url is None
