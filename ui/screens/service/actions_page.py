"""Actions: the printer (resume, test, cancel a stuck job, a new roll), the booth (in or out of
service, free mode) and the machine (restart, exit, reboot, shut down — each confirmed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.core.power_actions import PowerAction
from kiosk.core.settings_fields import number_field
from ui.metrics import Metrics
from ui.screens.service import words
from ui.screens.service.parts import LEFT, Stepper, left_label, service_button

if TYPE_CHECKING:
    from kiosk.core.order_views import JobLine

ROLL = number_field("printing.roll_size")  # a new roll: 0 (none left) to a full roll's limit


class ActionsPage(QWidget):
    resume = Signal()
    test_print = Signal()
    cancel_job = Signal(str)
    set_roll = Signal(int)
    in_service = Signal(bool)
    free_mode = Signal(bool)
    power = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: JobLine | None = None
        self.taken_out = False
        self.free = False
        self.title = left_label("subtitle")
        self.job_line = left_label()
        self.resume_button = service_button()
        self.test_button = service_button()
        self.cancel_button = service_button()
        self.roll = Stepper(ROLL.step, 0, ROLL.maximum, show=self._roll_text)
        self.roll_button = service_button()
        self.service_button = service_button()
        self.free_button = service_button()
        self.power_buttons = {action: service_button() for action in PowerAction}
        self.resume_button.clicked.connect(self.resume)
        self.test_button.clicked.connect(self.test_print)
        self.cancel_button.clicked.connect(lambda: self.job and self.cancel_job.emit(
            self.job.order_id))
        self.roll_button.clicked.connect(lambda: self.set_roll.emit(self.roll.value))
        self.service_button.clicked.connect(lambda: self.in_service.emit(self.taken_out))
        self.free_button.clicked.connect(lambda: self.free_mode.emit(not self.free))
        for action, button in self.power_buttons.items():
            button.clicked.connect(lambda _=False, a=action: self.power.emit(str(a)))
        grid = QGridLayout()
        cells = [self.resume_button, self.test_button, self.cancel_button, self.roll_button,
                 self.service_button, self.free_button, *self.power_buttons.values()]
        self.cells = cells
        self.grid = grid
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.job_line)
        column.addWidget(self.roll)
        column.addLayout(grid)
        column.addStretch(1)
        self.column = column
        self._place(columns=2)
        self.roll.set_value(400)
        self.retranslate()

    def _place(self, columns: int) -> None:
        for cell in self.cells:
            self.grid.removeWidget(cell)
        for index, cell in enumerate(self.cells):
            self.grid.addWidget(cell, index // columns, index % columns)

    def _roll_text(self, value: int) -> str:
        return self.tr("Prints on the new roll: {count}").format(count=value)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Actions"))
        self.resume_button.setText(self.tr("Resume printer"))
        self.test_button.setText(self.tr("Test print"))
        self.cancel_button.setText(self.tr("Cancel stuck job"))
        self.roll_button.setText(self.tr("Set new roll"))
        self.service_button.setText(self.tr("Back in service") if self.taken_out
                                    else self.tr("Out of service"))
        self.free_button.setText(self.tr("Free mode: turn off") if self.free
                                 else self.tr("Free mode: turn on"))
        texts = {PowerAction.restart_app: self.tr("Restart the app"),
                 PowerAction.exit_app: self.tr("Exit to desktop"),
                 PowerAction.reboot: self.tr("Reboot"),
                 PowerAction.shutdown: self.tr("Shut down")}
        for action, button in self.power_buttons.items():
            button.setText(texts[action])
        self.roll.set_value(self.roll.value)
        self._show_job()

    def apply_metrics(self, metrics: Metrics) -> None:
        self.column.setSpacing(metrics.px(0.012))
        self.grid.setSpacing(metrics.px(0.012))
        self.roll.row.setSpacing(metrics.spacing)
        self._place(columns=2 if metrics.landscape else 1)
        self.job_line.setAlignment(LEFT)

    def show_state(self, job: JobLine | None, taken_out: bool, free: bool,
                   roll_size: int | None = None) -> None:
        self.job, self.taken_out, self.free = job, taken_out, free
        if roll_size is not None:
            self.roll.set_value(roll_size)
        self.cancel_button.setEnabled(job is not None)
        self.retranslate()

    def _show_job(self) -> None:
        if self.job is None:
            self.job_line.setText(self.tr("No print job is waiting in the printer."))
            return
        self.job_line.setText(self.tr("In the printer: order {order}, {state} {detail}").format(
            order=self.job.order_id, state=words.print_state(self.job.state),
            detail=self.job.detail))
