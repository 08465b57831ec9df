"""Statistics: today, this week, all time; and a CSV export to a USB stick or the booth."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.statistics import PERIODS, PeriodStats
from ui.metrics import Metrics
from ui.money import CURRENCY_WORDS, NBSP, group_digits
from ui.screens.base import make_label
from ui.screens.service import words
from ui.screens.service.parts import kinetic, left_label, service_button

TARGET_CHARS = 24


class StatisticsPage(QWidget):
    export = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: dict[str, PeriodStats] = {}
        self.targets: list[Path] = []
        self.language = "en"
        self.title = left_label("subtitle")
        self.table = QGridLayout()
        inner = QWidget()
        inner.setLayout(self.table)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(inner)
        kinetic(self.scroll.viewport())
        self.export_label = left_label()
        self.export_row = QHBoxLayout()
        self.touch = 0
        self.target_buttons: list[QWidget] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.scroll, 1)
        column.addWidget(self.export_label)
        column.addLayout(self.export_row)
        self.column = column
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Statistics"))
        self.export_label.setText(self.tr("Export as CSV to:"))
        self.show_stats(self.stats, self.language)
        self.show_targets(self.targets)

    def apply_metrics(self, metrics: Metrics) -> None:
        self.column.setSpacing(metrics.px(0.012))
        self.table.setHorizontalSpacing(metrics.spacing)
        self.table.setVerticalSpacing(metrics.px(0.004))
        self.export_row.setSpacing(metrics.spacing)
        self.touch = metrics.touch
        for button in self.target_buttons:
            button.setMinimumSize(0, metrics.touch)

    def show_stats(self, stats: dict[str, PeriodStats], language: str) -> None:
        self.stats, self.language = stats, language
        while self.table.count():
            item = self.table.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        headers = [self.tr("Today"), self.tr("This week"), self.tr("All time")]
        self.table.addWidget(make_label("small"), 0, 0)
        for index, header in enumerate(headers):
            label = make_label("table")
            label.setText(header)
            self.table.addWidget(label, 0, index + 1)
        if not stats:
            return
        rows = self._rows(stats)
        for number, (name, values) in enumerate(rows, start=1):
            label = left_label("table")
            label.setText(name)
            self.table.addWidget(label, number, 0)
            for index, value in enumerate(values):
                cell = make_label("table")
                cell.setText(value)
                self.table.addWidget(cell, number, index + 1)
        self.table.setColumnStretch(0, 1)
        self.table.setRowStretch(len(rows) + 1, 1)

    def _rows(self, stats: dict[str, PeriodStats]) -> list[tuple[str, list[str]]]:
        def each(read: object) -> list[str]:
            return [str(read(stats[p])) for p in PERIODS]  # type: ignore[operator]

        rows = [(self.tr("Sessions started"), each(lambda s: s.sessions))]
        steps = sorted({step for s in stats.values() for step in s.abandoned})
        rows += [(self.tr("Left {step}").format(step=words.step(step)),
                  each(lambda s, st=step: s.abandoned.get(st, 0))) for step in steps]
        rows.append((self.tr("Paid orders"), each(lambda s: s.paid_orders)))
        rows.append((self.tr("of them photos on the phone only"),
                     each(lambda s: s.digital_orders)))
        rows.append((self.tr("photos on the phone delivered"),
                     each(lambda s: s.digital_delivered)))
        providers = sorted({key for s in stats.values() for key in s.revenue})
        rows += [(self.tr("Revenue, {provider} ({currency})").format(
                      provider=provider, currency=currency_word(currency, self.language)),
                  each(lambda s, k=(provider, currency): group_digits(
                      s.revenue_major().get(k, 0), "," if self.language == "en" else NBSP)))
                 for provider, currency in providers]
        rows += [(self.tr("Prints"), each(lambda s: s.prints)),
                 (self.tr("Free sessions"), each(lambda s: s.free_sessions)),
                 (self.tr("Free prints"), each(lambda s: s.free_prints)),
                 (self.tr("Reprints"), each(lambda s: s.reprints)),
                 (self.tr("Failed payments"), each(lambda s: s.failed_payments))]
        return rows

    def show_targets(self, targets: list[Path]) -> None:
        self.targets = targets
        for button in self.target_buttons:
            button.hide()
            button.deleteLater()
        self.target_buttons = []
        for target in targets:
            button = service_button(shorten_path(str(target)))
            button.clicked.connect(lambda _=False, t=str(target): self.export.emit(t))
            button.setMinimumSize(0, self.touch)
            self.export_row.addWidget(button)
            self.target_buttons.append(button)


def currency_word(currency: str, language: str) -> str:
    return CURRENCY_WORDS.get(currency, {}).get(language, currency)


def shorten_path(text: str) -> str:
    return text if len(text) <= TARGET_CHARS else "…" + text[-(TARGET_CHARS - 1):]
