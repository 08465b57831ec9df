"""A question before an action that cannot be undone (reboot, refund, reprint…)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.base import make_button, make_label


class ConfirmPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_yes: Callable[[], None] | None = None
        self.on_no: Callable[[], None] | None = None
        self.question = make_label("subtitle")
        self.yes = make_button("primary")
        self.no = make_button("quiet")
        self.yes.clicked.connect(lambda: self._answer(self.on_yes))
        self.no.clicked.connect(lambda: self._answer(self.on_no))
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.no)
        self.buttons.addWidget(self.yes)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addStretch(1)
        column.addWidget(self.question)
        column.addStretch(1)
        column.addLayout(self.buttons)
        self.column = column
        self.retranslate()

    def retranslate(self) -> None:
        self.yes.setText(self.tr("Yes, do it"))
        self.no.setText(self.tr("No, go back"))

    def apply_metrics(self, metrics: Metrics) -> None:
        self.buttons.setSpacing(metrics.spacing)

    def ask(self, question: str, on_yes: Callable[[], None], on_no: Callable[[], None],
            answers: tuple[str, str] | None = None) -> None:
        """`answers`: the (yes, no) buttons' words when "Yes, do it" / "No, go back" do not
        fit the question."""
        self.question.setText(question)
        self.on_yes, self.on_no = on_yes, on_no
        if answers is None:
            self.retranslate()
        else:
            self.yes.setText(answers[0])
            self.no.setText(answers[1])

    def _answer(self, then: Callable[[], None] | None) -> None:
        self.on_yes = self.on_no = None
        if then is not None:
            then()
