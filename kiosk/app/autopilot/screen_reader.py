"""What the customer sees: the window's pixels, saved as PNG or read for the payment QR."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget


def pixels(widget: QWidget) -> np.ndarray:
    """The widget as rendered, RGB rows (a copy: the QImage dies here)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = buffer.reshape(height, image.bytesPerLine())[:, : width * 3]
    return np.ascontiguousarray(rows).reshape(height, width, 3).copy()


def read_qr(widget: QWidget, code: QWidget | None = None) -> str:
    """The text of the QR code on screen, as a phone camera would read it ("" if none).

    A phone moves closer when a code does not read: so does this, to `code` (the QR's own
    widget) and then to twice its size."""
    views = [pixels(widget)]
    if code is not None:
        near = pixels(code)
        views += [near, cv2.resize(near, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)]
    return decode(*views)


def decode(*views: np.ndarray) -> str:
    """The first QR text read from `views` (RGB or BGR rows; "" if none).

    Two decoders, as phones differ: OpenCV's classic one misses some valid codes at every
    size (a soak stopped on one after 137 sessions; about 1 in 40 random photo links on the
    done screen) that its Aruco-based one reads."""
    for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
        for view in views:
            text, _points, _ = detector.detectAndDecode(view)
            if text:
                return str(text)
    return ""


def save_png(widget: QWidget, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
