"""`kiosk screenshots` and the translation build: real files out, bad input refused clearly."""

from __future__ import annotations

import mmap
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.core.config import KioskConfig
from ui.screenshots import SAMPLES, render_all
from ui.translations_build import build


def test_every_screen_is_rendered_at_the_asked_size(themed: KioskConfig, tmp_path: Path) -> None:
    assert render_all(themed, tmp_path, "1024x600", ["ru"]) == 0
    written = sorted(p.name for p in (tmp_path / "ru").iterdir())
    assert written == sorted(f"{name}.png" for name, _ in SAMPLES)
    image = QImage(str(tmp_path / "ru" / "05-payment.png"))
    assert (image.width(), image.height()) == (1024, 600)


@pytest.mark.parametrize(("size", "languages", "said"), [
    ("1024", None, "not WIDTHxHEIGHT"),
    ("100x100", None, "outside"),
    ("1024x600", ["de"], "unknown language"),
])
def test_bad_arguments_are_refused_and_nothing_written(
        themed: KioskConfig, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        size: str, languages: list[str] | None, said: str) -> None:
    assert render_all(themed, tmp_path / "out", size, languages) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_broken_translation_source_is_named(tmp_path: Path) -> None:
    (tmp_path / "kiosk_xx.ts").write_text("<TS><context><name>broken", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"kiosk_xx\.ts"):
        build(tmp_path)


def test_build_writes_a_qm_next_to_each_source(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "assets" / "translations" / "kiosk_ru.ts"
    (tmp_path / "kiosk_ru.ts").write_bytes(source.read_bytes())
    assert build(tmp_path) == [tmp_path / "kiosk_ru.qm"]
    assert (tmp_path / "kiosk_ru.qm").stat().st_size > 1000


def test_a_rebuild_replaces_the_catalogue_and_leaves_a_mapped_one_whole(tmp_path: Path) -> None:
    """A running booth (or another test process) has the catalogue mapped into memory:
    rewriting that file in place crashed it with SIGBUS; a new file takes its name instead."""
    source = Path(__file__).resolve().parents[2] / "assets" / "translations" / "kiosk_ru.ts"
    (tmp_path / "kiosk_ru.ts").write_bytes(source.read_bytes())
    [catalogue] = build(tmp_path)
    with catalogue.open("rb") as file, mmap.mmap(file.fileno(), 0,
                                                 access=mmap.ACCESS_READ) as mapped:
        before, inode = bytes(mapped), catalogue.stat().st_ino
        assert build(tmp_path) == [catalogue]
        assert catalogue.stat().st_ino != inode
        assert bytes(mapped) == before
    assert catalogue.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kiosk_ru.qm", "kiosk_ru.ts"]


def test_screenshots_print_no_qt_warning_that_means_nothing(tmp_path: Path) -> None:
    """The offscreen plugin warns about propagateSizeHints() for every window: 54 lines of
    noise in the output; a real problem would still be printed."""
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.app.cli", "screenshots", "--size", "1024x600",
         "--lang", "en", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
             "KIOSK_STORAGE__DATA_DIR": str(tmp_path / "data")}, check=False)
    assert done.returncode == 0, done.stderr
    assert re.search(r"screenshots: \d+ PNGs", done.stdout), done.stdout
    assert "propagateSizeHints" not in done.stderr + done.stdout
