"""The language an operator's page speaks, and the pages speaking it: shared by every
router of /admin (the dashboard's and the refunds')."""

from __future__ import annotations

from fastapi import Request

from backend.admin.auth import AnySession
from backend.admin.languages import language_of
from backend.admin.rendering import Pages
from backend.deps import Ctx


async def operator_language(request: Request, ctx: Ctx, session: AnySession) -> None:
    """The language the pages of this request speak: the operator's choice, else the
    browser's."""
    operator = session.operator_id if session is not None else None
    request.state.language = await ctx.run(language_of, ctx.db, operator,
                                           request.headers.get("accept-language"))


def pages(request: Request) -> Pages:
    return request.app.state.admin_pages.speaking(request.state.language)
