"""Whether the backend can take payments now, as a status the booth acts on.

Down means the payment screen says "payments temporarily unavailable" instead
of a QR while the rest of the booth keeps working; the check keeps running, so
the booth recovers by itself. A 401 is not an outage: the device token was
revoked, and the booth goes out of service with technician code E-AUTH.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sync.api_client import BackendClient, BackendUnreachable, ServerError, Unauthorized
from sync.backend_loop import BackendLoop

log = logging.getLogger(__name__)

TECHNICIAN_CODES = {"unauthorized": "E-AUTH"}


class BackendHealth(BackendLoop):
    """Checks every `interval` s on a worker; `on_change(up, reason)` runs on that worker."""

    thread_name = "backend-health"

    def __init__(self, client: BackendClient, *, interval: float = 5.0,
                 on_change: Callable[[bool, str], None]):
        super().__init__(client)
        self.interval = interval
        self.on_change = on_change
        self.up = False
        self.reason = "not checked yet"
        self._checked = False

    @property
    def technician_code(self) -> str | None:
        return TECHNICIAN_CODES.get(self.reason)

    def check_once(self) -> bool:
        try:
            self.client.healthz()
            self.client.check_token()
            up, reason = True, "ok"
        except Unauthorized:
            up, reason = False, "unauthorized"
        except BackendUnreachable:
            up, reason = False, "unreachable"
        except ServerError:
            up, reason = False, "server error"
        except Exception as exc:
            up, reason = False, f"unexpected answer: {exc}"
        changed = not self._checked or (up, reason) != (self.up, self.reason)
        self.up, self.reason, self._checked = up, reason, True
        if changed:
            log.info("backend health: %s (%s)", "up" if up else "down", reason)
            self.on_change(up, reason)
        return up

    def _run(self) -> None:
        while not self._stopping.is_set():
            self.check_once()
            self._stopping.wait(self.interval)
