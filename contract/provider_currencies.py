"""The currency each payment provider takes: the booth's prices must be in it."""

from __future__ import annotations

PROVIDER_CURRENCY = {"payme": "UZS", "click": "UZS", "sandbox": "UZS", "webpay": "BYN"}
