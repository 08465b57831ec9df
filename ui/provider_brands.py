"""Payment providers as a customer recognises them: the name, in the brand's colour.

Written, not drawn: no logo files to license or download. The colours are the brands'
own, lifted just enough to read on the booth's dark background.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Brand:
    name: str
    colour: str


BRANDS = {
    "payme": Brand("Payme", "#33cccc"),
    "click": Brand("Click", "#2f8cff"),
    "webpay": Brand("WebPay", "#f6921e"),
    "sandbox": Brand("Sandbox", "#b9bdc6"),
}


def brand(provider: str) -> Brand:
    return BRANDS.get(provider) or Brand(provider.capitalize(), "#b9bdc6")
