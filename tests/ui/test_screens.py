"""Each screen's content and the intents its buttons emit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.ui.screen_walk import SIZES, rendered_samples
from ui.metrics import Metrics, parse_size
from ui.samples import sample_prints
from ui.screen_set import ScreenSet


@pytest.fixture
def screens(themed: object) -> Iterator[ScreenSet]:
    made = ScreenSet(themed)
    sheet = made.apply_metrics(Metrics(*SIZES["small"]))
    for screen in made.by_state.values():
        screen.setStyleSheet(sheet)
        screen.resize(*SIZES["small"])
    yield made
    made.dispose()


def test_every_button_is_at_least_15_mm(themed: object) -> None:
    touch = Metrics(*SIZES["small"]).touch
    small = [(name, b.text(), b.width(), b.height())
             for name, screen in rendered_samples(themed, "en", SIZES["small"])
             for b in screen.findChildren(QPushButton) if b.isVisibleTo(screen)
             if min(b.width(), b.height()) < touch]
    assert touch >= 56 and not small


def test_touch_target_follows_the_screen_dpi_with_a_floor() -> None:
    assert Metrics(1920, 1080, dpi=200).touch == round(15 / 25.4 * 200)
    assert Metrics(1920, 1080, dpi=0).touch == Metrics(1920, 1080, dpi=96).touch


@pytest.mark.parametrize("bad", ["1920", "axb", "10x10", "1920x1080x2", ""])
def test_a_bad_size_is_refused_with_the_reason(bad: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(bad)


def test_countdown_reaches_zero_then_asks_for_the_shot(screens: ScreenSet, qtbot: object) -> None:
    capture = screens.capture
    capture.show()
    with qtbot.waitSignal(capture.countdown_finished, timeout=5000):
        capture.start_countdown(3, 4, 1)
        assert capture.count.text() == "1" and capture.progress.text() == "Photo 3 of 4"
    assert capture.count.isHidden() and capture.hint.text() == "Hold still…"


def test_capture_mirrors_the_camera_for_the_guest(screens: ScreenSet) -> None:
    from PySide6.QtGui import QColor, QImage

    frame = QImage(4, 2, QImage.Format.Format_RGB888)
    frame.fill(QColor("black"))
    frame.setPixelColor(0, 0, QColor("red"))
    screens.capture.set_frame(frame)
    assert screens.capture.live.image.pixelColor(3, 0) == QColor("red")


def test_capture_waiting_for_the_camera_shows_no_picture_no_count(screens: ScreenSet) -> None:
    from PySide6.QtGui import QImage

    capture = screens.capture
    capture.show()
    capture.set_frame(QImage(4, 2, QImage.Format.Format_RGB888))
    capture.wait_for_camera(2, 3)
    assert capture.live.image is None and capture.count.isHidden()
    assert capture.camera_note.isVisible() and capture.progress.text() == "Photo 2 of 3"
    assert capture.hint.text() == "Please wait a moment…"
    capture.start_countdown(2, 3, 3)
    assert capture.camera_note.isHidden() and capture.count.text() == "3"
    assert capture.hint.text() == "Smile!"


def test_choosing_a_package_emits_its_copies(screens: ScreenSet, qtbot: object) -> None:
    choose = screens.choose
    choose.show()
    texts = [(c.count_label.text(), c.price_label.text()) for c in choose.cards]
    assert texts == [("1 print", "20,000\u00a0UZS"),
                     ("2 prints", "35,000\u00a0UZS"), ("4 prints", "60,000\u00a0UZS")]
    with qtbot.waitSignal(choose.package_chosen) as chosen:
        qtbot.mouseClick(choose.cards[2], Qt.MouseButton.LeftButton)
    assert chosen.args == [4]


def test_review_waits_for_the_composed_print(screens: ScreenSet, qtbot: object) -> None:
    review = screens.review
    review.show()
    review.set_preview(None)
    assert not review.proceed.isEnabled() and review.status.text() == "Preparing your print…"
    review.set_preview(Path(sample_prints()[0]))
    review.settle()
    assert review.proceed.isEnabled() and review.print_view.pixmap is not None
    with qtbot.waitSignal(review.continue_clicked):
        qtbot.mouseClick(review.proceed, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(review.retake_clicked):
        qtbot.mouseClick(review.retake, Qt.MouseButton.LeftButton)
    review.set_failed()
    assert not review.proceed.isEnabled() and "retake" in review.status.text()


def test_printing_progress_follows_the_job(screens: ScreenSet) -> None:
    printing = screens.printing
    values = []
    for state in ("pending", "submitted", "printing", "printed"):
        printing.set_progress(state)
        values.append(printing.bar.value())
    assert values == sorted(values) and values[-1] == 100
    assert printing.where.text() == "Your photos are coming out below."
    assert printing.note_panel.isHidden()
    printing.set_attention(True, "E-STOPPED")
    assert not printing.note_panel.isHidden()
    assert printing.code_label.text() == "Code: E-STOPPED"
    printing.set_attention(False, "E-STOPPED")
    assert printing.note_panel.isHidden() and printing.code_label.text() == ""


def test_out_of_service_shows_the_technician_code(screens: ScreenSet) -> None:
    screens.out_of_service.set_code("E-PAPER")
    assert screens.out_of_service.code_label.text() == "Code: E-PAPER"
    assert screens.out_of_service.title.text() == "We'll be right back"


def test_pin_pad_sends_the_digits_and_says_when_wrong(screens: ScreenSet, qtbot: object) -> None:
    service = screens.service
    service.show()
    service.show_pin()
    keys = {b.text(): b for b in service.pin.findChildren(QPushButton)}
    for digit in "2580":
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    assert service.pin.dots.text() == "●●●●"
    with qtbot.waitSignal(service.pin_entered) as entered:
        qtbot.mouseClick(service.pin.pad.ok_key, Qt.MouseButton.LeftButton)
    assert entered.args == ["2580"] and service.pin.dots.text() == "–"


def test_a_new_pin_is_typed_twice(screens: ScreenSet, qtbot: object) -> None:
    service = screens.service
    service.show()
    service.show_new_pin()
    keys = {b.text(): b for b in service.pin.findChildren(QPushButton)}
    assert service.pin.title.text() == "Choose a new service PIN"
    for digit in "471123":
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(service.pin.pad.ok_key, Qt.MouseButton.LeftButton)
    assert service.pin.title.text() == "Type the new PIN again"
    for digit in "471123":
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(service.new_pin_entered) as typed:
        qtbot.mouseClick(service.pin.pad.ok_key, Qt.MouseButton.LeftButton)
    assert typed.args == ["471123", "471123"]


def test_service_action_buttons_emit_their_intents(screens: ScreenSet, qtbot: object) -> None:
    service = screens.service
    service.show()
    service.show_panel("actions")
    actions = service.actions
    actions.show_state(None, False, False, 400)
    assert not actions.cancel_button.isEnabled()
    qtbot.mouseClick(actions.roll.less, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(actions.set_roll) as roll:
        qtbot.mouseClick(actions.roll_button, Qt.MouseButton.LeftButton)
    assert roll.args == [350]
    with qtbot.waitSignal(actions.free_mode) as free:
        qtbot.mouseClick(actions.free_button, Qt.MouseButton.LeftButton)
    assert free.args == [True]
    with qtbot.waitSignal(actions.in_service) as in_service:
        qtbot.mouseClick(actions.service_button, Qt.MouseButton.LeftButton)
    assert in_service.args == [False]
    for button, signal in ((actions.resume_button, actions.resume),
                           (actions.test_button, actions.test_print),
                           (service.exit, service.exit_clicked)):
        with qtbot.waitSignal(signal):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_attract_starts_on_a_tap_but_not_on_the_language_row(screens: ScreenSet,
                                                             qtbot: object) -> None:
    attract = screens.attract
    attract.show()
    assert list(attract.language_buttons) == ["uz", "ru", "en"]
    with qtbot.assertNotEmitted(attract.start_requested), \
            qtbot.waitSignal(attract.language_chosen) as chosen:
        qtbot.mouseClick(attract.language_buttons["ru"], Qt.MouseButton.LeftButton)
    assert chosen.args == ["ru"]
    with qtbot.waitSignal(attract.start_requested):
        qtbot.mouseClick(attract, Qt.MouseButton.LeftButton, pos=QPoint(10, 300))


def test_five_corner_taps_open_service_without_starting(screens: ScreenSet,
                                                        qtbot: object) -> None:
    attract = screens.attract
    attract.show()
    corner = QPoint(attract.width() - 5, 5)
    with qtbot.assertNotEmitted(attract.start_requested), \
            qtbot.waitSignal(attract.service_requested):
        for _ in range(5):
            qtbot.mouseClick(attract, Qt.MouseButton.LeftButton, pos=corner)
    QApplication.processEvents()
