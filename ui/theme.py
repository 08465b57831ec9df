"""The booth's look: one stylesheet template, one palette, the operator's colours and logo."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from assets import asset_path
from kiosk.core.config import KioskConfig
from ui.metrics import Metrics

THEME_DIR = asset_path("theme")
FONT_DIR = asset_path("fonts")
FONT_FAMILY = "DejaVu Sans"


def load_palette(config: KioskConfig) -> dict[str, str]:
    with (THEME_DIR / "palette.toml").open("rb") as handle:
        colours = {key: str(value) for key, value in tomllib.load(handle).items()}
    accent = QColor(config.ui.accent_color)
    colours["accent"] = accent.name()
    colours["accent_pressed"] = accent.darker(130).name()
    colours["on_accent"] = readable_on(accent)
    colours["background"] = config.ui.background_color
    return colours


def readable_on(colour: QColor) -> str:
    """Black or white text, whichever reads better on an operator-chosen colour."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    luminance = (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                 + 0.0722 * channel(colour.blueF()))
    return "#111111" if luminance > 0.22 else "#ffffff"


def stylesheet(config: KioskConfig, metrics: Metrics) -> str:
    values: dict[str, object] = dict(load_palette(config))
    values.update(metrics.font_sizes())
    values.update(button_h=metrics.button_height, touch=metrics.touch,
                  radius=metrics.px(0.025), pad=metrics.px(0.03),
                  pad_half=metrics.px(0.015), pad_small=metrics.px(0.012),
                  count_radius=metrics.count_diameter // 2)
    text = (THEME_DIR / "kiosk.qss").read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    return text


def load_fonts() -> None:
    """Register the bundled fonts (Latin and Cyrillic); missing files fall back to the system's."""
    for path in sorted(FONT_DIR.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


def apply_palette(app: QApplication, config: KioskConfig) -> None:
    colours = load_palette(config)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colours["background"]))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colours["text"]))
    palette.setColor(QPalette.ColorRole.Base, QColor(colours["surface"]))
    palette.setColor(QPalette.ColorRole.Text, QColor(colours["text"]))
    palette.setColor(QPalette.ColorRole.Button, QColor(colours["surface_raised"]))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(colours["text"]))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(colours["accent"]))
    app.setPalette(palette)
    font = app.font()
    font.setFamily(FONT_FAMILY)
    app.setFont(font)


def logo_path(config: KioskConfig) -> Path | None:
    if not config.ui.logo:
        return None
    path = Path(config.ui.logo).expanduser()
    return path if path.is_file() else None
