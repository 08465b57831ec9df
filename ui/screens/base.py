"""What every screen shares: a themed background, retranslation, size-driven layout."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ui.metrics import Metrics
from ui.spinner import Spinner

# Technicians open the service menu with five quick taps in the top-right corner.
SERVICE_TAPS = 5
SERVICE_TAP_WINDOW = 4.0


class Screen(QWidget):
    """A page of the kiosk. Subclasses build widgets once and fill text in retranslate()."""

    service_requested = Signal()
    # Screens where the hidden service corner listens.
    service_corner = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.metrics = Metrics(1920, 1080)
        self.language = "en"
        self._corner_taps: list[float] = []

    def set_accent(self, colour: str) -> None:
        for spinner in self.findChildren(Spinner):
            spinner.colour = QColor(colour)

    def in_service_corner(self, event: QMouseEvent) -> bool:
        """Count a tap in the top-right corner; True when it was one (it starts nothing)."""
        if not self.service_corner:
            return False
        side = self.metrics.touch * 2
        point = event.position().toPoint()
        if point.x() < self.width() - side or point.y() > side:
            return False
        now = time.monotonic()
        self._corner_taps = [t for t in self._corner_taps if now - t < SERVICE_TAP_WINDOW]
        self._corner_taps.append(now)
        if len(self._corner_taps) >= SERVICE_TAPS:
            self._corner_taps.clear()
            self.service_requested.emit()
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.in_service_corner(event)
        super().mousePressEvent(event)

    def retranslate(self) -> None:
        """Set every visible text from self.tr(); called on each language change."""

    def settle(self) -> None:
        """Finish what the screen started off the UI thread, before a picture is taken of it
        (screenshots, tests); most screens start nothing."""

    def join_workers(self) -> None:
        """Wait for the screen's background workers, before it goes away; most have none."""

    def apply_metrics(self, metrics: Metrics) -> None:
        """Adapt to the screen's size and orientation; fonts come from the stylesheet."""
        self.metrics = metrics
        for button in self.findChildren(QPushButton):
            button.setMinimumSize(metrics.touch, metrics.button_height)
        for layout in self.findChildren(QBoxLayout):
            if layout.property("orientable"):
                layout.setDirection(QBoxLayout.Direction.LeftToRight if metrics.landscape
                                    else QBoxLayout.Direction.TopToBottom)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


# Characters: "200 000 so'm" fits its place at 1024x600 in the big type; longer steps down.
LONG_AMOUNT = 12


def show_amount(label: QLabel, text: str, role: str, long_role: str) -> None:
    """A price in `role`, or in the smaller `long_role` when it is long (7 digits and the
    currency), so the price never pushes the screen past the display."""
    label.setText(text)
    wanted = role if len(text) <= LONG_AMOUNT else long_role
    if label.property("role") != wanted:
        label.setProperty("role", wanted)
        label.style().unpolish(label)
        label.style().polish(label)


def make_label(role: str, *, wrap: bool = True,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setAlignment(align)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    return label


def make_button(kind: str = "") -> QPushButton:
    button = QPushButton()
    if kind:
        button.setProperty("kind", kind)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # Minimum: a button may grow, but never narrower than its text.
    button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    return button


def orientable(layout: QBoxLayout) -> QBoxLayout:
    """Mark a layout that runs side by side in landscape and stacked in portrait."""
    layout.setProperty("orientable", True)
    return layout
