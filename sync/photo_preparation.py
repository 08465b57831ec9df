"""A photo made fit for the customer's phone: no EXIF (no GPS, no camera serial), upright,
at most 2400 px on its long side, written once so every retry sends the same bytes.

The booth's own print (composed here: sRGB, its dpi, no EXIF) is sent as printed, byte for
byte, when it already fits: the phone's print.jpg is then exactly the file that printed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PIL import Image, ImageOps

MAX_LONG_SIDE = 2400
JPEG_QUALITY = 88


def prepare_photo(source: Path, target: Path, *, as_printed: bool = False) -> Path:
    """`target` from `source`, unless it is already there (a resumed upload sends it again).
    With `as_printed` (the booth's composed print) a JPEG that fits and carries no EXIF is
    copied unchanged."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    with Image.open(source) as original:
        unchanged = (as_printed and original.format == "JPEG" and not original.getexif()
                     and max(original.size) <= MAX_LONG_SIDE)
        image = None if unchanged else ImageOps.exif_transpose(original).convert("RGB")
    if image is None:
        shutil.copyfile(source, part)
    else:
        image.thumbnail((MAX_LONG_SIDE, MAX_LONG_SIDE), Image.Resampling.LANCZOS)
        # No exif=, icc_profile= or comment: Pillow writes only the pixels and a JFIF header.
        image.save(part, "JPEG", quality=JPEG_QUALITY, optimize=True)
    with part.open("rb") as written:
        os.fsync(written.fileno())
    os.replace(part, target)
    return target
