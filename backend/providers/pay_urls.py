"""What a kiosk's QR code links to, and in which currency, per provider."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from backend.settings import BackendSettings
from contract.money import major_text

CURRENCY = {"payme": "UZS", "click": "UZS", "sandbox": "UZS", "webpay": "BYN"}


def return_url(settings: BackendSettings, order_id: str) -> str:
    return f"{settings.public_url}/return/{order_id}"


def payment_url(
    settings: BackendSettings, provider: str, order_id: str, amount_minor: int
) -> str:
    if provider == "payme":
        # Payme's checkout takes tiyin, the minor unit.
        params = (
            f"m={settings.payme_merchant_id};ac.order_id={order_id};a={amount_minor};l=ru;"
            f"c={return_url(settings, order_id)};ct=15000"
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
                "return_url": return_url(settings, order_id),
            }
        )
        return f"https://my.click.uz/services/pay?{query}"
    if provider == "webpay":
        return f"{settings.public_url}/webpay/pay/{order_id}"
    return f"{settings.public_url}/sandbox/pay/{order_id}"
