"""Rendering screens with sample content and inspecting what a guest would read."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QPushButton, QWidget

from kiosk.core.config import KioskConfig
from ui.i18n import LanguageSwitch
from ui.metrics import Metrics
from ui.samples import TYPICAL, SampleData
from ui.screen_set import ScreenSet
from ui.screens.base import Screen
from ui.screenshots import SAMPLES

SIZES = {"small": (1024, 600), "landscape": (1920, 1080), "portrait": (1080, 1920)}
# Every screen a booth is sold with: the 7" and 10" panels, full HD both ways, a 4K TV.
SUPPORTED_SIZES = {"1024x600": (1024, 600), "1280x800": (1280, 800), "1920x1080": (1920, 1080),
                   "1080x1920": (1080, 1920), "3840x2160": (3840, 2160)}


def rendered_samples(config: KioskConfig, language: str, size: tuple[int, int],
                     named: str = "", data: SampleData = TYPICAL
                     ) -> Iterator[tuple[str, Screen]]:
    """Each sample screen (whose name contains `named`) laid out at `size` in `language`
    with `data`, shown while the caller looks."""
    screens = ScreenSet(config)
    sheet = screens.apply_metrics(Metrics(*size))
    switch = LanguageSwitch()
    screens.set_language(language)
    assert switch.use(language), f"no .qm for {language}"
    try:
        for name, fill in SAMPLES:
            if named not in name:
                continue
            screen = fill(screens, data)
            screen.setStyleSheet(sheet)
            screen.resize(*size)
            screen.show()
            screen.settle()
            QApplication.processEvents()
            QApplication.processEvents()
            yield name, screen
            screen.hide()
    finally:
        switch.release()
        screens.dispose()


def visible_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    found: list[tuple[QWidget, str]] = []
    for widget in root.findChildren(QLabel) + root.findChildren(QPushButton):
        if widget.isVisibleTo(root) and widget.text():
            found.append((widget, widget.text()))
    return found


def overflows(root: QWidget) -> list[str]:
    """Texts that do not fit their widget, or widgets that stick out of the screen."""
    problems = []
    screen_rect = root.rect()
    for widget, text in visible_texts(root):
        where = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
        viewport = scrolled_into(widget, root)
        if viewport is not None and not viewport.contains(where):
            continue  # below (or above) the fold of a list that scrolls: not clipped
        if not screen_rect.contains(where):
            problems.append(f"{text!r} lies outside the screen: {where} vs {screen_rect}")
            continue
        metrics = widget.fontMetrics()
        if isinstance(widget, QPushButton):
            hint = widget.sizeHint()
            if hint.width() > widget.width() or metrics.height() > widget.height():
                problems.append(f"button {text!r} needs {hint.width()}px, has {widget.width()}")
            continue
        room = widget.contentsRect()
        if widget.wordWrap():
            needed = metrics.boundingRect(QRect(0, 0, room.width(), 100_000),
                                          int(Qt.TextFlag.TextWordWrap), text)
            if needed.height() > room.height() + 1 or needed.width() > room.width() + 1:
                problems.append(f"{text!r} needs {needed.width()}x{needed.height()}, "
                                f"has {room.width()}x{room.height()}")
        elif metrics.horizontalAdvance(text) > room.width() or metrics.height() > room.height():
            problems.append(f"{text!r} needs {metrics.horizontalAdvance(text)}x"
                            f"{metrics.height()}, has {room.width()}x{room.height()}")
    return problems


def scrolled_into(widget: QWidget, root: QWidget) -> QRect | None:
    """The visible rectangle (in root's coordinates) of the scroll area `widget` lies in."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return QRect(parent.mapTo(root, QPoint(0, 0)), parent.size())
        parent = area
    return None


def close_window(window: QWidget) -> None:
    """Let the kiosk window close and delete it now, not at interpreter exit when its Python
    slots are half torn down (that crashes the process)."""
    window.allow_close()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
