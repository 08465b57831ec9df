"""The PIN pad: entering the menu, and a new PIN (typed twice) in place of the factory one."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.service_pin import new_pin_problem
from ui.metrics import Metrics
from ui.screens.base import make_button, make_label
from ui.screens.service import words
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
        self.locked_until = 0.0  # monotonic time the lock ends; 0: open
        self.lock_tick = QTimer(self)
        self.lock_tick.setInterval(1000)
        self.lock_tick.timeout.connect(self._show_lock)
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

    def show_locked(self, seconds: int) -> None:
        """The pad locked for `seconds` more: its keys off and the time left counting down,
        from the moment it opens (0: open)."""
        self.locked_until = time.monotonic() + seconds if seconds > 0 else 0.0
        self._show_lock()

    def _show_lock(self) -> None:
        left = max(0, round(self.locked_until - time.monotonic())) if self.locked_until else 0
        self.pad.set_locked(left > 0)
        if left <= 0:
            self.lock_tick.stop()
            if self.locked_until:
                self.locked_until = 0.0
                self.say("")
            return
        self.lock_tick.start()
        self.say(self.tr("Locked after too many wrong PINs: try again in {time}.").format(
            time=f"{left // 60}:{left % 60:02d}"))

    def type_key(self, key: int, text: str) -> bool:
        """A keyboard's digits, Backspace, Delete and Enter work the pad."""
        return self.pad.type_key(key, text)

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
            # The first PIN is judged at once (too short, the factory one); the second only
            # has to match it.
            problem = new_pin_problem(digits, digits)
            if problem is not None:
                self.say(words.pin_problem(problem))
                return
            self.first, self.mode, self.note_text = digits, "again", ""
            set_tone(self.note, "")
            self.retranslate()
        else:
            first, self.first, self.mode = self.first, "", "new"
            self.retranslate()
            self.new_pin.emit(first, digits)
