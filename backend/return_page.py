"""Where a provider sends the customer's browser after paying: a calm word in their language.

Not proof of payment (the provider's server-to-server call is); the booth prints once the
backend has that.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from backend.pages import message_page

TEXTS = {
    "uz": ("Rahmat", "Fotobudkaga qayting: to'lov tasdiqlangach suratlar chop etiladi."),
    "ru": ("Спасибо", "Вернитесь к фотобудке: фотографии напечатаются после оплаты."),
    "en": ("Thank you", "Return to the photobooth: it prints once paid."),
}

router = APIRouter(prefix="/return")


@router.get("/{order_id}", response_class=HTMLResponse)
def return_page(order_id: str) -> HTMLResponse:
    return HTMLResponse(message_page(*TEXTS["en"]))


@router.get("/{order_id}/{language}", response_class=HTMLResponse)
def return_page_in(order_id: str, language: Literal["uz", "ru", "en"]) -> HTMLResponse:
    return HTMLResponse(message_page(*TEXTS[language]))
