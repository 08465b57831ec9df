"""A setting changed from the service menu: checked by constructing the config model from
the running settings, written to kiosk.toml, then swapped in whole for every part of the
booth holding the config (never assigned one field at a time)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kiosk.core.config import ConfigError, KioskConfig, load_config
from kiosk.core.config_editor import ConfigEditor


@pytest.fixture
def running(tmp_path: Path) -> KioskConfig:
    return KioskConfig(storage={"data_dir": str(tmp_path / "data")},
                       flow={"late_payment_grace": 300})


def test_a_saved_change_reaches_every_holder_of_the_config_only_when_swapped_in(
        running: KioskConfig, tmp_path: Path) -> None:
    editor = ConfigEditor(running, tmp_path / "kiosk.toml")
    held_by_the_flow, old_flow = running, running.flow
    new = editor.write({"flow.shots": 3, "packages": [{"copies": 2, "price": 30000}]})
    assert (new.flow.shots, running.flow.shots) == (3, 4)  # written, not applied yet
    editor.swap(new)
    assert held_by_the_flow.flow.shots == 3
    assert [(p.copies, p.price) for p in held_by_the_flow.packages] == [(2, 30000)]
    assert held_by_the_flow.flow.late_payment_grace == 300  # the rest as it ran
    assert old_flow.shots == 4 and running.flow is not old_flow  # replaced, not mutated
    assert load_config(tmp_path / "kiosk.toml", required=True).flow.shots == 3
    assert stat.S_IMODE((tmp_path / "kiosk.toml").stat().st_mode) == 0o600


def test_a_change_contradicting_the_running_settings_is_refused_and_nothing_changes(
        running: KioskConfig, tmp_path: Path) -> None:
    editor = ConfigEditor(running, tmp_path / "kiosk.toml")
    with pytest.raises(ConfigError) as refused:
        editor.write({"payment.qr_expiry_seconds": 600})  # a grace of 300 s runs
    (problem,) = refused.value.problems
    assert (problem.key, problem.kind) == ("payment.qr_expiry_seconds", "qr_outlives_grace")
    assert problem.limits["most"] == 300 - running.flow.checking_timeout
    assert running.payment.qr_expiry_seconds == 180
    assert not (tmp_path / "kiosk.toml").exists()


def test_a_value_past_its_limit_is_refused_with_the_limit(running: KioskConfig,
                                                          tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as refused:
        ConfigEditor(running, tmp_path / "kiosk.toml").write({"flow.shots": 9})
    (problem,) = refused.value.problems
    assert (problem.key, problem.kind, problem.limits) == ("flow.shots", "less_than_equal",
                                                           {"le": 8})
    assert running.flow.shots == 4

