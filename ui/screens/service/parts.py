"""Pieces the service pages share: a digit pad, a stepper, a list that scrolls with a finger."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.metrics import Metrics
from ui.screens.base import make_button, make_label

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def kinetic(viewport: QWidget) -> None:
    """Scroll with a finger (flick); a tap still presses what it lands on, at once."""
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(properties)


def two_line_row(metrics: Metrics) -> int:
    """A list row's height: two lines of small text and the row's padding, or a finger."""
    return max(metrics.touch, round(2.7 * metrics.font_sizes()["small"]) + 2 * metrics.px(0.015))


def service_button(text: str = "") -> QPushButton:
    button = make_button("service")
    button.setText(text)
    return button


def set_current(button: QPushButton, current: bool) -> None:
    button.setProperty("current", current)
    button.style().unpolish(button)
    button.style().polish(button)


def set_tone(label: QLabel, tone: str) -> None:
    label.setProperty("tone", tone)
    label.style().unpolish(label)
    label.style().polish(label)


def left_label(role: str = "small") -> QLabel:
    return make_label(role, align=LEFT)


class DigitPad(QWidget):
    """0–9, Clear and OK; `digits` holds what was typed (up to `limit`)."""

    changed = Signal(str)
    submitted = Signal(str)

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.digits = ""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.grid = grid
        for index, digit in enumerate("1234567890"):
            key = make_button("key")
            key.setText(digit)
            key.clicked.connect(lambda _=False, d=digit: self.press(d))
            row, column = (index // 3, index % 3) if digit != "0" else (3, 1)
            grid.addWidget(key, row, column)
        self.clear_key = make_button("quiet")
        self.clear_key.clicked.connect(self.clear)
        self.ok_key = make_button("primary")
        self.ok_key.clicked.connect(self._submit)
        grid.addWidget(self.clear_key, 3, 0)
        grid.addWidget(self.ok_key, 3, 2)

    def fit(self, touch: int) -> None:
        """Keys a finger hits that share the height the page leaves them."""
        for key in self.findChildren(QPushButton):
            key.setMinimumSize(touch, touch)
            key.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

    def press(self, digit: str) -> None:
        if len(self.digits) < self.limit:
            self.digits += digit
        self.changed.emit(self.digits)

    def clear(self) -> None:
        self.digits = ""
        self.changed.emit(self.digits)

    def erase(self) -> None:
        """The last digit typed, taken back (a keyboard's Backspace)."""
        self.digits = self.digits[:-1]
        self.changed.emit(self.digits)

    def set_locked(self, locked: bool) -> None:
        for key in self.findChildren(QPushButton):
            key.setEnabled(not locked)

    def type_key(self, key: int, text: str) -> bool:
        """A keyboard key as if its button were pressed; False: not a key of the pad."""
        if not self.ok_key.isEnabled():
            return False
        if text.isdigit() and len(text) == 1:
            self.press(text)
        elif key == Qt.Key.Key_Backspace:
            self.erase()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        elif key == Qt.Key.Key_Delete:
            self.clear()
        else:
            return False
        return True

    def _submit(self) -> None:
        digits, self.digits = self.digits, ""
        self.changed.emit(self.digits)
        self.submitted.emit(digits)


class Stepper(QWidget):
    """− value +, within limits; `valueChanged` on each step."""

    value_changed = Signal(int)

    def __init__(self, step: int, minimum: int, maximum: int,
                 show: Callable[[int], str] = str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step, self.minimum, self.maximum, self.show = step, minimum, maximum, show
        self.value = minimum
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.less = service_button("−")
        self.more = service_button("+")
        self.label = make_label("small", wrap=False)
        self.less.clicked.connect(lambda: self.set_value(self.value - self.step, emit=True))
        self.more.clicked.connect(lambda: self.set_value(self.value + self.step, emit=True))
        row.addWidget(self.less)
        row.addWidget(self.label, 1)
        row.addWidget(self.more)
        self.row = row

    def fit(self, touch: int) -> None:
        for button in (self.less, self.more):
            button.setMinimumSize(touch, touch)

    def set_value(self, value: int, *, emit: bool = False) -> None:
        self.value = max(self.minimum, min(self.maximum, value))
        self.label.setText(self.show(self.value))
        if emit:
            self.value_changed.emit(self.value)


class RowList(QScrollArea):
    """Big rows, one tap selects; the list scrolls with a finger (kinetic)."""

    row_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        kinetic(self.viewport())
        self.inner = QWidget()
        self.column = QVBoxLayout(self.inner)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addStretch(1)
        self.setWidget(self.inner)
        self.empty = make_label("small")
        self.column.insertWidget(0, self.empty)
        self.rows: dict[str, QPushButton] = {}
        self.chosen: str | None = None
        self.row_height = 0

    def set_rows(self, rows: list[tuple[str, str]], empty_text: str) -> None:
        for button in self.rows.values():
            button.hide()
            button.deleteLater()
        self.rows = {}
        self.chosen = None
        for key, text in rows:
            button = make_button("row")
            button.setText(text)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=key: self.choose(k))
            if self.row_height:
                button.setFixedHeight(self.row_height)
            self.column.insertWidget(self.column.count() - 1, button)
            self.rows[key] = button
        self.empty.setText(empty_text)
        self.empty.setVisible(not rows)

    def choose(self, key: str) -> None:
        self.chosen = key
        for other, button in self.rows.items():
            set_current(button, other == key)
        self.row_chosen.emit(key)

    def set_spacing(self, spacing: int, row_height: int) -> None:
        self.column.setSpacing(spacing)
        self.row_height = row_height
        for button in self.rows.values():
            button.setFixedHeight(row_height)
