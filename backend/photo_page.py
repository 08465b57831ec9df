"""The customer's photos on their phone: `GET /p/{token}` and the files it shows.

`GET /p/{code}` (the short code typed by hand) sends a right code on to its token's page;
wrong codes are counted per client address (backend.photo_codes), a locked address gets 429.

Unknown token, unpaid order → 404; after BOOTH_PHOTO_KEEP_DAYS → 410 (the sweeper has
deleted, or is about to delete, the files). Everything here is private to whoever holds
the link: no caching by shared caches, no indexing, no Referer to other sites.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path as FilePath
from typing import Annotated, NamedTuple

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from PIL import Image
from sqlalchemy import select

from backend import login_throttle
from backend.context import BackendContext
from backend.deps import Ctx
from backend.documented import empty_answers, html_answers
from backend.fleet_api import client_address
from backend.models import Order
from backend.pages import page
from backend.photo_archive import zip_stream
from backend.photo_codes import throttle_key, token_for_code
from backend.photo_links import find_link
from backend.photo_models import PhotoFile, PhotoLink, PhotoSet
from backend.photo_page_texts import DOWNLOAD_ALL, PageTexts, texts_for
from backend.photo_thumbnails import FORMATS, WIDTHS, thumbnail, thumbnail_format
from backend.photo_uploads import set_dir
from backend.receipt_link import receipt_link, receipt_url
from contract.payment_status import PaymentStatus
from contract.photo_codes import normalize_code
from contract.photo_names import PHOTO_NAME_PATTERN, PRINT_NAME

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}
REFRESH_SECONDS = 5

router = APIRouter(prefix="/p")

PHOTO_STYLE = (
    "body{font-family:sans-serif;margin:0 auto;max-width:640px;padding:12px;"
    "background:#faf7f2;color:#1d1d1f}h1{font-size:1.4em;margin:.4em 0}"
    ".photo{margin:0 0 18px}.photo img{width:100%;height:auto;border-radius:8px;"
    "box-shadow:0 1px 4px #0003;display:block}"
    ".shots{display:grid;grid-template-columns:1fr 1fr;gap:10px}"
    ".button{display:block;text-align:center;margin:8px 0 0;padding:12px;font-size:1.05em;"
    "border-radius:8px;background:#1a7f37;color:#fff;text-decoration:none;border:0;width:100%;"
    "box-sizing:border-box}.share{background:#0b57d0;margin-bottom:14px}"
    ".all{background:#5a3ea6;margin-bottom:14px}"
    ".waiting{background:#fff3cd;padding:10px;border-radius:8px}.note{color:#555}"
    "[hidden]{display:none!important}"
)


def expires_at(order: Order, days: float) -> datetime | None:
    paid = order.payment_paid_at
    if paid is None:
        return None
    if paid.tzinfo is None:
        paid = paid.replace(tzinfo=UTC)
    return paid + timedelta(days=days)


def is_expired(ctx: BackendContext, order: Order, link: PhotoLink) -> bool:
    ends = expires_at(order, ctx.settings.photo_keep_days)
    return link.expired_at is not None or (ends is not None and ctx.clock.now() >= ends)


class Opened(NamedTuple):
    """A link's order and the photos it shows now: the files of its newest set, and where."""

    order: Order
    link: PhotoLink
    files: list[PhotoFile]
    folder: FilePath


def _open(ctx: BackendContext, token: str) -> Opened | int:
    """The link's order and shown photos, or the HTTP status that answers instead."""
    found = find_link(ctx.db, token)
    if found is None or found[0].payment_status != PaymentStatus.paid:
        return 404
    order, link = found
    if is_expired(ctx, order, link):
        return 410
    with ctx.db.read() as session:
        # One statement: the files and their set's number from one snapshot, in PostgreSQL too.
        rows = session.execute(
            select(PhotoFile, PhotoSet.number)
            .outerjoin(PhotoSet, PhotoSet.order_pk == PhotoFile.order_pk)
            .where(PhotoFile.order_pk == order.id).order_by(PhotoFile.name)).all()
    photo_set = (rows[0][1] if rows else None) or 1
    return Opened(order, link, [row[0] for row in rows], set_dir(ctx, order, photo_set))


def _open_code(ctx: BackendContext, code: str, address: str) -> str | int:
    """The token a typed code opens (refused as its token would be), or the HTTP status."""
    now_ms = ctx.clock.now_ms()
    if login_throttle.locked_until(ctx.db, [throttle_key(address)], now_ms) is not None:
        return 429
    token = token_for_code(ctx.db, code, address, now_ms)
    if token is None:
        return 404
    opened = _open(ctx, token)
    return opened if isinstance(opened, int) else token


