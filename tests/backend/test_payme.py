"""Payme Merchant API over real HTTP, one test per rule of spec/payme.md."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from backend.local_server import BackendServer
from tests.backend.conftest import PAYME_KEY, new_order_id, payme_auth, race, status_of

Payme = Callable[..., dict[str, Any]]
TWELVE_HOURS_S = 43_200


def tx_id() -> str:
    return secrets.token_hex(12)


def account(order_id: str) -> dict[str, str]:
    return {"order_id": order_id}


def create(payme: Payme, order_id: str, transaction: str, amount: int = 100000, time: int = 1):
    return payme(
        "CreateTransaction",
        {"id": transaction, "time": time, "amount": amount, "account": account(order_id)},
    )


def error_code(answer: dict[str, Any]) -> int | None:
    return answer.get("error", {}).get("code")


@pytest.fixture
def payme_order(make_order: Callable[..., str]) -> str:
    return make_order("payme", 1000)


def test_seed_scenario_generate_check_create_perform_then_status_is_paid(
    kiosk: httpx.Client, payme: Payme
) -> None:
    order_id = new_order_id()
    qr = kiosk.post(
        "/api/generate-qr", json={"order_id": order_id, "paymentType": "payme", "amount": 1000}
    )
    assert qr.status_code == 200
    assert payme("CheckPerformTransaction", {"amount": 100000, "account": account(order_id)})[
        "result"
    ] == {"allow": True}
    transaction = tx_id()
    created = create(payme, order_id, transaction)["result"]
    assert created["state"] == 1
    performed = payme("PerformTransaction", {"id": transaction})["result"]
    assert performed["state"] == 2 and performed["perform_time"] > 0
    status = status_of(kiosk, order_id)
    assert status["status"] == "paid"
    assert status["transaction_id"] == transaction and status["method"] == "payme"


def test_sandbox_scenario_1_created_then_cancelled(
    payme: Payme, payme_order: str, kiosk: httpx.Client
) -> None:
    check = {"amount": 100000, "account": account(payme_order)}
    assert error_code(payme("CheckPerformTransaction", check, auth=payme_auth("wrong"))) == -32504
    assert error_code(payme("CheckPerformTransaction", {**check, "amount": 99999})) == -31001
    transaction = tx_id()
    assert error_code(create(payme, payme_order, transaction, amount=99999)) == -31001
    unknown = payme("CheckPerformTransaction", {**check, "account": account("no-such-order")})
    assert error_code(unknown) == -31050 and unknown["error"]["data"] == "order_id"
    assert error_code(create(payme, "no-such-order", transaction)) == -31050
    assert payme("CheckPerformTransaction", check)["result"] == {"allow": True}
    first = create(payme, payme_order, transaction)
    assert first["result"]["state"] == 1
    assert create(payme, payme_order, transaction)["result"] == first["result"]
    checked = payme("CheckTransaction", {"id": transaction})["result"]
    assert checked == {
        "create_time": first["result"]["create_time"],
        "perform_time": 0,
        "cancel_time": 0,
        "transaction": first["result"]["transaction"],
        "state": 1,
        "reason": None,
    }
    assert error_code(create(payme, payme_order, tx_id())) == -31008
    cancelled = payme("CancelTransaction", {"id": transaction, "reason": 1})["result"]
    assert cancelled["state"] == -1 and cancelled["cancel_time"] > 0
    assert payme("CancelTransaction", {"id": transaction, "reason": 1})["result"] == cancelled
    final = payme("CheckTransaction", {"id": transaction})["result"]
    assert (final["state"], final["reason"], final["perform_time"]) == (-1, 1, 0)
    assert final["cancel_time"] == cancelled["cancel_time"]
    assert status_of(kiosk, payme_order)["status"] == "pending"


def test_sandbox_scenario_2_performed_then_cancelled(
    payme: Payme, payme_order: str, kiosk: httpx.Client
) -> None:
    transaction = tx_id()
    create(payme, payme_order, transaction)
    performed = payme("PerformTransaction", {"id": transaction})["result"]
    assert performed["state"] == 2
    assert payme("PerformTransaction", {"id": transaction})["result"] == performed
    checked = payme("CheckTransaction", {"id": transaction})["result"]
    assert (checked["state"], checked["perform_time"], checked["cancel_time"]) == (
        2, performed["perform_time"], 0,
    )
    cancelled = payme("CancelTransaction", {"id": transaction, "reason": 5})["result"]
    assert cancelled["state"] == -2
    final = payme("CheckTransaction", {"id": transaction})["result"]
    assert (final["state"], final["reason"]) == (-2, 5)
    assert final["perform_time"] == performed["perform_time"]
    assert status_of(kiosk, payme_order)["status"] == "refunded"


def test_a_cancelled_attempt_does_not_block_a_new_one(
    payme: Payme, payme_order: str, kiosk: httpx.Client
) -> None:
    first = tx_id()
    create(payme, payme_order, first)
    payme("CancelTransaction", {"id": first, "reason": 2})
    second = tx_id()
    assert create(payme, payme_order, second)["result"]["state"] == 1
    assert payme("PerformTransaction", {"id": second})["result"]["state"] == 2
    assert status_of(kiosk, payme_order)["transaction_id"] == second


def test_create_with_existing_id_in_another_state_is_refused(
    payme: Payme, payme_order: str
) -> None:
    transaction = tx_id()
    create(payme, payme_order, transaction)
    payme("PerformTransaction", {"id": transaction})
    assert error_code(create(payme, payme_order, transaction)) == -31008


def test_paid_order_is_refused_by_check_and_create(payme: Payme, payme_order: str) -> None:
    transaction = tx_id()
    create(payme, payme_order, transaction)
    payme("PerformTransaction", {"id": transaction})
    check = {"amount": 100000, "account": account(payme_order)}
    assert error_code(payme("CheckPerformTransaction", check)) == -31008
    assert error_code(create(payme, payme_order, tx_id())) == -31008


def test_order_cancelled_by_the_kiosk_is_refused(
    payme: Payme, payme_order: str, kiosk: httpx.Client
) -> None:
    transaction = tx_id()
    create(payme, payme_order, transaction)
    assert kiosk.post(f"/api/orders/{payme_order}/cancel").json()["status"] == "cancelled"
    check = {"amount": 100000, "account": account(payme_order)}
    assert error_code(payme("CheckPerformTransaction", check)) == -31008
    assert error_code(create(payme, payme_order, tx_id())) == -31008
    assert error_code(payme("PerformTransaction", {"id": transaction})) == -31008
    assert status_of(kiosk, payme_order)["status"] == "cancelled"


def test_perform_on_a_cancelled_attempt_never_marks_paid(
    payme: Payme, payme_order: str, kiosk: httpx.Client
) -> None:
    transaction = tx_id()
    create(payme, payme_order, transaction)
    payme("CancelTransaction", {"id": transaction, "reason": 3})
    assert error_code(payme("PerformTransaction", {"id": transaction})) == -31008
    assert status_of(kiosk, payme_order)["status"] == "pending"


@pytest.mark.parametrize("method", ["PerformTransaction", "CheckTransaction"])
def test_unknown_transaction_is_31003(payme: Payme, method: str) -> None:
    assert error_code(payme(method, {"id": tx_id()})) == -31003


def test_cancel_unknown_transaction_is_31003(payme: Payme) -> None:
    assert error_code(payme("CancelTransaction", {"id": tx_id(), "reason": 1})) == -31003


def test_cancel_after_delivery_is_31007(
    payme: Payme, payme_order: str, kiosk: httpx.Client
) -> None:
    transaction = tx_id()
    create(payme, payme_order, transaction)
    payme("PerformTransaction", {"id": transaction})
    printed = {"key": f"{payme_order}-printed", "at": 1_765_000_001.0, "kind": "print.printed",
               "subject": payme_order, "reason": "job completed", "data": {}}
    delivered = kiosk.post("/api/devices/events", json={"events": [printed]},
                           headers={"Idempotency-Key": f"{payme_order}-batch"})
    assert delivered.json() == {"accepted": 1, "duplicates": 0}
    assert error_code(payme("CancelTransaction", {"id": transaction, "reason": 5})) == -31007
    assert payme("CheckTransaction", {"id": transaction})["result"]["state"] == 2
    assert status_of(kiosk, payme_order)["status"] == "paid"


def test_statement_is_by_payme_time_ascending(payme: Payme, make_order) -> None:
    base = 1_900_000_000_000 + secrets.randbelow(10**9)
    ids = []
    for offset in (30, 10, 20):
        transaction = tx_id()
        create(payme, make_order("payme", 1000), transaction, time=base + offset)
        ids.append((base + offset, transaction))
    create(payme, make_order("payme", 1000), tx_id(), time=base + 100)
    rows = payme("GetStatement", {"from": base, "to": base + 30})["result"]["transactions"]
    assert [(row["time"], row["id"]) for row in rows] == sorted(ids)
    assert all(row["perform_time"] == 0 and row["state"] == 1 for row in rows)
    assert rows[0]["amount"] == 100000 and set(rows[0]["account"]) == {"order_id"}


def test_create_older_than_12_hours_is_cancelled_with_reason_4(
    backend: BackendServer, http: httpx.Client, payme: Payme, make_order, kiosk: httpx.Client
) -> None:
    again_id, perform_id = tx_id(), tx_id()
    again_order, perform_order = make_order("payme", 1000), make_order("payme", 1000)
    create(payme, again_order, again_id)
    create(payme, perform_order, perform_id)
    moved = http.post("/sandbox/clock", json={"seconds": TWELVE_HOURS_S + 1})
    assert moved.status_code == 200
    assert error_code(create(payme, again_order, again_id)) == -31008
    assert error_code(payme("PerformTransaction", {"id": perform_id})) == -31008
    for transaction in (again_id, perform_id):
        checked = payme("CheckTransaction", {"id": transaction})["result"]
        assert (checked["state"], checked["reason"]) == (-1, 4)
    assert status_of(kiosk, perform_order)["status"] == "pending"
    fresh = tx_id()
    assert create(payme, perform_order, fresh)["result"]["state"] == 1


def test_expired_pending_attempt_does_not_block_a_new_one(
    http: httpx.Client, payme: Payme, payme_order: str
) -> None:
    stale = tx_id()
    create(payme, payme_order, stale)
    http.post("/sandbox/clock", json={"seconds": TWELVE_HOURS_S + 1})
    assert create(payme, payme_order, tx_id())["result"]["state"] == 1
    assert payme("CheckTransaction", {"id": stale})["result"]["reason"] == 4


def test_change_password_replaces_the_key(payme: Payme) -> None:
    new_key = "rotated-" + secrets.token_hex(4)
    assert payme("ChangePassword", {"password": new_key})["result"] == {"success": True}
    probe = {"amount": 1, "account": account("nobody")}
    assert error_code(payme("CheckPerformTransaction", probe)) == -32504
    answer = payme("CheckPerformTransaction", probe, auth=payme_auth(new_key))
    assert error_code(answer) == -31050
    restored = payme("ChangePassword", {"password": PAYME_KEY}, auth=payme_auth(new_key))
    assert restored["result"] == {"success": True}


# --- races --------------------------------------------------------------------------------


def test_20_concurrent_creates_with_different_ids_leave_one_active_attempt(
    payme: Payme, payme_order: str
) -> None:
    ids = [tx_id() for _ in range(20)]
    answers = race(*[lambda t=t: create(payme, payme_order, t) for t in ids])
    winners = [t for t, answer in zip(ids, answers, strict=True) if "result" in answer]
    assert len(winners) == 1
    assert sorted(error_code(a) for a in answers if "error" in a) == [-31008] * 19
    assert payme("PerformTransaction", {"id": winners[0]})["result"]["state"] == 2


def test_20_identical_concurrent_creates_make_one_attempt_with_identical_answers(
    payme: Payme, payme_order: str
) -> None:
    transaction = tx_id()
    answers = race(*[lambda: create(payme, payme_order, transaction)] * 20)
    results = [answer["result"] for answer in answers]
    assert all(result == results[0] for result in results)
    statement = payme("GetStatement", {"from": 0, "to": 10})["result"]["transactions"]
    assert [row["id"] for row in statement].count(transaction) == 1


def test_perform_racing_cancel_ends_consistent(
    payme: Payme, make_order, kiosk: httpx.Client
) -> None:
    for _ in range(5):
        order_id = make_order("payme", 1000)
        transaction = tx_id()
        create(payme, order_id, transaction)
        performed, cancelled = race(
            lambda t=transaction: payme("PerformTransaction", {"id": t}),
            lambda t=transaction: payme("CancelTransaction", {"id": t, "reason": 3}),
        )
        final = payme("CheckTransaction", {"id": transaction})["result"]
        status = status_of(kiosk, order_id)["status"]
        if "error" in performed:
            assert error_code(performed) == -31008
            assert (final["state"], status) == (-1, "pending")
        else:
            assert cancelled["result"]["state"] == -2
            assert (final["state"], status) == (-2, "refunded")


def test_perform_racing_kiosk_cancel_ends_consistent(
    payme: Payme, make_order, kiosk: httpx.Client
) -> None:
    for _ in range(5):
        order_id = make_order("payme", 1000)
        transaction = tx_id()
        create(payme, order_id, transaction)
        performed, given_up = race(
            lambda t=transaction: payme("PerformTransaction", {"id": t}),
            lambda o=order_id: kiosk.post(f"/api/orders/{o}/cancel").json(),
        )
        final = status_of(kiosk, order_id)["status"]
        if "error" in performed:
            assert given_up["status"] == final == "cancelled"
        else:
            assert given_up["status"] == final == "paid"


# --- bad input ----------------------------------------------------------------------------


def raw_call(http: httpx.Client, body: bytes, auth: str | None = None) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Authorization": auth or payme_auth()}
    response = http.post("/payme", content=body, headers=headers)
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", -32700),
        (b"", -32700),
        (b"[1, 2]", -32600),
        (b'{"jsonrpc": "2.0", "id": 1}', -32600),
        (b'{"jsonrpc": "2.0", "id": 1, "method": 5}', -32600),
        (b'{"jsonrpc": "2.0", "id": 1, "method": "StealMoney", "params": {}}', -32601),
        (b'{"jsonrpc": "2.0", "id": 1, "method": "CheckTransaction", "params": []}', -32602),
        (b'{"jsonrpc": "2.0", "id": 1, "method": "CheckTransaction", "params": {"id": 7}}',
         -32602),
        (b'{"jsonrpc": "2.0", "id": 1, "method": "GetStatement", "params": {"from": "a"}}',
         -32602),
    ],
)
def test_malformed_requests_get_the_protocol_error(
    http: httpx.Client, body: bytes, code: int
) -> None:
    assert raw_call(http, body)["error"]["code"] == code


@pytest.mark.parametrize(
    "auth",
    [
        None,
        "Basic " + "not-base64!",
        payme_auth(login="Admin"),
        payme_auth("wrong-key"),
        "Bearer " + PAYME_KEY,
    ],
)
def test_wrong_or_missing_auth_is_32504(http: httpx.Client, auth: str | None) -> None:
    headers = {} if auth is None else {"Authorization": auth}
    response = http.post(
        "/payme",
        json={"jsonrpc": "2.0", "id": 9, "method": "CheckTransaction", "params": {"id": "x"}},
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["error"]["code"] == -32504 and response.json()["id"] == 9


def test_non_post_is_32300_with_http_200(http: httpx.Client) -> None:
    response = http.get("/payme")
    assert response.status_code == 200 and response.json()["error"]["code"] == -32300


@pytest.mark.parametrize(
    ("amount", "code"),
    [(100000.5, -31001), (-100000, -32602), ("100000", -32602), (10**40, -31001),
     (True, -32602), (None, -32602), (1000, -31001)],
)
def test_bad_amounts_change_nothing(
    payme: Payme, payme_order: str, kiosk: httpx.Client, amount: Any, code: int
) -> None:
    answer = create(payme, payme_order, tx_id(), amount=amount)
    assert error_code(answer) == code
    assert payme("CheckPerformTransaction", {"amount": 100000, "account": account(payme_order)})[
        "result"
    ] == {"allow": True}
    assert status_of(kiosk, payme_order)["status"] == "pending"


@pytest.mark.parametrize(
    "bad_account", [None, {}, {"order_id": 5}, {"order_id": "x" * 200}, {"order_id": "a b"}]
)
def test_bad_account_is_31050_naming_the_field(payme: Payme, bad_account: Any) -> None:
    answer = payme("CreateTransaction", {"id": tx_id(), "time": 1, "amount": 100,
                                         "account": bad_account})
    assert answer["error"]["code"] == -31050 and answer["error"]["data"] == "order_id"


@pytest.mark.parametrize("reason", [0, 6, "1", None, 1.0])
def test_cancel_with_a_bad_reason_changes_nothing(
    payme: Payme, payme_order: str, reason: Any
) -> None:
    transaction = tx_id()
    create(payme, payme_order, transaction)
    assert error_code(payme("CancelTransaction", {"id": transaction, "reason": reason})) == -32602
    assert payme("CheckTransaction", {"id": transaction})["result"]["state"] == 1


def test_error_messages_come_in_three_languages(payme: Payme) -> None:
    message = payme("CheckTransaction", {"id": tx_id()})["error"]["message"]
    assert set(message) == {"ru", "uz", "en"} and all(message.values())
