"""A payment QR drawn module by module: crisp at any size, with its quiet zone."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.qr_modules import qr_matrix

QUIET_MODULES = 4


class QrWidget(QWidget):
    """Square, white, integer pixels per module so phone cameras read it at a glance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: list[list[bool]] = []
        self.data = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: str) -> None:
        self.set_matrix(data, qr_matrix(data) if data else [])

    def set_matrix(self, data: str, matrix: Sequence[Sequence[bool]]) -> None:
        """Show `data` whose modules were computed elsewhere (the checkout, ui.qr_renderer)."""
        self.data = data
        self.matrix = [list(row) for row in matrix]
        self.update()

    def clear(self) -> None:
        self.set_data("")

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def code_rect(self) -> tuple[QRect, int]:
        """Where the modules go (inside the quiet zone) and the pixels per module."""
        side = min(self.width(), self.height())
        count = len(self.matrix) + 2 * QUIET_MODULES
        module = max(1, side // count) if self.matrix else 1
        drawn = module * len(self.matrix)
        left = (self.width() - drawn) // 2
        top = (self.height() - drawn) // 2
        return QRect(left, top, drawn, drawn), module

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.matrix:
            return
        painter = QPainter(self)
        side = min(self.width(), self.height())
        square = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        painter.fillRect(square, QColor("#ffffff"))
        area, module = self.code_rect()
        dark = QColor("#000000")
        for row_index, row in enumerate(self.matrix):
            for col_index, cell in enumerate(row):
                if cell:
                    painter.fillRect(area.left() + col_index * module,
                                     area.top() + row_index * module, module, module, dark)
        painter.end()
