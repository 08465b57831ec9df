"""The login page, rendered once per language and message and kept: showing the form or
refusing a login costs a string substitution, not a template rendering, so a storm of
logins takes little of the event loop that webhooks and long-polls share."""

from __future__ import annotations

from fastapi.responses import HTMLResponse

from backend.admin.rendering import SECURITY_HEADERS, Pages

# Stands for the visitor's CSRF token in a kept page (tokens are hex: no markup to escape).
CSRF_SLOT = "csrf-token-slot"
WRONG_PASSWORD = "Wrong name or password."
POOL_BUSY = "Too many logins at this moment: try again in a few seconds."
MESSAGES = ("", WRONG_PASSWORD, POOL_BUSY)


class LoginPages:
    def __init__(self, pages: Pages) -> None:
        self._pages = pages
        self._kept: dict[tuple[str, str], str] = {}

    def answer(self, language: str, csrf: str, message: str = "",
               status_code: int = 200) -> HTMLResponse:
        """The login form in `language` with one of MESSAGES above it (translated)."""
        if message not in MESSAGES:
            raise ValueError(f"not a kept login message: {message!r}")
        key = (language, message)
        if key not in self._kept:
            view = self._pages.speaking(language)
            self._kept[key] = view.html("login.html", csrf=CSRF_SLOT,
                                        error=view.words(message) if message else "")
        return HTMLResponse(self._kept[key].replace(CSRF_SLOT, csrf), status_code=status_code,
                            headers=SECURITY_HEADERS)
