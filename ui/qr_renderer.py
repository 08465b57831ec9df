"""QR codes computed off the UI thread: a long payment URL takes a couple of frames to encode.

`render(data)` starts a worker; `rendered(data, matrix)` arrives on the UI thread (a queued
signal). `join()` waits for every worker, so nothing emits into a deleted widget.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from ui.qr_widget import qr_matrix


class QrRenderer(QObject):
    rendered = Signal(str, object)  # data, its modules (list of rows of bools)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers: list[threading.Thread] = []

    def render(self, data: str) -> None:
        worker = threading.Thread(target=self._encode, args=(data,), name="qr-render",
                                  daemon=True)
        self._workers = [w for w in self._workers if w.is_alive()]
        self._workers.append(worker)
        worker.start()

    def join(self) -> None:
        workers, self._workers = self._workers, []
        for worker in workers:
            worker.join()

    def _encode(self, data: str) -> None:
        self.rendered.emit(data, qr_matrix(data))
