"""The kiosk window with the real booth driver: screens follow the flow, the window stays put."""

from __future__ import annotations

import gc
import sys
import threading
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from shiboken6 import Shiboken

from kiosk.app.booth import Booth
from kiosk.core.flow_events import CameraFault, ServiceEnter, Touched
from kiosk.core.flow_table import State
from kiosk.core.notices import HealthChanged
from kiosk.core.ports import Health, HealthState
from tests.ui.conftest import ManualClock
from tests.ui.screen_walk import close_window
from ui.bridge import MainThreadPost
from ui.kiosk_window import KioskWindow


def current(window: KioskWindow) -> object:
    return window.stack.currentWidget()


def test_escape_and_close_do_nothing_for_a_guest(window: KioskWindow, qtbot: object) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert window.close() is False
    assert window.isVisible() and current(window) is window.screens.attract


def test_close_is_honoured_once_the_app_allows_it(window: KioskWindow) -> None:
    window.allow_close()
    assert window.close() is True


def test_fullscreen_window_takes_the_whole_screen_frameless_without_cursor(
        booth: Booth, qtbot: object) -> None:
    window = KioskWindow(booth.driver)
    try:
        window.show()
        qtbot.waitExposed(window)
        assert window.geometry() == QGuiApplication.primaryScreen().geometry()
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.cursor().shape() == Qt.CursorShape.BlankCursor
    finally:
        close_window(window)


