"""Done: thanks, and where to pick up the prints."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.base import Screen, make_label


class DoneScreen(Screen):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mark = make_label("mark", wrap=False)
        self.mark.setText("♥")
        self.title = make_label("display")
        self.body = make_label("subtitle")
        self.hint = make_label("body")
        self.column = QVBoxLayout(self)
        self.column.addStretch(2)
        self.column.addWidget(self.mark)
        self.column.addWidget(self.title)
        self.column.addWidget(self.body)
        self.column.addStretch(2)
        self.column.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Enjoy your photos!"))
        self.body.setText(self.tr("Please take your prints from the tray below."))
        self.hint.setText(self.tr("Touch the screen to finish"))

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin * 2
        self.column.setContentsMargins(margin, metrics.margin, margin, metrics.margin)
        self.column.setSpacing(metrics.spacing)
