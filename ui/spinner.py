"""A calm rotating arc: something is happening, nothing is wrong."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class Spinner(QWidget):
    def __init__(self, colour: str = "#ff5a36", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor(colour)
        self.angle = 0
        self._timer = QTimer(self)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._step)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_diameter(self, diameter: int) -> None:
        self.setFixedSize(QSize(diameter, diameter))

    def showEvent(self, event: object) -> None:
        self._timer.start()

    def hideEvent(self, event: object) -> None:
        self._timer.stop()

    def _step(self) -> None:
        self.angle = (self.angle + 8) % 360
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(3.0, self.width() * 0.09)
        box = QRectF(width, width, self.width() - 2 * width, self.height() - 2 * width)
        track = QPen(QColor(255, 255, 255, 40), width)
        painter.setPen(track)
        painter.drawEllipse(box)
        arc = QPen(self.colour, width)
        arc.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(arc)
        painter.drawArc(box, -self.angle * 16, 100 * 16)
        painter.end()
