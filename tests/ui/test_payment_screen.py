"""The payment screen: a QR that scans back to the URL, or no QR at all."""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QApplication

from kiosk.app.autopilot.screen_reader import pixels as grab
from kiosk.app.autopilot.screen_reader import read_qr
from ui.money import format_price
from ui.provider_brands import brand
from ui.qr_widget import qr_matrix
from ui.screens.payment import PaymentScreen

URL = "http://127.0.0.1:8000/sandbox/pay/booth-1-261122-0a1b2c3d4e5f"
NOW = 1_800_000_000.0




@pytest.fixture
def payment(themed: object, qtbot: object) -> Iterator[PaymentScreen]:
    from tests.ui.screen_walk import SIZES
    from ui.metrics import Metrics
    from ui.screen_set import ScreenSet

    screens = ScreenSet(themed)
    screen = screens.payment
    screen.clock = screen.steady = lambda: NOW
    screen.setStyleSheet(screens.apply_metrics(Metrics(*SIZES["small"])))
    screen.resize(*SIZES["small"])
    screen.show()
    yield screen
    screens.dispose()


def decode(widget: object) -> str:
    """What a phone would read off the widget's pixels. OpenCV's Aruco-based detector: the
    classic QRCodeDetector misses long (version 10+) codes at some module sizes."""
    return cv2.QRCodeDetectorAruco().detectAndDecode(grab(widget))[0]


def show_painted(payment: PaymentScreen, qtbot: object, url: str = URL,
                 provider: str = "payme") -> None:
    payment.show_qr(url, 35000, "UZS", provider, NOW + 180)
    qtbot.waitUntil(payment.qr_painted)
    QApplication.processEvents()


def test_the_autopilot_reads_a_code_opencvs_classic_detector_misses(
        payment: PaymentScreen, qtbot: object) -> None:
    missed = "http://127.0.0.1:38447/sandbox/pay/autopilot-261202-541728de30ff"
    show_painted(payment, qtbot, missed)
    assert cv2.QRCodeDetector().detectAndDecode(grab(payment.qr))[0] == ""
    assert read_qr(payment, payment.qr) == missed


def test_qr_scans_back_to_the_payment_url(payment: PaymentScreen, qtbot: object) -> None:
    show_painted(payment, qtbot)
    assert decode(payment) == URL


def test_the_code_is_encoded_off_the_ui_thread_behind_a_spinner(payment: PaymentScreen,
                                                               qtbot: object) -> None:
    payment.show_qr(URL, 35000, "UZS", "payme", NOW + 180)
    # Back from show_qr before the encoder's answer could reach this (the UI) thread.
    assert (payment.qr.data, payment.qr_spinner.isVisible()) == ("", True)
    qtbot.waitUntil(payment.qr_painted)
    assert payment.qr.isVisible() and not payment.qr_spinner.isVisible()


