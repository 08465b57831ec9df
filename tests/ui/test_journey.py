"""A guest's whole paid session by taps, through the real driver, backend, cupsd and camera."""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from backend.local_server import BackendServer
from kiosk.app.autopilot.screen_reader import read_qr
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from kiosk.core.flow_table import State
from kiosk.core.screen_views import DoneView
from tests.integration.conftest import prints_dir  # noqa: F401  (fixture)
from tests.ui.screen_walk import close_window
from ui.bridge import MainThreadPost
from ui.kiosk_window import KioskWindow
from ui.photos_qr import BREAK

DEADLINE_MS = 60_000
# Far above a frame, far below any network or CUPS timeout: a blocking call on the UI
# thread shows up as a gap of seconds. The real figure (p99, worst) is in bench/bench_ui.py.
BLOCKED_UI_S = 1.5


class Heartbeat:
    """Beats every 20 ms on the UI thread; the longest gap says whether it was ever blocked."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.timeout.connect(self.beat)
        self.timer.start(20)

    def beat(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now


@pytest.fixture
def live(qtbot: object, tmp_path: Path, cupsd: object, backend: BackendServer,
         prints_dir: Path, request: pytest.FixtureRequest  # noqa: F811
         ) -> Iterator[tuple[Booth, KioskWindow]]:
    config = KioskConfig(
        backend={"url": backend.url, "device_token": backend.token, "longpoll_wait": 5},
        printing={"queue": request.node.queue_name, "cups_server": cupsd.server,
                  "poll_seconds": 0.5},
        storage={"data_dir": str(tmp_path / "kiosk")},
        flow={"shots": 2, "countdown_seconds": 1, "layout": "grid-4x6", "done_seconds": 60},
        payment={"providers": ["sandbox"], "default_provider": "sandbox"},
        **getattr(request, "param", {}))
    bridge = MainThreadPost()
    booth = Booth(config, post=bridge.post, config_path=tmp_path / "kiosk.toml")
    window = KioskWindow(booth.driver, windowed=True)
    ticker = QTimer()
    ticker.timeout.connect(booth.driver.tick)
    ticker.start(1000)
    booth.start()
    window.show()
    yield booth, window
    ticker.stop()
    close_window(window)
    booth.stop()


def test_a_guest_pays_by_phone_and_gets_prints(live: tuple[Booth, KioskWindow], qtbot: object,
                                               backend: BackendServer,
                                               prints_dir: Path) -> None:  # noqa: F811
    booth, window = live
    screens = window.screens
    qtbot.waitUntil(lambda: booth.printing.can_print(1), timeout=DEADLINE_MS)
    heartbeat = Heartbeat()
    qtbot.mouseClick(screens.attract.language_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    assert window.stack.currentWidget() is screens.capture

    # The countdown shoots by itself; the composed print arrives on review.
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screens.review
                    and screens.review.proceed.isEnabled(), timeout=DEADLINE_MS)
    assert screens.capture.live.image is not None, "the live preview never showed a frame"
    qtbot.mouseClick(screens.review.proceed, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is screens.choose
    qtbot.mouseClick(screens.choose.cards[0], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is screens.payment

    qtbot.waitUntil(lambda: screens.payment.mode == "qr", timeout=DEADLINE_MS)
    qr = booth.flow.context.qr
    # The page lays itself out on the next events; a phone would scan it once it is painted.
    # On screen, not only in the widget: the close-up would read a hidden code too.
    qtbot.waitUntil(lambda: screens.payment.qr.isVisible()
                    and read_qr(window, screens.payment.qr) == qr.payment_url, timeout=10_000)
    assert screens.payment.amount_label.text() == "20,000\u00a0UZS"

    backend.sandbox_pay(qr.order_id)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screens.done, timeout=DEADLINE_MS)
    assert screens.printing.bar.value() == 100
    assert len(list(prints_dir.iterdir())) == 1
    phone_gets_the_photos(booth, window, qtbot, shots=2)
    qtbot.mouseClick(screens.done, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: booth.flow.state is State.attract, timeout=DEADLINE_MS)
    assert window.stack.currentWidget() is screens.attract
    # Qt posts LanguageChange to widgets: the default language shows on the next events.
    qtbot.waitUntil(lambda: screens.attract.start_button.text() == "Boshlash uchun bosing",
                    timeout=DEADLINE_MS)
    heartbeat.timer.stop()
    assert heartbeat.longest < BLOCKED_UI_S, f"the UI thread stalled {heartbeat.longest:.2f} s"


def phone_gets_the_photos(booth: Booth, window: KioskWindow, qtbot: object, shots: int) -> None:
    """The done screen's second code opens the order's photos page, with every photo on it."""
    view = booth.driver.view()
    assert isinstance(view, DoneView) and view.photos_url
    panel = window.screens.done.photos
    # Read as a phone does (screen_reader): the classic decoder alone misses ~1 in 40 links.
    # On screen, not only in the widget: the close-up would read a hidden code too.
    qtbot.waitUntil(lambda: panel.qr.isVisible() and read_qr(window, panel.qr)
                    == view.photos_url, timeout=10_000)
    assert view.photos_code and panel.code.text() == view.photos_code
    # What a person types from the screen, in lower case, opens the same page.
    scheme, page_address = view.photos_url.split("://", 1)
    typed = panel.address.text().replace(BREAK, "") + panel.code.text().lower()
    assert typed.split("/p/")[0] == page_address.split("/p/")[0]
    assert httpx.get(f"{scheme}://{typed}", timeout=10).headers["location"] == \
        "/p/" + page_address.split("/p/")[1]
    qtbot.waitUntil(lambda: bool(booth.store.events(kind="photos.delivered",
                                                    subject=booth.flow.context.order_id)),
                    timeout=DEADLINE_MS)
    page = httpx.get(view.photos_url, timeout=10)
    assert page.status_code == 200
    assert page.text.count("?download=1") == shots + 1  # the shots and the print


PHONE_ONLY = {"packages": [{"copies": 1, "price": 20000}, {"copies": 0, "price": 10000}]}


@pytest.mark.parametrize("live", [PHONE_ONLY], indirect=True)
def test_a_phone_only_package_is_paid_and_delivered_without_printing(
        live: tuple[Booth, KioskWindow], qtbot: object, backend: BackendServer,
        prints_dir: Path) -> None:  # noqa: F811
    booth, window = live
    screens = window.screens
    qtbot.waitUntil(lambda: booth.driver.health("backend").state == "ok", timeout=DEADLINE_MS)
    qtbot.mouseClick(screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screens.review
                    and screens.review.proceed.isEnabled(), timeout=DEADLINE_MS)
    qtbot.mouseClick(screens.review.proceed, Qt.MouseButton.LeftButton)
    phone_only = next(card for card in screens.choose.cards if card.copies == 0)
    qtbot.mouseClick(phone_only, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screens.payment.qr_painted(), timeout=DEADLINE_MS)
    order_id = booth.flow.context.qr.order_id
    backend.sandbox_pay(order_id)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screens.done, timeout=DEADLINE_MS)
    entered = {event.data["to"] for event in booth.store.events(kind="flow.transition",
                                                                 subject=order_id)}
    assert State.done in entered and State.printing not in entered
    assert screens.done.digital
    phone_gets_the_photos(booth, window, qtbot, shots=2)
    assert list(prints_dir.iterdir()) == []
    view = booth.driver.view()
    assert isinstance(view, DoneView) and view.digital


def taps_to_the_code(booth: Booth, window: KioskWindow, qtbot: object) -> None:
    """A guest's taps from attract to the first package's payment code, painted."""
    screens = window.screens
    qtbot.waitUntil(lambda: booth.printing.can_print(1), timeout=DEADLINE_MS)
    qtbot.mouseClick(screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screens.review
                    and screens.review.proceed.isEnabled(), timeout=DEADLINE_MS)
    qtbot.mouseClick(screens.review.proceed, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screens.choose.cards[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screens.payment.qr_painted(), timeout=DEADLINE_MS)


def test_the_payment_code_is_painted_from_the_checkouts_encoding(
        live: tuple[Booth, KioskWindow], qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checkout encodes the code before the flow shows it; the screen's own encoder (a
    hop to its worker and back after the flow moved) is left for codes nobody encoded."""
    import ui.qr_renderer

    booth, window = live
    on_screens_worker: list[str] = []
    encode = ui.qr_renderer.qr_matrix
    monkeypatch.setattr(ui.qr_renderer, "qr_matrix",
                        lambda data: on_screens_worker.append(data) or encode(data))
    screens = window.screens
    taps_to_the_code(booth, window, qtbot)
    url = booth.flow.context.qr.payment_url
    assert screens.payment.qr.data == url and url not in on_screens_worker
    assert read_qr(window, screens.payment.qr) == url


