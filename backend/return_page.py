"""Where a provider sends the customer's browser after paying: a calm word in their language.

Not proof of payment (the provider's server-to-server call is); the booth prints once the
backend has that.
"""

from __future__ import annotations

from html import escape
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from backend.context import BackendContext
from backend.deps import Ctx, OrderIdPath
from backend.pages import page
from backend.receipt_link import receipt_link, receipt_url_by_id

TEXTS = {
    "uz": ("Rahmat", "Fotobudkaga qayting: to'lov tasdiqlangach suratlar chop etiladi."),
    "ru": ("Спасибо", "Вернитесь к фотобудке: фотографии напечатаются после оплаты."),
    "en": ("Thank you", "Return to the photobooth: it prints once paid."),
}

router = APIRouter(prefix="/return")


def _page(ctx: BackendContext, order_id: str, language: str) -> HTMLResponse:
    title, text = TEXTS[language]
    link = receipt_link(receipt_url_by_id(ctx, order_id), language)
    return HTMLResponse(page(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>{link}",
                             lang=language))


@router.get("/{order_id}", response_class=HTMLResponse)
async def return_page(order_id: OrderIdPath, ctx: Ctx) -> HTMLResponse:
    return await ctx.run(_page, ctx, order_id, "en")


@router.get("/{order_id}/{language}", response_class=HTMLResponse)
async def return_page_in(order_id: OrderIdPath, language: Literal["uz", "ru", "en"],
                         ctx: Ctx) -> HTMLResponse:
    return await ctx.run(_page, ctx, order_id, language)
