"""Realistic content for rendering screens without a booth: screenshots and tests."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QImage

from assets import asset_path
from kiosk.core.compose import compose
from kiosk.core.layouts import load_layout

SCENES = sorted(asset_path("camera").glob("scene-*.jpg"))
SAMPLE_URL = "https://checkout.paycom.uz/bT02NWE0ZjQ3YjEyMzQ1Njc4OTBhYmNkZWY7YWM"
SAMPLE_PHOTOS_URL = "https://booth.example.uz/p/q3Vz8mK0pL2xW7nR5tY1bC4d"
SAMPLE_PROVIDERS = ["payme", "click", "webpay"]
SAMPLE_EVENT = "Aziza & Timur"


@dataclass(frozen=True)
class SampleData:
    """What an order shows that the config does not say: its payment and photos links."""

    payment_url: str
    photos_url: str
    photos_code: str


TYPICAL = SampleData(SAMPLE_URL, SAMPLE_PHOTOS_URL, "7KQ3M9XZ")
# The longest a screen must hold: a long site, a token of wide letters, the widest code.
WORST_CASE = SampleData(
    "https://checkout.paycom.uz/" + "bT02NWE0ZjQ3YjEyMzQ1Njc4OTBhYmNkZWY7YWM" * 4,
    "https://fotobudka-toshkent-chilonzor-tumani.example.uz/p/WWWWMMMM_WWWWMMMM-WWWWMMMM",
    "WMWMWMWM",
)


@lru_cache(maxsize=1)
def sample_prints() -> tuple[Path, ...]:
    """Preview images of prints composed by the real compositor from the sample scenes."""
    out = Path(tempfile.mkdtemp(prefix="kiosk-samples-"))
    layout = load_layout(asset_path("layouts", "grid-4x6.toml"))
    previews = []
    for index in range(2):
        shots = SCENES[index * 2:] + SCENES[:index * 2]
        result = compose(layout, shots, out, f"sample-{index}",
                         texts={"event_name": SAMPLE_EVENT, "date": time.strftime("%d.%m.%Y")})
        previews.append(result.preview_file)
    return tuple(previews)


def sample_frame() -> QImage:
    """A camera preview frame: a bundled scene, or a plain gradient without one."""
    if SCENES:
        image = QImage(str(SCENES[0]))
        if not image.isNull():
            return image
    image = QImage(1280, 720, QImage.Format.Format_RGB888)
    image.fill(0x335577)
    return image
