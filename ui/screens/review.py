"""Review: the composed print as it will come out, with retake and continue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout, QWidget

from ui.image_loader import ImageLoader
from ui.metrics import Metrics
from ui.photo_views import PrintView
from ui.screens.base import Screen, make_button, make_label, orientable
from ui.spinner import Spinner


class ReviewScreen(Screen):
    retake_clicked = Signal()
    continue_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = "preparing"
        self._wanted = ""
        self.loader = ImageLoader(self)
        self.loader.loaded.connect(self._loaded)
        self.print_view = PrintView()
        self.spinner = Spinner()
        self.title = make_label("title")
        self.status = make_label("body")
        self.retake = make_button("quiet")
        self.proceed = make_button("primary")
        self.retake.clicked.connect(self.retake_clicked)
        self.proceed.clicked.connect(self.continue_clicked)

        picture = QVBoxLayout()
        picture.addWidget(self.print_view, 1)
        picture.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignCenter)
        picture.addWidget(self.status)
        self.buttons = QVBoxLayout()
        self.buttons.addWidget(self.proceed)
        self.buttons.addWidget(self.retake)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.title)
        side.addStretch(1)
        side.addLayout(self.buttons)
        self.side = side
        self.body = orientable(QHBoxLayout(self))
        self.body.addLayout(picture, 3)
        self.body.addLayout(side, 2)
        self.set_preview(None)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("How do you like it?"))
        self.retake.setText(self.tr("Retake"))
        self.proceed.setText(self.tr("Print it"))
        self.status.setText({"preparing": self.tr("Preparing your print…"),
                             "failed": self.tr("The preview is not ready. "
                                               "You can retake the photos.")
                             }.get(self.state, ""))

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin
        self.body.setContentsMargins(margin, margin, margin, margin)
        self.body.setSpacing(margin)
        self.side.setSpacing(metrics.spacing)
        self.buttons.setSpacing(metrics.spacing)
        self.body.setStretch(0, 3 if metrics.landscape else 5)
        self.spinner.set_diameter(metrics.px(0.12))
        self.buttons.setDirection(QVBoxLayout.Direction.TopToBottom if metrics.landscape
                                  else QVBoxLayout.Direction.RightToLeft)

    def set_preview(self, image: Path | QImage | None) -> None:
        """The composed print (a file is decoded off the UI thread: the spinner stays until
        it is), or None while it is being prepared."""
        self._wanted = str(image) if isinstance(image, Path) else ""
        if isinstance(image, Path):
            self.loader.load(image)
            image = None
        self.print_view.set_image(image)
        self.state = "shown" if self.print_view.pixmap is not None else "preparing"
        self._show_state()

    def settle(self) -> None:
        self.loader.join()
        QApplication.processEvents()

    def join_workers(self) -> None:
        self.loader.join()

    def _loaded(self, path: str, image: QImage) -> None:
        if path != self._wanted:
            return  # a newer preview (or none) was asked for meanwhile
        if image.isNull():
            self.set_failed()
            return
        self.print_view.set_image(image)
        self.state = "shown"
        self._show_state()

    def set_failed(self) -> None:
        self.print_view.set_image(None)
        self.state = "failed"
        self._show_state()

    def _show_state(self) -> None:
        self.print_view.setVisible(self.state == "shown")
        self.spinner.setVisible(self.state == "preparing")
        self.status.setVisible(self.state != "shown")
        self.proceed.setEnabled(self.state == "shown")
        self.retranslate()
