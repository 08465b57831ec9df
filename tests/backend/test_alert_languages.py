"""Alerts in the language the operator chose (BOOTH_ALERT_LANGUAGE): against the real backend
and the Telegram stand-in, a Russian operator's chat gets Russian messages, counts in
Russian plural forms and money as the booth writes it; every alert text exists in uz, ru
and en with the same values."""

from __future__ import annotations

import re
import string
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest

from backend.admin.i18n import ALERT_KINDS, WORDS, Words
from backend.alert_words import ALERT_LANGUAGES, ALERT_TEXTS, COLUMNS, alert_text
from backend.local_server import BackendServer, start_backend
from backend.settings import SettingsError, load_settings
from contract.refunds import RefundState
from tests.harness.dashboard import heartbeat, move_clock, paid_order
from tests.harness.fake_telegram import FakeTelegram
from tests.harness.reading import english_sentence
from tests.harness.waiting import wait_for

ALERT_SOURCES = [Path(__file__).parents[2] / "backend" / name
                 for name in ("alerts.py", "auto_refunds.py")]


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def russian_server(tmp_path_factory: pytest.TempPathFactory,
                   telegram: FakeTelegram) -> Iterator[BackendServer]:
    backend = start_backend(tmp_path_factory.mktemp("alerts-ru"), extra_env={
        **telegram.env(), "BOOTH_ALERT_INTERVAL_SECONDS": "0.3", "BOOTH_ALERT_LANGUAGE": "ru"})
    yield backend
    backend.stop()


def arrives(telegram: FakeTelegram, *words: str) -> str:
    def found() -> list[str]:
        return [text for text in telegram.messages() if all(word in text for word in words)]
    return wait_for(found, f"a Telegram message with {words}")[0]


def test_a_russian_operator_s_alerts_arrive_in_russian(
        russian_server: BackendServer, telegram: FakeTelegram) -> None:
    name = f"booth-{uuid.uuid4().hex[:6]}"
    token = russian_server.add_device(name)
    heartbeat(russian_server, token, printer={"state": "paper_out", "message": ""},
              prints_left=5, low_paper_threshold=20)
    opened = [arrives(telegram, "🔴", name, "принтер — нет бумаги"),
              arrives(telegram, "🔴", name, "осталось 5 отпечатков (порог 20)")]
    heartbeat(russian_server, token, prints_left=21, low_paper_threshold=20)
    closed = arrives(telegram, "✅ закрыта через", name, "нет бумаги")
    order_id = paid_order(russian_server, token, amount=20_000)
    move_clock(russian_server, 10 * 60)
    opened.append(arrives(telegram, "🔴", order_id))
    assert f"заказ {order_id} (20\u00a0000\u00a0сум, sandbox) оплачен, но не напечатан" \
        in opened[-1]
    opened.append(arrives(telegram, "🔴", name, "не на связи: нет сигнала с"))
    for text in [*opened, closed]:
        assert not english_sentence(text), text


@pytest.mark.parametrize("key", sorted(ALERT_TEXTS))
def test_every_alert_text_is_in_three_languages_with_the_same_values(key: str) -> None:
    forms_of = {language: ALERT_TEXTS[key][COLUMNS[language]] for language in ALERT_LANGUAGES}
    counted = not isinstance(forms_of["en"], str)
    names = None
    for language, forms in forms_of.items():
        forms = (forms,) if isinstance(forms, str) else forms
        if counted:
            assert len(forms) == {"en": 2, "ru": 3, "uz": 1}[language], (key, language)
        for form in forms:
            found = {field for _, field, _, _ in string.Formatter().parse(form) if field}
            assert names is None or found == names, (key, language, form)
            names = found
            if language != "en":
                sample = form.format(**{field: "x" for field in found} | {"n": 5})
                assert not english_sentence(sample), (key, language, sample)


def test_every_alert_kind_has_its_text_and_its_dashboard_name_in_three_languages() -> None:
    sources = "".join(path.read_text() for path in ALERT_SOURCES)
    used = set(re.findall(r'alert_text\(\s*"([a-z-]+)"', sources))
    assert len(used) >= 9
    assert used <= set(ALERT_TEXTS)
    assert {f"refund.{status}" for status in get_args(
        RefundState.model_fields["status"].annotation)} <= set(ALERT_TEXTS)
    kinds = set(re.findall(r'Condition\([^,]+, [a-z]+, "([a-z-]+)"', sources)) | set(
        re.findall(r'kind="([a-z-]+)"', sources))
    assert len(kinds) == 10
    for kind in kinds:
        name = ALERT_KINDS[kind]
        assert Words("ru").alert(kind) == WORDS[name][0] and Words("uz").alert(kind) \
            == WORDS[name][1], kind


@pytest.mark.parametrize(("count", "russian"), [(1, "остался 1 отпечаток"),
                                                (3, "осталось 3 отпечатка"),
                                                (11, "осталось 11 отпечатков"),
                                                (22, "осталось 22 отпечатка")])
def test_alert_counts_take_russian_plural_forms(count: int, russian: str) -> None:
    assert alert_text("paper-low", "ru", booth="b", n=count, threshold=20) == \
        f"b: {russian} (порог 20)"


def test_an_unknown_alert_language_is_refused_naming_the_setting() -> None:
    with pytest.raises(SettingsError, match="BOOTH_ALERT_LANGUAGE='de'"):
        load_settings(environ={"BOOTH_ALERT_LANGUAGE": "de"})
    assert load_settings(environ={}).alert_language == "en"
