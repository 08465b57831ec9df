"""Compose test harness: shots of known solid colours, and the shipped layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kiosk.core.layouts import DEFAULT_DIR, Layout, load_layouts

COLORS = [(220, 30, 30), (30, 200, 40), (30, 60, 220), (240, 200, 20)]


def solid_shot(path: Path, color: tuple[int, int, int], size=(1800, 1200)) -> Path:
    Image.new("RGB", size, color).save(path, quality=95)
    return path


@pytest.fixture
def colored_shots(tmp_path) -> list[Path]:
    folder = tmp_path / "shots"
    folder.mkdir()
    return [solid_shot(folder / f"{n}.jpg", color) for n, color in enumerate(COLORS, start=1)]


@pytest.fixture(scope="session")
def shipped() -> dict[str, Layout]:
    layouts, problems = load_layouts(DEFAULT_DIR)
    assert problems == []
    return layouts


def mean_color(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[float, ...]:
    """Mean RGB of the middle half of a box (away from edges, overlays and text)."""
    left, top, right, bottom = box
    w, h = right - left, bottom - top
    inner = image.crop((left + w // 4, top + h // 4, right - w // 4, bottom - h // 4))
    return inner.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))


def close(color: tuple[float, ...], expected: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(color, expected, strict=True))
