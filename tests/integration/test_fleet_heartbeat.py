"""The whole booth on the operator's dashboard: its heartbeat reaches the real backend at
start and right after a state change (long before the minute), and the page shows it."""

from __future__ import annotations

from backend.local_server import BackendServer
from kiosk.core.flow_table import State
from kiosk.core.ports import HealthState
from tests.harness.dashboard import logged_in, new_operator


def fleet_row(admin, name: str) -> str:
    page = admin.get("/admin/fleet").text
    start = page.index(f'data-booth="{name}"')
    return " ".join(page[start:page.index("</tr>", start)].split())


def test_the_booth_shows_on_the_dashboard_and_its_state_follows(
    make_booth, backend: BackendServer
) -> None:
    booth, runner = make_booth(printing={"low_paper_threshold": 450})
    runner.until(lambda: booth.driver.health("printer").state is not HealthState.starting,
                 "the printer checked", booth)
    admin = logged_in(backend, new_operator(backend))
    first = runner.until(lambda: "waiting for a customer" in fleet_row(admin, "test-kiosk")
                         and "ready" in fleet_row(admin, "test-kiosk")
                         and fleet_row(admin, "test-kiosk"), "the booth online", booth)
    assert "online" in first and "low (under 450)" in first  # 400 prints on a new roll
    booth.driver.touch()
    assert booth.flow.state is State.capture
    runner.until(lambda: "taking photos" in fleet_row(admin, "test-kiosk"),
                 "the new state on the dashboard", booth, timeout=30)
