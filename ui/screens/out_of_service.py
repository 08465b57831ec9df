"""Out of service: a calm word for the guest, a code for the technician."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.base import Screen, make_label


class OutOfServiceScreen(Screen):
    service_corner = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = ""
        self.title = make_label("display")
        self.body = make_label("subtitle")
        self.code_label = make_label("code")
        self.column = QVBoxLayout(self)
        self.column.addStretch(2)
        self.column.addWidget(self.title)
        self.column.addWidget(self.body)
        self.column.addStretch(3)
        self.column.addWidget(self.code_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("We'll be right back"))
        self.body.setText(self.tr("The photobooth is taking a short break. "
                                  "Please ask the staff for help."))
        self.code_label.setText(self.tr("Code: {code}").format(code=self.code)
                                if self.code else "")

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin * 2
        self.column.setContentsMargins(margin, metrics.margin, margin, metrics.margin)
        self.column.setSpacing(metrics.spacing * 2)

    def set_code(self, code: str) -> None:
        self.code = code
        self.retranslate()
