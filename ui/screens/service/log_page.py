"""The payment log: recent orders with time, amount, provider, status, transaction, print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.service.order_rows import order_row
from ui.screens.service.parts import RowList, left_label, service_button, set_current, two_line_row

if TYPE_CHECKING:
    from kiosk.core.order_views import OrderLine

FILTERS = ("", "paid", "pending", "failed", "cancelled", "refunded", "free")


class PaymentLogPage(QWidget):
    filter_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[OrderLine] = []
        self.language = "en"
        self.current = ""
        self.title = left_label("subtitle")
        self.filter_buttons = {name: service_button() for name in FILTERS}
        for name, button in self.filter_buttons.items():
            button.clicked.connect(lambda _=False, n=name: self.filter_chosen.emit(n))
        self.filters = QGridLayout()
        self.list = RowList()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addLayout(self.filters)
        column.addWidget(self.list, 1)
        self.column = column
        self._place(columns=4)
        self.retranslate()

    def _place(self, columns: int) -> None:
        for button in self.filter_buttons.values():
            self.filters.removeWidget(button)
        for index, button in enumerate(self.filter_buttons.values()):
            self.filters.addWidget(button, index // columns, index % columns)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Payment log"))
        texts = {"": self.tr("All"), "paid": self.tr("Paid"), "pending": self.tr("Pending"),
                 "failed": self.tr("Failed"), "cancelled": self.tr("Cancelled"),
                 "refunded": self.tr("Refunded"), "free": self.tr("Free")}
        for name, button in self.filter_buttons.items():
            button.setText(texts[name])
        self.show_orders(self.lines, self.current, self.language)

    def apply_metrics(self, metrics: Metrics) -> None:
        self.column.setSpacing(metrics.px(0.012))
        self.filters.setSpacing(metrics.px(0.01))
        self._place(columns=4 if metrics.landscape else 3)
        self.list.set_spacing(metrics.px(0.01), two_line_row(metrics))

    def show_orders(self, lines: list[OrderLine], status: str, language: str) -> None:
        self.lines, self.current, self.language = lines, status, language
        for name, button in self.filter_buttons.items():
            set_current(button, name == status)
        self.list.set_rows([(line.order_id, order_row(line, language)) for line in lines],
                           self.tr("No order to show."))
