"""What a person would see on every screen, at every size, in every language, with the
longest content a booth may hold: a long photos address, a 40-character event name, 7-digit
prices. A screen fails when it grows past the display, clips or elides a text, shows an
English sentence on a Russian or Uzbek screen, or shows a raw code as its words."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core.config import KioskConfig
from tests.harness.reading import english_sentence
from tests.ui.screen_walk import SUPPORTED_SIZES, overflows, rendered_samples, visible_texts
from ui.i18n import TRANSLATIONS_DIR
from ui.samples import WORST_CASE

LANGUAGES = ("uz", "ru", "en")
LONG_EVENT = "Достопримечательности «Высокогорья» 2027"  # 40 characters, long Russian words
SEVEN_DIGITS = 9_999_999
# A whole text that is an identifier: printer.faulted, media-empty-error, paper_out, grid-4x6
IDENTIFIER = r"[a-z][a-z0-9]*(?:[._-][a-z0-9]+)+"
RAW_CODE = re.compile(rf"{IDENTIFIER}(?:,\s*{IDENTIFIER})*")
# Where the log's, the printer's and CUPS's own words may stand, in small type, after the
# sentence that explains them; tables list order ids.
RAW_ROLES = {"code"}
CODE_ROLES = RAW_ROLES | {"table"}


def worst_config(tmp_path: Path) -> KioskConfig:
    assert len(LONG_EVENT) == 40
    return KioskConfig(
        storage={"data_dir": str(tmp_path / "kiosk")},
        booth={"name": LONG_EVENT, "event_name": LONG_EVENT},
        backend={"url": "http://127.0.0.1:9"},
        packages=[{"copies": copies, "price": SEVEN_DIGITS} for copies in (1, 2, 4, 0)])


def catalogue_texts(language: str) -> set[str]:
    root = ET.parse(TRANSLATIONS_DIR / f"kiosk_{language}.ts").getroot()
    texts = set()
    for message in root.iter("message"):
        translation = message.find("translation")
        forms = [form.text for form in translation.iter("numerusform")] or [translation.text]
        texts.update(form for form in forms if form)
    return texts


def what_a_person_sees_wrong(screen: QWidget, size: tuple[int, int], language: str,
                             catalogue: set[str]) -> list[str]:
    found = []
    if screen.size() != QSize(*size):
        found.append(f"the screen is {screen.width()}x{screen.height()}, not {size}")
    found += overflows(screen)
    for widget, text in visible_texts(screen):
        shown = text.replace("\u200b", "")
        if shown.endswith("…") and shown not in catalogue:
            found.append(f"{shown!r} is cut short")
        role = widget.property("role") if isinstance(widget, QLabel) else None
        if language != "en" and role not in RAW_ROLES and english_sentence(shown):
            found.append(f"{shown!r} is English")
        if role not in CODE_ROLES and RAW_CODE.fullmatch(shown.strip()):
            found.append(f"{shown!r} is a raw code, not words")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_screen_shows_a_person_anything_broken_with_the_longest_content(
        qapp: object, themed: KioskConfig, tmp_path: Path, language: str) -> None:
    config = worst_config(tmp_path)
    catalogue = catalogue_texts(language)
    problems = []
    for label, size in SUPPORTED_SIZES.items():
        for name, screen in rendered_samples(config, language, size, data=WORST_CASE):
            problems += [f"{label} {name}: {problem}"
                         for problem in what_a_person_sees_wrong(screen, size, language,
                                                                 catalogue)]
            photos = getattr(screen, "photos", None)
            if photos is not None and photos.isVisible() and not (
                    photos.code.isVisible() and photos.code.text() == WORST_CASE.photos_code
                    and not photos.code.wordWrap()):
                problems.append(f"{label} {name}: the photo code is not shown whole")
    assert not problems, "\n".join(problems)
