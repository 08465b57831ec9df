"""Config: defaults, the file, the environment on top, and bad values named by key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.config import (
    DEFAULT_PIN_HASH,
    ConfigError,
    KioskConfig,
    hash_pin,
    load_config,
    verify_pin,
)

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(body)
    return path


def test_defaults_are_complete_and_valid() -> None:
    config = KioskConfig()
    assert config.payment.default_provider in config.payment.providers
    assert config.package_for(1).price > 0
    assert verify_pin("2580", config.service.pin_hash)


def test_every_field_has_a_description() -> None:
    def fields(model: type) -> list[tuple[str, object]]:
        found = []
        for name, info in model.model_fields.items():
            found.append((f"{model.__name__}.{name}", info.description))
            annotation = info.annotation
            if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
                found.extend(fields(annotation))
        return found

    missing = [name for name, description in fields(KioskConfig)
               if not description and not name.startswith("KioskConfig.")]
    assert missing == []


def test_the_example_file_is_valid() -> None:
    config = load_config(ROOT / "assets" / "kiosk.example.toml", required=True)
    assert config.booth.event_name


def test_environment_overrides_the_file(tmp_path, monkeypatch) -> None:
    path = write(tmp_path, "[flow]\nshots = 2\ncountdown_seconds = 5\n")
    monkeypatch.setenv("KIOSK_FLOW__SHOTS", "3")
    config = load_config(path)
    assert (config.flow.shots, config.flow.countdown_seconds) == (3, 5)


def test_a_missing_default_file_means_defaults(tmp_path) -> None:
    assert load_config(tmp_path / "absent.toml").flow.shots == KioskConfig().flow.shots


def test_a_named_missing_file_is_an_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match="No such file"):
        load_config(tmp_path / "absent.toml", required=True)


BAD = [
    ("booth", "[booth]\nid = 'has spaces'\n", "booth.id"),
    ("backend", "[backend]\nurl = 'ftp://x'\n", "backend.url"),
    ("backend timeout", "[backend]\nread_timeout = -1\n", "backend.read_timeout"),
    ("payment", "[payment]\nproviders = ['paypal']\n", "payment.providers.0"),
    ("payment default", "[payment]\nproviders = ['payme']\ndefault_provider = 'click'\n",
     "payment"),
    ("packages", "[[packages]]\ncopies = -1\nprice = 100\n", "packages.0.copies"),
    ("digital package without sharing",
     "[photos]\nshare = false\n[[packages]]\ncopies = 0\nprice = 100\n", "(file)"),
    ("packages duplicate", "[[packages]]\ncopies = 1\nprice = 1\n[[packages]]\ncopies = 1\n"
     "price = 2\n", "(file)"),
    ("flow", "[flow]\nshots = 99\n", "flow.shots"),
    ("flow type", "[flow]\npay_first = 'sometimes'\n", "flow.pay_first"),
    ("camera", "[camera]\nbackend = 'ps3eye'\n", "camera.backend"),
    ("printing", "[printing]\nqueue = 'no spaces allowed'\n", "printing.queue"),
    ("printing roll", "[printing]\nroll_size = 0\n", "printing.roll_size"),
    ("ui", "[ui]\ndefault_language = 'fr'\n", "ui.default_language"),
    ("ui colour", "[ui]\naccent_color = 'red'\n", "ui.accent_color"),
    ("service", "[service]\npin_hash = '1234'\n", "service.pin_hash"),
    ("storage", "[storage]\nkeep_days = 0\n", "storage.keep_days"),
    ("unknown key", "[flow]\nshotz = 3\n", "flow.shotz"),
    ("unknown section", "[printer]\nqueue = 'x'\n", "printer"),
]


@pytest.mark.parametrize(("body", "key"), [(b, k) for _, b, k in BAD], ids=[n for n, _, _ in BAD])
def test_bad_values_are_refused_with_the_key(tmp_path, body, key) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, body))
    assert key in [p.key for p in caught.value.problems]


def test_environment_lists_any_case_and_other_kiosk_variables(tmp_path, monkeypatch) -> None:
    """A JSON list is a list, a name in small letters counts, and KIOSK_ variables that name
    no section (the cage session's KIOSK_EXIT_STATUS_FILE) are not settings."""
    path = write(tmp_path, "[payment]\nproviders = [\"payme\"]\n")
    monkeypatch.setenv("KIOSK_PAYMENT__PROVIDERS", '["click", "webpay"]')
    monkeypatch.setenv("kiosk_payment__default_provider", "webpay")
    monkeypatch.setenv("KIOSK_EXIT_STATUS_FILE", str(tmp_path / "status"))
    config = load_config(path)
    assert config.payment.providers == ["click", "webpay"]
    assert config.payment.default_provider == "webpay"


def test_reading_the_config_does_not_load_pydantic_settings() -> None:
    """The config is read before the first paint: pydantic-settings (with asyncio) cost the
    start some 90 ms (bench_startup); the KIOSK_* variables are laid over the file here."""
    probe = ("import sys, kiosk.core.config\n"
             "print(sorted(m for m in sys.modules if m.startswith('pydantic_settings')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_bad_environment_value_is_named(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("KIOSK_FLOW__SHOTS", "lots")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "absent.toml")
    problem = caught.value.problems[0]
    assert (problem.key, problem.value) == ("flow.shots", "lots")


def test_config_check_prints_every_bad_key_and_exits_2(tmp_path) -> None:
    path = write(tmp_path, "[flow]\nshots = 99\n[camera]\nbackend = 'ps3eye'\n")
    result = subprocess.run([sys.executable, "-m", "kiosk.app.cli", "config", "check", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "flow.shots = 99" in result.stderr
    assert "camera.backend = 'ps3eye'" in result.stderr
    assert "Traceback" not in result.stderr


def test_config_check_on_broken_toml(tmp_path) -> None:
    path = write(tmp_path, "[flow\nshots = \n")
    result = subprocess.run([sys.executable, "-m", "kiosk.app.cli", "config", "check", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "not valid TOML" in result.stderr and "Traceback" not in result.stderr


def test_the_kiosk_refuses_to_start_on_a_bad_config(tmp_path) -> None:
    path = write(tmp_path, "[ui]\nlanguages = []\n")
    result = subprocess.run([sys.executable, "-m", "kiosk.app.cli", "--config", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "ui.languages" in result.stderr and "Traceback" not in result.stderr


def test_pin_hash_round_trip() -> None:
    stored = hash_pin("7391")
    assert verify_pin("7391", stored)
    assert not verify_pin("7390", stored)
    assert not verify_pin("7391", "garbage")


def test_version_and_help() -> None:
    for flag, expected in (("--version", "kiosk "), ("--help", "config")):
        result = subprocess.run([sys.executable, "-m", "kiosk.app.cli", flag], capture_output=True,
                                text=True)
        assert result.returncode == 0 and expected in result.stdout


def test_the_written_out_factory_hash_is_the_factory_pin() -> None:
    assert hash_pin("2580", salt="factory0") == DEFAULT_PIN_HASH
    assert verify_pin("2580", DEFAULT_PIN_HASH) and not verify_pin("2581", DEFAULT_PIN_HASH)


def test_a_capture_timeout_shorter_than_the_capture_is_refused_naming_both(tmp_path) -> None:
    path = write(tmp_path, "[flow]\nshots = 8\ncountdown_seconds = 10\nidle_timeout = 60\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert problem.key == "flow.idle_timeout" and problem.value == 60
    assert "96 s" in problem.reason and "fewer shots" in problem.reason


def test_a_qr_valid_past_the_late_payment_grace_is_refused_naming_both(tmp_path) -> None:
    """A customer paying in the time the screen shows must be printed, not listed."""
    path = write(tmp_path, "[payment]\nqr_expiry_seconds = 1800\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert problem.key == "payment.qr_expiry_seconds" and problem.value == 1800
    assert "flow.late_payment_grace (900 s)" in problem.reason
    assert "at most 855 s" in problem.reason
    assert load_config(write(tmp_path, "[payment]\nqr_expiry_seconds = 1800\n"
                                       "[flow]\nlate_payment_grace = 1845\n"))


def test_config_check_names_contradicting_settings(tmp_path) -> None:
    path = write(tmp_path, "[payment]\nqr_expiry_seconds = 1000\n")
    result = subprocess.run([sys.executable, "-m", "kiosk.app.cli", "config", "check", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "payment.qr_expiry_seconds = 1000" in result.stderr
    assert "late_payment_grace" in result.stderr and "Traceback" not in result.stderr