SLOW_CALLS = {  # what: (module, class or "", function)
    "encoding a QR code": ("kiosk.core.qr_codes", "", "qr_matrix"),
    "encoding a QR code on the screen's worker": ("ui.qr_renderer", "", "qr_matrix"),
    "encoding a QR code in the widget": ("ui.qr_widget", "", "qr_matrix"),
    "decoding a photo": ("ui.image_loader", "", "read_image"),
    "composing the print": ("kiosk.core.capture_coordinator", "", "compose"),
    "an HTTP call to the backend": ("sync.api_client", "BackendClient", "_call"),
    "a CUPS call": ("printing.cups_client", "CupsClient", "_call"),
}


def test_no_slow_call_runs_on_the_ui_thread_during_a_paid_session(
        live: tuple[Booth, KioskWindow], qtbot: object, backend: BackendServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of these would stall the screen (bench/bench_ui.py names what stalls it): none
    may run on the UI thread."""
    booth, window = live
    ran_on: dict[str, set[str]] = {what: set() for what in SLOW_CALLS}
    for what, (module, owner, function) in SLOW_CALLS.items():
        target = importlib.import_module(module)
        if owner:
            target = getattr(target, owner)
        original = getattr(target, function)

        def recording(*args: object, _original=original, _what=what, **kwargs: object):
            ran_on[_what].add(threading.current_thread().name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(target, function, recording)

    screens = window.screens
    taps_to_the_code(booth, window, qtbot)
    backend.sandbox_pay(booth.flow.context.qr.order_id)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screens.done, timeout=DEADLINE_MS)

    ui_thread = threading.main_thread().name
    on_ui = {what: threads for what, threads in ran_on.items() if ui_thread in threads}
    assert on_ui == {}, f"slow work on the UI thread: {on_ui}"
    for what in ("encoding a QR code", "encoding a QR code on the screen's worker",
                 "decoding a photo", "composing the print",
                 "an HTTP call to the backend", "a CUPS call"):
        assert ran_on[what], f"the session never did {what}: the check above saw nothing"
