"""The customer's phone: opens the sandbox pay page the QR points to and presses a button."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from dataclasses import dataclass

TIMEOUT_S = 30.0
FORM = re.compile(r"<form method='post' action='([^']+)'>")


class PhoneError(RuntimeError):
    """The page could not be reached or did not offer the button."""


@dataclass(frozen=True)
class PayPage:
    url: str
    actions: dict[str, str]  # "pay" / "decline" → absolute URL of that form


class Phone:
    """Only loopback addresses: the autopilot never leaves this machine."""

    def open(self, url: str) -> PayPage:
        parts = urllib.parse.urlsplit(url)
        if parts.hostname != "127.0.0.1":
            raise PhoneError(f"the QR points off this machine ({url}): the autopilot stays on "
                             "127.0.0.1")
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            page = response.read().decode()
        actions = {action.rsplit("/", 1)[-1]: urllib.parse.urljoin(url, action)
                   for action in FORM.findall(page)}
        return PayPage(url, actions)

    def press(self, page: PayPage, button: str) -> None:
        """Press "pay" or "decline" on the page, as the customer's thumb would."""
        if button not in page.actions:
            raise PhoneError(f"{page.url} offers no {button!r} button ({sorted(page.actions)})")
        request = urllib.request.Request(page.actions[button], data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            response.read()
