"""The phone page's images: each photo at a few widths, as WebP or JPEG, made once.

A phone is sent a copy sized for its screen (the page's `srcset`), never the ≤ 2 400 px
original, which only Download sends. A copy is made the first time it is asked for and kept
beside its photo (`print.jpg` → `print.jpg.480.webp`) with the photo's file mode, written
under a temporary name and renamed into place: two processes asking at once both write whole
files and one rename wins. In one process, requests for a copy being made wait for it
rather than decode the photo again (a phone's parallel requests, or someone repeating one).
The sweeper deletes them with the order's directory.
"""

from __future__ import annotations

import os
import stat
import threading
import uuid
from pathlib import Path

from PIL import Image

WIDTHS = (480, 960, 1440)
FORMATS = {"webp": "image/webp", "jpg": "image/jpeg"}
WEBP_QUALITY = 72
JPEG_QUALITY = 78

_guard = threading.Lock()
_making: dict[Path, threading.Lock] = {}  # the copies being made now, each by one thread


def thumbnail_format(accept: str | None) -> str:
    """WebP where the browser says it takes it (every current phone browser), else JPEG."""
    return "webp" if "image/webp" in (accept or "") else "jpg"


def thumbnail_path(photo: Path, width: int, fmt: str) -> Path:
    return photo.with_name(f"{photo.name}.{width}.{fmt}")


def thumbnail(photo: Path, width: int, fmt: str) -> Path:
    """The copy of `photo` at most `width` px wide in `fmt` (a key of FORMATS): the stored
    one, or made now. Blocking (decodes and encodes): call it off the event loop."""
    if width not in WIDTHS or fmt not in FORMATS:
        raise ValueError(f"no {width} px {fmt} copy is made")
    target = thumbnail_path(photo, width, fmt)
    if target.exists():
        return target
    with _guard:
        lock = _making.setdefault(target, threading.Lock())
    try:
        with lock:
            if not target.exists():
                _make(photo, target, width, fmt)
    finally:
        with _guard:
            _making.pop(target, None)
    return target


def _make(photo: Path, target: Path, width: int, fmt: str) -> None:
    with Image.open(photo) as original:
        # The JPEG decoder scales by 1/2, 1/4 or 1/8 while decoding: far less work.
        wide, high = original.size
        original.draft("RGB", (width, max(1, width * high // wide)))
        image = original.convert("RGB")
    # Bicubic: three quarters of Lanczos's time, no visible difference at these reductions.
    image.thumbnail((width, width * 4), Image.Resampling.BICUBIC)
    part = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        if fmt == "webp":
            # method 2: a third of method 4's CPU for a few per cent more bytes (bench_fleet).
            image.save(part, "WEBP", quality=WEBP_QUALITY, method=2)
        else:
            image.save(part, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        os.chmod(part, stat.S_IMODE(photo.stat().st_mode))
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
