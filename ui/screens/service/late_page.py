"""Late payments: paid orders that did not print; print now, or mark refunded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.service.order_rows import order_row
from ui.screens.service.parts import RowList, left_label, service_button, two_line_row

if TYPE_CHECKING:
    from kiosk.core.order_views import OrderLine


class LatePaymentsPage(QWidget):
    print_now = Signal(str)
    refund = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[OrderLine] = []
        self.language = "en"
        self.title = left_label("subtitle")
        self.hint = left_label()
        self.list = RowList()
        self.list.row_chosen.connect(lambda _key: self._enable())
        self.print_button = service_button()
        self.refund_button = service_button()
        self.print_button.clicked.connect(lambda: self.list.chosen and self.print_now.emit(
            self.list.chosen))
        self.refund_button.clicked.connect(lambda: self.list.chosen and self.refund.emit(
            self.list.chosen))
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.print_button)
        self.buttons.addWidget(self.refund_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addWidget(self.list, 1)
        column.addLayout(self.buttons)
        self.column = column
        self._enable()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Late payments"))
        self.hint.setText(self.tr("Paid, but not printed: the customer may come back for it."))
        self.print_button.setText(self.tr("Print now"))
        self.refund_button.setText(self.tr("Mark refunded"))
        self.show_orders(self.lines, self.language)

    def apply_metrics(self, metrics: Metrics) -> None:
        self.column.setSpacing(metrics.px(0.012))
        self.buttons.setSpacing(metrics.spacing)
        self.list.set_spacing(metrics.px(0.01), two_line_row(metrics))

    def show_orders(self, lines: list[OrderLine], language: str) -> None:
        self.lines, self.language = lines, language
        self.list.set_rows([(line.order_id, order_row(line, language)) for line in lines],
                           self.tr("No late payment is waiting."))
        self._enable()

    def _enable(self) -> None:
        for button in (self.print_button, self.refund_button):
            button.setEnabled(self.list.chosen is not None)