# The width a photo takes on the page: the print the column's, a shot half of it.
PRINT_SIZES = "(min-width: 664px) 640px, calc(100vw - 24px)"
SHOT_SIZES = "(min-width: 664px) 315px, calc(50vw - 17px)"
ARCHIVE_NAME = "photos.zip"


def _photo_block(base: str, name: str, size: tuple[int, int], label: str, button: str,
                 *, first: bool) -> str:
    """One photo: a copy sized for the screen (lazy below the first), the original only
    behind its Download button. Width and height keep its place before it loads."""
    url = escape(f"{base}/{name}")
    srcset = ", ".join(f"{url}?w={width} {width}w" for width in WIDTHS)
    loading = "eager' fetchpriority='high" if first else "lazy"
    sizes = PRINT_SIZES if name == PRINT_NAME else SHOT_SIZES
    return (
        f"<div class='photo'><img src='{url}?w={WIDTHS[0]}' srcset='{srcset}' "
        f"sizes='{sizes}' width='{size[0]}' height='{size[1]}' loading='{loading}' "
        f"decoding='async' alt='{escape(label)}'>"
        f"<a class='button' href='{url}?download=1' download='{escape(name)}'>"
        f"{escape(button)}</a></div>"
    )


SHARE_SCRIPT = """
(function(){
  var button = document.getElementById('share');
  if (!button || !navigator.share) { return; }
  button.hidden = false;
  button.addEventListener('click', async function(){
    try {
      var links = Array.from(document.querySelectorAll('.photo a[download]'));
      var files = await Promise.all(links.map(async function(link){
        var blob = await (await fetch(link.href)).blob();
        return new File([blob], link.getAttribute('download'), {type: 'image/jpeg'});
      }));
      if (navigator.canShare && navigator.canShare({files: files})) {
        await navigator.share({files: files});
      } else {
        await navigator.share({url: location.href});
      }
    } catch (error) { /* the customer closed the share sheet */ }
  });
})();
"""


def render(token: str, files: list[PhotoFile], sizes: dict[str, tuple[int, int]],
           texts: PageTexts, keep_until: str, receipt: str = "") -> str:
    base = f"/p/{token}"
    names = [file.name for file in files]
    pending = PRINT_NAME not in names
    body = [f"<h1>{escape(texts.title)}</h1>"]
    if pending:
        body.append(f"<p class='waiting' id='waiting'>{escape(texts.waiting)}</p>")
    if names:
        body.append(f"<button class='button share' id='share' hidden>"
                    f"{escape(texts.share)}</button>")
        body.append(f"<a class='button all' id='all' href='{escape(base)}/{ARCHIVE_NAME}' "
                    f"download='photobooth-{ARCHIVE_NAME}'>"
                    f"{escape(DOWNLOAD_ALL.get(texts.language, texts.download))}</a>")
    if PRINT_NAME in names:
        body.append(_photo_block(base, PRINT_NAME, sizes[PRINT_NAME], texts.print_label,
                                 f"{texts.download} · {texts.print_label}", first=True))
    shots = sorted((n for n in names if n != PRINT_NAME),
                   key=lambda n: int(n.removeprefix("shot-").removesuffix(".jpg")))
    if shots:
        body.append("<div class='shots'>")
        body.extend(_photo_block(base, name, sizes[name], texts.shot_label.format(
            number=name.removeprefix("shot-").removesuffix(".jpg")), texts.download,
            first=pending and index == 0) for index, name in enumerate(shots))
        body.append("</div>")
    body.append(receipt_link(receipt, texts.language))
    body.append(f"<p class='note'>{escape(texts.keep_until.format(date=keep_until))}</p>")
    body.append(f"<script>{SHARE_SCRIPT}</script>")
    head = f"<meta http-equiv='refresh' content='{REFRESH_SECONDS}'>" if pending else ""
    return page(texts.title, "".join(body), head=head, style=PHOTO_STYLE, lang=texts.language)


def photo_sizes(opened: Opened) -> dict[str, tuple[int, int]]:
    """Each photo's width and height, read from its JPEG header (no decoding)."""
    sizes = {}
    for file in opened.files:
        with Image.open(opened.folder / file.name) as image:
            sizes[file.name] = image.size
    return sizes


