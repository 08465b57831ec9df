"""Settings: packages and prices, countdown, shots, layout, language, QR lifetime — by touch.

Prices are typed on a digit pad; everything else steps or is picked. The page is built from
the config model (`kiosk.core.settings_fields`): each label, the steppers' limits and steps,
the languages offered and the number of packages come from `KioskConfig`'s field metadata,
read again for the config each `load` shows. Nothing is checked here: Save hands the values
to the config model, whose refusals come back as sentences.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.config import KioskConfig
from kiosk.core.layouts import Layout
from kiosk.core.settings_fields import NumberField, SettingsForm, settings_form
from ui.i18n import LANGUAGE_NAMES
from ui.layout_preview import layout_preview
from ui.metrics import Metrics
from ui.money import format_price
from ui.screens.base import make_button, make_label
from ui.screens.service.parts import (
    DigitPad,
    Stepper,
    kinetic,
    left_label,
    service_button,
    set_current,
)
from ui.screens.service.words import setting_title


class SettingsPage(QWidget):
    save = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_fields: SettingsForm = settings_form()
        self.packages: list[dict[str, int]] = []
        self.currency = "UZS"
        self.language = "en"
        self.layouts: list[Layout] = []
        self.layout_name = ""
        self.layout_buttons: dict[str, QPushButton] = {}
        self.loaded: dict[str, Any] = {}  # the values as last loaded: edits are the difference
        self.default_language = "uz"
        self.editing: int | None = None
        self.touch = 0
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self._build_form())
        self.stack.addWidget(self._build_price_pad())
        self.retranslate()

    def _build_form(self) -> QWidget:
        page = QWidget()
        self.title = left_label("subtitle")
        self.packages_label = left_label()
        self.package_rows = QVBoxLayout()
        self.add_button = service_button()
        self.add_button.clicked.connect(self._add_package)
        fields = self.form_fields
        self.countdown = self._stepper(fields.countdown)
        self.shots = self._stepper(fields.shots)
        self.qr_expiry = self._stepper(fields.qr_expiry)
        # Each layout drawn with sample photos; the chosen one's shape in words under them.
        self.layout_row = QHBoxLayout()
        self.layout_row.addStretch(1)
        self.layout_words = left_label()
        layout_box = QVBoxLayout()
        layout_box.addLayout(self.layout_row)
        layout_box.addWidget(self.layout_words)
        self.language_buttons: dict[str, QPushButton] = {}
        languages = QHBoxLayout()
        self.languages_row = languages
        self._show_languages()
        self.form = QGridLayout()
        self.names = [left_label() for _ in range(5)]
        for row, (name, widget) in enumerate(zip(self.names, (
                self.countdown, self.shots, self.qr_expiry), strict=False)):
            self.form.addWidget(name, row, 0)
            self.form.addWidget(widget, row, 1)
        self.form.addWidget(self.names[3], 3, 0)
        self.form.addLayout(layout_box, 3, 1)
        self.form.addWidget(self.names[4], 4, 0)
        self.form.addLayout(languages, 4, 1)
        self.form.setColumnStretch(1, 1)
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.packages_label)
        body.addLayout(self.package_rows)
        body.addWidget(self.add_button)
        body.addLayout(self.form)
        body.addStretch(1)
        self.body = body
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        kinetic(scroll.viewport())
        self.scroll = scroll
        self.save_button = make_button("primary")
        self.save_button.clicked.connect(lambda: self.save.emit(self.values()))
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(scroll, 1)
        column.addWidget(self.save_button)
        self.column = column
        return page

    def _build_price_pad(self) -> QWidget:
        page = QWidget()
        self.pad_title = make_label("subtitle")
        self.pad_value = make_label("title", wrap=False)
        self.pad = DigitPad(self._price_digits())
        self.pad.changed.connect(self._show_typed_price)
        self.pad.submitted.connect(self._price_typed)
        self.pad_back = service_button()
        self.pad_back.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pad_title)
        column.addWidget(self.pad_value)
        column.addWidget(self.pad, 1)
        column.addWidget(self.pad_back)
        self.pad_column = column
        return page

    # ----- values ---------------------------------------------------------------------------

    def _stepper(self, field: NumberField) -> Stepper:
        seconds = field.unit == "seconds"
        return Stepper(field.step, field.minimum, field.maximum,
                       show=(lambda v: self.tr("{n} s").format(n=v)) if seconds else str)

    def _price_digits(self) -> int:
        """Room to type one digit more than the highest price, to hear why it is refused."""
        return len(str(self.form_fields.packages.price.maximum)) + 1

    def _follow_model(self, config: KioskConfig) -> None:
        """The limits of the model `config` is an instance of."""
        fields = self.form_fields = settings_form(type(config))
        for stepper, field in ((self.countdown, fields.countdown), (self.shots, fields.shots),
                               (self.qr_expiry, fields.qr_expiry)):
            stepper.step, stepper.minimum, stepper.maximum = (field.step, field.minimum,
                                                              field.maximum)
        self.pad.limit = self._price_digits()
        if tuple(self.language_buttons) != fields.language.choices:
            self._show_languages()

    def load(self, config: KioskConfig, layouts: list[Layout], language: str) -> None:
        """Show the booth's current settings (unsaved edits are dropped)."""
        self._follow_model(config)
        self.packages = [{"copies": p.copies, "price": p.price} for p in config.packages]
        self.currency = config.payment.currency
        self.language = language
        self.layouts = layouts
        self.layout_name = config.flow.layout
        self._show_layouts()
        self.default_language = config.ui.default_language
        self.countdown.set_value(config.flow.countdown_seconds)
        self.shots.set_value(config.flow.shots)
        self.qr_expiry.set_value(config.payment.qr_expiry_seconds)
        self.stack.setCurrentIndex(0)
        self.retranslate()
        self.loaded = self.values()

    def changed(self) -> bool:
        """Edits not saved yet."""
        return bool(self.loaded) and self.values() != self.loaded

    def values(self) -> dict[str, Any]:
        return {"packages": [dict(p) for p in self.packages],
                "flow.countdown_seconds": self.countdown.value, "flow.shots": self.shots.value,
                "flow.layout": self.layout_name, "ui.default_language": self.default_language,
                "payment.qr_expiry_seconds": self.qr_expiry.value}

    # ----- text and sizes -------------------------------------------------------------------

    def retranslate(self) -> None:
        fields = self.form_fields
        self.title.setText(self.tr("Settings"))
        self.packages_label.setText(setting_title(fields.packages.title))
        self.add_button.setText(self.tr("Add a package"))
        for label, field in zip(self.names, (fields.countdown, fields.shots, fields.qr_expiry,
                                             fields.layout, fields.language), strict=True):
            label.setText(setting_title(field.title))
        self._describe_layout()
        for code, button in self.language_buttons.items():
            set_current(button, code == self.default_language)
        self.save_button.setText(self.tr("Save and apply"))
        self.pad_back.setText(self.tr("Back"))
        self.pad.clear_key.setText(self.tr("Clear"))
        self.pad.ok_key.setText(self.tr("OK"))
        self.countdown.set_value(self.countdown.value)
        self.qr_expiry.set_value(self.qr_expiry.value)
        self._show_packages()

    def apply_metrics(self, metrics: Metrics) -> None:
        self.touch = metrics.touch
        small = metrics.px(0.012)
        for layout in (self.column, self.body, self.package_rows, self.pad_column):
            layout.setSpacing(small)
        self.form.setSpacing(small)
        self.languages_row.setSpacing(small)
        self.layout_row.setSpacing(small)
        self.pad.grid.setSpacing(small)
        self.pad.fit(metrics.touch)
        for stepper in (self.countdown, self.shots, self.qr_expiry):
            stepper.row.setSpacing(small)
        self._show_packages()
        self._show_layouts()

    # ----- packages -------------------------------------------------------------------------

    def _show_packages(self) -> None:
        while self.package_rows.count():
            row = self.package_rows.takeAt(0).layout()
            while row is not None and row.count():
                widget = row.takeAt(0).widget()
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
            if row is not None:
                row.deleteLater()
        for index, package in enumerate(self.packages):
            row = QHBoxLayout()
            limits = self.form_fields.packages.copies
            copies = Stepper(limits.step, limits.minimum, limits.maximum,
                             show=self._package_words)
            copies.set_value(package["copies"])
            copies.value_changed.connect(lambda v, i=index: self._set(i, "copies", v))
            price = service_button(format_price(package["price"], self.currency, self.language))
            price.clicked.connect(lambda _=False, i=index: self._edit_price(i))
            remove = service_button(self.tr("Remove"))
            remove.clicked.connect(lambda _=False, i=index: self._remove(i))
            row.addWidget(copies, 3)
            row.addWidget(price, 2)
            row.addWidget(remove, 1)
            for button in (price, remove):
                button.setMinimumSize(0, self.touch)
            copies.fit(self.touch)
            self.package_rows.addLayout(row)
        self.add_button.setEnabled(len(self.packages) < self.form_fields.packages.max_packages)

    def _package_words(self, copies: int) -> str:
        """0 copies: the package sells the photos on the customer's phone only."""
        return self.tr("%n print(s)", "", copies) if copies else \
            self.tr("Photos on the phone only")

    def _set(self, index: int, key: str, value: int) -> None:
        self.packages[index][key] = value

    def _remove(self, index: int) -> None:
        del self.packages[index]
        self._show_packages()

    def _add_package(self) -> None:
        copies = max((p["copies"] for p in self.packages), default=0) + 1
        price = max((p["price"] for p in self.packages), default=10000)
        self.packages.append({"copies": min(copies, self.form_fields.packages.copies.maximum),
                              "price": price})
        self._show_packages()

    def _edit_price(self, index: int) -> None:
        self.editing = index
        copies = self.packages[index]["copies"]
        self.pad_title.setText(self.tr("Price of the package of %n print(s)", "", copies)
                               if copies else self.tr("Price of the photos-on-the-phone package"))
        self.pad.clear()
        self.stack.setCurrentIndex(1)

    def _show_typed_price(self, digits: str) -> None:
        self.pad_value.setText(format_price(int(digits), self.currency, self.language)
                               if digits else "–")

    def _price_typed(self, digits: str) -> None:
        if self.editing is not None and digits:
            self.packages[self.editing]["price"] = int(digits)
        self.editing = None
        self.stack.setCurrentIndex(0)
        self._show_packages()

    # ----- layouts --------------------------------------------------------------------------

    def _show_layouts(self) -> None:
        for button in self.layout_buttons.values():
            self.layout_row.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.layout_buttons = {}
        side = round(self.touch * 1.4)
        for layout in self.layouts:
            button = service_button()
            button.setIcon(QIcon(layout_preview(layout, side)))
            button.setIconSize(QSize(side, side))
            button.setMinimumSize(self.touch, self.touch)
            button.clicked.connect(lambda _=False, n=layout.name: self._pick_layout(n))
            self.layout_row.insertWidget(self.layout_row.count() - 1, button)  # before the stretch
            self.layout_buttons[layout.name] = button
        self._describe_layout()

    def _describe_layout(self) -> None:
        for name, button in self.layout_buttons.items():
            set_current(button, name == self.layout_name)
        chosen = next((lay for lay in self.layouts if lay.name == self.layout_name), None)
        if chosen is None:
            self.layout_words.setText(self.tr("Choose a layout"))
            return
        size = "{:g}×{:g}".format(*chosen.size_in)
        words = (self.tr("%n shot(s) in strips, cut from a {size} in sheet", "", chosen.shots)
                 if chosen.cut else
                 self.tr("%n shot(s) on a {size} in sheet", "", chosen.shots))
        self.layout_words.setText(words.format(size=size))

    def _pick_layout(self, name: str) -> None:
        self.layout_name = name
        self._describe_layout()

    def _show_languages(self) -> None:
        """A button for each language the model's `ui.default_language` may name."""
        for button in self.language_buttons.values():
            self.languages_row.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.language_buttons = {}
        for code in self.form_fields.language.choices:
            button = service_button(LANGUAGE_NAMES[code])
            button.clicked.connect(lambda _=False, c=code: self._pick_language(c))
            self.languages_row.addWidget(button)
            self.language_buttons[code] = button

    def _pick_language(self, code: str) -> None:
        self.default_language = code
        for other, button in self.language_buttons.items():
            set_current(button, other == code)
