"""JPEG bytes for photo tests: real files Pillow writes, with or without EXIF and GPS."""

from __future__ import annotations

import io

from PIL import Image


def jpeg_bytes(width: int = 64, height: int = 48, color: tuple[int, int, int] = (200, 40, 40),
               *, gps: bool = False, noise: bool = False) -> bytes:
    """A flat colour compresses to a few kB; `noise` makes a photo-sized file instead."""
    image = Image.new("RGB", (width, height), color)
    if noise:
        image = Image.merge("RGB", [Image.effect_noise((width, height), 60)] * 3)
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "CameraMaker"  # Make
        exif[0x8825] = {1: "N", 2: (41.0, 18.0, 0.0), 3: "E", 4: (69.0, 16.0, 0.0)}
    image.save(out, "JPEG", quality=90, exif=exif.tobytes() if gps else b"")
    return out.getvalue()
