"""The phone-only package (copies = 0) is offered only while its photos link can work: the
backend answering, sharing on, not free mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.local_server import BackendServer
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from kiosk.core.flow_table import State
from tests.ui.screen_walk import close_window
from ui.bridge import MainThreadPost
from ui.kiosk_window import KioskWindow

PACKAGES = [{"copies": 1, "price": 20000}, {"copies": 0, "price": 10000}]


def booth_with(url: str, token: str, tmp_path: Path) -> Booth:
    config = KioskConfig(storage={"data_dir": str(tmp_path / "kiosk")},
                         backend={"url": url, "device_token": token, "connect_timeout": 0.5,
                                  "read_timeout": 2},
                         flow={"pay_first": True}, packages=PACKAGES,
                         payment={"providers": ["sandbox"], "default_provider": "sandbox"})
    booth = Booth(config, post=MainThreadPost().post, config_path=tmp_path / "kiosk.toml")
    booth.flow.resume()
    return booth


@pytest.fixture
def window_for(qtbot: object) -> Iterator[list[tuple[Booth, KioskWindow]]]:
    opened: list[tuple[Booth, KioskWindow]] = []
    yield opened
    for booth, window in opened:
        close_window(window)
        booth.health.stop()  # the one service these tests start
        booth.stop()


def offered(booth: Booth, window: KioskWindow, qtbot: object) -> list[int]:
    window.show()
    booth.driver.touch()  # paying first: attract → choose
    assert booth.flow.state is State.choose
    return [card.copies for card in window.screens.choose.cards]


def test_the_phone_only_package_is_offered_while_the_backend_answers(
    backend: BackendServer, window_for: list, qtbot: object, tmp_path: Path,
) -> None:
    booth = booth_with(backend.url, backend.token, tmp_path)
    window = KioskWindow(booth.driver, windowed=True)
    window_for.append((booth, window))
    booth.health.start()
    qtbot.waitUntil(lambda: booth.driver.health("backend").state == "ok", timeout=30_000)
    assert offered(booth, window, qtbot) == [1, 0]
    assert window.screens.choose.cards[1].count_label.text() == "Faqat telefonga suratlar"


def test_no_phone_only_package_while_the_backend_is_away(
    window_for: list, qtbot: object, tmp_path: Path,
) -> None:
    booth = booth_with("http://127.0.0.1:9", "no-backend", tmp_path)
    window = KioskWindow(booth.driver, windowed=True)
    window_for.append((booth, window))
    booth.health.start()
    qtbot.waitUntil(lambda: booth.driver.health("backend").state == "degraded", timeout=30_000)
    assert offered(booth, window, qtbot) == [1]
