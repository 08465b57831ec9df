"""A print layout drawn small with sample photos in its slots: how the technician chooses one.

The photos are the bundled camera scenes, read once at a small size; each slot is filled the
way the compositor fills it ("fill" crops to the slot, "fit" letterboxes).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPixmap

from assets import asset_path
from kiosk.core.layouts import Layout

SAMPLE_WIDTH = 320  # px: plenty for a preview a few centimetres high


@lru_cache(maxsize=1)
def sample_photos() -> tuple[QImage, ...]:
    photos = []
    for path in sorted(asset_path("camera").glob("scene-*.jpg")):
        reader = QImageReader(str(path))
        size = reader.size()
        if size.isValid() and size.width() > SAMPLE_WIDTH:
            reader.setScaledSize(QSize(SAMPLE_WIDTH, round(size.height() * SAMPLE_WIDTH
                                                          / size.width())))
        image = reader.read()
        if not image.isNull():
            photos.append(image)
    return tuple(photos)


def _source_rect(image: QImage, target: QRectF, crop: str) -> tuple[QRectF, QRectF]:
    """(part of the image, part of the slot) that a "fill" or "fit" slot shows."""
    image_ratio = image.width() / image.height()
    slot_ratio = target.width() / target.height()
    if crop == "fit":
        if image_ratio > slot_ratio:
            height = target.width() / image_ratio
            return QRectF(image.rect()), QRectF(target.left(), target.center().y() - height / 2,
                                                target.width(), height)
        width = target.height() * image_ratio
        return QRectF(image.rect()), QRectF(target.center().x() - width / 2, target.top(),
                                            width, target.height())
    if image_ratio > slot_ratio:
        width = image.height() * slot_ratio
        return QRectF((image.width() - width) / 2, 0, width, image.height()), target
    height = image.width() / slot_ratio
    return QRectF(0, (image.height() - height) / 2, image.width(), height), target


def layout_preview(layout: Layout, height: int,
                   photos: Sequence[QImage] | None = None) -> QPixmap:
    """`layout` `height` pixels high, its slots filled with the sample photos in shot order."""
    photos = sample_photos() if photos is None else photos
    sheet_w, sheet_h = layout.size_px
    scale = height / sheet_h
    pixmap = QPixmap(max(1, round(sheet_w * scale)), height)
    pixmap.fill(QColor(layout.background))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for slot in layout.slots:
        left, top, right, bottom = slot.box
        target = QRectF(left * scale, top * scale, (right - left) * scale, (bottom - top) * scale)
        if photos:
            image = photos[(slot.shot - 1) % len(photos)]
            source, where = _source_rect(image, target, slot.crop)
            painter.drawImage(where, image, source)
        else:
            painter.fillRect(target, Qt.GlobalColor.gray)
    painter.end()
    return pixmap
