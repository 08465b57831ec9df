"""Every customer-visible string exists in Uzbek, Russian and English, and fits at 1024x600."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from tests.ui.screen_walk import SIZES, overflows, rendered_samples, visible_texts
from ui.i18n import TRANSLATIONS_DIR
from ui.screens.attract import AttractScreen

LANGUAGES = ("uz", "ru", "en")
UI_DIR = Path(__file__).resolve().parents[2] / "ui"
# The same word in every language.
UNIVERSAL = {"OK"}


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    return {(context.findtext("name"), message.findtext("source")): message
            for context in root.iter("context") for message in context.iter("message")}


@pytest.fixture(scope="module")
def strings_in_code(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """What lupdate finds in ui/ today: a string added to the code without a translation shows."""
    target = tmp_path_factory.mktemp("lupdate") / "extracted.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    subprocess.run([str(lupdate), "-silent", *sources, "-ts", str(target)], check=True)
    return set(messages(target))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_translated(language: str,
                                                strings_in_code: set[tuple[str, str]]) -> None:
    catalogue = messages(TRANSLATIONS_DIR / f"kiosk_{language}.ts")
    missing = sorted(strings_in_code - set(catalogue))
    assert not missing, f"kiosk_{language}.ts lacks {missing}: run lupdate and translate"
    unfinished = []
    for key in strings_in_code:
        translation = catalogue[key].find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
        same_as_english = language != "en" and key[1] not in UNIVERSAL and key[1] in forms
        if not finished or not all(forms) or same_as_english:
            unfinished.append(key)
    assert not unfinished, f"untranslated in {language}: {sorted(unfinished)}"


def english_sources() -> set[str]:
    return {source for _, source in messages(TRANSLATIONS_DIR / "kiosk_en.ts")}


@pytest.mark.parametrize("language", ["uz", "ru"])
def test_no_screen_shows_english_in_another_language(themed: object, language: str) -> None:
    english = english_sources() - UNIVERSAL
    shown_english = []
    for name, screen in rendered_samples(themed, language, SIZES["small"]):
        shown_english += [(name, text) for _, text in visible_texts(screen) if text in english]
    assert not shown_english


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", ["small", "portrait", "landscape"])
def test_no_text_overflows_its_widget(themed: object, language: str, size: str) -> None:
    problems = []
    for name, screen in rendered_samples(themed, language, SIZES[size]):
        problems += [f"{name}: {p}" for p in overflows(screen)]
    assert not problems, "\n".join(problems)


def test_switching_language_retranslates_a_live_screen(themed: object) -> None:
    from ui.i18n import LanguageSwitch

    screen = AttractScreen()
    switch = LanguageSwitch()
    try:
        assert switch.use("ru")
        QApplication.processEvents()  # Qt delivers LanguageChange to widgets as posted events
        russian = screen.start_button.text()
        assert switch.use("uz")
        QApplication.processEvents()
        uzbek = screen.start_button.text()
        switch.use("en")
        QApplication.processEvents()
        assert (russian, uzbek, screen.start_button.text()) == (
            "Нажмите, чтобы начать", "Boshlash uchun bosing", "Touch to start")
    finally:
        switch.release()
        screen.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_missing_translation_file_is_reported_and_english_shown(
        themed: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.i18n

    monkeypatch.setattr(ui.i18n, "TRANSLATIONS_DIR", tmp_path)
    # Nor one compiled earlier into this user's cache (an installed booth's first start).
    monkeypatch.setattr(ui.i18n, "CACHE_DIR", tmp_path / "cache")
    switch = ui.i18n.LanguageSwitch()
    screen = AttractScreen()
    try:
        assert switch.use("ru") is False
        QApplication.processEvents()
        assert screen.start_button.text() == "Touch to start"
    finally:
        switch.release()
        screen.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
