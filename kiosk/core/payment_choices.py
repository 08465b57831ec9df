"""Which payment providers a customer may pick: those both the booth and the backend take."""

from __future__ import annotations

from collections.abc import Collection, Sequence


def offered_providers(configured: Sequence[str], enabled: Collection[str] | None) -> list[str]:
    """The booth's providers the backend takes, in the operator's order; none while the
    backend has not said (then the booth offers only its default, and shows no chooser)."""
    if enabled is None:
        return []
    return [provider for provider in configured if provider in enabled]


def first_choice(default: str, offered: Sequence[str]) -> str:
    """The provider whose QR a new order shows first: the default, unless the backend
    does not take it and takes another of the booth's."""
    return default if default in offered or not offered else offered[0]


# The backend's setting that enables each provider (backend/settings.py, BOOTH_* names).
BACKEND_SETTINGS = {"payme": "BOOTH_PAYME_MERCHANT_ID and BOOTH_PAYME_KEY",
                    "click": "BOOTH_CLICK_SERVICE_ID, BOOTH_CLICK_MERCHANT_ID and "
                             "BOOTH_CLICK_SECRET_KEY",
                    "webpay": "BOOTH_WEBPAY_STORE_ID and BOOTH_WEBPAY_SECRET_KEY",
                    "sandbox": "BOOTH_SANDBOX=true (demos only)"}


def providers_mismatch(configured: Sequence[str], enabled: Collection[str]) -> str:
    """Why no customer could pay, and the setting on each side that would fix it."""
    return f"{no_provider_in_common(configured, enabled)}: {common_provider_fix(configured)}"


def no_provider_in_common(configured: Sequence[str], enabled: Collection[str]) -> str:
    takes = ", ".join(sorted(enabled)) or "none"
    return f"the backend takes none of payment.providers {list(configured)} (it takes: {takes})"


def common_provider_fix(configured: Sequence[str]) -> str:
    wanted = " or ".join(BACKEND_SETTINGS.get(p, p) for p in configured)
    return (f"set payment.providers in kiosk.toml to one it takes, or enable one on the "
            f"backend ({wanted})")
