"""The second QR after payment: "Your photos on your phone", with the address to type under it.

The code is encoded off the UI thread (ui.qr_renderer); the panel stays hidden until the
order has a photos link and its code is painted. The address a person types is the site and
the order's short code (contract.photo_codes), the code large and never broken; a backend
that gives no code leaves the long address, broken only after its separators.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QBoxLayout, QFrame, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.qr_renderer import QrRenderer
from ui.qr_widget import QrWidget
from ui.screens.base import make_label

BREAK = "\u200b"  # a zero-width space: where a long address may wrap, shown as nothing
TOKEN_CHUNK = 8


def short_url(url: str) -> str:
    """What the customer could type: the address without its scheme."""
    return url.split("://", 1)[-1]


def typed_address(url: str, code: str) -> str:
    """The address above the code ("site/p/"), or the whole address when there is no code."""
    address = short_url(url)
    if code:
        return address.rsplit("/p/", 1)[0] + "/p/"
    return address


def breakable(text: str) -> str:
    """`text` with wrap points after each separator and inside long runs (a token)."""
    out, run = [], 0
    for char in text:
        out.append(char)
        run += 1
        if char in "/.-_" or run >= TOKEN_CHUNK:
            out.append(BREAK)
            run = 0
    return "".join(out)


class PhotosQrPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "panel")
        self.url = ""
        self.metrics = Metrics(1920, 1080)
        self.qr = QrWidget()
        self.renderer = QrRenderer(self)
        self.renderer.rendered.connect(self._rendered)
        # One line: a wrapped caption beside the code asked for more height than the panel has.
        self.caption = make_label("subtitle", wrap=False, align=Qt.AlignmentFlag.AlignLeft)
        self.address = make_label("small", align=Qt.AlignmentFlag.AlignLeft)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code = make_label("photocode", wrap=False, align=Qt.AlignmentFlag.AlignLeft)
        words = QVBoxLayout()
        words.addStretch(1)
        words.addWidget(self.caption)
        words.addWidget(self.address)
        words.addWidget(self.code)
        words.addStretch(1)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        self.row.addLayout(words, 1)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Your photos on your phone"))

    def apply_metrics(self, metrics: Metrics, side_fraction: float) -> None:
        self.metrics = metrics
        side = metrics.px(side_fraction)
        self.qr.setFixedSize(side, side)
        # On a portrait screen the words go under the code: the whole width for the address.
        self.row.setDirection(QBoxLayout.Direction.LeftToRight if metrics.landscape
                              else QBoxLayout.Direction.TopToBottom)
        align = Qt.AlignmentFlag.AlignLeft if metrics.landscape else Qt.AlignmentFlag.AlignHCenter
        for label in (self.caption, self.address, self.code):
            label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self.row.setContentsMargins(metrics.spacing, metrics.spacing, metrics.spacing,
                                    metrics.spacing)
        self.row.setSpacing(metrics.spacing)
        self._reserve_room()

    def _reserve_room(self) -> None:
        """The address wraps at a fixed width and the code keeps its line: both ask for the
        height their lines take (a wrapped label's own minimum is one line, and the panel was
        squeezed below what the address and the code need)."""
        sizes = self.metrics.font_sizes()
        width = self.metrics.px(0.62)
        small = QFont(self.address.font())
        small.setPixelSize(sizes["small"])
        wrapped = QFontMetrics(small).boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), self.address.text())
        self.address.setFixedWidth(width)
        self.address.setMinimumHeight(wrapped.height() + 2)
        large = QFont(self.code.font())
        large.setPixelSize(sizes["title"])
        large.setBold(True)
        self.code.setMinimumHeight(QFontMetrics(large).height() + 2)

    def show_link(self, url: str, code: str = "") -> None:
        """The order's photos page and its short code ("" for none: sharing off, a free
        order; an older backend gives the page without a code)."""
        self.url = url
        self.address.setText(breakable(typed_address(url, code)))
        self.code.setText(code)
        self.code.setVisible(bool(code))
        self._reserve_room()
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
