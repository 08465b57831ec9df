"""Checking: the QR expired or the guest cancelled; the backend gets the last word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.base import Screen, make_label
from ui.spinner import Spinner


class CheckingScreen(Screen):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spinner = Spinner()
        self.title = make_label("display")
        self.body = make_label("subtitle")
        self.column = QVBoxLayout(self)
        self.column.addStretch(2)
        self.column.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.title)
        self.column.addWidget(self.body)
        self.column.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Did you pay?"))
        self.body.setText(self.tr("We are checking with the payment service. "
                                  "Please stay here, this takes a moment."))

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin * 2
        self.column.setContentsMargins(margin, metrics.margin, margin, metrics.margin)
        self.column.setSpacing(metrics.spacing * 2)
        self.spinner.set_diameter(metrics.px(0.16))
