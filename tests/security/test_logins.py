"""Wrong logins cannot stall the server, lock an operator out, or fill the session table."""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import psutil
from sqlalchemy import func, select

from backend.database import Database
from backend.fleet_models import OperatorSession
from backend.local_server import BackendServer
from backend.password_checks import MAX_PENDING
from backend.settings import BackendSettings
from tests.harness.dashboard import PASSWORD, new_operator, try_login


def _wrong_login(server: BackendServer, index: int, answers: list[int]) -> None:
    with httpx.Client(base_url=server.url, timeout=120) as client:
        answer = try_login(client, f"nobody-{uuid.uuid4().hex[:8]}", "wrong password here",
                           {"X-Forwarded-For": f"192.0.2.{index + 1}"})
    answers.append(answer.status_code)


def _storm(server: BackendServer, count: int) -> tuple[list[threading.Thread], list[int]]:
    answers: list[int] = []
    threads = [threading.Thread(target=_wrong_login, args=(server, index, answers))
               for index in range(count)]
    for thread in threads:
        thread.start()
    return threads, answers


def _cpu_seconds(process: psutil.Process) -> tuple[float, float]:
    """(the event loop's thread, the whole process): uvicorn's loop runs on the main thread,
    whose id is the process id."""
    threads = process.threads()
    main = next(t.user_time + t.system_time for t in threads if t.id == process.pid)
    return main, sum(t.user_time + t.system_time for t in threads)


def test_wrong_logins_hash_off_the_event_loop(backend: BackendServer) -> None:
    assert backend.process is not None
    server = psutil.Process(backend.process.pid)
    loop_before, all_before = _cpu_seconds(server)
    threads, answers = _storm(backend, MAX_PENDING)
    for thread in threads:
        thread.join()
    loop_after, all_after = _cpu_seconds(server)
    assert answers == [401] * MAX_PENDING
    loop_share = (loop_after - loop_before) / (all_after - all_before)
    assert loop_share < 0.5, f"the event loop's thread did {loop_share:.0%} of the hashing"


def test_logins_beyond_the_pool_are_refused_at_once_with_429(backend: BackendServer) -> None:
    threads, answers = _storm(backend, 3 * MAX_PENDING)
    for thread in threads:
        thread.join()
    assert answers.count(429) >= 1, answers
    assert set(answers) <= {401, 429}, answers


def test_guessing_at_an_operator_from_elsewhere_does_not_lock_her_out(
    backend: BackendServer,
) -> None:
    alice = new_operator(backend)
    with httpx.Client(base_url=backend.url) as attacker:
        for _ in range(12):
            try_login(attacker, alice, "guess guess guess", {"X-Forwarded-For": "203.0.113.66"})
        assert try_login(attacker, alice, PASSWORD,
                         {"X-Forwarded-For": "203.0.113.66"}).status_code == 429
    with httpx.Client(base_url=backend.url) as her_browser:
        answer = try_login(her_browser, alice, PASSWORD, {"X-Forwarded-For": "198.51.100.9"})
    assert answer.status_code == 303 and answer.headers["location"] == "/admin"


def _session_rows(server: BackendServer) -> int:
    db = Database(server.database_url)
    try:
        with db.read() as session:
            return session.scalar(select(func.count()).select_from(OperatorSession)) or 0
    finally:
        db.dispose()


def test_showing_the_login_page_writes_no_session_row(backend: BackendServer) -> None:
    before = _session_rows(backend)
    for _ in range(30):
        page = httpx.get(f"{backend.url}/admin/login")
        assert page.status_code == 200 and 'name="csrf_token"' in page.text
    assert _session_rows(backend) == before


def test_a_wrong_password_is_answered_only_after_the_delay(backend: BackendServer) -> None:
    """Each guess costs the guesser the wait (BOOTH_WRONG_LOGIN_DELAY_SECONDS, 2 s), as
    login(1)'s delay does; the right password is let in (tests/harness/dashboard)."""
    delay = BackendSettings.model_fields["wrong_login_delay_seconds"].default
    with httpx.Client(base_url=backend.url, timeout=120) as client:
        posted = time.monotonic()
        answer = try_login(client, new_operator(backend), "not the password",
                           {"X-Forwarded-For": "192.0.2.200"})
        waited = time.monotonic() - posted
    assert answer.status_code == 401
    assert waited >= delay, f"a wrong password answered after {waited:.2f} s"
