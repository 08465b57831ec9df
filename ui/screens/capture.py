"""Capture: the camera as a mirror, a big countdown, a flash, "shot k of N".

While the camera does not answer, the screen says so in the customer's language, shows no
picture and holds the countdown; the window starts the shot's count again once it is back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.photo_views import LiveView
from ui.screens.base import Screen, make_label


class CaptureScreen(Screen):
    countdown_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = 1
        self.total = 1
        self.remaining = 0
        self.camera_ready = True
        self.live = LiveView()
        self.progress = make_label("pill", wrap=False)
        self.count = make_label("count", wrap=False)
        self.hint = make_label("hint", wrap=False)
        self.camera_note = make_label("title")
        self.camera_note.hide()
        self.progress_veil = self._veil(self.progress)
        self.hint_veil = self._veil(self.hint)
        overlay = QWidget()
        column = QVBoxLayout(overlay)
        column.addWidget(self.progress_veil, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        column.addWidget(self.count, 0, Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.camera_note)
        column.addStretch(1)
        column.addWidget(self.hint_veil, 0, Qt.AlignmentFlag.AlignHCenter)
        self.overlay_column = column
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.live, 0, 0)
        grid.addWidget(overlay, 0, 0)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self.retranslate()

    @staticmethod
    def _veil(label: QLabel) -> QFrame:
        """A dark rounded backing so text reads over any picture."""
        veil = QFrame()
        veil.setProperty("role", "veil")
        QVBoxLayout(veil).addWidget(label)
        return veil

    def retranslate(self) -> None:
        self.progress.setText(self.tr("Photo {index} of {total}").format(
            index=self.index, total=self.total))
        self.camera_note.setText(self.tr("The camera is not ready"))
        if not self.camera_ready:
            self.hint.setText(self.tr("Please wait a moment…"))
        else:
            self.hint.setText(self.tr("Smile!") if self.remaining else self.tr("Hold still…"))

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin
        self.overlay_column.setContentsMargins(margin, margin, margin, margin)
        self.count.setFixedSize(metrics.count_diameter, metrics.count_diameter)
        for veil in (self.progress_veil, self.hint_veil):
            veil.layout().setContentsMargins(margin, metrics.spacing // 2, margin,
                                             metrics.spacing // 2)
        self.hint_veil.setMaximumWidth(round(metrics.width * 0.9))

    # ----- setters --------------------------------------------------------------------------

    def set_count(self, remaining: int) -> None:
        """Show `remaining` seconds; 0 shows nothing but "hold still"."""
        self.remaining = max(0, remaining)
        self.count.setText(str(self.remaining) if self.remaining else "")
        self.count.setVisible(bool(self.remaining))
        self.retranslate()

    def set_frame(self, image: QImage | None) -> None:
        self.live.set_frame(image)

    def start_countdown(self, index: int, total: int, seconds: int) -> None:
        self._show_shot(index, total, seconds, camera_ready=True)
        self._tick.start()

    def wait_for_camera(self, index: int, total: int) -> None:
        """No picture and no count: the customer reads that the camera is not ready."""
        self._tick.stop()
        self.live.set_frame(None)
        self._show_shot(index, total, 0, camera_ready=False)

    def _show_shot(self, index: int, total: int, remaining: int, *, camera_ready: bool) -> None:
        self.index, self.total, self.camera_ready = index, total, camera_ready
        self.camera_note.setVisible(not camera_ready)
        self.set_count(remaining)

    def stop_countdown(self) -> None:
        self._tick.stop()

    def flash(self) -> None:
        self.live.flash()

    def _count_down(self) -> None:
        self.set_count(self.remaining - 1)
        if self.remaining == 0:
            self._tick.stop()
            self.countdown_finished.emit()

    def hideEvent(self, event: object) -> None:
        self._tick.stop()
