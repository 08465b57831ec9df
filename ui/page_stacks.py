"""Stacks of pages that ask only the shown page how tall its words are.

Qt's stacks answer `heightForWidth` with the tallest of all their pages, the hidden ones too:
every layout pass of the screen above them lays out the wrapped words of every page (the
window's stack: of every screen) at the width being tried, several times over. The booth's
window and its screens have the display's size, not one chosen from their words, so these
stacks say they have no height for a width; each page still lays out its own words in the
rectangle it is given. On the tap → QR path this took the payment screen's change from the
waiting page to the code from ~2 ms to ~0.4 ms (55 text layouts to 9).
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedLayout, QStackedWidget


class PageStack(QStackedLayout):
    def hasHeightForWidth(self) -> bool:
        return False


class ScreenStack(QStackedWidget):
    def hasHeightForWidth(self) -> bool:
        return False
