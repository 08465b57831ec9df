"""What a kiosk's QR code links to, and in which currency, per provider."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from backend.settings import BackendSettings
from contract.money import major_text
from contract.provider_currencies import PROVIDER_CURRENCY

CURRENCY = PROVIDER_CURRENCY
LANGUAGES = ("uz", "ru", "en")
# Payme's own default: what a link without the customer's language asks for.
PAYME_DEFAULT_LANGUAGE = "ru"


def return_url(settings: BackendSettings, order_id: str, language: str | None = None) -> str:
    """Where the provider sends the customer's browser back; it carries their language."""
    base = f"{settings.public_url}/return/{order_id}"
    return f"{base}/{language}" if language else base


def payment_url(
    settings: BackendSettings,
    provider: str,
    order_id: str,
    amount_minor: int,
    language: str | None = None,
) -> str:
    if provider == "payme":
        # Payme's checkout takes tiyin, the minor unit.
        params = (
            f"m={settings.payme_merchant_id};ac.order_id={order_id};a={amount_minor};"
            f"l={language or PAYME_DEFAULT_LANGUAGE};"
            f"c={return_url(settings, order_id, language)};ct=15000"
        )
        host = "test.paycom.uz" if settings.payme_test_mode else "checkout.paycom.uz"
        return f"https://{host}/" + base64.b64encode(params.encode()).decode()
    if provider == "click":
        query = urlencode(
            {
                "service_id": settings.click_service_id,
                "merchant_id": settings.click_merchant_id,
                "amount": major_text(amount_minor, CURRENCY[provider]),
                "transaction_param": order_id,
                "return_url": return_url(settings, order_id, language),
            }
        )
        return f"https://my.click.uz/services/pay?{query}"
    if provider == "webpay":
        # The backend's own page posts the signed form; it passes the language on.
        page = f"{settings.public_url}/webpay/pay/{order_id}"
        return f"{page}?{urlencode({'lang': language})}" if language else page
    return f"{settings.public_url}/sandbox/pay/{order_id}"
