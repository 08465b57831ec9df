"""Headers every answer carries: nosniff, and a Content-Security-Policy unless the route set
a stricter one (the dashboard's, backend/admin/rendering.py). A redirect to this server is
made relative, so no Location ever names a host a client made up (the Host header itself
is checked against BOOTH_PUBLIC_URL: allowed_hosts).

The public pages (photos, return, sandbox and WebPay hand-off) are built from constants with
every value escaped; their small inline style and script stay allowed, while anything from
elsewhere, framing, <base> and posting forms away (but to WebPay) are not. A photo or any
other non-HTML answer gets a policy that runs nothing should a browser render it as a page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.providers.webpay import PRODUCTION_URL, SANDBOX_URL
from backend.settings import BackendSettings

PAGE_POLICY = (
    "default-src 'none'; img-src 'self' data: blob:; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; connect-src 'self'; "
    f"form-action 'self' {PRODUCTION_URL} {SANDBOX_URL}; "
    "frame-ancestors 'none'; base-uri 'none'"
)
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def allowed_hosts(settings: BackendSettings) -> list[str]:
    """The public address's host, BOOTH_ALLOWED_HOSTS, and loopback (the demo's booth,
    health checks)."""
    extra = [name.strip() for name in settings.allowed_hosts.split(",") if name.strip()]
    return [urlsplit(settings.public_url).hostname or "", *extra, *LOOPBACK_HOSTS]


def _relative(location: str, scope: Scope) -> str:
    parts = urlsplit(location)
    if not parts.netloc:
        return location
    host = next((value.decode("latin-1") for key, value in scope.get("headers", [])
                 if key == b"host"), "")
    if parts.netloc != host:
        return location  # somewhere else on purpose (a provider's page)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class ResponseHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                html = headers.get("content-type", "").startswith("text/html")
                headers.setdefault("Content-Security-Policy", PAGE_POLICY if html else FILE_POLICY)
                if "location" in headers:
                    headers["Location"] = _relative(headers["location"], scope)
            await send(message)

        await self.app(scope, receive, send_with_headers)
