"""Whether the backend can take payments now, as the booth's service contract says it.

Unreachable (or answering errors) is `degraded`: the payment screen says "payments
temporarily unavailable" instead of a QR while the rest of the booth keeps working;
the check keeps running, so the booth recovers by itself. A 401 is not an outage:
the device token was revoked, so health is `fault` with technician code E-AUTH and
the booth goes out of service. The same call tells which payment providers the backend
takes, so the payment screen offers only those; when it takes none of the booth's
`payment.providers` no customer could pay, so that is a `fault` too (technician code
E-PROVIDER, the message names both sides' settings): the booth is out of service before a
customer takes four shots for nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from kiosk.core import technician_codes
from kiosk.core.health_reporter import HealthReporter
from kiosk.core.payment_choices import offered_providers, providers_mismatch
from kiosk.core.ports import BackendLinkStatus, Health, HealthCallback, HealthState
from sync.api_client import BackendClient, BackendUnreachable, ServerError, Unauthorized
from sync.backend_loop import BackendLoop

log = logging.getLogger(__name__)


class BackendHealth(BackendLoop):
    """Checks every `interval` s on a worker; `on_health` runs on that worker."""

    thread_name = "backend-health"

    def __init__(self, client: BackendClient, *, interval: float = 5.0,
                 clock: Callable[[], float] = time.time,
                 on_health: HealthCallback | None = None,
                 longpoll_held: Callable[[], bool | None] = lambda: None,
                 configured_providers: Sequence[str] | None = None):
        super().__init__(client)
        self.configured_providers = configured_providers
        self.interval = interval
        self.clock = clock
        self.longpoll_held = longpoll_held
        # Another error text of the same trouble is not news for the screen.
        self._health = HealthReporter("backend", on_health, clock, "not checked yet",
                                      message_matters=False)
        self._providers: frozenset[str] | None = None

    def health(self) -> Health:
        return self._health.current

    def link_status(self) -> BackendLinkStatus:
        """The last answered call, long-poll or polling, and whether the token is accepted."""
        last = self.client.last_success
        health = self._health.current
        token_valid = {HealthState.ok: True}.get(health.state)
        if health.code == technician_codes.AUTH:
            token_valid = False
        return BackendLinkStatus(None if last is None else max(0.0, time.monotonic() - last),
                                 self.longpoll_held(), token_valid, self.client.clock_offset)

    def enabled_providers(self) -> frozenset[str] | None:
        """The providers the backend said it takes, the last time it answered."""
        return self._providers

    def check_once(self) -> Health:
        try:
            self.client.healthz()
            self._providers = self.client.device_profile().providers
            state, message, code = HealthState.ok, "the backend answers", None
            if self.configured_providers is not None and not offered_providers(
                    self.configured_providers, self._providers):
                state, message, code = (HealthState.fault,
                                        providers_mismatch(self.configured_providers,
                                                           self._providers),
                                        technician_codes.PROVIDERS)
        except Unauthorized:
            state, message, code = (HealthState.fault, "the backend refused this booth's token",
                                    technician_codes.AUTH)
        except BackendUnreachable as exc:
            state, message, code = HealthState.degraded, f"unreachable: {exc}", None
        except ServerError as exc:
            state, message, code = HealthState.degraded, f"server error: {exc}", None
        except Exception as exc:
            state, message, code = HealthState.degraded, f"unexpected answer: {exc}", None
        if self._health.report(state, message, code):
            log.info("backend health: %s (%s)", state, message)
        return self._health.current

    def _run(self) -> None:
        while not self._stopping.is_set():
            self.check_once()
            self._stopping.wait(self.interval)
