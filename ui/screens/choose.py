"""Choose: how many prints, each with its price in the guest's language."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.metrics import Metrics
from ui.money import format_price
from ui.screens.base import Screen, make_button, make_label, show_amount


class PackageCard(QPushButton):
    """One package: the number of prints big, the price under it (or beside it, in a list)."""

    def __init__(self, copies: int, price: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.copies = copies
        self.price = price
        self.setProperty("kind", "package")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The phone-only package says so in words: a size smaller than "2 prints".
        self.count_label = make_label("title" if copies else "subtitle")
        self.price_label = make_label("price", wrap=False)
        for label in (self.count_label, self.price_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.box = QVBoxLayout(self)
        self.box.addStretch(1)
        self.box.addWidget(self.count_label)
        self.box.addWidget(self.price_label)
        self.box.addStretch(1)

    def set_texts(self, count: str, price: str) -> None:
        self.count_label.setText(count)
        show_amount(self.price_label, price, "price", "price-long")


class ChooseScreen(Screen):
    package_chosen = Signal(int)
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = "UZS"
        self.cards: list[PackageCard] = []
        self.title = make_label("title")
        self.subtitle = make_label("body")
        self.grid = QGridLayout()
        self.cancel = make_button("quiet")
        self.cancel.clicked.connect(self.cancel_clicked)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel)
        bottom.addStretch(1)
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.title)
        self.column.addWidget(self.subtitle)
        self.column.addLayout(self.grid, 1)
        self.column.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("How many prints would you like?"))
        self.subtitle.setText(self.tr("Every print shows all your photos."))
        self.cancel.setText(self.tr("Start over"))
        for card in self.cards:
            count = self.tr("%n print(s)", "", card.copies) if card.copies else \
                self.tr("Photos on your phone only")
            card.set_texts(count, format_price(card.price, self.currency, self.language))

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        margin = metrics.margin
        self.column.setContentsMargins(margin, margin, margin, margin)
        self.column.setSpacing(metrics.spacing)
        self.grid.setSpacing(metrics.spacing)
        self.cancel.setMinimumWidth(round(metrics.width * (0.3 if metrics.landscape else 0.5)))
        self._place_cards()

    def set_packages(self, packages: list[tuple[int, int]], currency: str) -> None:
        """(copies, price) pairs in the order the operator listed them."""
        for card in self.cards:
            self.grid.removeWidget(card)
            card.hide()  # deleted when the event loop next runs; never painted meanwhile
            card.deleteLater()
        self.currency = currency
        self.cards = []
        for copies, price in packages:
            card = PackageCard(copies, price)
            card.clicked.connect(lambda _=False, n=copies: self.package_chosen.emit(n))
            self.cards.append(card)
        self._place_cards()
        self.retranslate()

    def _place_cards(self) -> None:
        landscape = self.metrics.landscape
        columns = min(len(self.cards), 3) if landscape else 1
        for index, card in enumerate(self.cards):
            self.grid.removeWidget(card)
            self.grid.addWidget(card, index // max(columns, 1), index % max(columns, 1))
            card.box.setSpacing(self.metrics.px(0.01))
            card.setMinimumHeight(self.metrics.button_height)
