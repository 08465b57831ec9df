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
