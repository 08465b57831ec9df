"""The payment screen: a QR that scans back to the URL, or no QR at all."""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ui.money import format_price
from ui.qr_widget import qr_matrix
from ui.screens.payment import PaymentScreen

URL = "http://127.0.0.1:8000/sandbox/pay/booth-1-261122-0a1b2c3d4e5f"
NOW = 1_800_000_000.0


def grab(widget: object) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = buffer.reshape(height, image.bytesPerLine())[:, : width * 3]
    # A copy: the QImage (and the memory under `buffer`) dies with this function.
    return np.ascontiguousarray(rows).reshape(height, width, 3).copy()


@pytest.fixture
def payment(themed: object, qtbot: object) -> Iterator[PaymentScreen]:
    from tests.ui.screen_walk import SIZES
    from ui.metrics import Metrics
    from ui.screen_set import ScreenSet

    screens = ScreenSet(themed)
    screen = screens.payment
    screen.clock = lambda: NOW
    screen.setStyleSheet(screens.apply_metrics(Metrics(*SIZES["small"])))
    screen.resize(*SIZES["small"])
    screen.show()
    yield screen
    screens.dispose()


def test_qr_scans_back_to_the_payment_url(payment: PaymentScreen) -> None:
    payment.show_qr(URL, 35000, "UZS", "payme", NOW + 180)
    QApplication.processEvents()
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(grab(payment))
    assert decoded == URL


def test_every_drawn_module_matches_the_qr_code(payment: PaymentScreen) -> None:
    payment.show_qr(URL, 35000, "UZS", "payme", NOW + 180)
    QApplication.processEvents()
    pixels = grab(payment.qr)
    area, module = payment.qr.code_rect()
    expected = qr_matrix(URL)
    drawn = [[bool(pixels[area.top() + r * module + module // 2,
                          area.left() + c * module + module // 2][0] < 128)
              for c in range(len(expected))] for r in range(len(expected))]
    assert module >= 4, "modules this small are hard for a phone to read"
    assert drawn == expected


def test_unavailable_never_draws_a_qr(payment: PaymentScreen) -> None:
    payment.show_qr(URL, 35000, "UZS", "payme", NOW + 180)
    payment.show_unavailable(35000, "UZS")
    QApplication.processEvents()
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(grab(payment))
    assert (decoded, payment.qr.matrix, payment.qr.isVisible()) == ("", [], False)
    assert payment.unavailable_title.isVisible()
    assert payment.unavailable_title.text() == "Payments are temporarily unavailable"


def test_preparing_shows_no_qr_until_it_arrives(payment: PaymentScreen) -> None:
    payment.show_preparing(20000, "UZS")
    QApplication.processEvents()
    assert not payment.qr.isVisible() and payment.spinner.isVisible()
    assert payment.waiting_amount.text() == "20,000\u00a0UZS"


def test_countdown_shows_time_left_and_stops_at_zero(payment: PaymentScreen) -> None:
    payment.show_qr(URL, 35000, "UZS", "click", NOW + 165)
    assert payment.timer_label.text() == "Code valid for 2:45"
    assert payment.provider_label.text() == "Pay with Click"
    payment.clock = lambda: NOW + 400
    payment._show_time_left()
    assert payment.timer_label.text() == "Code valid for 0:00"


@pytest.mark.parametrize(("language", "shown"), [("uz", "20\u00a0000\u00a0so'm"),
                                                 ("ru", "20\u00a0000\u00a0сум"),
                                                 ("en", "20,000\u00a0UZS")])
def test_prices_read_the_way_each_language_writes_them(language: str, shown: str) -> None:
    assert format_price(20000, "UZS", language) == shown


def test_other_currencies_show_their_code() -> None:
    assert format_price(1500, "USD", "ru") == "1\u00a0500\u00a0USD"
