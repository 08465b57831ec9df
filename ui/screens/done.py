"""Done: thanks, where to pick up the prints, and the code to the photos on the phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.photos_qr import PhotosQrPanel
from ui.screens.base import Screen, make_label


class DoneScreen(Screen):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mark = make_label("mark", wrap=False)
        self.mark.setText("♥")
        self.title = make_label("display")
        self.body = make_label("subtitle")
        self.hint = make_label("body")
        self.digital = False
        self.photos = PhotosQrPanel()
        self.column = QVBoxLayout(self)
        self.column.addStretch(2)
        self.column.addWidget(self.mark)
        self.column.addWidget(self.title)
        self.column.addWidget(self.body)
        self.column.addStretch(1)
        self.column.addWidget(self.photos, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addStretch(1)
        self.column.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Enjoy your photos!"))
        self.body.setText(self.tr("Scan the code: your photos open on your phone.")
                          if self.digital else
                          self.tr("Please take your prints from the tray below."))
        self.hint.setText(self.tr("Touch the screen to finish"))
        self.photos.retranslate()

    def show_order(self, digital: bool, photos_url: str, photos_code: str = "") -> None:
        """A digital-only order has no prints to take; either may have a photos link (and
        its short code). The heart gives way to the link on a landscape screen."""
        self.digital = digital
        self.mark.setVisible(not photos_url or not self.metrics.landscape)
        self.photos.show_link(photos_url, photos_code)
        self.retranslate()

    def settle(self) -> None:
        self.photos.join()
        QApplication.processEvents()

    def join_workers(self) -> None:
        self.photos.join()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin * 2
        self.column.setContentsMargins(margin, metrics.margin, margin, metrics.margin)
        self.column.setSpacing(metrics.spacing)
        self.photos.apply_metrics(metrics, 0.34)
