"""What this backend process runs with, for the operator: printed when `serve` starts and
answered as JSON on `GET /healthz?detail=1` to a logged-in operator (never to anyone else:
it names the database and the alert channels).

Secrets never appear: the database URL's password is masked, the providers and channels
are named, not their keys or tokens.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url

from backend.fiscal_setup import fiscal_warning
from backend.settings import BackendSettings

PROVIDER_ORDER = ("payme", "click", "webpay", "sandbox")


def redacted_database(url: str) -> str:
    """The database URL with its password as ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is refused at start; never echo it whole
        return url.split("@")[-1]


def alert_channels(settings: BackendSettings) -> list[str]:
    channels = []
    if settings.telegram_enabled:
        channels.append("telegram")
    if settings.alert_webhook_url:
        channels.append(f"webhook {url_origin(settings.alert_webhook_url)}")
    return channels


def url_origin(url: str) -> str:
    """An alert webhook named by its scheme and host: its path may carry a secret."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].rsplit('@', 1)[-1]}"


def start_report(settings: BackendSettings, listen: str) -> dict[str, Any]:
    """The process's settings an operator needs, and the warnings they call for."""
    providers = [name for name in PROVIDER_ORDER if name in settings.enabled_providers()]
    warnings = []
    if not providers:
        warnings.append("no payment provider is enabled: every booth goes out of service "
                        "(E-PROVIDER); set BOOTH_PAYME_MERCHANT_ID and BOOTH_PAYME_KEY (or "
                        "Click's or WebPay's BOOTH_* settings, README 'Deploying the backend')")
    if settings.sandbox:
        warnings.append("the sandbox is on: its pay page marks orders paid without money; "
                        "set BOOTH_SANDBOX=false outside a demo")
    if settings.webpay_enabled and not settings.webpay_operations_enabled:
        warnings.append("WebPay refunds are made by hand in WebPay's cabinet: set "
                        "BOOTH_WEBPAY_API_LOGIN, BOOTH_WEBPAY_API_PASSWORD and "
                        "BOOTH_WEBPAY_BILLING_ID (WebPay's support opens the operations API)")
    fiscal = fiscal_warning(settings)
    if fiscal is not None:
        warnings.append(fiscal)
    channels = alert_channels(settings)
    if not channels:
        warnings.append("no alert channel: alerts show on the dashboard only (set "
                        "BOOTH_TELEGRAM_BOT_TOKEN and BOOTH_TELEGRAM_CHAT_ID, or "
                        "BOOTH_ALERT_WEBHOOK_URL)")
    return {"listen": listen, "database": redacted_database(settings.database_url),
            "public_url": settings.public_url, "providers": providers,
            "alert_channels": channels, "warnings": warnings}


def banner(report: dict[str, Any]) -> str:
    """The report as the lines `booth-backend serve` prints at start."""
    lines = [f"booth-backend listening on {report['listen']}",
             f"  database:       {report['database']}",
             f"  public URL:     {report['public_url']}",
             f"  providers:      {', '.join(report['providers']) or 'none'}",
             f"  alert channels: {', '.join(report['alert_channels']) or 'none'}"]
    lines += [f"WARN  {warning}" for warning in report["warnings"]]
    return "\n".join(lines)
