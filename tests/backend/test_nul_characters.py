"""A NUL character in what a booth, a provider or a visitor sends: SQLite stores it,
PostgreSQL cannot even compare it, so before these rules the same request was taken on one
database and answered 503 "database unavailable, retry" (or Payme's system error) on the
other, and a booth would retry an event or heartbeat holding one for ever."""

from __future__ import annotations

import base64
import time
import uuid

import httpx

from backend.local_server import BackendServer
from tests.conftest import PAYME_KEY
from tests.harness.dashboard import heartbeat, login_page


def test_an_event_with_a_nul_character_is_kept_with_the_character_replaced(
    backend: BackendServer,
) -> None:
    event = {"key": uuid.uuid4().hex, "at": time.time(), "kind": "printer.fault",
             "subject": None, "reason": "driver said: out\x00of paper",
             "data": {"message\x00": ["a\x00b"]}}
    answer = httpx.post(f"{backend.url}/api/devices/events", json={"events": [event]},
                        headers={"Authorization": f"Bearer {backend.token}",
                                 "Idempotency-Key": uuid.uuid4().hex})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"accepted": 1, "duplicates": 0}


def test_a_heartbeat_with_a_nul_character_is_taken(backend: BackendServer) -> None:
    heartbeat(backend, backend.token,
              printer={"state": "stopped", "message": "jam\x00", "reasons": ["x\x00"]})


def test_a_login_name_with_a_nul_character_is_a_wrong_login(backend: BackendServer) -> None:
    with httpx.Client(base_url=backend.url) as client:
        answer = client.post("/admin/login", data={"csrf_token": login_page(client),
                                                   "name": "ali\x00ce", "password": "x"})
    assert answer.status_code == 401, answer.text


def test_a_payme_transaction_id_with_a_nul_character_is_invalid_params(
    backend: BackendServer,
) -> None:
    paycom = base64.b64encode(f"Paycom:{PAYME_KEY}".encode()).decode()
    answer = httpx.post(f"{backend.url}/payme", headers={"Authorization": f"Basic {paycom}"},
                        json={"jsonrpc": "2.0", "id": 7, "method": "CheckTransaction",
                              "params": {"id": "tx\x00"}})
    assert answer.status_code == 200
    assert answer.json()["error"]["code"] == -32602, answer.text
