"""The technician's test sheet: a 4x6 in, 300 dpi page with colour bars and a grey ramp."""

from __future__ import annotations

import time
from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 1800
BARS = [(255, 255, 255), (255, 255, 0), (0, 255, 255), (0, 255, 0),
        (255, 0, 255), (255, 0, 0), (0, 0, 255), (0, 0, 0)]


def write_test_page(directory: Path, when: float) -> Path:
    page = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(page)
    bar = WIDTH // len(BARS)
    for index, colour in enumerate(BARS):
        draw.rectangle([index * bar, 0, (index + 1) * bar, HEIGHT // 2], fill=colour)
    for step in range(16):
        grey = step * 17
        draw.rectangle([step * WIDTH // 16, HEIGHT // 2, (step + 1) * WIDTH // 16,
                        HEIGHT * 3 // 4], fill=(grey, grey, grey))
    draw.text((40, HEIGHT * 3 // 4 + 60), "Photobooth test print  "
              + time.strftime("%Y-%m-%d %H:%M", time.localtime(when)), fill="black")
    path = directory / "test-print.jpg"
    page.save(path, quality=90, dpi=(300, 300))
    return path
