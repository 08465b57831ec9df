"""Attract: sample prints sliding by, "touch to start", and the language choice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import LANGUAGE_NAMES
from ui.image_loader import ImageLoader
from ui.metrics import Metrics
from ui.photo_views import PrintView
from ui.screens.base import Screen, make_button, make_label, orientable

SLIDE_SECONDS = 5


class AttractScreen(Screen):
    start_requested = Signal()
    language_chosen = Signal(str)
    service_corner = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slides: list[QPixmap] = []
        self.slide_index = 0
        self._slide_files: list[str] = []
        self.loader = ImageLoader(self)
        self.loader.loaded.connect(self._slide_loaded)
        self.print_view = PrintView(fanned=True)
        self.logo = QLabel()
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.event_name = make_label("subtitle")
        self.free_mode = make_label("small")  # for the technician: sessions are not charged
        self.free_mode.setProperty("tone", "warn")
        self.free_mode.hide()
        self.free = False
        # Why a touch started no session (the disk cannot hold one), with the code.
        self.refusal = make_label("body")
        self.refusal.setProperty("tone", "warn")
        self.refusal.hide()
        self.refused_code: str | None = None
        self.title = make_label("display")
        self.subtitle = make_label("body")
        self.start_button = make_button("primary")
        self.start_button.clicked.connect(self.start_requested)
        self.language_buttons: dict[str, QPushButton] = {}
        self.language_row = QHBoxLayout()

        text = QVBoxLayout()
        text.addWidget(self.free_mode)
        text.addStretch(2)
        text.addWidget(self.logo)
        text.addWidget(self.event_name)
        text.addStretch(1)
        text.addWidget(self.title)
        text.addWidget(self.subtitle)
        text.addStretch(1)
        text.addWidget(self.start_button)
        text.addWidget(self.refusal)
        text.addStretch(2)
        text.addLayout(self.language_row)
        self.text_column = text
        self.body = orientable(QHBoxLayout())
        self.body.addWidget(self.print_view, 4)
        self.body.addLayout(text, 5)
        outer = QVBoxLayout(self)
        outer.addLayout(self.body)
        self._timer = QTimer(self)
        self._timer.setInterval(SLIDE_SECONDS * 1000)
        self._timer.timeout.connect(self.next_slide)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Photos to take home"))
        # In free mode nobody pays: the invitation says so.
        self.subtitle.setText(self.tr("Strike a pose: the photos are free today, and the "
                                      "prints come out right here.") if self.free else
                              self.tr("Strike a pose, pay with your phone, "
                                      "and the prints come out right here."))
        self.start_button.setText(self.tr("Touch to start"))
        self.free_mode.setText(self.tr("Free mode: photos without payment"))
        self.refusal.setText(self.tr("Sorry, the booth cannot take photos right now: its "
                                     "memory is full. Please call the staff (code {code}).")
                             .format(code=self.refused_code or ""))

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin
        self.layout().setContentsMargins(margin, margin, margin, margin)
        self.body.setSpacing(metrics.margin)
        self.text_column.setSpacing(metrics.spacing)
        self.language_row.setSpacing(metrics.spacing)
        # The print is portrait: in landscape it needs less width than the words.
        self.body.setStretch(0, 4 if metrics.landscape else 10)
        self.body.setStretch(1, 5 if metrics.landscape else 8)
        self._scale_logo()

    # ----- setters --------------------------------------------------------------------------

    def set_slides(self, images: list[Path | QImage]) -> None:
        """Sample prints to show; files are decoded off the UI thread and join as they come."""
        self.slides = [QPixmap.fromImage(item) for item in images
                       if isinstance(item, QImage) and not item.isNull()]
        self._slide_files = [str(item) for item in images if isinstance(item, Path)]
        # Decoded no bigger than the screen: a print is never shown larger than that.
        fit = self.screen().size() if self.screen() is not None else None
        for path in self._slide_files:
            self.loader.load(Path(path), fit)
        self.slide_index = 0
        self._show_slide()
        self.print_view.setVisible(bool(self.slides))

    def settle(self) -> None:
        self.loader.join()
        QApplication.processEvents()

    def join_workers(self) -> None:
        self.loader.join()

    def _slide_loaded(self, path: str, image: QImage) -> None:
        if path not in self._slide_files or image.isNull():
            return
        self.slides.append(QPixmap.fromImage(image))
        if len(self.slides) <= 2:  # the first print, then the one peeking out behind it
            self._show_slide()
            self.print_view.setVisible(True)

    def next_slide(self) -> None:
        if self.slides:
            self.slide_index = (self.slide_index + 1) % len(self.slides)
            self._show_slide()

    def _show_slide(self) -> None:
        if not self.slides:
            self.print_view.set_image(None)
            return
        following = self.slides[(self.slide_index + 1) % len(self.slides)]
        self.print_view.set_image(self.slides[self.slide_index],
                                  behind=following if len(self.slides) > 1 else None)

    def set_refusal(self, code: str | None) -> None:
        """Say why the last touch started no session (None: nothing refused)."""
        self.refused_code = code
        self.refusal.setVisible(code is not None)
        self.retranslate()

    def set_free_mode(self, on: bool) -> None:
        self.free = on
        self.free_mode.setVisible(on)
        self.retranslate()

    def set_branding(self, logo: Path | None, event_name: str) -> None:
        self._logo_pixmap = QPixmap(str(logo)) if logo else QPixmap()
        self.logo.setVisible(not self._logo_pixmap.isNull())
        self.event_name.setText(event_name)
        self.event_name.setVisible(bool(event_name))
        self._scale_logo()

    def _scale_logo(self) -> None:
        pixmap = getattr(self, "_logo_pixmap", None)
        if pixmap is not None and not pixmap.isNull():
            height = self.metrics.px(0.14)
            self.logo.setPixmap(pixmap.scaledToHeight(
                height, Qt.TransformationMode.SmoothTransformation))

    def set_languages(self, languages: list[str], current: str) -> None:
        while self.language_row.count():
            item = self.language_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.language_buttons = {}
        if len(languages) < 2:
            return
        for language in languages:
            button = make_button("language")
            button.setText(LANGUAGE_NAMES.get(language, language))
            button.clicked.connect(lambda _=False, lang=language: self.language_chosen.emit(lang))
            self.language_row.addWidget(button)
            self.language_buttons[language] = button
        self.mark_language(current)

    def mark_language(self, current: str) -> None:
        for language, button in self.language_buttons.items():
            button.setProperty("current", language == current)
            button.style().unpolish(button)
            button.style().polish(button)

    # ----- life -----------------------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        self._timer.start()

    def hideEvent(self, event: object) -> None:
        self._timer.stop()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.in_service_corner(event):
            self.start_requested.emit()
