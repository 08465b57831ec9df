"""Payment: a big QR for the guest's phone, the amount, the provider, time left, cancel.

Three pages: preparing (no QR yet), the QR, and "payments temporarily unavailable",
which never shows a QR: the backend did not accept this order.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedLayout, QVBoxLayout, QWidget

from ui.metrics import Metrics
from ui.money import format_price
from ui.qr_widget import QrWidget
from ui.screens.base import Screen, make_button, make_label, orientable
from ui.spinner import Spinner

PROVIDER_NAMES = {"payme": "Payme", "click": "Click", "webpay": "WebPay", "sandbox": "Sandbox"}
PAGES = {"qr": 0, "preparing": 1, "unavailable": 2}


class PaymentScreen(Screen):
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.clock = clock
        self.mode = "preparing"
        self.amount = 0
        self.currency = "UZS"
        self.provider = ""
        self.expires_at = 0.0
        self.pages = QStackedLayout(self)
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
        self.paper = QFrame()
        self.paper.setProperty("role", "qrpaper")
        QVBoxLayout(self.paper).addWidget(self.qr)
        self.title = make_label("title")
        self.amount_label = make_label("amount", wrap=False)
        self.provider_label = make_label("subtitle")
        self.timer_label = make_label("timer")
        self.hint = make_label("body")
        self.cancel = make_button("quiet")
        self.cancel.clicked.connect(self.cancel_clicked)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.title)
        side.addWidget(self.amount_label)
        side.addWidget(self.provider_label)
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
        self.amount_label.setText(amount)
        self.waiting_amount.setText(amount)
        provider = PROVIDER_NAMES.get(self.provider, self.provider)
        self.provider_label.setText(self.tr("Pay with {provider}").format(provider=provider))
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
        self.side.setSpacing(metrics.spacing)
        for box in (self.waiting_box, self.unavailable_box):
            box.setContentsMargins(margin * 2, margin, margin * 2, margin)
            box.setSpacing(metrics.spacing * 2)
        self.spinner.set_diameter(metrics.px(0.14))
        for button in (self.waiting_cancel, self.back):
            button.setMinimumWidth(round(metrics.width * (0.3 if metrics.landscape else 0.5)))
        # The biggest square that leaves room for the text beside or under it.
        if metrics.landscape:
            side = min(metrics.height - 2 * margin, round(metrics.width * 0.48))
        else:
            side = min(metrics.width - 2 * margin, round(metrics.height * 0.4))
        self.paper.setFixedSize(side, side)
        pad = max(8, side // 40)
        self.paper.layout().setContentsMargins(pad, pad, pad, pad)

    # ----- setters --------------------------------------------------------------------------

    def show_preparing(self, amount: int, currency: str) -> None:
        self.amount, self.currency, self.provider = amount, currency, ""
        self.qr.clear()
        self._set_mode("preparing")

    def show_qr(self, url: str, amount: int, currency: str, provider: str,
                expires_at: float) -> None:
        self.amount, self.currency, self.provider = amount, currency, provider
        self.expires_at = float(expires_at)
        self.qr.set_data(url)
        self._set_mode("qr")

    def show_unavailable(self, amount: int, currency: str) -> None:
        self.amount, self.currency = amount, currency
        self.qr.clear()
        self._set_mode("unavailable")

    def seconds_left(self) -> int:
        return max(0, int(self.expires_at - self.clock() + 0.999))

    # ----- internals ------------------------------------------------------------------------

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self._show_mode()

    def _show_mode(self) -> None:
        self.pages.setCurrentIndex(PAGES[self.mode])
        self.provider_label.setVisible(bool(self.provider))
        if self.mode == "qr" and self.isVisible():
            self._tick.start()
        elif self.mode != "qr":
            self._tick.stop()
        self.retranslate()

    def _show_time_left(self) -> None:
        left = self.seconds_left()
        self.timer_label.setText(self.tr("Code valid for {time}").format(
            time=f"{left // 60}:{left % 60:02d}"))

    def showEvent(self, event: object) -> None:
        if self.mode == "qr":
            self._tick.start()

    def hideEvent(self, event: object) -> None:
        self._tick.stop()
