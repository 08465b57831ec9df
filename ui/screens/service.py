"""Service: a PIN pad, then the technician's panel (printer, media, resume, test, roll)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedLayout, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.screens.base import Screen, make_button, make_label, orientable

PIN_MAX = 8
ROLL_STEP = 50


class ServiceScreen(Screen):
    pin_entered = Signal(str)
    pin_cancelled = Signal()
    resume_clicked = Signal()
    test_print_clicked = Signal()
    roll_set = Signal(int)
    exit_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pin = ""
        self.pin_refused = False
        self.printer_state = ""
        self.printer_message = ""
        self.remaining: int | None = None
        self.roll = 400
        self.code = ""
        self.pages = QStackedLayout(self)
        self.pages.addWidget(self._build_pin_page())
        self.pages.addWidget(self._build_panel_page())
        self.retranslate()

    def _build_pin_page(self) -> QWidget:
        page = QWidget()
        self.pin_title = make_label("title")
        self.pin_dots = make_label("display", wrap=False)
        self.pin_note = make_label("body")
        keys = QGridLayout()
        self.keys = keys
        for index, digit in enumerate("123456789"):
            keys.addWidget(self._key(digit), index // 3, index % 3)
        self.clear_key = make_button("quiet")
        self.clear_key.clicked.connect(self._clear_pin)
        self.ok_key = make_button("primary")
        self.ok_key.clicked.connect(self._submit_pin)
        keys.addWidget(self.clear_key, 3, 0)
        keys.addWidget(self._key("0"), 3, 1)
        keys.addWidget(self.ok_key, 3, 2)
        self.pin_back = make_button("quiet")
        self.pin_back.clicked.connect(self._cancel_pin)
        column = QVBoxLayout(page)
        column.addWidget(self.pin_title)
        column.addWidget(self.pin_dots)
        column.addWidget(self.pin_note)
        column.addLayout(keys, 1)
        column.addWidget(self.pin_back)
        self.pin_column = column
        return page

    def _key(self, digit: str) -> QWidget:
        button = make_button("key")
        button.setText(digit)
        button.clicked.connect(lambda _=False, d=digit: self._press(d))
        return button

    def _build_panel_page(self) -> QWidget:
        page = QWidget()
        self.panel_title = make_label("title")
        self.printer_line = make_label("subtitle")
        self.message_line = make_label("body")
        self.media_line = make_label("subtitle")
        self.code_line = make_label("body")
        self.resume = make_button()
        self.test_print = make_button()
        self.roll_less = make_button("step")
        self.roll_less.setText(f"−{ROLL_STEP}")
        self.roll_more = make_button("step")
        self.roll_more.setText(f"+{ROLL_STEP}")
        self.set_roll_button = make_button()
        self.exit = make_button("primary")
        self.resume.clicked.connect(self.resume_clicked)
        self.test_print.clicked.connect(self.test_print_clicked)
        self.roll_less.clicked.connect(lambda: self._step_roll(-ROLL_STEP))
        self.roll_more.clicked.connect(lambda: self._step_roll(ROLL_STEP))
        self.set_roll_button.clicked.connect(lambda: self.roll_set.emit(self.roll))
        self.exit.clicked.connect(self.exit_clicked)
        actions = orientable(QHBoxLayout())
        actions.addWidget(self.resume)
        actions.addWidget(self.test_print)
        roll = QHBoxLayout()
        roll.addWidget(self.roll_less)
        roll.addWidget(self.set_roll_button, 1)
        roll.addWidget(self.roll_more)
        column = QVBoxLayout(page)
        column.addWidget(self.panel_title)
        column.addWidget(self.printer_line)
        column.addWidget(self.message_line)
        column.addWidget(self.media_line)
        column.addWidget(self.code_line)
        column.addStretch(1)
        column.addLayout(actions)
        column.addLayout(roll)
        column.addWidget(self.exit)
        self.panel_column = column
        self.panel_rows = (actions, roll)
        return page

    def retranslate(self) -> None:
        self.pin_title.setText(self.tr("Service: enter the PIN"))
        self.pin_dots.setText("●" * len(self.pin) if self.pin else "–")
        self.pin_note.setText(self.tr("Wrong PIN, try again.") if self.pin_refused else "")
        self.clear_key.setText(self.tr("Clear"))
        self.ok_key.setText(self.tr("OK"))
        self.pin_back.setText(self.tr("Back"))
        self.panel_title.setText(self.tr("Service"))
        self.printer_line.setText(self.tr("Printer: {state}").format(
            state=self.printer_state or self.tr("unknown")))
        self.message_line.setText(self.printer_message)
        self.media_line.setText(self.tr("Prints left on the roll: {count}").format(
            count=self.remaining if self.remaining is not None else self.tr("unknown")))
        self.code_line.setText(self.tr("Technician code: {code}").format(code=self.code)
                               if self.code else "")
        self.resume.setText(self.tr("Resume printer"))
        self.test_print.setText(self.tr("Test print"))
        self.set_roll_button.setText(self.tr("New roll: {count}").format(count=self.roll))
        self.exit.setText(self.tr("Exit service"))

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin
        for column in (self.pin_column, self.panel_column):
            column.setContentsMargins(margin, margin, margin, margin)
            column.setSpacing(metrics.spacing)
        self.keys.setSpacing(metrics.spacing)
        for row in self.panel_rows:
            row.setSpacing(metrics.spacing)

    # ----- setters --------------------------------------------------------------------------

    def show_pin(self) -> None:
        self.pin = ""
        self.pin_refused = False
        self.pages.setCurrentIndex(0)
        self.retranslate()

    def show_panel(self) -> None:
        self.pages.setCurrentIndex(1)

    def on_panel(self) -> bool:
        return self.pages.currentIndex() == 1

    def refuse_pin(self) -> None:
        self.pin = ""
        self.pin_refused = True
        self.retranslate()

    def set_status(self, printer_state: str, message: str, remaining: int | None,
                   code: str) -> None:
        self.printer_state, self.printer_message = printer_state, message
        self.remaining, self.code = remaining, code
        self.retranslate()

    def set_roll_size(self, prints: int) -> None:
        self.roll = max(ROLL_STEP, prints)
        self.retranslate()

    # ----- internals ------------------------------------------------------------------------

    def _press(self, digit: str) -> None:
        if len(self.pin) < PIN_MAX:
            self.pin += digit
        self.pin_refused = False
        self.retranslate()

    def _clear_pin(self) -> None:
        self.pin = ""
        self.retranslate()

    def _submit_pin(self) -> None:
        pin, self.pin = self.pin, ""
        self.retranslate()
        self.pin_entered.emit(pin)

    def _cancel_pin(self) -> None:
        self.show_pin()
        self.pin_cancelled.emit()

    def _step_roll(self, delta: int) -> None:
        self.set_roll_size(self.roll + delta)
