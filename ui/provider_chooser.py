"""One large button per payment provider: its name in its brand colour, the chosen one framed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from ui.metrics import Metrics
from ui.provider_brands import brand


class ProviderButton(QPushButton):
    def __init__(self, provider: str, parent: QWidget | None = None) -> None:
        super().__init__(brand(provider).name, parent)
        self.provider = provider
        self.chosen = False
        self.setProperty("kind", "provider")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_state(self, chosen: bool, refused: bool, border: int) -> None:
        """Chosen: framed and tinted in the brand's colour; refused: faded and not tappable."""
        self.chosen = chosen
        self.setEnabled(not refused)
        colour = QColor(brand(self.provider).colour)
        text = colour.name() if not refused else _with_alpha(colour, 120)
        if chosen:
            frame, fill, width = colour.name(), _with_alpha(colour, 46), border * 2
        else:
            frame, fill, width = "rgba(255, 255, 255, 70)", "transparent", border
        # Fonts, radius and padding come from the window's sheet; this adds the brand.
        self.setStyleSheet(f"QPushButton {{ color: {text}; background: {fill}; "
                           f"border: {width}px solid {frame}; }}")


def _with_alpha(colour: QColor, alpha: int) -> str:
    return f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, {alpha})"


class ProviderChooser(QWidget):
    """Shown only when there is a choice (two providers or more)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, ProviderButton] = {}
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self._metrics: Metrics | None = None
        self._state: tuple[str, list[str]] = ("", [])
        self.hide()

    def set_providers(self, providers: list[str], chosen: str, refused: list[str]) -> None:
        if list(self.buttons) != providers:
            for button in self.buttons.values():
                self.row.removeWidget(button)
                button.hide()  # deleted on the next turn of the event loop; unseen until then
                button.deleteLater()
            self.buttons = {}
            for provider in providers:
                button = ProviderButton(provider)
                button.clicked.connect(lambda _=False, p=provider: self.chosen.emit(p))
                if self._metrics is not None:
                    button.setMinimumSize(self._metrics.touch, self._metrics.button_height)
                self.row.addWidget(button)
                self.buttons[provider] = button
        self._state = (chosen, list(refused))
        self._show_state()
        self.setVisible(len(providers) >= 2)

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self.row.setSpacing(metrics.spacing // 2)
        for button in self.buttons.values():
            button.setMinimumSize(metrics.touch, metrics.button_height)
        self._show_state()

    def _show_state(self) -> None:
        chosen, refused = self._state
        border = max(2, self._metrics.px(0.004)) if self._metrics else 2
        for provider, button in self.buttons.items():
            button.show_state(provider == chosen, provider in refused, border)
