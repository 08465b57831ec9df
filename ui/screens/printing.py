"""Printing: where the print job is, and where the photos come out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QProgressBar, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.photos_qr import PhotosQrPanel
from ui.screens.base import Screen, make_label
from ui.spinner import Spinner

# print_progress states in the order a job passes through them, as a share of the bar.
PROGRESS = {"pending": 10, "submitted": 35, "printing": 70, "printed": 100, "failed": 70}


class PrintingScreen(Screen):
    service_corner = True  # a job stuck in the printer: the technician steps in from here

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = "pending"
        self.attention = False
        self.code = ""
        self.spinner = Spinner()
        self.title = make_label("display")
        self.step = make_label("subtitle")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.where = make_label("subtitle")
        self.note_panel = QFrame()
        self.note_panel.setProperty("role", "panel")
        self.note = make_label("body")
        self.code_label = make_label("code")
        note_box = QVBoxLayout(self.note_panel)
        note_box.addWidget(self.note)
        note_box.addWidget(self.code_label)
        self.note_box = note_box
        self.photos = PhotosQrPanel()
        self.column = QVBoxLayout(self)
        self.column.addStretch(2)
        self.column.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.title)
        self.column.addWidget(self.step)
        self.column.addWidget(self.bar)
        self.column.addWidget(self.where)
        self.column.addWidget(self.note_panel)
        self.column.addStretch(1)
        self.column.addWidget(self.photos, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addStretch(2)
        self.set_progress("pending")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Thank you! Printing your photos"))
        self.step.setText({
            "pending": self.tr("Getting your prints ready…"),
            "submitted": self.tr("Sending to the printer…"),
            "printing": self.tr("Printing…"),
            "printed": self.tr("All printed!"),
            "failed": self.tr("Printing is paused"),
        }.get(self.state, ""))
        self.where.setText(self.tr("Your photos are coming out below."))
        self.note.setText(self.tr("The printer needs a moment of attention. Your order is "
                                  "safe: please ask the staff, they will finish your prints."))
        self.code_label.setText(self.tr("Code: {code}").format(code=self.code)
                                if self.code else "")
        self.code_label.setVisible(bool(self.code))  # an empty line took the link's room
        self.photos.retranslate()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        side = metrics.margin * (3 if metrics.landscape else 1)
        self.column.setContentsMargins(side, metrics.margin, side, metrics.margin)
        self.column.setSpacing(metrics.spacing)
        self.note_box.setContentsMargins(metrics.spacing, metrics.spacing, metrics.spacing,
                                         metrics.spacing)
        self.spinner.set_diameter(metrics.px(0.14))
        self.photos.apply_metrics(metrics, 0.24)

    def show_photos_link(self, url: str, code: str = "") -> None:
        """The order's photos page ("" for none) and its short code: its QR under the
        progress."""
        self.photos.show_link(url, code)
        self._show()

    def settle(self) -> None:
        self.photos.join()
        QApplication.processEvents()

    def join_workers(self) -> None:
        self.photos.join()

    def set_progress(self, state: str) -> None:
        """A print_progress state: pending, submitted, printing, printed or failed."""
        self.state = state if state in PROGRESS else "pending"
        self.bar.setValue(PROGRESS[self.state])
        if self.state == "failed":
            self.attention = True
        self._show()

    def set_attention(self, needed: bool, code: str = "") -> None:
        """The staff's note, with the technician code that says what the printer needs."""
        self.attention = needed
        self.code = code if needed else ""
        self._show()

    def _show(self) -> None:
        self.note_panel.setVisible(self.attention)
        self.where.setVisible(not self.attention)  # paused: nothing is coming out now
        # The note and the photos' code take the spinner's place: a small screen has room for
        # one of them.
        self.spinner.setVisible(self.state not in ("printed", "failed") and not self.attention
                                and not self.photos.url)
        self.retranslate()
