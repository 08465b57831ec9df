"""Photos decoded off the UI thread, at the size they are shown (a JPEG decodes much faster
at a reduced scale): `load(path, size)`, then `loaded(path, image)` on the UI thread, with a
null QImage when the file cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from ui.background import BackgroundWorker


def read_image(path: Path, fit: QSize | None) -> QImage:
    """The image at `path`, no bigger than needed to cover `fit` (whole size if None)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    full = reader.size()
    if fit is not None and full.isValid() and fit.width() > 0 and fit.height() > 0:
        scaled = full.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio)
        if scaled.width() < full.width():
            reader.setScaledSize(scaled)
    return reader.read()


class ImageLoader(BackgroundWorker):
    thread_name = "image-load"
    loaded = Signal(str, QImage)

    def load(self, path: Path, fit: QSize | None = None) -> None:
        self.submit(lambda: self.loaded.emit(str(path), read_image(path, fit)))
