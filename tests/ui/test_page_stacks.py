"""The screens' stacks lay out the words of the page shown, not of every page they hold."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStackedLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.page_stacks import PageStack, ScreenStack

WORDS = "Open your banking or payment app and point the camera at the code. " * 4


class CountedLabel(QLabel):
    """A wrapped label that counts how often its height is asked for a width."""

    def __init__(self) -> None:
        super().__init__(WORDS)
        self.setWordWrap(True)
        self.asked = 0

    def heightForWidth(self, width: int) -> int:
        self.asked += 1
        return super().heightForWidth(width)


def page() -> tuple[QWidget, CountedLabel]:
    widget = QWidget()
    label = CountedLabel()
    QVBoxLayout(widget).addWidget(label)
    return widget, label


def hidden_page_layouts(stack_of: type) -> int:
    """How often a hidden page's words were laid out while the shown page's changed."""
    window = QWidget()
    window.resize(800, 600)
    column = QVBoxLayout(window)
    if issubclass(stack_of, QStackedLayout):
        holder = QWidget()
        stack = stack_of(holder)
        column.addWidget(holder)
    else:
        stack = stack_of()
        column.addWidget(stack)
    (shown, shown_label), (hidden, hidden_label) = page(), page()
    stack.addWidget(shown)
    stack.addWidget(hidden)
    window.show()
    QApplication.processEvents()
    hidden_label.asked = 0
    for words in ("Код действителен 3:00", WORDS, "Pay with Payme"):
        shown_label.setText(words)
        QApplication.processEvents()
    assert shown_label.asked > 0, "the shown page's words were never laid out: nothing tested"
    window.close()
    return hidden_label.asked


def test_a_page_stack_lays_out_only_the_shown_pages_words(qapp: QApplication) -> None:
    assert hidden_page_layouts(QStackedLayout) > 0  # Qt's own: what this is about
    assert hidden_page_layouts(PageStack) == 0


def test_the_windows_screen_stack_lays_out_only_the_shown_screens_words(
        qapp: QApplication) -> None:
    assert hidden_page_layouts(QStackedWidget) > 0
    assert hidden_page_layouts(ScreenStack) == 0
