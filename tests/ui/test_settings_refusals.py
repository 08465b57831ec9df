"""What the technician reads when the config model refuses a setting: the labels and the
reasons are the model's, worded in the booth's language (Uzbek, Russian, English), with
the model's own numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.app.booth import Booth
from kiosk.core.config import ConfigError, KioskConfig, validate_config
from kiosk.core.desk_work import Outcome
from kiosk.core.settings_fields import settings_form
from kiosk.core.settings_refusal import config_refused
from tests.ui.test_service_menu import DEADLINE_MS, click, enter_service, said
from ui.i18n import TRANSLATIONS_DIR, LanguageSwitch
from ui.kiosk_window import KioskWindow
from ui.screens.service import words

# Settings the service menu can contradict, each with the numbers its refusal must give.
CONTRADICTIONS = {
    "qr_outlives_grace": ({"payment": {"qr_expiry_seconds": 1800}}, ("855", "900")),
    "idle_shorter_than_capture": ({"flow": {"shots": 8, "countdown_seconds": 10,
                                            "idle_timeout": 90}}, ("96", "90")),
    "phone_only_needs_share": ({"photos": {"share": False},
                                "packages": [{"copies": 0, "price": 5000}]}, ()),
    "same_copies": ({"packages": [{"copies": 1, "price": 5000},
                                  {"copies": 1, "price": 6000}]}, ()),
}


def refusal(settings: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The sentence the service screen shows for `settings`, and the problem behind it."""
    with pytest.raises(ConfigError) as refused:
        validate_config(settings, "kiosk.toml")
    problem, _, data = config_refused(refused.value, {})
    assert problem == "invalid"
    return words.outcome(Outcome("settings", False, problem, data))[0], data["problems"][0]


@pytest.fixture
def in_language(qapp: object) -> Iterator[LanguageSwitch]:
    switch = LanguageSwitch()
    yield switch
    switch.release()


@pytest.mark.parametrize("language", ["uz", "ru"])
def test_every_label_the_config_model_gives_the_settings_page_is_translated(
        language: str) -> None:
    root = ET.parse(TRANSLATIONS_DIR / f"kiosk_{language}.ts").getroot()
    catalogue = {message.findtext("source"): message.findtext("translation")
                 for context in root.iter("context") if context.findtext("name") == "KioskConfig"
                 for message in context.iter("message")
                 if message.find("translation").get("type") is None}  # finished, in use
    form = settings_form()
    titles = {form.packages.title, form.packages.copies.title, form.packages.price.title,
              form.countdown.title, form.shots.title, form.qr_expiry.title, form.layout.title,
              form.language.title}
    assert {t: catalogue.get(t) for t in titles if not catalogue.get(t) or catalogue[t] == t} \
        == {}


@pytest.mark.parametrize("kind", CONTRADICTIONS)
def test_a_contradictory_setting_is_refused_in_the_technician_s_language(
        in_language: LanguageSwitch, kind: str) -> None:
    settings, numbers = CONTRADICTIONS[kind]
    sentences = {}
    for language in ("en", "ru", "uz"):
        assert in_language.use(language)
        sentences[language], problem = refusal(settings)
        assert problem["kind"] == kind
        assert all(number in sentences[language] for number in numbers), sentences[language]
        assert problem["reason"] not in sentences[language]  # not the model's English
    assert len(set(sentences.values())) == 3, sentences


def test_a_qr_lifetime_past_the_late_payment_grace_is_refused_on_screen_with_the_reason(
        window: KioskWindow, booth: Booth, qtbot: object, tmp_path: Path,
        config: KioskConfig) -> None:
    enter_service(window, booth, qtbot)
    service = window.screens.service
    click(qtbot, service.tabs["settings"])
    qr_expiry = service.settings.qr_expiry
    while qr_expiry.value < qr_expiry.maximum:
        click(qtbot, qr_expiry.more)
    click(qtbot, service.settings.save_button)
    qtbot.waitUntil(lambda: said(window).startswith("QR valid for at most"),
                    timeout=DEADLINE_MS)
    assert said(window) == ("QR valid for at most 855 s: a payment made at the last moment "
                            "would be older than 900 s when checked and go to the late-payment "
                            "list instead of printing.")
    refused = booth.store.events(kind="service.settings_refused")[-1].data
    assert refused["problems"][0]["kind"] == "qr_outlives_grace"
    assert booth.config.payment.qr_expiry_seconds == config.payment.qr_expiry_seconds == 180
    assert not (tmp_path / "kiosk.toml").exists()
