"""The dashboard in the operator's language: chosen once, remembered for that operator in
the database (any browser), the browser's language before that; counts and money as the
booth writes them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

import httpx
import pytest

from backend.admin.i18n import Words
from backend.local_server import BackendServer, start_backend
from tests.backend.conftest import database_url_for
from tests.harness.dashboard import csrf_of, heartbeat, logged_in, new_operator, paid_order


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def server(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    url = database_url_for(request, request.param, "booth_languages")
    backend = start_backend(tmp_path_factory.mktemp(f"languages-{request.param}"),
                            database_url=url)
    yield backend
    backend.stop()


def choose(client: httpx.Client, language: str, came_from: str = "/admin") -> httpx.Response:
    csrf = csrf_of(client.get("/admin").text)
    return client.post("/admin/language", data={"csrf_token": csrf, "language": language},
                       headers={"Referer": f"{client.base_url}{came_from}"})


def test_a_chosen_language_is_remembered_for_the_operator_on_any_browser(
    server: BackendServer,
) -> None:
    operator = new_operator(server)
    heartbeat(server, server.token)
    paid_order(server, server.token, amount=20_000)
    with closing(logged_in(server, operator)) as first:
        answer = choose(first, "uz", "/admin/booths/test-kiosk")
        assert answer.status_code == 303
        assert answer.headers["location"] == "/admin/booths/test-kiosk"
        page = first.get("/admin/booths/test-kiosk").text
        assert '<html lang="uz">' in page and "Hozir" in page
        assert "20\u00a0000\u00a0so&#39;m" in page  # the recent order, as the booth writes it
    with closing(logged_in(server, operator)) as second:  # a new session, as from another browser
        assert "Budkalar" in second.get("/admin").text
        assert "Budka</th>" in second.get("/admin/fleet").text  # the part that refreshes itself
    with closing(logged_in(server, new_operator(server))) as other:
        assert '<html lang="en">' in other.get("/admin").text


def test_before_a_choice_the_browser_language_decides(server: BackendServer) -> None:
    with closing(logged_in(server, new_operator(server))) as client:
        page = client.get("/admin", headers={"Accept-Language": "de-DE,ru;q=0.8,en;q=0.5"})
        assert '<html lang="ru">' in page.text and "Будки" in page.text


def test_an_unknown_language_is_refused_and_the_choice_kept(server: BackendServer) -> None:
    with closing(logged_in(server, new_operator(server))) as client:
        assert choose(client, "ru").status_code == 303
        assert choose(client, "de").status_code == 422
        assert '<html lang="ru">' in client.get("/admin").text


def test_the_way_back_never_leaves_the_dashboard(server: BackendServer) -> None:
    with closing(logged_in(server, new_operator(server))) as client:
        csrf = csrf_of(client.get("/admin").text)
        for referer in ("https://evil.example/phish", "https://x//evil.example/admin", ""):
            answer = client.post("/admin/language", data={"csrf_token": csrf, "language": "en"},
                                 headers={"Referer": referer})
            assert answer.headers["location"] == "/admin", referer


@pytest.mark.parametrize(("count", "russian", "english"), [
    (1, "1 оплачен", "1 paid"), (2, "2 оплачено", "2 paid"), (5, "5 оплачено", "5 paid"),
    (21, "21 оплачен", "21 paid")])
def test_counts_take_each_language_s_plural_form(count: int, russian: str,
                                                 english: str) -> None:
    assert Words("ru").n("{n} paid", count) == russian
    assert Words("en").n("{n} paid", count) == english
    assert [Words("ru").n("sessions", n) for n in (1, 3, 5, 11, 22)] == [
        "сеанс", "сеанса", "сеансов", "сеансов", "сеанса"]
    assert Words("en").n("{n} paid orders in 30 days.", 1) == "1 paid order in 30 days."
