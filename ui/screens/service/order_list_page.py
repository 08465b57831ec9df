"""One page for the service menu's order lists: which orders it lists and what the
technician may do with the one chosen (print now, reprint, refund), each action with the
reasons it asks for. The late payments and the reprint pages are two of these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.base import orientable
from ui.screens.service.order_rows import order_row
from ui.screens.service.parts import RowList, left_label, service_button, two_line_row

if TYPE_CHECKING:
    from kiosk.core.order_views import OrderLine

# The reasons an action asks for, in the words the ledger and the backend keep.
REASONS = {"reprint": ("print damaged", "customer asked", "printer jam"),
           "refund": ("cannot print", "customer left", "customer asked")}


@dataclass(frozen=True)
class OrderList:
    name: str  # "reprint": paid orders of the last 24 h; "late": paid and not printed
    actions: tuple[str, ...]  # "print_now", "reprint", "refund"


REPRINT_LIST = OrderList("reprint", ("reprint",))
LATE_LIST = OrderList("late", ("print_now", "refund"))


class OrderListPage(QWidget):
    acted = Signal(str, str, str)  # action, order id, reason ("" for an action without)

    def __init__(self, kind: OrderList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.lines: list[OrderLine] = []
        self.language = "en"
        # An action with reasons, when it is not the page's only one, asks them in a step.
        self.asking: str | None = self._only_action_with_reasons()
        self.title = left_label("subtitle")
        self.hint = left_label()
        self.list = RowList()
        self.list.row_chosen.connect(lambda _key: self._enable())
        self.action_buttons = {action: service_button() for action in kind.actions}
        for action, button in self.action_buttons.items():
            button.clicked.connect(lambda _=False, a=action: self._act(a))
        reasons = {reason for action in kind.actions for reason in REASONS.get(action, ())}
        self.reason_buttons = {reason: service_button() for reason in sorted(reasons)}
        for reason, button in self.reason_buttons.items():
            button.clicked.connect(lambda _=False, r=reason: self._give_reason(r))
        self.back = service_button()
        self.back.clicked.connect(lambda: self._ask_reason(None))
        self.buttons = orientable(QHBoxLayout())
        for button in (*self.action_buttons.values(), *self.reason_buttons.values()):
            self.buttons.addWidget(button)
        self.question = QHBoxLayout()  # the hint, and Back beside it while reasons are asked
        self.question.addWidget(self.hint, 1)
        self.question.addWidget(self.back)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.list, 1)
        column.addLayout(self.question)
        column.addLayout(self.buttons)
        self.column = column
        self.retranslate()

    def _only_action_with_reasons(self) -> str | None:
        actions = self.kind.actions
        return actions[0] if len(actions) == 1 and actions[0] in REASONS else None

    def action_text(self, action: str) -> str:
        return {"print_now": self.tr("Print now"), "reprint": self.tr("Reprint"),
                "refund": self.tr("Refund")}[action]

    def reason_text(self, reason: str) -> str:
        return {"print damaged": self.tr("Print damaged"),
                "customer asked": self.tr("Customer asked"),
                "printer jam": self.tr("Lost in a jam"),
                "cannot print": self.tr("Cannot print it"),
                "customer left": self.tr("Customer left")}[reason]

    def retranslate(self) -> None:
        if self.kind == REPRINT_LIST:
            self.title.setText(self.tr("Reprint a paid order (last 24 hours)"))
        else:
            self.title.setText(self.tr("Late payments"))
        for action, button in self.action_buttons.items():
            button.setText(self.action_text(action))
        for reason, button in self.reason_buttons.items():
            button.setText(self.reason_text(reason))
        self.back.setText(self.tr("Back"))
        self.show_orders(self.lines, self.language)

    def apply_metrics(self, metrics: Metrics) -> None:
        self.column.setSpacing(metrics.px(0.012))
        self.buttons.setSpacing(metrics.spacing)
        self.question.setSpacing(metrics.spacing)
        self.list.set_spacing(metrics.px(0.01), two_line_row(metrics))

    def show_orders(self, lines: list[OrderLine], language: str) -> None:
        self.lines, self.language = lines, language
        empty = self.tr("No paid order in the last 24 hours.") if self.kind == REPRINT_LIST \
            else self.tr("No late payment is waiting.")
        chosen = self.list.chosen
        self.list.set_rows([(line.order_id, order_row(line, language)) for line in lines],
                           empty)
        if chosen in self.list.rows:  # still listed: still chosen, its question still asked
            self.list.choose(chosen)
            self._ask_reason(self.asking)
        else:
            self._ask_reason(self._only_action_with_reasons())

    def _act(self, action: str) -> None:
        if self.list.chosen is None:
            return
        if action in REASONS:
            self._ask_reason(action)
        else:
            self.acted.emit(action, self.list.chosen, "")

    def _give_reason(self, reason: str) -> None:
        if self.list.chosen is not None and self.asking is not None:
            self.acted.emit(self.asking, self.list.chosen, reason)

    def _ask_reason(self, action: str | None) -> None:
        """Show the reasons `action` asks for; None: the page's actions again."""
        self.asking = action
        asked = REASONS.get(action or "", ())
        for button in self.action_buttons.values():
            button.setVisible(action is None)
        for reason, button in self.reason_buttons.items():
            button.setVisible(reason in asked)
        self.back.setVisible(action is not None and action != self._only_action_with_reasons())
        self.hint.setText(self._hint())
        self._enable()

    def _hint(self) -> str:
        if self.asking == "refund":
            return self.tr("Why is the money given back? The backend refunds it through the "
                           "payment provider.")
        if self.kind == REPRINT_LIST:
            return self.tr("Choose an order, then why it is printed again:")
        return self.tr("Paid, but not printed: the customer may come back for it.")

    def _enable(self) -> None:
        buttons: list[QPushButton] = [*self.action_buttons.values(),
                                      *self.reason_buttons.values()]
        for button in buttons:
            button.setEnabled(self.list.chosen is not None)
