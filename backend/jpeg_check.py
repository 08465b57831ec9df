"""An uploaded photo is a JPEG, whole, of a sane size: checked by decoding it, not by its ends.

The header is read first and the pixel count checked before any decoding, so a small file
declaring 65 500 × 65 500 pixels costs nothing. The entropy-coded data is then decoded to
its end at one eighth of the size (JPEG's own DCT scaling: every byte is parsed, the memory
is a sixty-fourth), so a file cut short, or HTML wrapped in JPEG markers, is refused.
(libjpeg takes an end marker placed early as a warning, not an error: a file cut short and
given a new end marker decodes, grey at the bottom; the booth's own uploads never are.)
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from backend.photo_uploads import PhotoRefused

# The booth sends at most 2 400 px a side (5.8 MP); a camera's full frame is under this.
MAX_PIXELS = 40_000_000


class NotAJpeg(ValueError):
    """Not a whole JPEG: the message says what is wrong."""


class TooManyPixels(ValueError):
    """A JPEG with more than MAX_PIXELS pixels."""


def check_jpeg(path: Path) -> tuple[int, int]:
    """(width, height) of a whole JPEG file of at most MAX_PIXELS pixels; raises otherwise."""
    try:
        with Image.open(path, formats=["JPEG"]) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise TooManyPixels(f"{width} × {height} pixels: at most {MAX_PIXELS} are taken")
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except Image.DecompressionBombError as exc:  # Pillow's own, far larger, limit
        raise TooManyPixels(f"{exc}: at most {MAX_PIXELS} pixels are taken") from exc
    except UnidentifiedImageError as exc:
        raise NotAJpeg("the body is not a JPEG image") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, TooManyPixels):
            raise
        raise NotAJpeg(f"the JPEG does not decode whole ({exc})") from exc
    return width, height


def checked_jpeg(part: Path) -> None:
    """A received upload that is not a whole JPEG of a sane size is deleted and refused."""
    try:
        check_jpeg(part)
    except (NotAJpeg, TooManyPixels) as exc:
        part.unlink(missing_ok=True)
        raise PhotoRefused(413 if isinstance(exc, TooManyPixels) else 415, str(exc)) from exc
