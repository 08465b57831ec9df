"""Draws the virtual camera's sample frames: party scenes with smiling figures.

Run once (`python assets/camera/make_samples.py`); the JPEGs are committed, so the
booth never needs this at run time. Scenes are 1800x1200 (3:2, like a DSLR).
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (1800, 1200)
FONT = Path(__file__).resolve().parents[1] / "fonts" / "DejaVuSans-Bold.ttf"
SCENES = [
    # sky top, sky bottom, floor, people, banner
    ((40, 70, 140), (230, 140, 120), (90, 60, 50), 1, "Welcome!"),
    ((20, 30, 60), (120, 60, 140), (50, 40, 60), 2, "Happy Birthday"),
    ((120, 180, 230), (240, 240, 220), (110, 140, 80), 3, "Summer Party"),
    ((200, 120, 60), (250, 210, 150), (120, 80, 60), 2, "Smile :)"),
    ((60, 110, 90), (200, 230, 200), (70, 90, 70), 1, "Congratulations"),
    ((90, 40, 80), (250, 170, 190), (60, 40, 50), 3, "Photobooth"),
]


def gradient(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    t = np.linspace(0.0, 1.0, SIZE[1])[:, None, None]
    rows = (1 - t) * np.array(top) + t * np.array(bottom)
    return Image.fromarray(np.repeat(rows, SIZE[0], axis=1).astype(np.uint8), "RGB")


def person(draw: ImageDraw.ImageDraw, cx: int, floor: int, scale: float,
           rng: random.Random) -> None:
    skin = rng.choice([(241, 194, 160), (198, 134, 96), (141, 85, 54), (255, 219, 172)])
    shirt = tuple(rng.randrange(40, 230) for _ in range(3))
    head_r = int(110 * scale)
    head_y = floor - int(560 * scale)
    draw.rounded_rectangle((cx - int(190 * scale), head_y + head_r - 10, cx + int(190 * scale),
                            floor + 40), radius=int(120 * scale), fill=shirt)
    draw.ellipse((cx - head_r, head_y - head_r, cx + head_r, head_y + head_r), fill=skin)
    hair = tuple(max(0, c - 120) for c in skin)
    draw.chord((cx - head_r, head_y - head_r, cx + head_r, head_y + head_r // 3), 180, 360,
               fill=hair)
    eye_dx, eye_y, eye_r = int(40 * scale), head_y - int(5 * scale), int(11 * scale)
    for dx in (-eye_dx, eye_dx):
        draw.ellipse((cx + dx - eye_r, eye_y - eye_r, cx + dx + eye_r, eye_y + eye_r),
                     fill=(30, 25, 25))
    draw.arc((cx - int(55 * scale), head_y - int(20 * scale), cx + int(55 * scale),
              head_y + int(65 * scale)), 20, 160, fill=(150, 30, 40), width=max(3, int(9 * scale)))


def scene(index: int, spec: tuple) -> Image.Image:
    top, bottom, floor_color, people, banner = spec
    rng = random.Random(index)
    image = gradient(top, bottom)
    draw = ImageDraw.Draw(image)
    floor = int(SIZE[1] * 0.82)
    draw.rectangle((0, floor, SIZE[0], SIZE[1]), fill=floor_color)
    for _ in range(7):
        x, y, r = rng.randrange(80, 1720), rng.randrange(80, 500), rng.randrange(45, 75)
        color = tuple(rng.randrange(90, 256) for _ in range(3))
        string_end = (x + rng.randrange(-30, 30), y + r + 220)
        draw.line((x, y + r, *string_end), fill=(230, 230, 230), width=3)
        draw.ellipse((x - r, y - int(r * 1.2), x + r, y + int(r * 1.2)), fill=color)
        draw.ellipse((x - r // 2, y - r // 1.5, x - r // 5, y - r // 4), fill=(255, 255, 255))
    for _ in range(160):
        x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
        draw.rectangle((x, y, x + 9, y + 5), fill=tuple(rng.randrange(256) for _ in range(3)))
    font = ImageFont.truetype(str(FONT), 96)
    draw.rounded_rectangle((420, 40, 1380, 190), radius=40, fill=(255, 255, 255))
    draw.text((900, 115), banner, font=font, fill=(40, 40, 60), anchor="mm")
    spacing = SIZE[0] // (people + 1)
    for n in range(people):
        person(draw, spacing * (n + 1), floor + 60, rng.uniform(0.9, 1.15), rng)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = np.random.default_rng(index).normal(0, 4, (SIZE[1], SIZE[0], 1))
    pixels = np.clip(np.asarray(image, dtype=np.float32) + grain, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, "RGB")


def main() -> None:
    out = Path(__file__).resolve().parent
    for index, spec in enumerate(SCENES, start=1):
        scene(index, spec).save(out / f"scene-{index}.jpg", quality=80, optimize=True)


if __name__ == "__main__":
    main()
