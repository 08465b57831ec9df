"""The service menu: a PIN pad, then the technician's pages beside one list of sections.

The pages show what the service controller (`ui.service_menu`) hands them and emit
intents; nothing here talks to the printer, the store or the backend.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QPushButton,
    QStackedLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.metrics import Metrics
from ui.screens.base import Screen, make_button, make_label
from ui.screens.service.actions_page import ActionsPage
from ui.screens.service.confirm_page import ConfirmPage
from ui.screens.service.log_page import PaymentLogPage
from ui.screens.service.order_list_page import LATE_LIST, REPRINT_LIST, OrderListPage
from ui.screens.service.parts import Stepper, set_current, set_tone
from ui.screens.service.pin_page import PinPage
from ui.screens.service.settings_page import SettingsPage
from ui.screens.service.statistics_page import StatisticsPage
from ui.screens.service.status_page import StatusPage

SECTIONS = ("status", "actions", "reprint", "late", "log", "statistics", "settings")


class ServiceScreen(Screen):
    pin_entered = Signal(str)
    pin_cancelled = Signal()
    new_pin_entered = Signal(str, str)
    section_opened = Signal(str)
    exit_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = "status"
        self.pin = PinPage()
        self.pin.entered.connect(self.pin_entered)
        self.pin.new_pin.connect(self.new_pin_entered)
        self.pin.back.connect(self._pin_back)
        self.status = StatusPage()
        self.actions = ActionsPage()
        self.reprint = OrderListPage(REPRINT_LIST)
        self.late = OrderListPage(LATE_LIST)
        self.log = PaymentLogPage()
        self.statistics = StatisticsPage()
        self.settings = SettingsPage()
        self.confirm = ConfirmPage()
        self.pages: dict[str, QWidget] = {
            "status": self.status, "actions": self.actions, "reprint": self.reprint,
            "late": self.late, "log": self.log, "statistics": self.statistics,
            "settings": self.settings}
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.pin)
        self.stack.addWidget(self._build_menu())
        self.retranslate()

    def _build_menu(self) -> QWidget:
        menu = QWidget()
        self.tabs = {name: make_button("service") for name in SECTIONS}
        for name, button in self.tabs.items():
            button.clicked.connect(lambda _=False, n=name: self.open_section(n))
        self.exit = make_button("service")
        self.exit.setProperty("accent", True)
        self.exit.clicked.connect(lambda: self._leave_settings(self.exit_clicked.emit))
        self.nav = QGridLayout()
        self.sections = QStackedWidget()
        for page in (*self.pages.values(), self.confirm):
            self.sections.addWidget(page)
        self.message = make_label("small")
        right = QVBoxLayout()
        right.addWidget(self.sections, 1)
        right.addWidget(self.message)
        self.right = right
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, menu)
        self.body.addLayout(self.nav)
        self.body.addLayout(right, 1)
        self._place_nav(landscape=True)
        return menu

    def _place_nav(self, landscape: bool) -> None:
        buttons: list[QPushButton] = [*self.tabs.values(), self.exit]
        for button in buttons:
            self.nav.removeWidget(button)
        columns = 1 if landscape else 2
        for index, button in enumerate(buttons):
            self.nav.addWidget(button, index // columns, index % columns)
        self.nav.setRowStretch(len(buttons), 1 if landscape else 0)
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                               else QBoxLayout.Direction.TopToBottom)

    def retranslate(self) -> None:
        names = {"status": self.tr("Status"), "actions": self.tr("Actions"),
                 "reprint": self.tr("Reprint"), "late": self.tr("Late payments"),
                 "log": self.tr("Payment log"), "statistics": self.tr("Statistics"),
                 "settings": self.tr("Settings")}
        for name, button in self.tabs.items():
            button.setText(names[name])
        self.exit.setText(self.tr("Exit service"))
        for page in (self.pin, *self.pages.values(), self.confirm):
            page.retranslate()  # type: ignore[attr-defined]

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        # Dense pages: every target a finger's height and as wide as its words (or a finger).
        for button in self.findChildren(QPushButton):
            button.setMinimumSize(0, metrics.touch)
        for stepper in self.findChildren(Stepper):
            stepper.fit(metrics.touch)
        margin = metrics.px(0.03)
        self.body.setContentsMargins(margin, margin, margin, margin)
        self.body.setSpacing(metrics.spacing)
        self.nav.setSpacing(metrics.px(0.01))
        self.right.setSpacing(metrics.px(0.01))
        # Two lines kept for the answer under the page, so a page's buttons stay where they
        # are whether it says something or not.
        self.message.setMinimumHeight(round(metrics.font_sizes()["small"] * 1.4 * 2))
        self._place_nav(metrics.landscape)
        for page in (self.pin, *self.pages.values(), self.confirm):
            page.apply_metrics(metrics)  # type: ignore[attr-defined]

    # ----- what shows -----------------------------------------------------------------------

    def show_pin(self) -> None:
        self.pin.start("enter")
        self.stack.setCurrentIndex(0)

    def show_new_pin(self) -> None:
        self.pin.start("new")
        self.stack.setCurrentIndex(0)

    def show_panel(self, section: str = "status") -> None:
        self.say("")
        self.stack.setCurrentIndex(1)
        self.open_section(section)

    def pin_showing(self) -> bool:
        return self.stack.currentIndex() == 0

    def on_panel(self) -> bool:
        return self.stack.currentIndex() == 1

    def open_section(self, section: str) -> None:
        if section != "settings":
            self._leave_settings(lambda: self._open(section))
        else:
            self._open(section)

    def _leave_settings(self, then: Callable[[], None]) -> None:
        """Leaving settings with edits not saved asks: save them, or drop them."""
        if self.section != "settings" or not self.settings.changed():
            then()
            return

        def save() -> None:
            self.settings.save.emit(self.settings.values())
            self.settings.loaded = self.settings.values()
            then()

        def discard() -> None:
            self.settings.loaded = {}
            then()

        self.ask(self.tr("The settings were changed. Save them?"), save, discard,
                 (self.tr("Save"), self.tr("Discard")), back_after=False)

    def _open(self, section: str) -> None:
        # The answer under the page belongs to the page it answered.
        if section != self.section or self.sections.currentWidget() is self.confirm:
            self.say("")
        self.section = section
        for name, button in self.tabs.items():
            set_current(button, name == section)
        self.sections.setCurrentWidget(self.pages[section])
        self.section_opened.emit(section)

    def say(self, sentence: str, tone: str = "") -> None:
        """The answer to the last action, under the page."""
        self.message.setText(sentence)
        set_tone(self.message, tone)

    def ask(self, question: str, on_yes: Callable[[], None],
            on_no: Callable[[], None] | None = None, answers: tuple[str, str] | None = None,
            back_after: bool = True) -> None:
        """Ask before doing; either answer returns to the page it was asked from (unless the
        answers lead elsewhere themselves)."""
        section = self.section

        def back() -> None:
            self.sections.setCurrentWidget(self.pages[section])

        def yes() -> None:
            if back_after:
                back()
            on_yes()

        def no() -> None:
            if back_after or on_no is None:
                back()
            if on_no is not None:
                on_no()

        self.confirm.ask(question, yes, no, answers)
        self.sections.setCurrentWidget(self.confirm)

    def _pin_back(self) -> None:
        if self.pin.mode == "enter":
            self.show_pin()
            self.pin_cancelled.emit()
        else:
            self.exit_clicked.emit()
