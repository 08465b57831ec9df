"""Reprint: a paid order of the last 24 h printed again, with the reason (it spends paper)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.base import orientable
from ui.screens.service.order_rows import order_row
from ui.screens.service.parts import RowList, left_label, service_button, two_line_row

if TYPE_CHECKING:
    from kiosk.core.order_views import OrderLine

REASONS = ("print damaged", "customer asked", "printer jam")


class ReprintPage(QWidget):
    reprint = Signal(str, str)  # order id, reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[OrderLine] = []
        self.language = "en"
        self.title = left_label("subtitle")
        self.hint = left_label()
        self.list = RowList()
        self.list.row_chosen.connect(lambda _key: self._enable())
        self.reason_buttons = {reason: service_button() for reason in REASONS}
        for reason, button in self.reason_buttons.items():
            button.clicked.connect(lambda _=False, r=reason: self.list.chosen and self.reprint.emit(
                self.list.chosen, r))
        self.reasons = orientable(QHBoxLayout())
        for button in self.reason_buttons.values():
            self.reasons.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.list, 1)
        column.addWidget(self.hint)
        column.addLayout(self.reasons)
        self.column = column
        self._enable()
        self.retranslate()

    def reason_text(self, reason: str) -> str:
        return {"print damaged": self.tr("Print damaged"),
                "customer asked": self.tr("Customer asked"),
                "printer jam": self.tr("Lost in a jam")}[reason]

    def retranslate(self) -> None:
        self.title.setText(self.tr("Reprint a paid order (last 24 hours)"))
        self.hint.setText(self.tr("Choose an order, then why it is printed again:"))
        for reason, button in self.reason_buttons.items():
            button.setText(self.reason_text(reason))
        self.show_orders(self.lines, self.language)

    def apply_metrics(self, metrics: Metrics) -> None:
        self.column.setSpacing(metrics.px(0.012))
        self.reasons.setSpacing(metrics.spacing)
        self.list.set_spacing(metrics.px(0.01), two_line_row(metrics))

    def show_orders(self, lines: list[OrderLine], language: str) -> None:
        self.lines, self.language = lines, language
        self.list.set_rows([(line.order_id, order_row(line, language)) for line in lines],
                           self.tr("No paid order in the last 24 hours."))
        self._enable()

    def _enable(self) -> None:
        for button in self.reason_buttons.values():
            button.setEnabled(self.list.chosen is not None)
