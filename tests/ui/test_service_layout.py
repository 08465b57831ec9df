"""Every service page at every supported screen: exactly the screen's size, nothing clipped,
every touch target at least 12 mm, in each of the booth's languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton

from tests.ui.screen_walk import overflows, rendered_samples
from ui.metrics import Metrics
from ui.screenshots import SAMPLES

SCREENS = [(1024, 600), (1280, 800), (1920, 1080), (1080, 1920), (3840, 2160)]
TOUCH_MM = 12


def test_screenshots_render_every_service_page() -> None:
    names = [name for name, _ in SAMPLES if "service" in name]
    for page in ("pin", "new-pin", "status", "actions", "confirm", "reprint", "late-payments",
                 "payment-log", "statistics", "settings"):
        assert any(name.endswith(f"service-{page}") for name in names), page


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_service_page_fits_its_screen(themed: object, language: str,
                                            size: tuple[int, int]) -> None:
    finger = round(TOUCH_MM / 25.4 * Metrics(*size).dpi)
    problems = []
    for name, screen in rendered_samples(themed, language, size, named="service"):
        if screen.size() != QSize(*size) or screen.grab().size() != QSize(*size):
            problems.append(f"{name}: {screen.size().toTuple()} for a {size} screen "
                            f"(needs at least {screen.minimumSizeHint().toTuple()})")
        problems += [f"{name}: {problem}" for problem in overflows(screen)]
        problems += [f"{name}: {b.text()!r} is {b.width()}x{b.height()} px, under {TOUCH_MM} mm"
                     for b in screen.findChildren(QPushButton)
                     if b.isVisibleTo(screen) and min(b.width(), b.height()) < finger]
    assert not problems, "\n".join(problems)
