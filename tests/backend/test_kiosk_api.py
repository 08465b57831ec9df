"""Kiosk API v1 over real HTTP: generate-qr, payment-status long-poll, cancel, events, auth."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from backend.local_server import BackendServer
from tests.backend.conftest import new_order_id, race, status_of, wait_for_waiters


def generate(kiosk: httpx.Client, order_id: str, payment_type: str = "sandbox", amount: Any = 1000):
    return kiosk.post(
        "/api/generate-qr",
        json={"order_id": order_id, "paymentType": payment_type, "amount": amount},
    )


def test_generate_qr_answers_the_sandbox_url_in_whole_units(
    kiosk: httpx.Client, backend: BackendServer
) -> None:
    order_id = new_order_id()
    answer = generate(kiosk, order_id, amount=15000)
    assert answer.status_code == 200
    body = answer.json()
    assert body["payment_url"] == f"{backend.url}/sandbox/pay/{order_id}"
    assert (body["order_id"], body["amount"], body["currency"], body["status"]) == (
        order_id, 15000, "UZS", "pending",
    )
    assert body["expires_at"].endswith("Z")


def test_generate_qr_again_returns_the_same_answer(kiosk: httpx.Client) -> None:
    order_id = new_order_id()
    first = generate(kiosk, order_id).json()
    assert generate(kiosk, order_id).json() == first


@pytest.mark.parametrize(("payment_type", "amount"), [("sandbox", 999), ("payme", 999),
                                                     ("webpay", 1000)])
def test_generate_qr_with_other_terms_is_a_conflict(
    kiosk: httpx.Client, payment_type: str, amount: int
) -> None:
    order_id = new_order_id()
    generate(kiosk, order_id)
    answer = generate(kiosk, order_id, payment_type, amount)
    assert answer.status_code == 409
    assert order_id in answer.json()["detail"]
    assert status_of(kiosk, order_id)["status"] == "pending"


def test_payme_and_click_urls_carry_the_order_and_amount(kiosk: httpx.Client) -> None:
    import base64

    order_id = new_order_id()
    payme_url = generate(kiosk, order_id, "payme", 1000).json()["payment_url"]
    assert payme_url.startswith("https://test.paycom.uz/")
    params = base64.b64decode(payme_url.rsplit("/", 1)[1]).decode()
    assert f"ac.order_id={order_id};" in params and ";a=100000;" in params
    click_url = generate(kiosk, new_order_id() + "c", "click", 1000).json()["payment_url"]
    assert click_url.startswith("https://my.click.uz/services/pay?")
    assert "amount=1000.00" in click_url and "service_id=4242" in click_url


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"order_id": "a b", "paymentType": "sandbox", "amount": 1}, "order_id"),
        ({"order_id": "x" * 65, "paymentType": "sandbox", "amount": 1}, "order_id"),
        ({"order_id": "", "paymentType": "sandbox", "amount": 1}, "order_id"),
        ({"order_id": "ok", "paymentType": "sandbox", "amount": 1.5}, "amount"),
        ({"order_id": "ok", "paymentType": "sandbox", "amount": 10.0}, "amount"),
        ({"order_id": "ok", "paymentType": "sandbox", "amount": -5}, "amount"),
        ({"order_id": "ok", "paymentType": "sandbox", "amount": 0}, "amount"),
        ({"order_id": "ok", "paymentType": "sandbox", "amount": 10**30}, "amount"),
        ({"order_id": "ok", "paymentType": "sandbox", "amount": "1000"}, "amount"),
        ({"order_id": "ok", "paymentType": "sandbox", "amount": True}, "amount"),
        ({"order_id": "ok", "amount": 1}, "paymentType"),
        ({"order_id": 12, "paymentType": "sandbox", "amount": 1}, "order_id"),
        ([1, 2], "body"),
    ],
)
def test_generate_qr_refuses_bad_input_with_a_reason(
    kiosk: httpx.Client, body: Any, fragment: str
) -> None:
    answer = kiosk.post("/api/generate-qr", json=body)
    assert answer.status_code == 422
    assert fragment in answer.json()["detail"]
    assert kiosk.get("/api/payment-status/ok").status_code == 404


def test_generate_qr_refuses_malformed_json(kiosk: httpx.Client) -> None:
    answer = kiosk.post(
        "/api/generate-qr", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422


def test_order_id_rule_is_spelled_out(kiosk: httpx.Client) -> None:
    answer = generate(kiosk, "bad/id?")
    assert "1 to 64 characters" in answer.json()["detail"]


@pytest.mark.parametrize("authorization", [None, "Bearer nope", "Basic abc", "Bearer"])
def test_every_kiosk_call_needs_a_device_token(
    backend: BackendServer, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    with httpx.Client(base_url=backend.url, headers=headers) as client:
        order_id = new_order_id()
        calls = [
            client.post(
                "/api/generate-qr",
                json={"order_id": order_id, "paymentType": "sandbox", "amount": 1},
            ),
            client.get(f"/api/payment-status/{order_id}"),
            client.post(f"/api/orders/{order_id}/cancel"),
            client.post(
                "/api/devices/events", json={"events": []}, headers={"Idempotency-Key": "k"}
            ),
            client.get("/api/devices/me"),
        ]
    assert [call.status_code for call in calls] == [401] * 5


def test_a_device_can_ask_whether_its_token_is_known(
    kiosk: httpx.Client, backend: BackendServer
) -> None:
    mine = kiosk.get("/api/devices/me")
    other = backend.add_device("another-booth")
    with httpx.Client(base_url=backend.url, headers={"Authorization": f"Bearer {other}"}) as c:
        theirs = c.get("/api/devices/me")
    assert mine.status_code == theirs.status_code == 200
    assert mine.json()["device_id"] != theirs.json()["device_id"]


def test_a_device_cannot_read_or_cancel_another_devices_order(
    kiosk: httpx.Client, backend: BackendServer, make_order: Callable[..., str]
) -> None:
    order_id = make_order()
    other = backend.add_device("other-kiosk")
    with httpx.Client(base_url=backend.url, headers={"Authorization": f"Bearer {other}"}) as c:
        assert c.get(f"/api/payment-status/{order_id}").status_code == 404
        assert c.post(f"/api/orders/{order_id}/cancel").status_code == 404
        reuse = generate(c, order_id)
        assert reuse.status_code == 409
    assert status_of(kiosk, order_id)["status"] == "pending"


def test_status_of_an_unknown_order_is_404(kiosk: httpx.Client) -> None:
    assert kiosk.get(f"/api/payment-status/{new_order_id()}").status_code == 404


@pytest.mark.parametrize("wait", ["-1", "31", "soon", "nan"])
def test_wait_outside_0_to_30_seconds_is_refused(
    kiosk: httpx.Client, make_order: Callable[..., str], wait: str
) -> None:
    answer = kiosk.get(f"/api/payment-status/{make_order()}", params={"wait": wait})
    assert answer.status_code == 422
    assert "wait" in answer.json()["detail"]


def test_long_poll_answers_when_the_payment_commits(
    kiosk: httpx.Client, backend: BackendServer, make_order: Callable[..., str]
) -> None:
    order_id = make_order()
    answers: list[dict[str, Any]] = []
    waiting = threading.Thread(
        target=lambda: answers.append(
            kiosk.get(f"/api/payment-status/{order_id}", params={"wait": 30}).json()
        )
    )
    waiting.start()
    wait_for_waiters(backend.url, 1)
    backend.sandbox_pay(order_id)
    # Well before the 30 s deadline, at which the poll would answer anyway.
    waiting.join(timeout=15)
    answered_early = bool(answers)
    waiting.join()
    assert answered_early and answers[0]["status"] == "paid"
    assert answers[0]["method"] == "sandbox" and answers[0]["transaction_id"]
    assert answers[0]["paid_at"].endswith("Z")
    # Woken by the commit in this process, it answered the committed row: a read says the same
    # (but for the wait each request was given).
    assert answers[0].pop("wait_s") == 30
    read = status_of(kiosk, order_id)
    assert read.pop("wait_s") == 0
    assert answers[0] == read


def test_long_poll_answers_pending_at_the_deadline(
    kiosk: httpx.Client, make_order: Callable[..., str]
) -> None:
    answer = kiosk.get(f"/api/payment-status/{make_order()}", params={"wait": 0.2})
    assert answer.json()["status"] == "pending"


def test_sandbox_decline_fails_the_order_and_pay_afterwards_pays_it(
    kiosk: httpx.Client, backend: BackendServer, make_order: Callable[..., str]
) -> None:
    order_id = make_order()
    backend.sandbox_decline(order_id)
    assert status_of(kiosk, order_id)["status"] == "failed"
    backend.sandbox_pay(order_id)
    assert status_of(kiosk, order_id)["status"] == "paid"


def test_sandbox_page_shows_amount_and_both_buttons(
    http: httpx.Client, make_order: Callable[..., str]
) -> None:
    order_id = make_order(amount=2500)
    page = http.get(f"/sandbox/pay/{order_id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "2,500\u00a0UZS" in page.text and ">Pay</button>" in page.text
    # The amount as the booth writes it, in the phone's language.
    uzbek = http.get(f"/sandbox/pay/{order_id}", headers={"Accept-Language": "uz-UZ"}).text
    assert "2\u00a0500\u00a0so&#x27;m" in uzbek and ">To&#x27;lash</button>" in uzbek
    assert "2\u00a0500\u00a0сум" in http.get(f"/sandbox/pay/{order_id}",
                                            headers={"Accept-Language": "ru"}).text
    assert f"/sandbox/pay/{order_id}/pay" in page.text
    assert f"/sandbox/pay/{order_id}/decline" in page.text
    assert "width=device-width" in page.text
    assert http.get(f"/sandbox/pay/{new_order_id()}").status_code == 404


def test_cancel_cancels_a_pending_order_and_payment_is_then_refused(
    kiosk: httpx.Client, http: httpx.Client, make_order: Callable[..., str]
) -> None:
    order_id = make_order()
    assert kiosk.post(f"/api/orders/{order_id}/cancel").json()["status"] == "cancelled"
    assert http.post(f"/sandbox/pay/{order_id}/pay").status_code == 409
    assert status_of(kiosk, order_id)["status"] == "cancelled"


def test_cancel_after_payment_answers_paid(
    kiosk: httpx.Client, backend: BackendServer, make_order: Callable[..., str]
) -> None:
    order_id = make_order()
    backend.sandbox_pay(order_id)
    answer = kiosk.post(f"/api/orders/{order_id}/cancel").json()
    assert answer["status"] == "paid"
    assert status_of(kiosk, order_id)["status"] == "paid"


def test_cancel_racing_payment_ends_consistent(
    kiosk: httpx.Client, backend: BackendServer, make_order: Callable[..., str]
) -> None:
    for _ in range(5):
        order_id = make_order()
        paid, cancelled = race(
            lambda o=order_id: httpx.post(f"{backend.url}/sandbox/pay/{o}/pay").status_code,
            lambda o=order_id: kiosk.post(f"/api/orders/{o}/cancel").json()["status"],
        )
        final = status_of(kiosk, order_id)["status"]
        if paid == 200:
            assert cancelled == "paid" and final == "paid"
        else:
            assert cancelled == "cancelled" and final == "cancelled"


def events_body(*events: dict[str, Any]) -> dict[str, Any]:
    return {"events": list(events)}


def event(key: str, kind: str = "session.started", subject: str | None = None) -> dict[str, Any]:
    return {"key": key, "at": 1_765_000_000.5, "kind": kind, "subject": subject, "reason": "r",
            "data": {}}


def test_event_batch_is_answered_the_same_for_a_repeated_key(kiosk: httpx.Client) -> None:
    batch = new_order_id()
    body = events_body(event(batch + "-1"), event(batch + "-2"))
    first = kiosk.post("/api/devices/events", json=body, headers={"Idempotency-Key": batch})
    assert first.status_code == 200 and first.json() == {"accepted": 2, "duplicates": 0}
    again = kiosk.post(
        "/api/devices/events", json=events_body(), headers={"Idempotency-Key": batch}
    )
    assert again.json() == first.json()


def test_an_event_delivered_in_two_batches_is_stored_once(kiosk: httpx.Client) -> None:
    key = new_order_id()
    kiosk.post("/api/devices/events", json=events_body(event(key)),
               headers={"Idempotency-Key": key + "-a"})
    second = kiosk.post(
        "/api/devices/events",
        json=events_body(event(key), event(key + "-new")),
        headers={"Idempotency-Key": key + "-b"},
    )
    assert second.json() == {"accepted": 1, "duplicates": 1}


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (events_body(event("k")), {}),
        (events_body(event("k")), {"Idempotency-Key": ""}),
        ({"events": [{"key": "k", "at": "yesterday", "kind": "x"}]}, {"Idempotency-Key": "b"}),
        ({"events": [{"at": 1.0, "kind": "x"}]}, {"Idempotency-Key": "b"}),
        ({"events": [{"key": "", "at": 1.0, "kind": "x"}]}, {"Idempotency-Key": "b"}),
        ({"events": "all"}, {"Idempotency-Key": "b"}),
        ({}, {"Idempotency-Key": "b"}),
    ],
)
def test_bad_event_batches_are_refused_and_store_nothing(
    kiosk: httpx.Client, body: Any, headers: dict[str, str]
) -> None:
    key = new_order_id()
    headers = {name: (value and key) for name, value in headers.items()}
    answer = kiosk.post("/api/devices/events", json=body, headers=headers)
    assert answer.status_code == 422
    if headers.get("Idempotency-Key"):
        replay = kiosk.post(
            "/api/devices/events", json=events_body(), headers={"Idempotency-Key": key}
        )
        assert replay.json() == {"accepted": 0, "duplicates": 0}


def test_healthz(http: httpx.Client) -> None:
    assert http.get("/healthz").json()["status"] == "ok"


def test_server_restart_keeps_orders(
    kiosk: httpx.Client, backend: BackendServer, make_order: Callable[..., str]
) -> None:
    order_id = make_order()
    backend.sandbox_pay(order_id)
    backend.stop()
    backend.start()
    assert status_of(kiosk, order_id)["status"] == "paid"


def test_a_token_revoked_in_the_database_is_refused_at_once(backend: BackendServer) -> None:
    from sqlalchemy import create_engine, text

    from backend.devices import hash_token

    token = backend.add_device("to-revoke")
    headers = {"Authorization": f"Bearer {token}"}
    probe = f"{backend.url}/api/payment-status/{new_order_id()}"
    assert httpx.get(probe, headers=headers).status_code == 404
    engine = create_engine(backend.database_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE devices SET token_hash = 'revoked' WHERE token_hash = :h"),
                     {"h": hash_token(token)})
    engine.dispose()
    assert httpx.get(probe, headers=headers).status_code == 401
