"""`kiosk doctor` speaks the reader's language: every finding in uz / ru / en, counted
sentences in each language's plural forms, numbers with its decimal separator; run for
real in Russian and Uzbek it prints no English sentence."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest

from kiosk.app.doctor import sentences as sentences_module
from kiosk.app.doctor.sentences import SENTENCES
from kiosk.app.doctor.words import LANGUAGES, say
from kiosk.core.payment_choices import BACKEND_SETTINGS
from kiosk.core.ports import PrinterState
from tests.app.test_doctor import Run, install_autostart
from tests.app.test_doctor import doctor as doctor
from tests.app.test_doctor import installed_booth as installed_booth
from tests.app.test_doctor import payme_backend as payme_backend
from tests.harness.reading import english_sentence

DOCTOR_DIR = Path(sentences_module.__file__).parent
FORMS = {"en": 2, "ru": 3, "uz": 1}


def prose(text: str) -> str:
    """The text without what the technician types as is: config keys, paths, commands'
    options (payment.providers, /run/user, --user, QT_QPA_PLATFORM=…)."""
    return re.sub(r"\S*[._/=`-]\S*", "", text)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def templates(key: str, language: str) -> tuple[str, ...]:
    forms = SENTENCES[key][("en", "ru", "uz").index(language)]
    return (forms,) if isinstance(forms, str) else forms


def sample_values(key: str, n: int) -> dict[str, Any]:
    names = set().union(*(placeholders(t) for language in LANGUAGES
                          for t in templates(key, language)))
    return {name: n if name == "n" else "x" for name in names}


@pytest.mark.parametrize("key", sorted(SENTENCES))
def test_every_doctor_sentence_has_all_three_languages_with_the_same_values(key: str) -> None:
    entry = SENTENCES[key]
    assert len(entry) == 3
    counted = not isinstance(entry[0], str)
    english = placeholders(templates(key, "en")[0])
    for language in LANGUAGES:
        forms = templates(key, language)
        assert all(form.strip() for form in forms), (key, language)
        if counted:
            assert len(forms) == FORMS[language], (key, language)
            assert all("{n}" in form for form in forms), (key, language)
        for form in forms:
            assert placeholders(form) == english, (key, language, form)


@pytest.mark.parametrize("language", ["ru", "uz"])
@pytest.mark.parametrize("key", sorted(SENTENCES))
def test_no_doctor_sentence_is_english_in_russian_or_uzbek(key: str, language: str) -> None:
    for n in (1, 3, 5):
        text = say(key, **sample_values(key, n)).text(language)
        assert not english_sentence(prose(text)), (key, language, text)
    if not english_sentence(prose(say(key, **sample_values(key, 5)).text("en"))):
        return  # a command or a name, the same in every language
    assert templates(key, language) != templates(key, "en"), (key, language)


def test_every_key_a_check_names_is_in_the_catalogue() -> None:
    named = set()
    for source in DOCTOR_DIR.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        named |= set(re.findall(r'\b(?:ok|warn|fail|level|say)\(\s*"([a-z_.0-9]+)"', text))
        named |= set(re.findall(r'(?:warn|fail|level)\(\s*"[a-z_.0-9]+",\s*"([a-z_.0-9]+)"',
                                text))
        named |= set(re.findall(r'"([a-z_]+\.[a-z_.0-9]+)" if ', text))
    named |= {f"printer.{state}" for state in PrinterState}
    named |= {f"backend_settings.{provider}" for provider in BACKEND_SETTINGS}
    assert len(named) > 60
    assert named <= set(SENTENCES), sorted(named - set(SENTENCES))


@pytest.mark.parametrize(("count", "russian"), [
    (1, "остался 1 отпечаток"), (3, "осталось 3 отпечатка"), (5, "осталось 5 отпечатков"),
    (11, "осталось 11 отпечатков"), (21, "остался 21 отпечаток"), (24, "осталось 24 отпечатка"),
    (112, "осталось 112 отпечатков")])
def test_counted_findings_take_each_language_s_plural_form(count: int, russian: str) -> None:
    said = say("media.low", n=count)
    assert said.text("ru") == f"счётчик бумаги: {russian}"
    assert said.text("en") == f"media counter: {count} print{'' if count == 1 else 's'} left"
    assert said.text("uz") == f"qog'oz hisoblagichi: {count} ta nusxa qoldi"


def test_the_doctor_names_the_backend_settings_the_booth_names() -> None:
    for provider, settings in BACKEND_SETTINGS.items():
        assert say(f"backend_settings.{provider}").text("en") == settings


def test_numbers_take_each_language_s_decimal_separator() -> None:
    stale = say("outbox.stale", n=2, hours=2.04)
    assert "2.0 h" in stale.text("en")
    assert "2,0 ч" in stale.text("ru")
    assert "2,0 soat" in stale.text("uz")


def test_doctor_in_russian_and_uzbek_prints_no_english_sentence(
        doctor: Run, installed_booth: dict, tmp_path: Path) -> None:
    install_autostart(tmp_path)
    runs = {"healthy": installed_booth,
            "no provider in common": {**installed_booth, "payment": {
                "providers": ["click", "webpay"], "default_provider": "click"}},
            "broken": {"printing": {"queue": "nosuchqueue"}, "backend": {"url":
                       "http://127.0.0.1:9", "connect_timeout": 1},
                       "payment": {"providers": ["sandbox", "webpay"],
                                   "default_provider": "sandbox"}}}
    for name, settings in runs.items():
        code, _, text = doctor("--lang", "en", **settings)
        english = text.splitlines()
        assert any(english_sentence(prose(line)) for line in english), english
        for language in ("ru", "uz"):
            said = doctor("--lang", language, **settings)
            lines = said[2].splitlines()
            assert said[0] == code and len(lines) == len(english), (name, language, said[2])
            assert not [line for line in lines if english_sentence(prose(line))], (name, language)
            assert not set(lines) & set(english), (name, language)
