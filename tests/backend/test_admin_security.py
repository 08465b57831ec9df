"""The dashboard's security rules, each a test, against the real backend on SQLite and
PostgreSQL: login required everywhere, CSRF on every POST, lockout, session ids, cookie
flags, server-side sessions, escaping, harmless filters, and the two kinds of credential
kept apart."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import select

from backend.app import create_app
from backend.database import Database
from backend.fleet_models import OperatorSession
from backend.local_server import BackendServer, start_backend
from backend.operator_sessions import COOKIE_NAME
from backend.settings import BackendSettings
from tests.backend.conftest import PROVIDER_ENV, database_url_for
from tests.harness.dashboard import (
    PASSWORD,
    csrf_of,
    heartbeat,
    logged_in,
    login_page,
    move_clock,
    new_operator,
    try_login,
)

SCRIPT = "<script>alert(1)</script>"


def every_route(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(method, path) of every route, walking into included routers (FastAPI keeps them
    nested) — also those left out of the OpenAPI document."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from every_route(inner.routes, prefix + route.include_context.prefix)
        elif getattr(route, "methods", None):
            for method in sorted(route.methods - {"HEAD"}):
                yield method, prefix + route.path
        else:
            yield "MOUNT", prefix + route.path


def all_routes() -> list[tuple[str, str]]:
    # Every provider on, so no router is left out; the app is built, never started.
    settings = BackendSettings(database_url="sqlite:////nonexistent/booth.db", sandbox=True,
                               **{name.removeprefix("BOOTH_").lower(): value
                                  for name, value in PROVIDER_ENV.items()})
    return list(every_route(create_app(settings).routes))


def admin_routes() -> list[tuple[str, str]]:
    """(method, path) of every /admin route the application has, with sample path values."""
    return [(method, re.sub(r"\{[^}]+\}", "sample", path)) for method, path in all_routes()
            if path.startswith("/admin")]


# Every route outside /admin, and what guards it instead of the operator's login.
OTHER_ROUTES = {
    **dict.fromkeys([("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/redoc"),
                     ("GET", "/docs/oauth2-redirect"), ("GET", "/healthz")], "public, no data"),
    **dict.fromkeys([("GET", "/return/{order_id}"), ("GET", "/return/{order_id}/{language}")],
                    "public: a thank-you page (and the order's fiscal receipt link)"),
    ("MOUNT", "/static/admin"): "public: the dashboard's CSS and vendored JS",
    **dict.fromkeys([("GET", "/p/{token}"), ("GET", "/p/{token}/{name}"),
                     ("GET", "/p/{token}/photos.zip")],
                    "the photos link's 144-bit token (stored hashed), paid orders only"),
    ("PUT", "/api/orders/{order_id}/photos/{name}"): "the device token, its own paid order",
    ("POST", "/api/orders/{order_id}/refund"): "the device token, its own paid order",
    ("POST", "/api/devices/enroll"): "a one-time enrollment code, lockout per address",
    **dict.fromkeys([("POST", "/api/generate-qr"), ("GET", "/api/payment-status/{order_id}"),
                     ("POST", "/api/orders/{order_id}/cancel"), ("GET", "/api/devices/me"),
                     ("POST", "/api/devices/events"), ("POST", "/api/devices/heartbeat")],
                    "the device token"),
    ("POST", "/payme"): "Payme's Basic auth",
    **dict.fromkeys([("GET", "/payme"), ("PUT", "/payme"), ("PATCH", "/payme"),
                     ("DELETE", "/payme")], "answers a wrong-method error only"),
    **dict.fromkeys([("POST", "/click/prepare"), ("POST", "/click/complete")],
                    "Click's sign_string"),
    **dict.fromkeys([("POST", "/webpay/notify")], "WebPay's wsb_signature"),
    **dict.fromkeys([("GET", "/webpay/pay/{order_id}")], "public: the payment form"),
    **dict.fromkeys([("GET", "/sandbox/pay/{order_id}"), ("POST", "/sandbox/pay/{order_id}/pay"),
                     ("POST", "/sandbox/pay/{order_id}/decline"), ("POST", "/sandbox/clock")],
                    "the sandbox: demo and tests only (BOOTH_SANDBOX)"),
}


def test_every_route_is_behind_the_login_or_named_with_its_guard() -> None:
    """A new route anywhere fails here until it is put behind the login or named above."""
    outside = {route for route in all_routes() if not route[1].startswith("/admin")}
    assert outside - OTHER_ROUTES.keys() == set()


LOGIN_ROUTES = {("GET", "/admin/login"), ("POST", "/admin/login")}
PROTECTED = [route for route in admin_routes() if route not in LOGIN_ROUTES]
PROTECTED_POSTS = [path for method, path in PROTECTED if method == "POST"]


def test_the_dashboard_has_the_routes_this_suite_expects() -> None:
    # A guard for the enumeration itself: if it found nothing, every test below would pass.
    assert ("GET", "/admin") in PROTECTED and ("GET", "/admin/orders.csv") in PROTECTED
    assert "/admin/devices/enroll" in PROTECTED_POSTS and "/admin/logout" in PROTECTED_POSTS


@pytest.fixture(scope="module")
def operator(backend: BackendServer) -> str:
    return new_operator(backend)


@pytest.fixture
def admin(backend: BackendServer, operator: str) -> Iterator[httpx.Client]:
    client = logged_in(backend, operator)
    yield client
    client.close()


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_every_admin_route_without_a_session_redirects_to_login(
    http: httpx.Client, method: str, path: str
) -> None:
    answer = http.request(method, path, data={"csrf_token": "x", "name": "x"})
    assert answer.status_code == 303 and answer.headers["location"] == "/admin/login"
    # The self-refreshing part of the page is sent to the login page as a whole.
    polled = http.request(method, path, headers={"HX-Request": "true"})
    assert polled.status_code == 401 and polled.headers["HX-Redirect"] == "/admin/login"


def test_a_stolen_or_made_up_cookie_opens_nothing(backend: BackendServer) -> None:
    answer = httpx.get(f"{backend.url}/admin",
                       cookies={COOKIE_NAME: "forged-" + uuid.uuid4().hex})
    assert answer.status_code == 303 and answer.headers["location"] == "/admin/login"


@pytest.mark.parametrize("path", PROTECTED_POSTS)
def test_a_post_without_or_with_a_wrong_csrf_token_is_refused(
    admin: httpx.Client, path: str
) -> None:
    assert admin.post(path, data={"name": "booth-x"}).status_code == 403
    assert admin.post(path, data={"name": "booth-x", "csrf_token": "wrong"}).status_code == 403
    # Still logged in: the refusal changed nothing.
    assert admin.get("/admin").status_code == 200


def test_the_login_form_itself_needs_its_csrf_token(
    backend: BackendServer, operator: str
) -> None:
    with httpx.Client(base_url=backend.url) as client:
        login_page(client)
        refused = client.post("/admin/login", data={"name": operator, "password": PASSWORD})
        assert refused.status_code == 403
    with httpx.Client(base_url=backend.url) as cookieless:
        answer = cookieless.post("/admin/login", data={"name": operator, "password": PASSWORD,
                                                       "csrf_token": "guess"})
        assert answer.status_code == 403


def test_the_session_id_changes_at_login_and_the_old_one_opens_nothing(
    backend: BackendServer, operator: str
) -> None:
    with httpx.Client(base_url=backend.url) as client:
        login_page(client)
        before = client.cookies[COOKIE_NAME]
        answer = try_login(client, operator, PASSWORD)
        after = client.cookies[COOKIE_NAME]
        assert answer.status_code == 303 and after != before
        assert client.get("/admin").status_code == 200
    stale = httpx.get(f"{backend.url}/admin", cookies={COOKIE_NAME: before})
    assert stale.status_code == 303


def test_logout_ends_the_session_on_the_server(backend: BackendServer, operator: str) -> None:
    client = logged_in(backend, operator)
    cookie = client.cookies[COOKIE_NAME]
    token = csrf_of(client.get("/admin").text)
    answer = client.post("/admin/logout", data={"csrf_token": token})
    assert answer.status_code == 303 and answer.headers["location"] == "/admin/login"
    replayed = httpx.get(f"{backend.url}/admin", cookies={COOKIE_NAME: cookie})
    assert replayed.status_code == 303


def test_the_session_cookie_is_httponly_samesite_strict_and_not_secure_on_http(
    backend: BackendServer, operator: str
) -> None:
    with httpx.Client(base_url=backend.url) as client:
        answer = try_login(client, operator, PASSWORD)
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie


@pytest.fixture(scope="module")
def https_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    """Served on loopback http, but its public address is https (as behind the proxy)."""
    server = start_backend(tmp_path_factory.mktemp("https"),
                           extra_env={"BOOTH_PUBLIC_URL": "https://booths.example"})
    yield server
    server.stop()


def test_the_session_cookie_is_secure_when_the_public_url_is_https(
    https_backend: BackendServer,
) -> None:
    page = httpx.get(f"{https_backend.url}/admin/login")
    assert "Secure" in page.headers["set-cookie"] and "HttpOnly" in page.headers["set-cookie"]


def test_sessions_live_in_the_database_and_hold_only_a_digest(
    backend: BackendServer, operator: str
) -> None:
    """A second process on the same database honours a session the first one opened."""
    second = start_backend(backend.log_path.parent, database_url=backend.database_url,
                           extra_env=PROVIDER_ENV)
    try:
        cookie = logged_in(backend, operator).cookies[COOKIE_NAME]
        other = httpx.get(f"{second.url}/admin", cookies={COOKIE_NAME: cookie})
        assert other.status_code == 200 and operator in other.text
    finally:
        second.stop()
    db = Database(backend.database_url)
    try:
        with db.read() as session:
            stored = set(session.scalars(select(OperatorSession.id_hash)))
    finally:
        db.dispose()
    assert cookie not in stored and hashlib.sha256(cookie.encode()).hexdigest() in stored


def test_a_device_token_cannot_open_the_dashboard(http: httpx.Client,
                                                  backend: BackendServer) -> None:
    answer = http.get("/admin", headers={"Authorization": f"Bearer {backend.token}"})
    assert answer.status_code == 303 and answer.headers["location"] == "/admin/login"


def test_an_operator_session_cannot_call_the_kiosk_api(
    backend: BackendServer, admin: httpx.Client
) -> None:
    cookie = {COOKIE_NAME: admin.cookies[COOKIE_NAME]}
    assert httpx.get(f"{backend.url}/api/devices/me", cookies=cookie).status_code == 401
    qr = httpx.post(f"{backend.url}/api/generate-qr", cookies=cookie, json={
        "order_id": "t-operator", "paymentType": "sandbox", "amount": 1000})
    assert qr.status_code == 401
    assert httpx.post(f"{backend.url}/api/devices/heartbeat", cookies=cookie,
                      json={}).status_code == 401


def test_script_in_a_booth_or_order_field_shows_escaped(
    backend: BackendServer, admin: httpx.Client, payme
) -> None:
    suffix = uuid.uuid4().hex[:6]
    booth = f"{SCRIPT}-{suffix}"
    token = backend.add_device(booth)
    heartbeat(backend, token, state=SCRIPT, version=SCRIPT,
              printer={"state": "stopped", "message": SCRIPT, "reasons": [SCRIPT]})
    order_id = f"t-{suffix}"
    created = httpx.post(f"{backend.url}/api/generate-qr", headers={
        "Authorization": f"Bearer {token}"}, json={
        "order_id": order_id, "paymentType": "payme", "amount": 1000})
    assert created.status_code == 200
    transaction = f"{SCRIPT}{suffix}"
    assert "result" in payme("CreateTransaction", {"id": transaction, "time": 1,
                                                   "amount": 100_000,
                                                   "account": {"order_id": order_id}})
    assert "result" in payme("PerformTransaction", {"id": transaction})
    pages = {path: admin.get(path) for path in (
        "/admin", "/admin/orders", "/admin/devices", f"/admin/booths/{quote(booth)}")}
    for path, page in pages.items():
        assert page.status_code == 200, path
        assert "<script>alert" not in page.text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text, path
    assert order_id in pages["/admin/orders"].text
    assert f"&lt;script&gt;alert(1)&lt;/script&gt;{suffix}" in pages["/admin/orders"].text


@pytest.mark.parametrize("value", [
    "' OR '1'='1", "x'; DROP TABLE orders; --", "\" OR 1=1 --", "%' OR 1=1 --", "\\'; --",
])
def test_filter_parameters_with_sql_meta_characters_are_harmless(
    admin: httpx.Client, make_order, value: str
) -> None:
    order_id = make_order()
    for field in ("booth", "status", "provider", "date_from", "date_to", "view"):
        page = admin.get("/admin/orders", params={field: value})
        assert page.status_code == 200
        if field == "booth":  # matched as a plain name: no booth is called that
            assert "No orders." in page.text
    csv = admin.get("/admin/orders.csv", params={"booth": value, "status": value})
    assert csv.status_code == 200 and csv.text.count("\n") == 1
    # The orders table is still there and whole.
    assert order_id in admin.get("/admin/orders").text


# ----- lockout: its own backend, since it moves the clock --------------------------------


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def lockout_backend(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    url = database_url_for(request, request.param, "booth_lockout")
    server = start_backend(tmp_path_factory.mktemp(f"lockout-{request.param}"),
                           database_url=url, extra_env=PROVIDER_ENV)
    yield server
    server.stop()


def forwarded(address: str) -> dict[str, str]:
    """The client address as the TLS proxy in front reports it (trusted from loopback)."""
    return {"X-Forwarded-For": address}


def test_five_wrong_passwords_lock_that_name_from_that_address_for_15_minutes(
    lockout_backend: BackendServer,
) -> None:
    server = lockout_backend
    victim, bystander = new_operator(server), new_operator(server)
    with httpx.Client(base_url=server.url) as client:
        for _ in range(5):
            wrong = try_login(client, victim, "not the password", forwarded("203.0.113.7"))
            assert wrong.status_code == 401 and "Wrong name or password" in wrong.text
        locked = try_login(client, victim, PASSWORD, forwarded("203.0.113.7"))
        assert locked.status_code == 429 and "try again in 15 min" in locked.text
        # The guesser's address is locked for any account...
        assert try_login(client, bystander, PASSWORD,
                         forwarded("203.0.113.7")).status_code == 429
    # ...but the operator, elsewhere, is not locked out by someone guessing at her name.
    with httpx.Client(base_url=server.url) as client:
        assert try_login(client, victim, PASSWORD, forwarded("198.51.100.2")).status_code == 303
    with httpx.Client(base_url=server.url) as client:
        assert try_login(client, bystander, PASSWORD,
                         forwarded("198.51.100.3")).status_code == 303
    move_clock(server, 15 * 60 + 1)
    with httpx.Client(base_url=server.url) as client:
        answer = try_login(client, victim, PASSWORD, forwarded("203.0.113.7"))
        assert answer.status_code == 303 and answer.headers["location"] == "/admin"
