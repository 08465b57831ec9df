"""Sizes derived from the screen: nothing on a booth screen is a fixed pixel count.

Everything scales with the short side of the window, so a 1024x600 panel, a
1080x1920 portrait totem and a 4K TV get the same proportions; touch targets
never drop below 15 mm whatever the screen reports.
"""

from __future__ import annotations

from dataclasses import dataclass

TOUCH_MM = 15.0
# Some panels report nonsense (0 or 72 dpi); below this a "15 mm" button is too small to hit.
DPI_FLOOR = 96.0


@dataclass(frozen=True)
class Metrics:
    width: int
    height: int
    dpi: float = DPI_FLOOR

    @property
    def unit(self) -> int:
        return max(1, min(self.width, self.height))

    @property
    def landscape(self) -> bool:
        return self.width >= self.height

    def px(self, fraction: float) -> int:
        return max(1, round(self.unit * fraction))

    @property
    def touch(self) -> int:
        """The smallest side of anything a finger must hit."""
        return round(TOUCH_MM / 25.4 * max(self.dpi, DPI_FLOOR))

    @property
    def button_height(self) -> int:
        return max(self.touch, self.px(0.12))

    @property
    def count_diameter(self) -> int:
        """The circle behind the capture countdown."""
        return self.px(0.55)

    @property
    def margin(self) -> int:
        return self.px(0.05)

    @property
    def spacing(self) -> int:
        return self.px(0.03)

    def font_sizes(self) -> dict[str, int]:
        return {
            "hero": self.px(0.42),
            "mark": self.px(0.2),
            "display": self.px(0.085),
            "title": self.px(0.068),
            "subtitle": self.px(0.05),
            "body": self.px(0.04),
            "small": self.px(0.03),
            "table": self.px(0.025),
            "button": max(self.px(0.045), 18),
            "price": self.px(0.06),
        }


def parse_size(text: str) -> tuple[int, int]:
    """"1920x1080" -> (1920, 1080); anything else is refused with the reason."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"size {text!r} is not WIDTHxHEIGHT, e.g. 1920x1080")
    width, height = (int(p) for p in parts)
    if not (320 <= width <= 7680 and 240 <= height <= 7680):
        raise ValueError(f"size {text!r} is outside 320x240 .. 7680x7680")
    return width, height
