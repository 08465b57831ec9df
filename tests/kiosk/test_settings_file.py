"""Settings written back into kiosk.toml: checked like `kiosk config check`, atomic, commented."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets import asset_path
from kiosk.core.config import ConfigError, load_config
from kiosk.core.settings_file import SettingsWriteError, write_settings
from tests.harness.tmpfs import mounted_tmpfs

EXAMPLE = asset_path("kiosk.example.toml")


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_settings_round_trip_and_keep_the_comments(config_file: Path) -> None:
    before = config_file.read_text(encoding="utf-8")
    config = write_settings(config_file, {
        "packages": [{"copies": 1, "price": 25000}, {"copies": 3, "price": 60000}],
        "flow.countdown_seconds": 5, "flow.shots": 3, "flow.layout": "strip-2x6",
        "ui.default_language": "ru", "payment.qr_expiry_seconds": 240})
    assert [(p.copies, p.price) for p in config.packages] == [(1, 25000), (3, 60000)]
    again = load_config(config_file, required=True)
    assert again == config
    assert (again.flow.shots, again.flow.countdown_seconds, again.flow.layout) == (
        3, 5, "strip-2x6")
    assert (again.ui.default_language, again.payment.qr_expiry_seconds) == ("ru", 240)
    after = config_file.read_text(encoding="utf-8")
    assert "# prefixes order ids; letters, digits, . _ -" in after
    assert "# Photobooth kiosk configuration." in after
    assert (config_file.parent / "kiosk.toml.bak").read_text(encoding="utf-8") == before


def test_a_missing_file_is_created_with_just_the_changes(tmp_path: Path) -> None:
    path = tmp_path / "new" / "kiosk.toml"
    write_settings(path, {"flow.shots": 2})
    assert load_config(path, required=True).flow.shots == 2
    assert not (path.parent / "kiosk.toml.bak").exists()


@pytest.mark.parametrize(("changes", "key", "said"), [
    ({"packages": [{"copies": 1, "price": 0}]}, "packages.0.price", "greater than or equal to 1"),
    ({"packages": [{"copies": 1, "price": 10**12}]}, "packages.0.price", "less than or equal"),
    ({"packages": []}, "packages", "at least 1 item"),
    ({"packages": [{"copies": 2, "price": 5}, {"copies": 2, "price": 6}]}, "(file)",
     "two packages with the same number of copies"),
    ({"flow.shots": 0}, "flow.shots", "greater than or equal to 1"),
    ({"flow.countdown_seconds": 11}, "flow.countdown_seconds", "less than or equal to 10"),
    ({"payment.qr_expiry_seconds": 5}, "payment.qr_expiry_seconds", "greater than or equal"),
    ({"ui.default_language": "de"}, "ui.default_language", "'uz', 'ru' or 'en'"),
])
def test_every_bad_value_is_refused_and_nothing_written(config_file: Path, changes, key,
                                                        said) -> None:
    before = config_file.read_text(encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        write_settings(config_file, changes)
    assert [p.key for p in refused.value.problems] == [key]
    assert said in refused.value.problems[0].reason
    assert config_file.read_text(encoding="utf-8") == before
    assert not (config_file.parent / "kiosk.toml.bak").exists()
    assert [p.name for p in config_file.parent.iterdir()] == ["kiosk.toml"]


def test_an_unwritable_file_is_reported_and_left_as_it_was(tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path / "ro", read_only=True) as directory:
        with pytest.raises(SettingsWriteError) as failed:
            write_settings(directory / "kiosk.toml", {"flow.shots": 2})
        assert "Read-only file system" in failed.value.reason
        assert list(directory.iterdir()) == []


def test_a_full_disk_is_reported_and_the_old_file_kept(tmp_path: Path) -> None:
    from tests.harness.tmpfs import fill

    with mounted_tmpfs(tmp_path / "small", size_kb=16) as directory:
        path = directory / "kiosk.toml"
        path.write_text('[flow]\nshots = 4 # the default\n' + "#" * 2000 + "\n")
        before = path.read_text()
        fill(directory)
        with pytest.raises(SettingsWriteError) as failed:
            write_settings(path, {"flow.shots": 2})
        assert failed.value.disk_full
        assert path.read_text() == before
        assert sorted(p.name for p in directory.iterdir()) == ["filler", "kiosk.toml"]
