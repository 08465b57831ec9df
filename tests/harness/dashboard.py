"""Talking to the operator's dashboard as a browser would (httpx, cookies, CSRF), and to
the backend's movable clock."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import httpx

from backend.local_server import BackendServer

PASSWORD = "correct horse battery staple"


def new_operator(server: BackendServer) -> str:
    name = f"op-{uuid.uuid4().hex[:8]}"
    server.add_operator(name, PASSWORD)
    return name


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def login_page(client: httpx.Client) -> str:
    page = client.get("/admin/login")
    assert page.status_code == 200, page.text
    return csrf_of(page.text)


def try_login(client: httpx.Client, name: str, password: str,
              headers: dict[str, str] | None = None) -> httpx.Response:
    token = login_page(client)
    return client.post("/admin/login", data={"csrf_token": token, "name": name,
                                             "password": password}, headers=headers)


def logged_in(server: BackendServer, name: str) -> httpx.Client:
    client = httpx.Client(base_url=server.url, timeout=30)
    answer = try_login(client, name, PASSWORD)
    assert answer.status_code == 303 and answer.headers["location"] == "/admin", answer.text
    return client


def heartbeat(server: BackendServer, token: str, **fields: Any) -> None:
    body = {"version": "1.2.3", "state": "attract",
            "printer": {"state": "ready", "message": "", "reasons": []},
            "prints_left": 300, "outbox": {"depth": 0, "oldest_age": None},
            "low_paper_threshold": 20, **fields}
    answer = httpx.post(f"{server.url}/api/devices/heartbeat", json=body,
                        headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text


def move_clock(server: BackendServer, seconds: int) -> None:
    """Moves the backend process's clock forward (the sandbox's loopback-only endpoint)."""
    answer = httpx.post(f"{server.url}/sandbox/clock", json={"seconds": seconds})
    assert answer.status_code == 200, answer.text


def paid_order(server: BackendServer, token: str, amount: int = 25_000) -> str:
    order_id = f"t-{uuid.uuid4().hex[:16]}"
    answer = httpx.post(f"{server.url}/api/generate-qr",
                        json={"order_id": order_id, "paymentType": "sandbox", "amount": amount},
                        headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    server.sandbox_pay(order_id)
    return order_id


def report_printed(server: BackendServer, token: str, order_id: str) -> None:
    event = {"key": uuid.uuid4().hex, "at": time.time(), "kind": "print.printed",
             "subject": order_id, "reason": "CUPS completed the job", "data": {}}
    answer = httpx.post(f"{server.url}/api/devices/events", json={"events": [event]},
                        headers={"Authorization": f"Bearer {token}",
                                 "Idempotency-Key": uuid.uuid4().hex})
    assert answer.status_code == 200, answer.text
