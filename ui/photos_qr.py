"""The second QR after payment: "Your photos on your phone", with the short URL under it.

The code is encoded off the UI thread (ui.qr_renderer); the panel stays hidden until the
order has a photos link and its code is painted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.qr_renderer import QrRenderer
from ui.qr_widget import QrWidget
from ui.screens.base import make_label


def short_url(url: str) -> str:
    """What the customer could type: the address without its scheme."""
    return url.split("://", 1)[-1]


class PhotosQrPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.url = ""
        self.qr = QrWidget()
        self.renderer = QrRenderer(self)
        self.renderer.rendered.connect(self._rendered)
        self.caption = make_label("subtitle", align=Qt.AlignmentFlag.AlignLeft)
        self.address = make_label("small", align=Qt.AlignmentFlag.AlignLeft)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        words = QVBoxLayout()
        words.addStretch(1)
        words.addWidget(self.caption)
        words.addWidget(self.address)
        words.addStretch(1)
        self.row = QHBoxLayout(self)
        self.row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignVCenter)
        self.row.addLayout(words, 1)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Your photos on your phone"))

    def apply_metrics(self, metrics: Metrics, side_fraction: float) -> None:
        side = metrics.px(side_fraction)
        self.qr.setFixedSize(side, side)
        self.row.setContentsMargins(metrics.spacing, metrics.spacing, metrics.spacing,
                                    metrics.spacing)
        self.row.setSpacing(metrics.spacing)

    def show_link(self, url: str) -> None:
        """The order's photos page, or "" for none (sharing off, a free order)."""
        self.url = url
        self.address.setText(short_url(url))
        if not url:
            self.qr.clear()
            self.setVisible(False)
        elif url != self.qr.data:
            self.qr.clear()
            self.setVisible(False)
            self.renderer.render(url)

    def painted(self) -> bool:
        return bool(self.url) and self.qr.data == self.url

    def join(self) -> None:
        self.renderer.join()

    def _rendered(self, data: str, matrix: list[list[bool]]) -> None:
        if data == self.url:
            self.qr.set_matrix(data, matrix)
            self.setVisible(True)
