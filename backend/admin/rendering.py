"""Jinja2 templates (package data, autoescaped) and the headers every admin page carries."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.responses import HTMLResponse
from jinja2 import ChainableUndefined, Environment, PackageLoader, pass_context
from jinja2.runtime import Context

from backend.admin.i18n import LANGUAGE_NAMES, Words
from backend.context import BackendContext
from backend.heartbeats import health_words, state_words

# No inline script or style anywhere: the pages work under this policy.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@pass_context
def _duration(context: Context, seconds: float | None) -> str:
    """A span in the page's language ("3 d 1 h", "3 д 1 ч", "3 kun 1 soat")."""
    words: Words = context["_"]
    if not isinstance(seconds, int | float):  # missing from the heartbeat (Undefined), None
        return "—"
    seconds = int(seconds)
    if seconds < 60:
        return words("{s} s").format(s=seconds)
    if seconds < 3600:
        return words("{m} min").format(m=seconds // 60)
    if seconds < 86400:
        return words("{h} h {m} min").format(h=seconds // 3600, m=seconds % 3600 // 60)
    return words("{d} d {h} h").format(d=seconds // 86400, h=seconds % 86400 // 3600)


@pass_context
def _bytes(context: Context, value: int | None) -> str:
    words: Words = context["_"]
    if not isinstance(value, int | float):
        return "—"
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024:
            return f"{value:.0f} {words(unit)}"
        value /= 1024  # type: ignore[assignment]
    return f"{value:.1f} {words('TB')}"


def make_environment() -> Environment:
    env = Environment(loader=PackageLoader("backend.admin", "templates"), autoescape=True,
                      undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["duration"] = _duration
    env.filters["bytes"] = _bytes
    env.filters["state_words"] = state_words
    env.filters["health_words"] = health_words
    return env


class Pages:
    def __init__(self, ctx: BackendContext):
        self.env = make_environment()
        self.zone = ZoneInfo(ctx.settings.timezone)
        self.words = Words("en")

    def speaking(self, language: str) -> Pages:
        """These pages in `language` (the same templates and time zone)."""
        view = copy.copy(self)
        view.words = Words(language)
        return view

    def when(self, moment: datetime | float | None) -> str:
        """A time as the operator reads it: local, to the minute (ms since the epoch or a
        datetime; SQLite's naive datetimes are UTC)."""
        if moment is None:
            return "—"
        try:
            if not isinstance(moment, datetime):
                moment = datetime.fromtimestamp(moment / 1000, tz=UTC)
            elif moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
        except (OverflowError, ValueError, OSError, TypeError):
            # A moment stored before ingest checked it (milliseconds, absurd): shown as such.
            return "(invalid time)"

    def html(self, template: str, **values: Any) -> str:
        return self.env.get_template(template).render(
            when=self.when, _=self.words, lang=self.words.language, languages=LANGUAGE_NAMES,
            **values)

    def render(self, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(self.html(template, **values), status_code=status_code,
                            headers=SECURITY_HEADERS)
