"""The PIN pad: entering the menu, and a new PIN (typed twice) in place of the factory one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.base import make_button, make_label
from ui.screens.service.parts import DigitPad, set_tone

PIN_MAX = 8


class PinPage(QWidget):
    entered = Signal(str)
    new_pin = Signal(str, str)
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "enter"  # "enter", or "new" then "again" while choosing a new PIN
        self.first = ""
        self.note_text = ""
        self.title = make_label("title")
        self.dots = make_label("display", wrap=False)
        self.note = make_label("small")
        self.pad = DigitPad(PIN_MAX)
        self.pad.changed.connect(lambda _digits: self._show_dots())
        self.pad.submitted.connect(self._submit)
        self.back_button = make_button("quiet")
        self.back_button.clicked.connect(self.back)
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.dots)
        column.addWidget(self.note)
        column.addWidget(self.pad, 1)
        column.addWidget(self.back_button)
        self.column = column
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText({"enter": self.tr("Service: enter the PIN"),
                            "new": self.tr("Choose a new service PIN"),
                            "again": self.tr("Type the new PIN again")}[self.mode])
        self.pad.clear_key.setText(self.tr("Clear"))
        self.pad.ok_key.setText(self.tr("OK"))
        self.back_button.setText(self.tr("Back") if self.mode == "enter"
                                 else self.tr("Leave the service menu"))
        self.note.setText(self.note_text or (
            self.tr("The factory PIN must be replaced before anything else.")
            if self.mode != "enter" else ""))
        self._show_dots()

    def apply_metrics(self, metrics: Metrics) -> None:
        margin = metrics.margin
        self.column.setContentsMargins(margin, metrics.px(0.02), margin, metrics.px(0.02))
        self.column.setSpacing(metrics.px(0.012))
        self.pad.grid.setSpacing(metrics.px(0.015))
        self.pad.fit(metrics.touch)

    def start(self, mode: str) -> None:
        self.mode, self.first, self.note_text = mode, "", ""
        self.pad.clear()
        set_tone(self.note, "")
        self.retranslate()

    def say(self, sentence: str, tone: str = "bad") -> None:
        self.note_text = sentence
        self.note.setText(sentence)
        set_tone(self.note, tone)

    def _show_dots(self) -> None:
        self.dots.setText("●" * len(self.pad.digits) if self.pad.digits else "–")

    def _submit(self, digits: str) -> None:
        if self.mode == "enter":
            self.entered.emit(digits)
        elif self.mode == "new":
            self.first, self.mode, self.note_text = digits, "again", ""
            self.retranslate()
        else:
            first, self.first, self.mode = self.first, "", "new"
            self.retranslate()
            self.new_pin.emit(first, digits)
