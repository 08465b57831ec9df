"""Payment: a big QR for the guest's phone, what is being bought, the providers to pick from,
time left, cancel.

Three pages: preparing (no QR yet), the QR, and "payments temporarily unavailable",
which never shows a QR: the backend did not accept this order. On the QR page the code
gives way to a spinner from the moment the guest picks another provider until that
provider's QR is painted; a code comes encoded (the checkout's, kiosk.core.qr_codes) or is
encoded off the UI thread (ui.qr_renderer).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from ui.metrics import Metrics
from ui.money import format_price
from ui.page_stacks import PageStack
from ui.photo_views import PrintView
from ui.provider_brands import brand
from ui.provider_chooser import ProviderChooser
from ui.qr_renderer import QrRenderer
from ui.qr_widget import QrWidget
from ui.screens.base import Screen, make_button, make_label, orientable, show_amount
from ui.spinner import Spinner

PAGES = {"qr": 0, "preparing": 1, "unavailable": 2}


class PaymentScreen(Screen):
    cancel_clicked = Signal()
    provider_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.time,
                 steady: Callable[[], float] = time.monotonic) -> None:
        """The countdown runs on `steady` (it never jumps): a wall `clock` set forward while
        the code shows neither empties nor stretches it."""
        super().__init__(parent)
        self.clock = clock
        self.steady = steady
        self.mode = "preparing"
        self.amount = 0
        self.currency = "UZS"
        self.provider = ""
        self.copies = 0
        self.refused: list[str] = []
        self.expires_at = 0.0
        self._deadline = 0.0  # expires_at on the steady clock
        self._wanted = ""  # the URL whose QR belongs on the paper; "" while switching
        self.renderer = QrRenderer(self)
        self.renderer.rendered.connect(self._qr_rendered)
        self.pages = PageStack(self)
        self.pages.addWidget(self._build_qr_page())
        self.pages.addWidget(self._build_preparing_page())
        self.pages.addWidget(self._build_unavailable_page())
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._show_time_left)
        self._show_mode()

    def _build_qr_page(self) -> QWidget:
        page = QWidget()
        self.qr = QrWidget()
        self.qr_spinner = Spinner()
        waiting = QWidget()
        QVBoxLayout(waiting).addWidget(self.qr_spinner, 0, Qt.AlignmentFlag.AlignCenter)
        self.paper = QFrame()
        self.paper.setProperty("role", "qrpaper")
        self.paper_pages = PageStack(self.paper)
        self.paper_pages.addWidget(self.qr)
        self.paper_pages.addWidget(waiting)
        self.title = make_label("title")
        self.chooser = ProviderChooser()
        self.chooser.chosen.connect(self.provider_chosen)
        self.thumbnail = PrintView()
        self.amount_label = make_label("amount", wrap=False,
                                       align=Qt.AlignmentFlag.AlignLeft
                                       | Qt.AlignmentFlag.AlignVCenter)
        self.copies_label = make_label("subtitle", align=Qt.AlignmentFlag.AlignLeft
                                       | Qt.AlignmentFlag.AlignVCenter)
        self.provider_label = make_label("subtitle")
        self.note = make_label("notice")
        self.timer_label = make_label("timer")
        self.hint = make_label("body")
        self.cancel = make_button("quiet")
        self.cancel.clicked.connect(self.cancel_clicked)
        bought = QVBoxLayout()
        bought.addStretch(1)
        bought.addWidget(self.amount_label)
        bought.addWidget(self.copies_label)
        bought.addStretch(1)
        self.summary = QHBoxLayout()
        self.summary.addStretch(1)
        self.summary.addWidget(self.thumbnail)
        self.summary.addLayout(bought)
        self.summary.addStretch(1)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.title)
        side.addWidget(self.chooser)
        side.addLayout(self.summary)
        side.addWidget(self.provider_label)
        side.addWidget(self.note)
        side.addWidget(self.timer_label)
        side.addWidget(self.hint)
        side.addStretch(1)
        side.addWidget(self.cancel)
        self.side = side
        self.body = orientable(QHBoxLayout(page))
        self.body.addWidget(self.paper, 0, Qt.AlignmentFlag.AlignCenter)
        self.body.addLayout(side, 1)
        return page

    def _build_preparing_page(self) -> QWidget:
        page = QWidget()
        self.spinner = Spinner()
        self.waiting = make_label("subtitle")
        self.waiting_amount = make_label("amount", wrap=False)
        self.waiting_cancel = make_button("quiet")
        self.waiting_cancel.clicked.connect(self.cancel_clicked)
        self.waiting_box = self._centred(page, [self.spinner, self.waiting_amount, self.waiting],
                                         self.waiting_cancel)
        return page

    def _build_unavailable_page(self) -> QWidget:
        page = QWidget()
        self.unavailable_title = make_label("display")
        self.unavailable_body = make_label("subtitle")
        self.back = make_button("primary")
        self.back.clicked.connect(self.cancel_clicked)
        self.unavailable_box = self._centred(page, [self.unavailable_title,
                                                    self.unavailable_body], self.back)
        return page

    @staticmethod
    def _centred(page: QWidget, widgets: list[QWidget], button: QWidget) -> QVBoxLayout:
        column = QVBoxLayout(page)
        column.addStretch(2)
        for widget in widgets:
            alignment = Qt.AlignmentFlag.AlignCenter if isinstance(widget, Spinner) \
                else Qt.AlignmentFlag(0)
            column.addWidget(widget, 0, alignment)
        column.addStretch(3)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        return column

    def retranslate(self) -> None:
        amount = format_price(self.amount, self.currency, self.language)
        self.title.setText(self.tr("Scan to pay with your phone"))
        show_amount(self.amount_label, amount, "amount", "amount-long")
        self.copies_label.setText(self.tr("%n print(s)", "", self.copies) if self.copies
                                  else self.tr("Photos on your phone only"))
        show_amount(self.waiting_amount, amount, "amount", "amount-long")
        self.provider_label.setText(self.tr("Pay with {provider}").format(
            provider=brand(self.provider).name))
        if self.refused:
            self.note.setText(self.tr("{refused} is not available right now. "
                                      "Please pay with {provider}.").format(
                refused=brand(self.refused[-1]).name, provider=brand(self.provider).name))
        self.hint.setText(self.tr("Open your banking or payment app and point the camera "
                                  "at the code."))
        self.waiting.setText(self.tr("Preparing your payment code…"))
        self.unavailable_title.setText(self.tr("Payments are temporarily unavailable"))
        self.unavailable_body.setText(self.tr("Nothing has been charged. Please try again in "
                                              "a few minutes or ask the staff for help."))
        self.cancel.setText(self.tr("Cancel"))
        self.waiting_cancel.setText(self.tr("Cancel"))
        self.back.setText(self.tr("Back"))
        self._show_time_left()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin
        self.body.setContentsMargins(margin, margin, margin, margin)
        self.body.setSpacing(margin)
        # Tighter than other screens: the QR page holds the most.
        self.side.setSpacing(metrics.px(0.02))
        self.summary.setSpacing(metrics.spacing)
        self.chooser.apply_metrics(metrics)
        for box in (self.waiting_box, self.unavailable_box):
            box.setContentsMargins(margin * 2, margin, margin * 2, margin)
            box.setSpacing(metrics.spacing * 2)
        self.spinner.set_diameter(metrics.px(0.14))
        for button in (self.waiting_cancel, self.back):
            button.setMinimumWidth(round(metrics.width * (0.3 if metrics.landscape else 0.5)))
        # The biggest square that leaves room for the text beside or under it.
        if metrics.landscape:
            side = min(metrics.height - 2 * margin, round(metrics.width * 0.44))
        else:
            side = min(metrics.width - 2 * margin, round(metrics.height * 0.36))
        self.paper.setFixedSize(side, side)
        self.qr_spinner.set_diameter(side // 4)
        pad = max(8, side // 40)
        self.paper.layout().setContentsMargins(pad, pad, pad, pad)
        # A 4x6 print standing up; its height matches the amount and the copies beside it.
        thumb_height = metrics.px(0.15 if metrics.landscape else 0.14)
        self.thumbnail.setFixedSize(round(thumb_height * 0.72), thumb_height)
        self._show_mode()

    # ----- setters --------------------------------------------------------------------------

    def set_order(self, copies: int, preview: QPixmap | None) -> None:
        """What is being bought: the number of prints and, once composed, the print itself."""
        self.copies = copies
        self.thumbnail.set_image(preview)
        self.thumbnail.setVisible(preview is not None)
        self.retranslate()

    def set_providers(self, providers: list[str], chosen: str, refused: list[str]) -> None:
        """The guest's choice; no chooser with fewer than two. `refused`: no QR came from
        those this order (the last one is named)."""
        self.refused = list(refused)
        self.chooser.set_providers(providers, chosen, refused)
        self._show_mode()

    def show_preparing(self, amount: int, currency: str) -> None:
        self.amount, self.currency, self.provider = amount, currency, ""
        self._want("")
        self._set_mode("preparing")

    def show_qr(self, url: str, amount: int, currency: str, provider: str,
                expires_at: float, modules: Sequence[Sequence[bool]] | None = None) -> None:
        """`url` "" while another provider's code is on its way: the shown one goes at once,
        a spinner stays until the new one is painted. `modules`: the code's, when encoded
        already (drawn at once); None: encoded on the renderer's worker."""
        self.amount, self.currency, self.provider = amount, currency, provider
        self.expires_at = float(expires_at)
        self._deadline = self.steady() + (self.expires_at - self.clock())
        self._want(url, modules)
        self._set_mode("qr")

    def show_unavailable(self, amount: int, currency: str) -> None:
        self.amount, self.currency = amount, currency
        self._want("")
        self._set_mode("unavailable")

    def qr_painted(self) -> bool:
        return bool(self._wanted) and self.qr.data == self._wanted

    def seconds_left(self) -> int:
        return max(0, int(self._deadline - self.steady() + 0.999))

    def settle(self) -> None:
        self.renderer.join()
        QApplication.processEvents()

    def join_workers(self) -> None:
        self.renderer.join()

    # ----- internals ------------------------------------------------------------------------

    def _want(self, url: str, modules: Sequence[Sequence[bool]] | None = None) -> None:
        self._wanted = url
        if url != self.qr.data:
            if url and modules:
                self.qr.set_matrix(url, modules)
            else:
                self.qr.clear()
                if url:
                    self.renderer.render(url)
        self._show_paper()

    def _qr_rendered(self, data: str, matrix: list[list[bool]]) -> None:
        if data == self._wanted:
            self.qr.set_matrix(data, matrix)
            self._show_paper()

    def _show_paper(self) -> None:
        self.paper_pages.setCurrentIndex(0 if self.qr_painted() else 1)

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self._show_mode()

    def _show_mode(self) -> None:
        # Words and visibilities first, the page last: a page still hidden takes them without
        # laying itself out, and is laid out once as it shows (each change to a shown page
        # lays it out again, a couple of milliseconds of the customer's wait for the code).
        choosing = not self.chooser.isHidden()
        self.provider_label.setVisible(bool(self.provider) and not choosing)
        # A note about a refused provider (and, beside a landscape QR, the chooser) take the
        # hint's place: they say which app to open, and the column has no room for all three.
        noting = bool(self.refused) and bool(self._wanted)
        self.note.setVisible(noting)
        self.hint.setVisible(not noting and not (choosing and self.metrics.landscape))
        if self.mode == "qr" and self.isVisible():
            self._tick.start()
        elif self.mode != "qr":
            self._tick.stop()
        self.retranslate()
        self.pages.setCurrentIndex(PAGES[self.mode])

    def _show_time_left(self) -> None:
        left = self.seconds_left()
        self.timer_label.setText(self.tr("Code valid for {time}").format(
            time=f"{left // 60}:{left % 60:02d}"))

    def showEvent(self, event: object) -> None:
        if self.mode == "qr":
            self._tick.start()

    def hideEvent(self, event: object) -> None:
        self._tick.stop()
