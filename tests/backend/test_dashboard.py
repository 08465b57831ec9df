"""The operator's pages over HTTP against the real backend (SQLite and PostgreSQL):
heartbeats shown, online/offline by the backend's clock, today's money, a booth's page,
the paid-but-not-delivered list and its CSV, enrollment codes and revocation."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterator

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from tests.backend.conftest import database_url_for
from tests.harness.dashboard import (
    csrf_of,
    heartbeat,
    logged_in,
    move_clock,
    new_operator,
    paid_order,
    report_printed,
)


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def server(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    """Its own backend: these tests move its clock."""
    url = database_url_for(request, request.param, "booth_dashboard")
    backend = start_backend(tmp_path_factory.mktemp(f"dashboard-{request.param}"),
                            database_url=url)
    yield backend
    backend.stop()


@pytest.fixture(scope="module")
def admin(server: BackendServer) -> Iterator[httpx.Client]:
    client = logged_in(server, new_operator(server))
    yield client
    client.close()


def booth_row(admin: httpx.Client, name: str, path: str = "/admin/fleet") -> str:
    page = admin.get(path)
    assert page.status_code == 200
    found = re.search(rf'<tr class="booth [^"]*" data-booth="{re.escape(name)}">.*?</tr>',
                      page.text, re.S)
    assert found, f"{name} is not on {path}"
    return " ".join(found.group(0).split())


def new_booth(server: BackendServer) -> tuple[str, str]:
    name = f"booth-{uuid.uuid4().hex[:6]}"
    return name, server.add_device(name)


def test_a_heartbeat_shows_the_booth_online_with_its_status(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, token = new_booth(server)
    assert "never seen" in booth_row(admin, name)
    heartbeat(server, token, state="out_of_service", version="2.4.1", free_mode=True,
              printer={"state": "paper_out", "message": "Media empty", "reasons":
                       ["media-empty-error"], "marker_levels": {}},
              prints_left=7, low_paper_threshold=10,
              outbox={"depth": 3, "oldest_age": 125.0},
              camera_model="sent by a newer booth")
    row = booth_row(admin, name, "/admin")
    assert 'class="booth online"' in row and "online" in row
    for shown in ("out of service", "2.4.1", "free mode", "out of paper", "Media empty",
                  "low (under 10)", "3 waiting, 2 min"):
        assert shown in row, shown
    assert "out_of_service" not in row and "paper_out" not in row  # words, not enum names


def test_a_heartbeat_with_wrong_types_or_no_token_is_refused(server: BackendServer) -> None:
    url = f"{server.url}/api/devices/heartbeat"
    auth = {"Authorization": f"Bearer {server.token}"}
    assert httpx.post(url, json={"prints_left": "many"}, headers=auth).status_code == 422
    assert httpx.post(url, json={"outbox": {"depth": -1}}, headers=auth).status_code == 422
    assert httpx.post(url, json={"state": "attract"}).status_code == 401


def test_a_booth_silent_for_3_minutes_shows_offline_since_its_last_heartbeat(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token)
    assert 'class="booth online"' in booth_row(admin, name)
    move_clock(server, 3 * 60)
    row = booth_row(admin, name)
    assert 'class="booth offline"' in row and "offline since" in row
    heartbeat(server, token)  # back: latest wins
    assert 'class="booth online"' in booth_row(admin, name)


def test_a_late_older_heartbeat_does_not_overwrite_a_newer_one(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token, state="payment", sequence=8, sequence_epoch=77)
    heartbeat(server, token, state="out_of_service", sequence=7, sequence_epoch=77)  # late
    row = booth_row(admin, name)
    assert "showing a payment code" in row and "out of service" not in row
    heartbeat(server, token, state="out_of_service", sequence=9, sequence_epoch=77)
    assert "out of service" in booth_row(admin, name)


def test_a_booth_whose_database_was_made_anew_is_heard_at_once(
    server: BackendServer, admin: httpx.Client
) -> None:
    """Its numbering starts again from 1 under a new epoch."""
    name, token = new_booth(server)
    heartbeat(server, token, state="payment", sequence=500, sequence_epoch=77)
    heartbeat(server, token, state="out_of_service", sequence=1, sequence_epoch=78)
    assert "out of service" in booth_row(admin, name)


def test_a_booth_whose_clock_is_off_by_over_a_minute_is_flagged(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token, backend_link={"seconds_since_success": 2.0, "longpoll_held": True,
                                           "token_valid": True, "clock_offset": -930.2})
    assert "clock -930 s off the backend" in booth_row(admin, name)
    heartbeat(server, token, backend_link={"seconds_since_success": 2.0, "longpoll_held": True,
                                           "token_valid": True, "clock_offset": 3.0})
    assert "off the backend" not in booth_row(admin, name)


def test_today_shows_sessions_paid_orders_and_revenue(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token)
    paid_order(server, token, amount=25_000)
    paid_order(server, token, amount=15_000)
    started = httpx.post(f"{server.url}/api/generate-qr", headers={
        "Authorization": f"Bearer {token}"}, json={
        "order_id": f"t-{uuid.uuid4().hex[:12]}", "paymentType": "sandbox", "amount": 9_000})
    assert started.status_code == 200
    # Money as the booth writes it in English; in Russian as the booth writes it in Russian.
    assert "3 sessions · 2 paid · 40,000 UZS" in booth_row(admin, name)


def test_a_booth_page_has_its_chart_orders_and_events(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, token = new_booth(server)
    heartbeat(server, token, health={"camera": {"state": "degraded", "message": "USB reset",
                                                "since": 1.0, "code": "E-CAMERA"}})
    printed, unprinted = paid_order(server, token), paid_order(server, token, amount=30_000)
    report_printed(server, token, printed)
    page = admin.get(f"/admin/booths/{name}")
    assert page.status_code == 200
    assert page.text.count('class="bar"') == 30  # one bar per day, 30 days
    assert "2 paid orders in 30 days" in page.text
    assert printed in page.text and unprinted in page.text and "not printed" in page.text
    assert "print.printed" in page.text and "E-CAMERA" in page.text and "USB reset" in page.text
    assert admin.get("/admin/booths/no-such-booth").status_code == 404


def test_the_paid_but_not_delivered_view_and_its_csv(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, token = new_booth(server)
    printed, waiting = paid_order(server, token), paid_order(server, token, amount=35_000)
    report_printed(server, token, printed)
    view = admin.get("/admin/orders", params={"view": "undelivered", "booth": name})
    assert waiting in view.text and printed not in view.text and "−31007" in view.text
    export = admin.get("/admin/orders.csv", params={"view": "undelivered", "booth": name})
    assert export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert [(r["order_id"], r["booth"], r["amount"], r["status"], r["delivered_at"])
            for r in rows] == [(waiting, name, "35000.00", "paid", "")]
    everything = list(csv.DictReader(io.StringIO(
        admin.get("/admin/orders.csv", params={"booth": name}).text)))
    assert {r["order_id"] for r in everything} == {printed, waiting}


def test_orders_filter_by_status_provider_and_date(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, token = new_booth(server)
    paid = paid_order(server, token)
    pending = f"t-{uuid.uuid4().hex[:12]}"
    httpx.post(f"{server.url}/api/generate-qr", headers={"Authorization": f"Bearer {token}"},
               json={"order_id": pending, "paymentType": "sandbox", "amount": 1000})

    def shown(**params: str) -> set[str]:
        text = admin.get("/admin/orders", params={"booth": name, **params}).text
        return {order for order in (paid, pending) if order in text}

    assert shown() == {paid, pending}
    assert shown(status="paid") == {paid}
    assert shown(status="pending") == {pending}
    assert shown(provider="sandbox") == {paid, pending}
    assert shown(provider="payme") == set()
    assert shown(date_from="2000-01-01", date_to="2000-01-02") == set()
    assert shown(date_from="2000-01-01") == {paid, pending}
    refused = admin.get("/admin/orders", params={"status": "lost"})
    assert "status: no status &#39;lost&#39;" in refused.text


def enroll(server: BackendServer, code: str, address: str = "192.0.2.10") -> httpx.Response:
    return httpx.post(f"{server.url}/api/devices/enroll", json={"code": code},
                      headers={"X-Forwarded-For": address})


def new_code(admin: httpx.Client, name: str) -> str:
    token = csrf_of(admin.get("/admin/devices").text)
    page = admin.post("/admin/devices/enroll", data={"csrf_token": token, "name": name})
    assert page.status_code == 200, page.text
    found = re.search(r'<p class="code">([A-Z0-9]{4}-[A-Z0-9]{4})</p>', page.text)
    assert found and f"kiosk enroll {page.url.scheme}://" in page.text
    return found.group(1)


def test_an_enrollment_code_gives_a_new_booth_its_token_once(
    server: BackendServer, admin: httpx.Client
) -> None:
    name = f"hall-{uuid.uuid4().hex[:6]}"
    code = new_code(admin, name)
    answer = enroll(server, code.lower().replace("-", " "))
    assert answer.status_code == 200 and answer.json()["name"] == name
    token = answer.json()["device_token"]
    me = httpx.get(f"{server.url}/api/devices/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert enroll(server, code).status_code == 403  # used
    assert name in admin.get("/admin/devices").text


def test_an_enrollment_code_expires_after_an_hour(
    server: BackendServer, admin: httpx.Client
) -> None:
    code = new_code(admin, f"late-{uuid.uuid4().hex[:6]}")
    move_clock(server, 3600)
    assert enroll(server, code, "192.0.2.11").status_code == 403


def test_five_wrong_codes_lock_the_address_out(
    server: BackendServer, admin: httpx.Client
) -> None:
    for _ in range(5):
        assert enroll(server, "WRONG-CODE", "192.0.2.66").status_code == 403
    code = new_code(admin, f"locked-{uuid.uuid4().hex[:6]}")
    assert enroll(server, code, "192.0.2.66").status_code == 429
    assert enroll(server, code, "192.0.2.67").status_code == 200


def test_a_bad_booth_name_gets_no_code(admin: httpx.Client) -> None:
    token = csrf_of(admin.get("/admin/devices").text)
    page = admin.post("/admin/devices/enroll", data={"csrf_token": token, "name": "../x"})
    assert page.status_code == 422 and 'class="code"' not in page.text


def test_revoking_a_booth_stops_every_token_it_had(
    server: BackendServer, admin: httpx.Client
) -> None:
    name, first = new_booth(server)
    second = server.add_device(name)  # a re-issued token: still the same booth
    heartbeat(server, second)
    assert "<td data-label=\"Tokens\">2</td>" in admin.get("/admin/devices").text
    token = csrf_of(admin.get("/admin/devices").text)
    answer = admin.post("/admin/devices/revoke", data={"csrf_token": token, "name": name})
    assert answer.status_code == 303
    for device_token in (first, second):
        me = httpx.get(f"{server.url}/api/devices/me",
                       headers={"Authorization": f"Bearer {device_token}"})
        assert me.status_code == 401
    assert f'data-booth="{name}"' not in admin.get("/admin").text
