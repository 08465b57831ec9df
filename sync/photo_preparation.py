"""A photo made fit for the customer's phone: no EXIF (no GPS, no camera serial), upright,
at most 2400 px on its long side, written once so every retry sends the same bytes."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageOps

MAX_LONG_SIDE = 2400
JPEG_QUALITY = 88


def prepare_photo(source: Path, target: Path) -> Path:
    """`target` from `source`, unless it is already there (a resumed upload sends it again)."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
    image.thumbnail((MAX_LONG_SIDE, MAX_LONG_SIDE), Image.Resampling.LANCZOS)
    part = target.with_name(f".{target.name}.part")
    # No exif=, icc_profile= or comment: Pillow writes only the pixels and a JFIF header.
    image.save(part, "JPEG", quality=JPEG_QUALITY, optimize=True)
    with part.open("rb") as written:
        os.fsync(written.fileno())
    os.replace(part, target)
    return target
