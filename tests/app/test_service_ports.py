"""The machine's side of the service menu, on this machine: power commands run as real
processes, USB sticks found among real (tmpfs) mounts, CSV files written whole or not at all."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from kiosk.app.csv_export import CsvFileWriter
from kiosk.app.power_commands import SystemPowerCommands
from kiosk.app.usb_mounts import MountedUsb
from kiosk.core.ports import CommandResult
from tests.harness.tmpfs import fill, mounted_tmpfs


def test_a_command_that_exits_0_is_done() -> None:
    assert SystemPowerCommands().run([sys.executable, "-c", "pass"]) == CommandResult()


def test_a_failing_command_gives_its_status_and_its_last_words() -> None:
    said = "x" * 400 + "the unit refused"
    result = SystemPowerCommands().run(
        [sys.executable, "-c", f"import sys; sys.stderr.write({said!r}); sys.exit(3)"])
    assert (result.problem, result.status) == ("command_failed", 3)
    assert result.output.endswith("the unit refused") and len(result.output) == 300


def test_a_command_missing_from_the_machine_is_named_missing(tmp_path: Path) -> None:
    result = SystemPowerCommands().run([str(tmp_path / "no-such-reboot")])
    assert (result.problem, result.status) == ("command_missing", None)


def test_a_command_that_cannot_be_run_is_a_failure_without_a_status(tmp_path: Path) -> None:
    script = tmp_path / "reboot"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o600)  # not executable
    result = SystemPowerCommands().run([str(script)])
    assert (result.problem, result.status) == ("command_failed", None)
    assert "Permission denied" in result.output


def test_usb_sticks_are_the_mounts_under_the_root_and_one_level_down(tmp_path: Path) -> None:
    media = tmp_path / "media"
    (media / "booth" / "not-mounted").mkdir(parents=True)
    (media / "empty-dir").mkdir()
    with mounted_tmpfs(media / "STICK") as stick, \
            mounted_tmpfs(media / "booth" / "USB-2") as user_stick:
        assert MountedUsb().mounted(media) == [stick, user_stick]
    assert MountedUsb().mounted(media) == []


def test_a_missing_usb_root_offers_no_stick(tmp_path: Path) -> None:
    assert MountedUsb().mounted(tmp_path / "no-media") == []


def test_rows_are_written_as_csv_into_a_directory_made_for_them(tmp_path: Path) -> None:
    rows: list[list[object]] = [["period", "figure", "detail", "value"],
                                ["today", "revenue", "payme, UZS", 20000]]
    path = CsvFileWriter().write(tmp_path / "exports", "photobooth-stats", rows)
    assert path == tmp_path / "exports" / "photobooth-stats.csv"
    read = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert read == [["period", "figure", "detail", "value"],
                    ["today", "revenue", "payme, UZS", "20000"]]


def test_a_full_disk_leaves_no_half_written_csv(tmp_path: Path) -> None:
    rows: list[list[object]] = [["figure", "value"], *[["sessions", n] for n in range(2000)]]
    with mounted_tmpfs(tmp_path / "usb", size_kb=16) as usb:
        fill(usb)
        with pytest.raises(OSError) as failed:
            CsvFileWriter().write(usb, "photobooth-stats", rows)
        assert failed.value.errno == 28
        assert [p.name for p in usb.iterdir()] == ["filler"]
