"""UI tests: offscreen Qt, translations built from the .ts sources, a real booth driver."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from tests.ui.screen_walk import close_window
from ui.bridge import MainThreadPost
from ui.i18n import LanguageSwitch
from ui.kiosk_window import KioskWindow
from ui.theme import apply_palette, load_fonts
from ui.translations_build import build


@pytest.fixture(scope="session", autouse=True)
def translations() -> list[Path]:
    return build()


@pytest.fixture
def config(tmp_path: Path) -> KioskConfig:
    return KioskConfig(storage={"data_dir": str(tmp_path / "kiosk")},
                       booth={"event_name": "Aziza & Timur"},
                       backend={"url": "http://127.0.0.1:9"},
                       payment={"providers": ["sandbox"], "default_provider": "sandbox"})


@pytest.fixture
def themed(qapp: object, config: KioskConfig) -> Iterator[KioskConfig]:
    """Fonts, palette and the English translator (plurals), removed again afterwards."""
    load_fonts()
    apply_palette(qapp, config)
    english = LanguageSwitch()
    english.use("en")
    yield config
    english.release()


class ManualClock:
    """The booth's clock, moved by the test: timeouts without waiting."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def booth(qapp: object, config: KioskConfig, clock: ManualClock,
          tmp_path: Path) -> Iterator[Booth]:
    """The real booth core (flow, store, driver), its background services not started."""
    bridge = MainThreadPost()
    made = Booth(config, post=bridge.post, clock=clock, steady=clock,
                 config_path=tmp_path / "kiosk.toml")
    made.flow.resume()
    yield made
    made.stop()


@pytest.fixture
def window(qtbot: object, booth: Booth) -> Iterator[KioskWindow]:
    made = KioskWindow(booth.driver, windowed=True)
    made.show()
    qtbot.waitExposed(made)
    yield made
    close_window(made)
