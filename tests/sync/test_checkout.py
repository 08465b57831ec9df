"""Checkout: no QR unless the backend accepted the order and the local row says so."""

from __future__ import annotations

import pytest

from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.core.qr_modules import qr_matrix
from kiosk.core.store import Store
from sync.api_client import BackendClient, QrAnswer, ServerError
from sync.checkout import Checkout
from tests.sync.conftest import Results, local_order, make_order


def test_qr_is_committed_locally_before_on_ready(client: BackendClient, store: Store) -> None:
    order_id = make_order(store, amount_major=15_000)
    seen_at_ready: list[tuple[str | None, bool]] = []

    def on_ready(answer: QrAnswer) -> None:
        row = local_order(store, order_id)
        seen_at_ready.append((row.payment_url, row.backend_accepted))
        ready(answer)

    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin(order_id, "sandbox", "en", on_ready, unavailable)
    (answer,) = ready.wait()
    checkout.stop()

    assert not unavailable.calls
    assert answer.amount == 15_000 and answer.order_id == order_id
    assert seen_at_ready == [(answer.payment_url, True)]
    row = local_order(store, order_id)
    assert row.expires_at == answer.expires_at
    assert [e.subject for e in store.events("payment.qr_issued")] == [order_id]


def test_the_code_is_encoded_before_on_ready(client: BackendClient, store: Store) -> None:
    """The screen paints the modules the checkout kept; it encodes nothing itself."""
    order_id = make_order(store)
    encoded_at_ready: list[object] = []
    checkout = Checkout(client, store)

    def on_ready(answer: QrAnswer) -> None:
        encoded_at_ready.append(checkout.codes.encoded(answer.payment_url))
        ready(answer)

    ready, unavailable = Results(), Results()
    checkout.begin(order_id, "sandbox", "en", on_ready, unavailable)
    (answer,) = ready.wait()
    checkout.stop()
    assert encoded_at_ready == [tuple(tuple(row) for row in qr_matrix(answer.payment_url))]


def test_backend_down_before_generate_qr_shows_no_qr(client: BackendClient, store: Store,
                                                     proxy: TcpProxy) -> None:
    order_id = make_order(store)
    proxy.drop()
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin(order_id, "sandbox", "en", ready, unavailable)
    (reason,) = unavailable.wait()
    checkout.stop()

    assert not ready.calls
    assert "generate-qr" in reason
    row = local_order(store, order_id)
    assert (row.payment_url, row.backend_accepted) == (None, False)
    assert store.events("payment.qr_issued") == []
    assert proxy.connections_dropped >= 1

    proxy.pass_through()
    again = Results()
    checkout.begin(order_id, "sandbox", "en", again, unavailable)
    again.wait()
    checkout.stop()
    assert local_order(store, order_id).backend_accepted


def test_same_order_with_other_terms_is_unavailable_with_reason(
        client: BackendClient, store: Store) -> None:
    order_id = make_order(store, amount_major=20_000)
    client.generate_qr(order_id, "sandbox", 10_000)
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin(order_id, "sandbox", "en", ready, unavailable)
    (reason,) = unavailable.wait()
    checkout.stop()

    assert not ready.calls
    assert "other terms" in reason and "409" in reason
    assert not local_order(store, order_id).backend_accepted


def test_provider_the_backend_does_not_offer_is_unavailable(
        client: BackendClient, store: Store) -> None:
    order_id = make_order(store, provider="payme")
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin(order_id, "payme", "en", ready, unavailable)
    (reason,) = unavailable.wait()
    checkout.stop()

    assert not ready.calls
    assert "400" in reason and "payme" in reason
    assert local_order(store, order_id).payment_url is None


def test_unknown_local_order_is_unavailable(client: BackendClient, store: Store) -> None:
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin("no-such-order", "sandbox", "en", ready, unavailable)
    (reason,) = unavailable.wait()
    checkout.stop()
    assert not ready.calls
    assert "not in the local store" in reason


def test_the_photos_page_s_short_code_is_kept_with_the_order(client: BackendClient,
                                                             store: Store) -> None:
    order_id = make_order(store)
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin(order_id, "sandbox", "en", ready, unavailable)
    (answer,) = ready.wait()
    checkout.stop()
    row = local_order(store, order_id)
    assert answer.photos_code and row.photos_code == answer.photos_code
    assert row.photos_url == answer.photos_url


def test_a_photo_code_outside_the_alphabet_breaks_the_contract() -> None:
    raw = {"order_id": "t-1", "payment_url": "https://pay", "amount": 1, "currency": "UZS",
           "status": "pending", "expires_at": 1.0, "photos_url": "https://b/p/x"}
    assert QrAnswer.parse({**raw, "photos_code": "7KQ3M9XZ"}, "sandbox").photos_code == \
        "7KQ3M9XZ"
    assert QrAnswer.parse(raw, "sandbox").photos_code is None  # an older backend
    for wrong in ("7KQ3M9X0", "<b>1234</b>", "7kq3m9xz"):
        with pytest.raises(ServerError):
            QrAnswer.parse({**raw, "photos_code": wrong}, "sandbox")