def _open_page(ctx: BackendContext, token: str) -> tuple[Opened, dict[str, tuple[int, int]]] | int:
    """The shown photos with their sizes; a set replaced between the look-up and the read
    (a retake's first new photo deletes the old set) is looked up again: the new one."""
    attempts = 3
    while True:
        opened = _open(ctx, token)
        if isinstance(opened, int):
            return opened
        try:
            return opened, photo_sizes(opened)
        except FileNotFoundError:
            attempts -= 1
            if attempts == 0:
                raise


@router.get("/{token}", response_class=HTMLResponse, responses=html_answers(404, 410))
async def photos_page(
    token: str, ctx: Ctx, request: Request,
    accept_language: Annotated[str | None, Header()] = None,
) -> Response:
    texts = texts_for(accept_language)
    code = normalize_code(token)
    if code is not None:
        found = await ctx.run(_open_code, ctx, code, client_address(request))
        if isinstance(found, str):
            return RedirectResponse(f"/p/{found}", status_code=303, headers=PRIVATE_HEADERS)
        shown: tuple[Opened, dict[str, tuple[int, int]]] | int = found
    else:
        shown = await run_in_threadpool(_open_page, ctx, token)
    if isinstance(shown, int):
        words = {410: texts.gone, 429: texts.locked}.get(shown, texts.not_found)
        return HTMLResponse(page(words[0], f"<h1>{escape(words[0])}</h1><p>{escape(words[1])}"
                                 "</p>", lang=texts.language),
                            status_code=shown, headers=PRIVATE_HEADERS)
    opened, sizes = shown
    ends = expires_at(opened.order, ctx.settings.photo_keep_days)
    keep_until = ends.strftime("%d.%m.%Y") if ends else ""
    receipt = await ctx.run(receipt_url, ctx, opened.order)
    return HTMLResponse(render(token, opened.files, sizes, texts, keep_until, receipt),
                        headers=PRIVATE_HEADERS)


@router.get(f"/{{token}}/{ARCHIVE_NAME}")
async def all_photos(token: str, ctx: Ctx) -> Response:
    """Every stored photo of the order, originals, in one zip streamed as it is written."""
    opened = await ctx.run(_open, ctx, token)
    if isinstance(opened, int):
        return Response(status_code=opened, headers=PRIVATE_HEADERS)
    if not opened.files:
        return Response(status_code=404, headers=PRIVATE_HEADERS)
    members = [(f"photobooth-{file.name}", opened.folder / file.name) for file in opened.files]
    return StreamingResponse(
        zip_stream(members), media_type="application/zip",
        headers={**PRIVATE_HEADERS,
                 "Content-Disposition": f'attachment; filename="photobooth-{ARCHIVE_NAME}"'})


@router.get("/{token}/{name}", response_class=Response, responses={
    200: {"description": "the photo", "content": {"image/jpeg": {
        "schema": {"type": "string", "format": "binary"}}}},
    **empty_answers(404, 410)})
async def photo_file(
    token: str,
    name: Annotated[str, Path(pattern=PHOTO_NAME_PATTERN)],
    ctx: Ctx,
    download: Annotated[bool, Query()] = False,
    w: Annotated[int | None, Query(description=f"one of {WIDTHS}: a copy that wide")] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """The original JPEG (inline, or as an attachment with `download`), or with `w` a copy
    that wide, WebP if the Accept header takes it."""
    if w is not None and w not in WIDTHS:
        return JSONResponse({"detail": f"w: must be one of {', '.join(map(str, WIDTHS))}"},
                            status_code=422, headers=PRIVATE_HEADERS)
    opened = await ctx.run(_open, ctx, token)
    if isinstance(opened, int):
        return Response(status_code=opened, headers=PRIVATE_HEADERS)
    if name not in {file.name for file in opened.files}:
        return Response(status_code=404, headers=PRIVATE_HEADERS)
    original = opened.folder / name
    try:
        if w is not None and not download:
            fmt = thumbnail_format(accept)
            copy = await ctx.images.run(thumbnail, original, w, fmt)
            return FileResponse(copy, media_type=FORMATS[fmt], stat_result=os.stat(copy),
                                headers={**PRIVATE_HEADERS, "Vary": "Accept"})
        found = os.stat(original)
    except FileNotFoundError:  # its set was replaced since the look-up (a retake)
        return Response(status_code=404, headers=PRIVATE_HEADERS)
    disposition = "attachment" if download else "inline"
    return FileResponse(
        original, media_type="image/jpeg", stat_result=found,
        headers={**PRIVATE_HEADERS,
                 "Content-Disposition": f'{disposition}; filename="photobooth-{name}"'},
    )
