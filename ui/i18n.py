"""Switching the customer's language through Qt's translators (.qm built from .ts)."""

from __future__ import annotations

import logging
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

from assets import asset_path
from kiosk.core.config import APP_NAME

TRANSLATIONS_DIR = asset_path("translations")
# Where catalogues are compiled when none was shipped (never into the installed package).
CACHE_DIR = Path(platformdirs.user_cache_dir(APP_NAME)) / "translations"
LANGUAGE_NAMES = {"uz": "O'zbekcha", "ru": "Русский", "en": "English"}

log = logging.getLogger(__name__)


def source_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"kiosk_{language}.ts"


def is_current(compiled: Path, source: Path) -> bool:
    return compiled.is_file() and (not source.is_file()
                                   or compiled.stat().st_mtime >= source.stat().st_mtime)


def qm_path(language: str) -> Path:
    """The compiled catalogue: the one shipped beside its source, else the cache's."""
    source = source_path(language)
    shipped = source.with_suffix(".qm")
    return shipped if is_current(shipped, source) else CACHE_DIR / shipped.name


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
            log.error("no usable translation %s; run `python -m ui.translations_build` "
                      "(or start the booth once: it compiles missing ones)", qm_path(language))
        # Installing an empty translator posts nothing, so every widget is told explicitly.
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        return loaded
