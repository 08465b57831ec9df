"""The settings page is built from the config model: a model with other limits, steps,
labels, languages or package count gives a page with those, and nothing on the page limits
a setting the model does not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pytest
from pydantic import Field

from kiosk.core.config import FlowSection, KioskConfig, Package, PaymentSection, UiSection
from kiosk.core.settings_fields import settings_form
from ui.screens.service.parts import Stepper
from ui.screens.service.settings_page import SettingsPage

Two = Literal["uz", "ru"]


class TightFlow(FlowSection):
    shots: int = Field(3, ge=2, le=5, title="Photos per visit")


class TightPayment(PaymentSection):
    qr_expiry_seconds: int = Field(120, ge=60, le=300, title="QR valid for",
                                   json_schema_extra={"step": 60, "unit": "seconds"})


class TightPackage(Package):
    copies: int = Field(ge=1, le=3, title="Prints")
    price: int = Field(ge=1, le=99_999, title="Price")


class TightUi(UiSection):
    languages: list[Two] = Field(["uz", "ru"], min_length=1)  # type: ignore[assignment]
    default_language: Two = Field("uz", title="Language")


class TightConfig(KioskConfig):
    flow: TightFlow = Field(default_factory=TightFlow)
    payment: TightPayment = Field(default_factory=TightPayment)
    packages: list[TightPackage] = Field(  # type: ignore[assignment]
        default_factory=lambda: [TightPackage(copies=1, price=500)], min_length=1,
        max_length=2, title="Packages")
    ui: TightUi = Field(default_factory=TightUi)


@pytest.fixture
def page(themed: KioskConfig) -> Iterator[SettingsPage]:
    made = SettingsPage()
    made.resize(800, 1200)
    made.show()
    yield made
    made.close()
    made.deleteLater()


def step_to_the_end(stepper: Stepper, button_name: str, presses: int = 50) -> int:
    button = getattr(stepper, button_name)
    for _ in range(presses):
        button.click()
    return stepper.value


def package_steppers(page: SettingsPage) -> list[Stepper]:
    """The prints stepper of each package row, in order."""
    rows = [page.package_rows.itemAt(i).layout() for i in range(page.package_rows.count())]
    return [row.itemAt(0).widget() for row in rows]


def test_the_page_s_limits_steps_and_labels_follow_the_model_it_is_given(
        page: SettingsPage, tmp_path: object) -> None:
    page.load(TightConfig(storage={"data_dir": str(tmp_path)}), [], "en")
    assert (step_to_the_end(page.shots, "more"), step_to_the_end(page.shots, "less")) == (5, 2)
    assert page.names[1].text() == "Photos per visit"
    page.qr_expiry.more.click()
    assert page.qr_expiry.value == 180 and page.qr_expiry.label.text() == "180 s"
    assert step_to_the_end(page.qr_expiry, "more") == 300
    assert list(page.language_buttons) == ["uz", "ru"]
    assert page.pad.limit == len("99999") + 1  # one digit past the highest price: refused
    (copies,) = package_steppers(page)
    assert (step_to_the_end(copies, "more"), step_to_the_end(copies, "less")) == (3, 1)
    assert page.add_button.isEnabled()
    page.add_button.click()
    assert len(page.packages) == 2 and not page.add_button.isEnabled()


def test_the_page_follows_the_booth_s_own_model_again_on_the_next_load(
        page: SettingsPage, themed: KioskConfig, tmp_path: object) -> None:
    page.load(TightConfig(storage={"data_dir": str(tmp_path)}), [], "en")
    page.load(themed, [], "en")
    form = settings_form()
    assert step_to_the_end(page.shots, "more") == form.shots.maximum == 8
    assert page.names[1].text() == "Shots"
    assert list(page.language_buttons) == list(form.language.choices) == ["uz", "ru", "en"]
    assert page.pad.limit == len(str(form.packages.price.maximum)) + 1
    while len(page.packages) < form.packages.max_packages:
        assert page.add_button.isEnabled()
        page.add_button.click()
    assert len(page.packages) == 6 and not page.add_button.isEnabled()
    copies = package_steppers(page)[-1]
    assert step_to_the_end(copies, "less") == form.packages.copies.minimum == 0
