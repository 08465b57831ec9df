"""The frame the preview shows while the camera is faulted."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from assets import asset_path

_FONT = asset_path("fonts", "DejaVuSans-Bold.ttf")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(_FONT), size)
    except OSError:
        return ImageFont.load_default(size)


def check_camera_frame(width: int, height: int, detail: str = "") -> np.ndarray:
    """A dark frame with a camera sign and "Check the camera" (and the cause, small)."""
    image = Image.new("RGB", (width, height), (28, 30, 36))
    draw = ImageDraw.Draw(image)
    cx, cy, unit = width // 2, int(height * 0.4), max(8, min(width, height) // 12)
    draw.rounded_rectangle((cx - 2 * unit, cy - unit, cx + 2 * unit, cy + 1.5 * unit),
                           radius=unit // 3, outline=(255, 90, 54), width=max(2, unit // 6))
    draw.rectangle((cx - unit // 2, cy - 1.5 * unit, cx + unit // 2, cy - unit),
                   fill=(255, 90, 54))
    draw.ellipse((cx - unit * 0.8, cy - unit * 0.55, cx + unit * 0.8, cy + unit * 1.05),
                 outline=(255, 90, 54), width=max(2, unit // 6))
    draw.text((cx, cy + 2.6 * unit), "Check the camera", font=_font(unit),
              fill=(240, 240, 240), anchor="mm")
    if detail:
        draw.text((cx, cy + 3.8 * unit), detail[:90], font=_font(max(10, unit // 3)),
                  fill=(170, 170, 170), anchor="mm")
    return np.asarray(image)
