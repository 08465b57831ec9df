"""The service menu by taps, through the kiosk window and the real booth core (store, flow,
driver, desk): what a technician sees for each answer, and the event rows behind it."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QScroller

from kiosk.app.booth import Booth
from kiosk.core.config import hash_pin, load_config, verify_pin
from kiosk.core.flow_table import State
from kiosk.core.models import BoothSession, Order
from tests.harness.tmpfs import fill, mounted_tmpfs
from tests.ui.conftest import ManualClock
from ui.kiosk_window import KioskWindow

DEADLINE_MS = 20_000


def click(qtbot: object, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shown_button(qtbot: object, parent: object, text: str) -> QPushButton:
    """The visible button with `text` (rows built just now are shown on the next events)."""
    def find() -> QPushButton | None:
        return next((b for b in parent.findChildren(QPushButton)
                     if b.text() == text and b.isVisible()), None)

    qtbot.waitUntil(lambda: find() is not None, timeout=DEADLINE_MS)
    return find()


def type_pin(window: KioskWindow, qtbot: object, pin: str) -> None:
    pad = window.screens.service.pin.pad
    keys = {b.text(): b for b in pad.findChildren(QPushButton)}
    for digit in pin:
        click(qtbot, keys[digit])
    click(qtbot, pad.ok_key)


def open_pin_pad(window: KioskWindow, qtbot: object) -> None:
    click(qtbot, window.screens.attract.language_buttons["en"])
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.currentWidget() is window.screens.service


def enter_service(window: KioskWindow, booth: Booth, qtbot: object) -> None:
    booth.config.service.pin_hash = hash_pin("471123")
    open_pin_pad(window, qtbot)
    type_pin(window, qtbot, "471123")
    qtbot.waitUntil(lambda: window.screens.service.on_panel(), timeout=DEADLINE_MS)


def said(window: KioskWindow) -> str:
    return window.screens.service.message.text()


def test_wrong_pins_lock_the_pad_and_the_screen_says_for_how_long(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    booth.config.service.pin_hash = hash_pin("471123")
    open_pin_pad(window, qtbot)
    note = window.screens.service.pin.note
    type_pin(window, qtbot, "1111")
    qtbot.waitUntil(lambda: note.text() == "Wrong PIN, 4 attempts left before a 5-minute lock.",
                    timeout=DEADLINE_MS)
    for attempt in range(4):
        type_pin(window, qtbot, "1111")
        qtbot.waitUntil(lambda a=attempt: len(booth.store.events(kind="service.pin_refused"))
                        + len(booth.store.events(kind="service.pin_lockout")) == a + 2,
                        timeout=DEADLINE_MS)
    qtbot.waitUntil(lambda: note.text() ==
                    "Locked after too many wrong PINs: try again in 5:00.", timeout=DEADLINE_MS)
    pad = window.screens.service.pin.pad
    assert not pad.ok_key.isEnabled(), "a locked pad takes no PIN"
    assert booth.flow.state is State.attract and not window.screens.service.on_panel()


def test_the_pad_opened_during_a_lock_shows_it_before_anything_is_typed(
        window: KioskWindow, booth: Booth, clock: ManualClock, qtbot: object) -> None:
    booth.config.service.pin_hash = hash_pin("4711")
    with booth.store.transaction() as db:
        booth.store.set_counter(db, "service_pin_locked_until", int(clock.now) + 125)
    open_pin_pad(window, qtbot)
    pin = window.screens.service.pin
    qtbot.waitUntil(lambda: pin.note.text() ==
                    "Locked after too many wrong PINs: try again in 2:05.", timeout=DEADLINE_MS)
    assert not pin.pad.ok_key.isEnabled()
    qtbot.keyClicks(window, "4711")
    assert pin.pad.digits == "", "a locked pad takes no keyboard digits either"


def test_a_keyboard_s_digits_backspace_and_enter_work_the_pin_pad(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    booth.config.service.pin_hash = hash_pin("4711")
    open_pin_pad(window, qtbot)
    pin = window.screens.service.pin
    qtbot.keyClicks(window, "47119")
    qtbot.keyClick(window, Qt.Key.Key_Backspace)
    assert pin.dots.text() == "●●●●"
    qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.waitUntil(window.screens.service.on_panel, timeout=DEADLINE_MS)
    assert booth.flow.state is State.service


def test_the_factory_pin_asks_for_a_new_one_first(window: KioskWindow, booth: Booth,
                                                  qtbot: object, tmp_path: Path) -> None:
    open_pin_pad(window, qtbot)
    service = window.screens.service
    type_pin(window, qtbot, "2580")
    qtbot.waitUntil(lambda: service.pin.title.text() == "Choose a new service PIN",
                    timeout=DEADLINE_MS)
    assert booth.flow.state is State.service and not service.on_panel()
    type_pin(window, qtbot, "2580")  # refused at once, not after typing it twice
    assert service.pin.note.text() == "Choose a PIN other than the factory one."
    assert service.pin.title.text() == "Choose a new service PIN"
    type_pin(window, qtbot, "471123")
    type_pin(window, qtbot, "471124")
    qtbot.waitUntil(lambda: service.pin.note.text() == "The two PINs differ. Start again.",
                    timeout=DEADLINE_MS)
    type_pin(window, qtbot, "471123")
    type_pin(window, qtbot, "471123")
    qtbot.waitUntil(service.on_panel, timeout=DEADLINE_MS)
    assert said(window) == "The new PIN is saved."
    assert verify_pin("471123", load_config(tmp_path / "kiosk.toml", required=True)
                      .service.pin_hash)


def test_the_menu_closes_itself_after_two_minutes_without_a_touch(
        window: KioskWindow, booth: Booth, clock: ManualClock, qtbot: object) -> None:
    enter_service(window, booth, qtbot)
    clock.advance(100)
    click(qtbot, window.screens.service.tabs["actions"])
    clock.advance(100)
    booth.driver.tick()
    assert booth.flow.state is State.service, "a touch did not keep the menu open"
    clock.advance(booth.config.service.idle_timeout)
    booth.driver.tick()
    assert booth.flow.state is State.attract
    assert window.stack.currentWidget() is window.screens.attract


def test_a_price_too_high_and_an_empty_package_list_are_refused_on_screen(
        window: KioskWindow, booth: Booth, qtbot: object, tmp_path: Path) -> None:
    enter_service(window, booth, qtbot)
    service = window.screens.service
    click(qtbot, service.tabs["settings"])
    settings = service.settings
    click(qtbot, shown_button(qtbot, settings, "20,000\u00a0UZS"))
    keys = {b.text(): b for b in settings.pad.findChildren(QPushButton)}
    for digit in "1" + "0" * 12:
        click(qtbot, keys[digit])
    click(qtbot, settings.pad.ok_key)
    click(qtbot, settings.save_button)
    qtbot.waitUntil(lambda: "must be at most" in said(window), timeout=DEADLINE_MS)
    assert said(window) == "Package 1, price must be at most 100\u00a0000\u00a0000"
    assert booth.store.events(kind="service.settings_refused")
    assert not (tmp_path / "kiosk.toml").exists()
    assert booth.config.packages[0].price == 20000

    for _ in range(3):
        click(qtbot, shown_button(qtbot, settings, "Remove"))
    click(qtbot, settings.save_button)
    qtbot.waitUntil(lambda: said(window) == "Packages needs at least one", timeout=DEADLINE_MS)
    assert len(booth.store.events(kind="service.settings_refused")) == 2
    assert not (tmp_path / "kiosk.toml").exists() and len(booth.config.packages) == 3


def test_settings_saved_on_screen_apply_to_the_next_customer(
        window: KioskWindow, booth: Booth, qtbot: object, tmp_path: Path) -> None:
    enter_service(window, booth, qtbot)
    service = window.screens.service
    click(qtbot, service.tabs["settings"])
    click(qtbot, service.settings.shots.less)
    click(qtbot, service.settings.language_buttons["ru"])
    click(qtbot, service.settings.save_button)
    qtbot.waitUntil(lambda: said(window) == "Saved and applied.", timeout=DEADLINE_MS)
    assert booth.config.flow.shots == 3 and booth.config.ui.default_language == "ru"
    written = load_config(tmp_path / "kiosk.toml", required=True)
    assert (written.flow.shots, written.ui.default_language) == (3, "ru")


def test_a_failing_reboot_command_is_confirmed_first_then_reported(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    booth.config.service.reboot_command = ["false"]
    enter_service(window, booth, qtbot)
    service = window.screens.service
    click(qtbot, service.tabs["actions"])
    click(qtbot, service.actions.power_buttons["reboot"])
    assert service.sections.currentWidget() is service.confirm
    assert service.confirm.question.text() == "Reboot the machine now?"
    assert not booth.store.events(kind="service.reboot")
    click(qtbot, service.confirm.yes)
    qtbot.waitUntil(lambda: said(window) == "The command “false” failed (status 1).",
                    timeout=DEADLINE_MS)
    assert booth.store.events(kind="service.reboot_refused")
    assert service.sections.currentWidget() is service.actions


def test_csv_export_to_a_full_usb_stick_says_so_and_leaves_nothing(
        window: KioskWindow, booth: Booth, qtbot: object, tmp_path: Path) -> None:
    media = tmp_path / "media"
    with mounted_tmpfs(media / "USB", size_kb=16) as stick:
        fill(stick)
        booth.config.service.usb_root = str(media)
        enter_service(window, booth, qtbot)
        service = window.screens.service
        click(qtbot, service.tabs["statistics"])
        page = service.statistics
        qtbot.waitUntil(lambda: len(page.target_buttons) == 2
                        and all(b.isVisible() for b in page.target_buttons), timeout=DEADLINE_MS)
        click(qtbot, service.statistics.target_buttons[0])
        qtbot.waitUntil(lambda: said(window).startswith("Nothing saved: the disk is full"),
                        timeout=DEADLINE_MS)
        assert [p.name for p in stick.iterdir()] == ["filler"]
        assert booth.store.events(kind="service.export_refused")
        click(qtbot, service.statistics.target_buttons[1])
        qtbot.waitUntil(lambda: said(window).startswith("Saved to "), timeout=DEADLINE_MS)
    saved = Path(said(window).removeprefix("Saved to "))
    assert saved.read_text().startswith("period,figure,detail,value\n")


def test_free_mode_shows_its_marker_and_speaks_of_free_photos_on_attract(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    enter_service(window, booth, qtbot)
    service = window.screens.service
    click(qtbot, service.tabs["actions"])
    qtbot.waitUntil(lambda: service.actions.free_button.text() == "Free mode: turn on",
                    timeout=DEADLINE_MS)
    click(qtbot, service.actions.free_button)
    qtbot.waitUntil(lambda: said(window) == "Free mode is on.", timeout=DEADLINE_MS)
    click(qtbot, service.exit)
    assert window.stack.currentWidget() is window.screens.attract
    marker = window.screens.attract.free_mode
    # Back on attract the booth speaks its default language, Uzbek.
    qtbot.waitUntil(lambda: marker.text() == "Bepul rejim: to'lovsiz suratlar",
                    timeout=DEADLINE_MS)
    assert marker.isVisible()
    invitation = window.screens.attract.subtitle.text()
    assert "bepul" in invitation and "to'lang" not in invitation, invitation


def test_the_payment_log_lists_orders_filters_them_and_scrolls_by_finger(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    now = time.time()
    with booth.store.transaction() as db:
        for n, status in enumerate(["paid", "failed", "paid", "cancelled"]):
            db.add(BoothSession(id=f"s{n}", started_at=now))
            db.flush()
            db.add(Order(id=f"o{n}", session_id=f"s{n}", package="1x", copies=1,
                         amount_minor=2_000_000, currency="UZS", provider="payme",
                         payment_status=status, payment_transaction_id=f"tx{n}",
                         created_at=now + n, updated_at=now + n))
    enter_service(window, booth, qtbot)
    service = window.screens.service
    click(qtbot, service.tabs["log"])
    qtbot.waitUntil(lambda: list(service.log.list.rows) == ["o3", "o2", "o1", "o0"],
                    timeout=DEADLINE_MS)
    assert service.log.list.rows["o2"].text().splitlines()[1] == "payme · paid · tx2 · not printed"
    click(qtbot, service.log.filter_buttons["paid"])
    qtbot.waitUntil(lambda: list(service.log.list.rows) == ["o2", "o0"], timeout=DEADLINE_MS)
    assert QScroller.hasScroller(service.log.list.viewport())


def test_an_unwritable_config_file_is_said_and_nothing_changes(
        window: KioskWindow, booth: Booth, qtbot: object, tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path / "etc", read_only=True) as read_only:
        booth.desks.settings.editor.path = read_only / "kiosk.toml"
        enter_service(window, booth, qtbot)
        service = window.screens.service
        click(qtbot, service.tabs["settings"])
        click(qtbot, service.settings.shots.less)
        click(qtbot, service.settings.save_button)
        qtbot.waitUntil(lambda: said(window).startswith("Nothing saved: the file"),
                        timeout=DEADLINE_MS)
        assert list(read_only.iterdir()) == []
    assert said(window) == f"Nothing saved: the file {read_only / 'kiosk.toml'} cannot be written."
    assert booth.config.flow.shots == 4
    assert booth.store.events(kind="service.settings_refused")[-1].data["problem"] == "not_writable"


def test_leaving_changed_settings_asks_to_save_or_discard(
        window: KioskWindow, booth: Booth, qtbot: object, tmp_path: Path) -> None:
    enter_service(window, booth, qtbot)
    service = window.screens.service
    click(qtbot, service.tabs["settings"])
    click(qtbot, service.settings.shots.less)
    click(qtbot, service.tabs["status"])
    assert service.sections.currentWidget() is service.confirm
    assert service.confirm.question.text() == "The settings were changed. Save them?"
    click(qtbot, service.confirm.no)  # Discard
    assert service.section == "status" and service.sections.currentWidget() is service.status
    assert booth.config.flow.shots == 4 and not (tmp_path / "kiosk.toml").exists()
    click(qtbot, service.tabs["settings"])
    qtbot.waitUntil(lambda: service.settings.shots.value == 4, timeout=DEADLINE_MS)
    click(qtbot, service.settings.shots.less)
    click(qtbot, service.exit)
    assert service.confirm.yes.text() == "Save"
    click(qtbot, service.confirm.yes)
    qtbot.waitUntil(lambda: booth.config.flow.shots == 3, timeout=DEADLINE_MS)


def test_an_answer_stays_with_its_page_and_the_buttons_do_not_move(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    enter_service(window, booth, qtbot)
    service = window.screens.service
    click(qtbot, service.tabs["settings"])
    save = service.settings.save_button
    where = save.mapTo(window, save.rect().topLeft())
    click(qtbot, service.settings.shots.less)
    click(qtbot, save)
    qtbot.waitUntil(lambda: said(window) == "Saved and applied.", timeout=DEADLINE_MS)
    assert save.mapTo(window, save.rect().topLeft()) == where
    service.say("Package 1, price must be at most 100 000 000\nPackage 2, price must be at "
                "most 100 000 000", "bad")  # a refusal of two settings: two lines
    QApplication.processEvents()  # the layout answers the new text on the next events
    QApplication.processEvents()
    assert save.mapTo(window, save.rect().topLeft()) == where
    click(qtbot, service.tabs["actions"])
    assert said(window) == ""


def test_the_status_page_s_values_follow_the_booth_while_it_is_open(
        window: KioskWindow, booth: Booth, clock: ManualClock, qtbot: object) -> None:
    enter_service(window, booth, qtbot)
    status = window.screens.service.status
    uptime = status.values["uptime"]
    qtbot.waitUntil(lambda: uptime.text() == "0 h 0 min", timeout=DEADLINE_MS)
    clock.advance(2 * 3600 + 5 * 60)  # nobody touches anything
    qtbot.waitUntil(lambda: uptime.text() == "2 h 5 min", timeout=DEADLINE_MS)
    click(qtbot, window.screens.service.tabs["actions"])
    qtbot.waitUntil(lambda: not window.service_menu.status_tick.isActive(), timeout=DEADLINE_MS)