def test_a_tap_on_attract_starts_a_session_with_the_countdown(window: KioskWindow,
                                                              booth: Booth, qtbot: object) -> None:
    qtbot.mouseClick(window.screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    assert booth.flow.state is State.capture
    assert current(window) is window.screens.capture
    assert window.screens.capture.progress.text() == f"Surat 1 / {booth.config.flow.shots}"
    assert window.frame_timer.isActive()


def test_language_switch_then_back_to_default_after_the_session(window: KioskWindow,
                                                                booth: Booth,
                                                                qtbot: object) -> None:
    qtbot.mouseClick(window.screens.attract.language_buttons["ru"], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert booth.flow.context.language == "ru"
    assert window.screens.attract.start_button.text() == "Нажмите, чтобы начать"
    qtbot.mouseClick(window.screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    QApplication.processEvents()
    assert window.screens.capture.progress.text().startswith("Фото 1 из")
    booth.driver.cancel()
    QApplication.processEvents()
    assert booth.flow.state is State.attract
    assert window.screens.attract.start_button.text() == "Boshlash uchun bosing"


def test_a_technician_may_close_the_window_from_service(window: KioskWindow,
                                                        booth: Booth) -> None:
    booth.flow.dispatch(ServiceEnter())
    assert window.close() is True


def test_cancelled_pin_pad_returns_to_the_current_screen(window: KioskWindow,
                                                         qtbot: object) -> None:
    window.screens.attract.service_requested.emit()
    qtbot.mouseClick(window.screens.service.pin.back_button, Qt.MouseButton.LeftButton)
    assert current(window) is window.screens.attract


def test_out_of_service_shows_the_drivers_technician_code(window: KioskWindow,
                                                          booth: Booth) -> None:
    booth.flow.dispatch(CameraFault(code="E-CAMERA", message="no camera"))
    booth.flow.dispatch(Touched())
    assert booth.flow.state is State.out_of_service
    assert current(window) is window.screens.out_of_service
    assert window.screens.out_of_service.code_label.text() == "Kod: E-CAMERA"


def test_main_thread_post_runs_a_workers_callback_on_the_ui_thread(qapp: object,
                                                                   qtbot: object) -> None:
    bridge = MainThreadPost()
    ran_on: list[threading.Thread] = []
    worker = threading.Thread(target=lambda: bridge.post(
        lambda: ran_on.append(threading.current_thread())))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(ran_on), timeout=5000)
    assert ran_on == [threading.main_thread()]


def test_a_touch_keeps_the_session_and_idleness_returns_to_attract(
        window: KioskWindow, booth: Booth, clock: ManualClock, qtbot: object) -> None:
    qtbot.mouseClick(window.screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    assert booth.flow.state is State.capture
    clock.advance(booth.config.flow.idle_timeout - 5)
    qtbot.mouseClick(window.screens.capture, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    assert booth.flow.last_touch == clock()
    clock.advance(10)
    booth.driver.tick()
    assert booth.flow.state is State.capture, "the touch did not reset the idle timer"
    clock.advance(booth.config.flow.idle_timeout)
    booth.driver.tick()
    assert booth.flow.state is State.attract
    assert window.stack.currentWidget() is window.screens.attract
    assert not window.frame_timer.isActive()


def test_posts_from_many_threads_all_run_in_order_on_the_ui_thread(qapp: object,
                                                                   qtbot: object) -> None:
    bridge = MainThreadPost()
    ran: list[tuple[int, int, bool]] = []

    def poster(worker: int) -> None:
        for index in range(10):
            bridge.post(lambda w=worker, i=index: ran.append(
                (w, i, threading.current_thread() is threading.main_thread())))

    workers = [threading.Thread(target=poster, args=(n,)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    qtbot.waitUntil(lambda: len(ran) == 40, timeout=5000)
    assert all(on_main for _, _, on_main in ran)
    for worker in range(4):
        assert [i for w, i, _ in ran if w == worker] == list(range(10))


def test_a_bridge_left_to_a_workers_garbage_collection_is_not_deleted_there(
        qapp: QApplication) -> None:
    """A finished booth is a reference cycle, so its bridge goes when some thread's garbage
    collection finds it; deleted on a worker, a QObject with a wake queued for the UI thread
    crashed that thread (seen once as a segfault in a UI test)."""

    class FinishedBooth:
        def __init__(self) -> None:
            self.bridge = MainThreadPost()
            self.me = self

    finished = FinishedBooth()
    bridge = weakref.ref(finished.bridge)
    finished.bridge.post(lambda: None)  # its wake waits on the UI thread
    del finished
    collector = threading.Thread(target=gc.collect)
    collector.start()
    collector.join()
    kept = bridge()
    assert kept is not None and kept.parent() is qapp  # the application deletes it, on its thread
    kept.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not Shiboken.isValid(kept)


def test_the_qt_binding_keeps_its_references_to_none_and_true(qapp: object) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and to
    True on every emit; a booth crashes within hours. Needs PySide6 < 6.12 on 3.11.

    A sound binding may hold a few references in caches; the broken one loses one per
    call, so over 200 calls the two are far apart (and ~1000 already abort the process).
    """
    probe = MainThreadPost()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        probe.setObjectName("probe")
        probe._wake.emit()
    QApplication.processEvents()
    drift = (sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
    assert all(abs(d) < 50 for d in drift), \
        f"this PySide6 corrupts reference counts {drift}: pin PySide6>=6.6,<6.12"


def test_application_quit_closes_the_window_for_shutdown(window: KioskWindow,
                                                         qapp: QApplication) -> None:
    # app.quit() (e.g. on SIGTERM) sends Quit, then asks each window to close; the event is
    # handed to the window's filter directly so this test's QApplication keeps running.
    window.eventFilter(qapp, QEvent(QEvent.Type.Quit))
    assert window.close() is True and not window.isVisible()


def test_a_closed_window_hears_no_more_news_from_the_services(booth: Booth,
                                                              qtbot: object) -> None:
    """The services still report while the app shuts down: a printer fault posted after the
    window closed must not reach its deleted widgets."""
    window = KioskWindow(booth.driver, windowed=True)
    window.show()
    qtbot.waitExposed(window)
    heard: list[type] = []
    booth.driver.subscribe(lambda notice: heard.append(type(notice)))
    close_window(window)
    booth.health_coordinator.on_health("printer",
                                       Health(HealthState.fault, "paper out", 0.0, "E-PAPER"))
    qtbot.waitUntil(lambda: HealthChanged in heard)


def test_the_count_waits_while_the_camera_is_away_and_starts_again_once_it_is_back(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    """The real virtual camera runs (its frames keep coming); the driver hears it is away."""
    booth.camera.start()
    try:
        qtbot.waitUntil(lambda: booth.driver.latest_frame() is not None)
        booth.health_coordinator.on_health("camera", Health(HealthState.degraded,
                                                            "cable pulled", 0.0, "E-CAMERA"))
        qtbot.waitUntil(lambda: booth.driver.health("camera").state is HealthState.degraded)
        qtbot.mouseClick(window.screens.attract, Qt.MouseButton.LeftButton,
                         pos=QPoint(20, 300))
        capture = window.screens.capture
        assert booth.flow.state is State.capture and capture.camera_note.isVisible()
        # In the customer's language (Uzbek by default), with no picture and no count.
        assert (capture.camera_note.text(), capture.hint.text()) == ("Kamera tayyor emas",
                                                                     "Biroz kuting…")
        assert not capture.count.isVisible()
        window.paint_latest_frame()
        assert capture.live.image is None
        booth.health_coordinator.on_health("camera", Health(HealthState.ok, "", 0.0))
        qtbot.waitUntil(capture.count.isVisible)
        assert capture.count.text() == str(booth.config.flow.countdown_seconds)
        assert not capture.camera_note.isVisible() and capture.hint.text() == "Jilmaying!"
        qtbot.waitUntil(lambda: capture.live.image is not None)  # the frames show again
    finally:
        booth.camera.stop()


def test_a_window_shows_attract_before_its_booth_then_follows_the_booth(
        booth: Booth, qtbot: object) -> None:
    """The run loop paints the attract screen first and builds the booth after: until then a
    tap does nothing; once attached the window shows where the booth's flow is."""
    window = KioskWindow(config=booth.config, windowed=True)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.screens.attract.start_button.text() ==
                        "Boshlash uchun bosing")  # the booth's default language
        assert current(window) is window.screens.attract
        qtbot.mouseClick(window.screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
        assert booth.flow.state is State.attract
        booth.flow.dispatch(ServiceEnter())
        window.attach(booth.driver)
        assert current(window) is window.screens.service
        booth.driver.exit_service()
        qtbot.mouseClick(window.screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
        assert booth.flow.state is State.capture
    finally:
        close_window(window)
