"""Layout files: the shipped four load, and a broken file is refused with its reason."""

from __future__ import annotations

import shutil

import pytest

from kiosk.core.layouts import DEFAULT_DIR, check_command, load_layouts

GOOD = """
title = "Test"
width = 4.0
height = 6.0
media = "w288h432"
[[slots]]
shot = 1
x = 0.1
y = 0.1
width = 3.8
height = 2.5
"""

BROKEN = {
    "bad-toml": ("title = \"unterminated\n", "not valid TOML"),
    "unknown-key": (GOOD + "colour = 'red'\n", "colour: unknown key"),
    "outside": (GOOD.replace("width = 3.8", "width = 4.5"), "slots[0]: reaches outside"),
    "gap": (GOOD + "[[slots]]\nshot = 3\nx = 0\ny = 3\nwidth = 1\nheight = 1\n",
            "shot numbers must run 1..N without gaps"),
    "no-overlay": ("overlay = 'missing.png'\n" + GOOD, "overlay: missing.png is not a readable"),
    "no-slots": (GOOD.split("[[slots]]")[0], "slots: Field required"),
    "wrong-type": (GOOD.replace('width = 4.0', 'width = "wide"'), "width: Input should be"),
    "bad-color": ("background = 'red'\n" + GOOD, "background: String should match"),
    "bad-crop": (GOOD + "crop = 'stretch'\n", "slots[0].crop: Input should be 'fill' or 'fit'"),
}


def test_the_four_required_layouts_ship_and_load_cleanly():
    layouts, problems = load_layouts(DEFAULT_DIR)
    assert problems == []
    assert set(layouts) == {"single-4x6", "grid-4x6", "strip-2x6", "duo-6x8"}


def test_shipped_layouts_describe_their_sheets(shipped):
    single, grid = shipped["single-4x6"], shipped["grid-4x6"]
    strip, duo = shipped["strip-2x6"], shipped["duo-6x8"]
    assert (single.shots, single.size_px, single.dpi) == (1, (1800, 1200), 300)
    assert (grid.shots, grid.size_px, len(grid.slots), grid.cut) == (4, (1200, 1800), 4, False)
    assert (strip.shots, len(strip.slots), strip.cut) == (4, 8, True)
    assert sorted(s.shot for s in strip.slots) == [1, 1, 2, 2, 3, 3, 4, 4]
    assert (duo.shots, duo.size_px, duo.size_in) == (2, (1800, 2400), (6.0, 8.0))
    assert grid.overlay is not None and grid.overlay.is_file()
    assert {t.field for t in grid.texts} == {"event_name", "date"}


def test_cups_options_name_the_layouts_media(shipped):
    assert shipped["grid-4x6"].cups_options()["media"] == "w288h432"
    assert shipped["strip-2x6"].cups_options()["media"] == "w288h432-div2"
    assert shipped["duo-6x8"].cups_options()["media"] == "w432h576"


@pytest.fixture
def mixed_dir(tmp_path):
    folder = tmp_path / "layouts"
    shutil.copytree(DEFAULT_DIR, folder)
    for name, (text, _) in BROKEN.items():
        (folder / f"{name}.toml").write_text(text)
    return folder


def test_broken_layouts_are_refused_with_reasons_while_the_others_load(mixed_dir):
    layouts, problems = load_layouts(mixed_dir)
    assert set(layouts) == {"single-4x6", "grid-4x6", "strip-2x6", "duo-6x8"}
    assert len(problems) == len(BROKEN)
    for name, (_, reason) in BROKEN.items():
        line = next(p for p in problems if p.startswith(f"{name}.toml: "))
        assert reason in line, line


def test_a_missing_layouts_folder_is_one_problem_line(tmp_path):
    missing = tmp_path / "nowhere"
    assert load_layouts(missing) == ({}, [f"{missing}: no such directory"])


def test_check_passes_the_shipped_layouts(capsys):
    assert check_command([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all(line.startswith("OK ") for line in lines)
    assert any("strip-2x6.toml: Photo strips" in line and "cut" in line for line in lines)


def test_check_fails_and_names_each_bad_file(mixed_dir, capsys):
    assert check_command([mixed_dir]) == 2
    out = capsys.readouterr().out
    assert out.count("OK ") == 4 and out.count("FAIL ") == len(BROKEN)
    assert f"FAIL {mixed_dir / 'outside.toml'}: slots[0]: reaches outside" in out


def test_check_of_a_single_good_file_and_a_missing_one(tmp_path, capsys):
    assert check_command([DEFAULT_DIR / "duo-6x8.toml"]) == 0
    assert check_command([tmp_path / "nope.toml"]) == 2
    assert "FAIL" in capsys.readouterr().out
    assert check_command([tmp_path]) == 2
    assert "no layout files" in capsys.readouterr().out
