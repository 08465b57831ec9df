"""A booth whose payment providers the backend does not take is out of service before its
first customer, with its own technician code, the reason on the technician's status, and
the booth red on the operator's dashboard."""

from __future__ import annotations

from backend.local_server import BackendServer
from kiosk.core import technician_codes
from kiosk.core.flow_table import State
from kiosk.core.ports import HealthState
from tests.harness.dashboard import logged_in, new_operator
from tests.integration.test_fleet_heartbeat import fleet_row

PAYME_ONLY = {"providers": ["payme"], "default_provider": "payme"}


def test_a_booth_whose_providers_the_backend_does_not_take_is_out_of_service_with_its_code(
        make_booth, backend: BackendServer) -> None:
    booth, runner = make_booth(payment=PAYME_ONLY)  # the test backend takes only the sandbox
    runner.until(lambda: booth.flow.state is State.out_of_service, "out of service", booth)
    assert booth.driver.technician_code() == technician_codes.PROVIDERS == "E-PROVIDER"
    health = booth.driver.booth_status().health["backend"]
    assert health.state is HealthState.fault
    assert health.message == (
        "the backend takes none of payment.providers ['payme'] (it takes: sandbox): set "
        "payment.providers in kiosk.toml to one it takes, or enable one on the backend "
        "(BOOTH_PAYME_MERCHANT_ID and BOOTH_PAYME_KEY)")
    booth.driver.touch()  # a customer's touch starts no session
    assert booth.flow.state is State.out_of_service and not booth.driver.context.shots

    admin = logged_in(backend, new_operator(backend))
    row = runner.until(lambda: "E-PROVIDER" in fleet_row(admin, "test-kiosk")
                       and fleet_row(admin, "test-kiosk"), "the reason on the dashboard", booth)
    assert '<td data-label="State" class="bad">' in row
    assert "takes none of payment.providers" in row


def test_a_booth_offering_one_provider_the_backend_takes_is_in_service(make_booth) -> None:
    booth, runner = make_booth(payment={"providers": ["payme", "sandbox"],
                                        "default_provider": "payme"})
    runner.until(lambda: booth.driver.health("backend").state is HealthState.ok,
                 "the backend checked", booth)
    assert booth.flow.state is State.attract
    assert booth.driver.payment_choices() == ["sandbox"]
