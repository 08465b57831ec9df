"""The doctor on the backend: /healthz, the device token, the clock against its Date."""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.app.doctor.findings import Finding, fail, ok, warn
from kiosk.core.config import KioskConfig
from sync.api_client import BackendClient, BackendError, BackendUnreachable, Unauthorized
from sync.backend_clock import clock_skew

CLOCK_SKEW_LIMIT = 60.0
BACKEND_TIMEOUT = 5.0


def check_backend(config: KioskConfig) -> Iterator[Finding]:
    backend = config.backend
    timeout = min(BACKEND_TIMEOUT, backend.read_timeout)
    client = BackendClient(backend.url, backend.device_token, retries=0,
                           connect_timeout=min(BACKEND_TIMEOUT, backend.connect_timeout),
                           read_timeout=timeout)
    try:
        try:
            client.healthz()
        except BackendUnreachable as exc:
            yield fail(f"backend {backend.url}: {why_unreachable(exc)}",
                       f"is booth-backend serve running there? check backend.url in the "
                       f"config and the network, then curl {backend.url}/healthz")
            return
        except BackendError as exc:
            yield fail(f"backend {backend.url}: {exc}",
                       "check backend.url, the network, and the server (GET /healthz)")
            return
        yield ok(f"backend {backend.url} answers /healthz")
        yield from _token_finding(client, backend.device_token)
    finally:
        client.close()
    try:
        skew = clock_skew(backend.url, timeout)
    except BackendError as exc:
        yield warn(f"clock: cannot compare with the backend ({exc})", "see the backend checks")
        return
    what = f"clock: {abs(skew):.0f} s {'ahead of' if skew > 0 else 'behind'} the backend"
    if abs(skew) > CLOCK_SKEW_LIMIT:
        yield warn(what + " (QR expiry depends on it)", "sudo timedatectl set-ntp true")
    else:
        yield ok(what)


def _token_finding(client: BackendClient, token: str) -> Iterator[Finding]:
    fix = ("enroll the booth: create a one-time code on the dashboard (Devices), then "
           "kiosk enroll BACKEND_URL CODE")
    if not token:
        yield fail("device token: backend.device_token is empty", fix)
        return
    try:
        profile = client.device_profile()
    except Unauthorized:
        yield fail("device token: the backend refuses it (unknown or revoked)", fix)
        return
    except BackendError as exc:
        yield fail(f"device token: cannot check it ({exc})", "see the backend check above")
        return
    yield ok(f"device token accepted: this booth is {profile.name!r} (GET /api/devices/me)")


def why_unreachable(exc: BackendUnreachable) -> str:
    """The cause in a few words, not the HTTP library's nested exception."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError) or "Connection refused" in str(cause):
            return "connection refused (nothing listens at that address)"
        if "Name or service not known" in str(cause) or "NameResolution" in str(cause):
            return "the host name does not resolve"
        if isinstance(cause, TimeoutError) or "timed out" in str(cause).lower():
            return "no answer in time"
        cause = cause.__cause__ or cause.__context__
    return "no answer"
