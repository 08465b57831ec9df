"""The doctor on the backend: /healthz, the device token, the clock against its Date."""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.app.doctor.findings import Finding, fail, ok, warn
from kiosk.app.doctor.words import say
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
            yield fail("backend.unreachable", "backend.unreachable.fix", url=backend.url,
                       why=say(why_unreachable(exc)))
            return
        except BackendError as exc:
            yield fail("backend.error", "backend.error.fix", url=backend.url, detail=exc)
            return
        yield ok("backend.ok", url=backend.url)
        yield from _token_finding(client, backend.device_token)
    finally:
        client.close()
    try:
        skew = clock_skew(backend.url, timeout)
    except BackendError as exc:
        yield warn("clock.unknown", "clock.unknown.fix", detail=exc)
        return
    offset = say("clock.ahead" if skew > 0 else "clock.behind", n=round(abs(skew)))
    if abs(skew) > CLOCK_SKEW_LIMIT:
        yield warn("clock.off", "clock.off.fix", offset=offset)
    else:
        yield ok("clock.ok", offset=offset)


def _token_finding(client: BackendClient, token: str) -> Iterator[Finding]:
    if not token:
        yield fail("token.empty", "token.fix")
        return
    try:
        profile = client.device_profile()
    except Unauthorized:
        yield fail("token.refused", "token.fix")
        return
    except BackendError as exc:
        yield fail("token.unchecked", "token.unchecked.fix", detail=exc)
        return
    yield ok("token.ok", name=profile.name)


def why_unreachable(exc: BackendUnreachable) -> str:
    """The cause in a few words (a sentence's key), not the HTTP library's nested exception."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError) or "Connection refused" in str(cause):
            return "backend.refused"
        if "Name or service not known" in str(cause) or "NameResolution" in str(cause):
            return "backend.no_such_host"
        if isinstance(cause, TimeoutError) or "timed out" in str(cause).lower():
            return "backend.too_slow"
        cause = cause.__cause__ or cause.__context__
    return "backend.no_answer"
