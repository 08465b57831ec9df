"""The backend suite: every test against one real backend process per database kind
(SQLite, throwaway PostgreSQL), both taking every provider; clients as kiosk and provider."""

from __future__ import annotations

import base64
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from backend.local_server import BackendServer
from tests.conftest import (  # noqa: F401  (the suite's modules import them from here)
    CLICK_SECRET,
    CLICK_SERVICE_ID,
    PAYME_KEY,
    PROVIDER_ENV,
    WEBPAY_SECRET,
    BackendSpec,
    database_url_for,
)

# Every test here runs against SQLite and against PostgreSQL, with every provider on.
BACKEND = [BackendSpec(providers=True), BackendSpec(database="postgres", providers=True)]


@pytest.fixture
def kiosk(backend: BackendServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=backend.url, headers={"Authorization": f"Bearer {backend.token}"}, timeout=40
    ) as client:
        yield client


@pytest.fixture
def http(backend: BackendServer) -> Iterator[httpx.Client]:
    """Unauthenticated client, as a payment provider or a phone browser."""
    with httpx.Client(base_url=backend.url, timeout=40) as client:
        yield client


def new_order_id() -> str:
    return f"t-{uuid.uuid4().hex[:16]}"


@pytest.fixture
def make_order(kiosk: httpx.Client) -> Callable[..., str]:
    def make(payment_type: str = "sandbox", amount: int = 1000) -> str:
        order_id = new_order_id()
        answer = kiosk.post(
            "/api/generate-qr",
            json={"order_id": order_id, "paymentType": payment_type, "amount": amount},
        )
        assert answer.status_code == 200, answer.text
        return order_id

    return make


def payme_auth(key: str = PAYME_KEY, login: str = "Paycom") -> str:
    return "Basic " + base64.b64encode(f"{login}:{key}".encode()).decode()


@pytest.fixture
def payme(http: httpx.Client) -> Callable[..., dict[str, Any]]:
    """payme(method, params) → the JSON-RPC answer (HTTP status must be 200)."""
    counter = iter(range(1, 1_000_000))

    def call(method: str, params: dict[str, Any], *, auth: str | None = None) -> dict[str, Any]:
        response = http.post(
            "/payme",
            json={"jsonrpc": "2.0", "id": next(counter), "method": method, "params": params},
            headers={"Authorization": auth or payme_auth()},
        )
        assert response.status_code == 200, response.text
        return response.json()

    return call


def status_of(kiosk: httpx.Client, order_id: str) -> dict[str, Any]:
    response = kiosk.get(f"/api/payment-status/{order_id}")
    assert response.status_code == 200, response.text
    return response.json()


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Runs the calls at the same moment on separate threads; their results in order."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def wait_for_waiters(url: str, count: int, deadline_s: float = 20.0) -> None:
    """Until the server reports `count` parked long-polls (its /healthz says how many)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if httpx.get(f"{url}/healthz").json()["waiting"] >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{url} never had {count} waiting long-polls")
