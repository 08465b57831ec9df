"""Small phone-sized HTML pages (sandbox checkout, WebPay hand-off, return page)."""

from __future__ import annotations

from html import escape

STYLE = (
    "body{font-family:sans-serif;max-width:420px;margin:2em auto;padding:0 1em;"
    "text-align:center}button{font-size:1.3em;padding:.6em 1.4em;margin:.4em;"
    "border-radius:.4em;border:0}.pay{background:#1a7f37;color:#fff}"
    ".decline{background:#b42318;color:#fff}.amount{font-size:2.2em;margin:.5em 0}"
)


def page(title: str, body: str, *, onload: str = "", head: str = "", style: str = STYLE,
         lang: str = "en") -> str:
    """`head` is trusted markup (built by the caller from constants), the rest is escaped."""
    onload_attr = f' onload="{escape(onload)}"' if onload else ""
    return (
        f"<!doctype html><html lang='{escape(lang)}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"{head}<title>{escape(title)}</title><style>{style}</style></head>"
        f"<body{onload_attr}>{body}</body></html>"
    )


def message_page(title: str, text: str) -> str:
    return page(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>")
