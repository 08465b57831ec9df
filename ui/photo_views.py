"""Pictures on the screens: a print on paper, and the live camera mirror."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:  # frames come from the camera, which imports numpy on its own thread
    import numpy as np


def image_from_rgb(frame: np.ndarray) -> QImage:
    """A QImage that owns a copy of an RGB uint8 HxWx3 array."""
    import numpy as np

    frame = np.ascontiguousarray(frame, dtype=np.uint8)
    height, width, _ = frame.shape
    return QImage(frame.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


class PrintView(QWidget):
    """A photo print: white border, soft shadow, fitted whole into the widget.

    With `fanned`, the next print peeks out from behind, turned a little, like a
    small pile of prints on a table (the attract screen).
    """

    def __init__(self, parent: QWidget | None = None, *, fanned: bool = False) -> None:
        super().__init__(parent)
        self.pixmap: QPixmap | None = None
        self.behind: QPixmap | None = None
        self.fanned = fanned
        # Scaled once per picture and size, not at every paint: (cacheKey, w, h) → pixmap.
        self._scaled: dict[tuple[int, int, int], QPixmap] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(80, 80)

    def set_image(self, image: QImage | QPixmap | None,
                  behind: QPixmap | None = None) -> None:
        if isinstance(image, QImage):
            image = QPixmap.fromImage(image)
        self.pixmap = image if image is not None and not image.isNull() else None
        self.behind = behind if self.fanned else None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.pixmap is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Turned prints need room at their corners.
        fit = 0.86 if self.fanned else 1.0
        if self.behind is not None:
            self._paint_print(painter, self.behind, fit, -7.0, QColor(0, 0, 0, 70))
        self._paint_print(painter, self.pixmap, fit, 3.0 if self.fanned else 0.0, None)
        painter.end()

    def _paint_print(self, painter: QPainter, pixmap: QPixmap, fit: float, angle: float,
                     dim: QColor | None) -> None:
        border = max(4, round(min(self.width(), self.height()) * 0.025))
        room_w = (self.width() - 3 * border) * fit
        room_h = (self.height() - 3 * border) * fit
        scale = min(room_w / pixmap.width(), room_h / pixmap.height())
        photo_w, photo_h = pixmap.width() * scale, pixmap.height() * scale
        paper = QRectF(-photo_w / 2 - border, -photo_h / 2 - border,
                       photo_w + 2 * border, photo_h + 2 * border)
        painter.save()
        painter.translate(self.width() / 2, self.height() / 2)
        painter.rotate(angle)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 110))
        painter.drawRoundedRect(paper.translated(border * 0.6, border * 0.8), 6, 6)
        painter.setBrush(QColor("#fbfaf7"))
        painter.drawRoundedRect(paper, 6, 6)
        target = paper.adjusted(border, border, -border, -border)
        shown = self._scaled_to(pixmap, round(target.width()), round(target.height()))
        painter.drawPixmap(target, shown, QRectF(shown.rect()))
        if dim is not None:
            painter.fillRect(paper, dim)
        painter.restore()


    def _scaled_to(self, pixmap: QPixmap, width: int, height: int) -> QPixmap:
        key = (pixmap.cacheKey(), width, height)
        scaled = self._scaled.get(key)
        if scaled is None:
            if len(self._scaled) >= 4:
                self._scaled.clear()
            scaled = pixmap.scaled(max(1, width), max(1, height),
                                   Qt.AspectRatioMode.IgnoreAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            self._scaled[key] = scaled
        return scaled


class LiveView(QWidget):
    """The camera as a mirror filling the widget; only the newest frame is kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.flash_level = 0.0
        self._flash = QVariantAnimation(self)
        self._flash.setStartValue(1.0)
        self._flash.setEndValue(0.0)
        self._flash.setDuration(450)
        self._flash.valueChanged.connect(self._set_flash)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_frame(self, image: QImage | None) -> None:
        """Show `image` mirrored, replacing whatever was shown; None shows nothing."""
        if image is not None:
            image = image.flipped(Qt.Orientation.Horizontal)
        self.image = image
        self.update()

    def flash(self) -> None:
        self._flash.stop()
        self._flash.start()

    def _set_flash(self, value: float) -> None:
        self.flash_level = float(value)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000"))
        if self.image is not None and not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            scale = max(self.width() / self.image.width(), self.height() / self.image.height())
            shown_w, shown_h = self.image.width() * scale, self.image.height() * scale
            target = QRectF((self.width() - shown_w) / 2, (self.height() - shown_h) / 2,
                            shown_w, shown_h)
            painter.drawImage(target, self.image, QRectF(self.image.rect()))
        if self.flash_level > 0:
            painter.fillRect(self.rect(), QColor(255, 255, 255, round(255 * self.flash_level)))
        painter.end()
