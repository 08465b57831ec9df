"""Switching the customer's language through Qt's translators (.qm built from .ts)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "assets" / "translations"
LANGUAGE_NAMES = {"uz": "O'zbekcha", "ru": "Русский", "en": "English"}

log = logging.getLogger(__name__)


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"kiosk_{language}.qm"


class LanguageSwitch:
    """Holds the one installed translator; installing sends LanguageChange to every widget."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language: str | None = None

    def release(self) -> None:
        """Take this switch's translator out of the application."""
        if self._translator is not None:
            QCoreApplication.instance().removeTranslator(self._translator)
            self._translator = None
        self.language = None

    def use(self, language: str) -> bool:
        """Install `language`; False (and the English sources) when its .qm is missing."""
        if language == self.language:
            return True
        app = QCoreApplication.instance()
        self.release()
        self.language = language
        translator = QTranslator(app)
        loaded = translator.load(str(qm_path(language)))
        if loaded:
            app.installTranslator(translator)
            self._translator = translator
        else:
            log.error("no usable translation %s; run `python -m ui.translations_build`",
                      qm_path(language))
        # Installing an empty translator posts nothing, so every widget is told explicitly.
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        return loaded