def test_a_code_that_comes_encoded_is_drawn_at_once_without_the_encoder(
        payment: PaymentScreen, qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    encoded: list[str] = []
    monkeypatch.setattr(payment.renderer, "render", encoded.append)
    modules = tuple(tuple(row) for row in qr_matrix(URL))  # as the checkout keeps them
    payment.show_qr(URL, 35000, "UZS", "payme", NOW + 180, modules=modules)
    assert payment.qr_painted() and encoded == []
    QApplication.processEvents()
    assert payment.qr.isVisible() and not payment.qr_spinner.isVisible()
    assert decode(payment) == URL


def test_every_drawn_module_matches_the_qr_code(payment: PaymentScreen, qtbot: object) -> None:
    show_painted(payment, qtbot)
    pixels = grab(payment.qr)
    area, module = payment.qr.code_rect()
    expected = qr_matrix(URL)
    drawn = [[bool(pixels[area.top() + r * module + module // 2,
                          area.left() + c * module + module // 2][0] < 128)
              for c in range(len(expected))] for r in range(len(expected))]
    assert module >= 4, "modules this small are hard for a phone to read"
    assert drawn == expected


def test_unavailable_never_draws_a_qr(payment: PaymentScreen, qtbot: object) -> None:
    show_painted(payment, qtbot)
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
    payment.clock = payment.steady = lambda: NOW + 400  # time passes
    payment._show_time_left()
    assert payment.timer_label.text() == "Code valid for 0:00"


def test_a_wall_clock_jump_while_the_code_shows_moves_no_second_of_it(
        payment: PaymentScreen) -> None:
    payment.show_qr(URL, 35000, "UZS", "click", NOW + 165)
    payment.clock = lambda: NOW + 900  # NTP sets the clock 15 minutes forward; no time passed
    payment._show_time_left()
    assert payment.timer_label.text() == "Code valid for 2:45"
    payment.clock = lambda: NOW - 86_400  # set back a day
    payment.steady = lambda: NOW + 65  # while 65 s pass
    payment._show_time_left()
    assert payment.timer_label.text() == "Code valid for 1:40"


@pytest.mark.parametrize(("language", "shown"), [("uz", "20\u00a0000\u00a0so'm"),
                                                 ("ru", "20\u00a0000\u00a0сум"),
                                                 ("en", "20,000\u00a0UZS")])
def test_prices_read_the_way_each_language_writes_them(language: str, shown: str) -> None:
    assert format_price(20000, "UZS", language) == shown


def test_other_currencies_show_their_code() -> None:
    assert format_price(1500, "USD", "ru") == "1\u00a0500\u00a0USD"


# ----- the customer's choice of provider ------------------------------------------------------

OTHER_URL = "https://my.click.uz/services/pay?service_id=4242&transaction_param=booth-1-x"


def near(pixel: np.ndarray, colour: str, tolerance: int = 40) -> bool:
    wanted = QColor(colour)
    return all(abs(int(a) - b) <= tolerance
               for a, b in zip(pixel, (wanted.red(), wanted.green(), wanted.blue()), strict=True))


def test_no_chooser_with_one_provider(payment: PaymentScreen, qtbot: object) -> None:
    payment.set_providers(["payme"], "payme", [])
    show_painted(payment, qtbot)
    assert not payment.chooser.isVisible()
    assert payment.provider_label.isVisible()
    assert payment.provider_label.text() == "Pay with Payme"


def test_one_large_button_per_provider_in_the_operators_order(payment: PaymentScreen,
                                                              qtbot: object) -> None:
    payment.set_providers(["click", "payme", "webpay"], "payme", [])
    show_painted(payment, qtbot)
    buttons = list(payment.chooser.buttons.values())
    assert [b.text() for b in buttons] == ["Click", "Payme", "WebPay"]
    assert all(b.isVisible() and b.height() >= payment.metrics.button_height for b in buttons)
    assert not payment.provider_label.isVisible()


@pytest.mark.parametrize("provider", ["payme", "click", "webpay"])
def test_each_name_is_in_its_brand_colour_and_the_chosen_one_is_framed(
        payment: PaymentScreen, qtbot: object, provider: str) -> None:
    payment.set_providers(["payme", "click", "webpay"], provider, [])
    show_painted(payment, qtbot)
    for name, button in payment.chooser.buttons.items():
        pixels = grab(button)
        colour = brand(name).colour
        lettering = sum(near(p, colour) for p in pixels[pixels.shape[0] // 2])
        assert lettering > 0, f"{name}'s name is not drawn in {colour}"
        edge = pixels[pixels.shape[0] // 2, 2]
        assert near(edge, colour) is (name == provider), f"{name}'s frame"


def test_tapping_a_provider_asks_for_it(payment: PaymentScreen, qtbot: object) -> None:
    payment.set_providers(["payme", "click"], "payme", [])
    show_painted(payment, qtbot)
    with qtbot.waitSignal(payment.provider_chosen) as chosen:
        qtbot.mouseClick(payment.chooser.buttons["click"], Qt.MouseButton.LeftButton)
    assert chosen.args == ["click"]


def test_switching_takes_the_old_code_away_at_once_then_paints_the_new(
        payment: PaymentScreen, qtbot: object) -> None:
    payment.set_providers(["payme", "click"], "payme", [])
    show_painted(payment, qtbot)
    payment.set_providers(["payme", "click"], "click", [])
    payment.show_qr("", 35000, "UZS", "payme", NOW + 180)
    assert payment.qr.matrix == [] and payment.qr_spinner.isVisible()
    assert decode(payment) == ""
    assert payment.chooser.buttons["click"].chosen
    show_painted(payment, qtbot, OTHER_URL, "click")
    assert decode(payment) == OTHER_URL


def test_a_refused_provider_is_named_and_can_no_longer_be_tapped(payment: PaymentScreen,
                                                                 qtbot: object) -> None:
    payment.set_providers(["payme", "click", "webpay"], "payme", ["click"])
    show_painted(payment, qtbot)
    assert payment.note.isVisible()
    assert payment.note.text() == "Click is not available right now. Please pay with Payme."
    assert not payment.chooser.buttons["click"].isEnabled()
    assert payment.chooser.buttons["webpay"].isEnabled()
    assert decode(payment) == URL


def test_the_screen_shows_the_print_and_the_number_of_copies(payment: PaymentScreen,
                                                             qtbot: object) -> None:
    from ui.samples import sample_prints

    payment.set_order(2, QPixmap(str(sample_prints()[0])))
    show_painted(payment, qtbot)
    assert payment.copies_label.text() == "2 prints"
    assert payment.thumbnail.isVisible() and payment.thumbnail.pixmap is not None
    payment.set_order(1, None)
    assert payment.copies_label.text() == "1 print"
    assert not payment.thumbnail.isVisible()
