"""QR codes computed off the UI thread: a long payment URL takes a couple of frames to encode.

`render(data)` hands the encoding to the worker; `rendered(data, matrix)` arrives on the UI
thread. `join()` waits for it, so nothing emits into a deleted widget.
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.core.qr_modules import qr_matrix
from ui.background import BackgroundWorker


class QrRenderer(BackgroundWorker):
    thread_name = "qr-render"
    rendered = Signal(str, object)  # data, its modules (list of rows of bools)

    def render(self, data: str) -> None:
        self.submit(lambda: self.rendered.emit(data, qr_matrix(data)))
