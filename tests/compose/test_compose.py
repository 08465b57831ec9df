"""Composition: every shipped layout, checked by pixels, dpi and colour profile."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageCms

from kiosk.core.compose import PREVIEW_SIZE, ComposeError, _load, compose, crop_box
from kiosk.core.layouts import load_layouts
from tests.compose.conftest import COLORS, close, mean_color, solid_shot

LAYOUTS = ["single-4x6", "grid-4x6", "strip-2x6", "duo-6x8"]
TEXTS = {"event_name": "Aziza & Timur", "date": "22.11.2026"}


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_layout_composes_to_exact_pixels_at_300_dpi_in_srgb(name, shipped, colored_shots,
                                                                  tmp_path):
    layout = shipped[name]
    result = compose(layout, colored_shots[:layout.shots], tmp_path / "prints", "order-1",
                     texts=TEXTS)
    assert result.print_file == tmp_path / "prints" / "order-1.jpg"
    with Image.open(result.print_file) as sheet:
        assert sheet.format == "JPEG" and sheet.mode == "RGB"
        assert sheet.size == layout.size_px
        assert sheet.info["dpi"] == (300, 300)
        profile = ImageCms.ImageCmsProfile(io.BytesIO(sheet.info["icc_profile"]))
        assert "sRGB" in ImageCms.getProfileDescription(profile)
        for slot in layout.slots:
            assert close(mean_color(sheet, slot.box), COLORS[slot.shot - 1]), (name, slot)
    assert not list((tmp_path / "prints").glob("*.part"))


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_layout_has_a_screen_sized_preview(name, shipped, colored_shots, tmp_path):
    layout = shipped[name]
    result = compose(layout, colored_shots, tmp_path, "s1")
    with Image.open(result.preview_file) as preview:
        assert preview.width <= PREVIEW_SIZE[0] and preview.height <= PREVIEW_SIZE[1]
        assert max(preview.width / PREVIEW_SIZE[0], preview.height / PREVIEW_SIZE[1]) > 0.99
        assert abs(preview.width / preview.height - layout.size_px[0] / layout.size_px[1]) < 0.01


def test_fewer_shots_than_the_layout_needs_are_reused_in_order(shipped, colored_shots, tmp_path):
    grid = shipped["grid-4x6"]
    result = compose(grid, colored_shots[:2], tmp_path, "two")
    with Image.open(result.print_file) as sheet:
        seen = [mean_color(sheet, slot.box) for slot in grid.slots]
    expected = [COLORS[0], COLORS[1], COLORS[0], COLORS[1]]
    assert all(close(c, e) for c, e in zip(seen, expected, strict=True))


def test_event_name_and_date_are_printed_where_the_layout_says(shipped, colored_shots, tmp_path):
    duo = shipped["duo-6x8"]
    plain = compose(duo, colored_shots, tmp_path, "plain")
    named = compose(duo, colored_shots, tmp_path, "named", texts=TEXTS)
    for field in duo.texts:
        x, y = field.position
        box = (x - 300, y - field.size_px // 2, x + 300, y + field.size_px // 2)
        with Image.open(plain.print_file) as a, Image.open(named.print_file) as b:
            blank, written = a.crop(box).convert("L"), b.crop(box).convert("L")
        assert blank.getextrema()[0] > 240  # white paper where no text was given
        assert written.getextrema()[0] < 128, field.field  # dark ink where it was


def test_a_long_event_name_is_shrunk_to_fit_its_width(shipped, colored_shots, tmp_path):
    single = shipped["single-4x6"]
    result = compose(single, colored_shots, tmp_path, "long",
                     texts={"event_name": "A very long event name " * 4})
    field = next(f for f in single.texts if f.field == "event_name")
    x, y = field.position
    with Image.open(result.print_file) as sheet:
        beyond = sheet.crop((x + field.max_width_px + 2, y - 40, x + field.max_width_px + 200,
                             y + 40)).convert("L")
    assert beyond.getextrema()[0] > 200


def test_the_crop_is_face_safe_keeping_the_upper_part_of_a_tall_shot():
    left, top, right, bottom = crop_box(1000, 3000, (300, 200))
    assert (left, right) == (0, 1000)
    assert top < 1200 < bottom  # a face at 40 % height stays in the picture
    assert top > 0  # and it is still a crop, not a squeeze
    assert crop_box(3000, 1000, (100, 100)) == (1000, 0, 2000, 1000)  # centred across


def test_a_face_in_a_tall_shot_lands_in_the_slot(shipped, tmp_path):
    shot = Image.new("RGB", (1000, 3000), (30, 60, 220))
    shot.paste((220, 30, 30), (0, 1000, 1000, 1400))  # a face around 40 % height
    shot.save(tmp_path / "tall.jpg")
    single = shipped["single-4x6"]
    result = compose(single, [tmp_path / "tall.jpg"], tmp_path, "tall")
    with Image.open(result.print_file) as sheet:
        assert close(mean_color(sheet, single.slots[0].box), (220, 30, 30), tolerance=20)


def test_exif_rotation_is_applied(shipped, tmp_path):
    raw = Image.new("RGB", (600, 400), (30, 60, 220))
    raw.paste((220, 30, 30), (0, 0, 300, 400))  # red on the left of the stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # display rotated 90° clockwise: red ends up on top
    raw.save(tmp_path / "rotated.jpg", exif=exif)
    single = shipped["single-4x6"]
    result = compose(single, [tmp_path / "rotated.jpg"], tmp_path, "rot")
    left, top, right, bottom = single.slots[0].box
    with Image.open(result.print_file) as sheet:
        upper = mean_color(sheet, (left, top, right, top + 120))
        lower = mean_color(sheet, (left, bottom - 120, right, bottom))
    assert close(upper, (220, 30, 30), 20) and close(lower, (30, 60, 220), 20)


def test_large_shots_are_decoded_at_a_reduced_scale_that_still_covers_the_slot(tmp_path):
    big = solid_shot(tmp_path / "big.jpg", (10, 20, 30), size=(6000, 4000))
    image = _load(big, (555, 675))
    assert image.size == (1500, 1000)  # 1/4 scale: 1/8 would not cover 675 px of crop height
    crop = crop_box(*image.size, (555, 675))
    assert crop[3] - crop[1] >= 675


def test_no_shots_is_a_clear_error(shipped, tmp_path):
    with pytest.raises(ComposeError, match="no shots"):
        compose(shipped["grid-4x6"], [], tmp_path, "empty")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("content", "reason"), [
    (b"not a jpeg at all", "cannot be read"),
    (None, "cannot be read"),
])
def test_an_unreadable_shot_is_named_and_nothing_is_written(shipped, colored_shots, tmp_path,
                                                            content, reason):
    bad = tmp_path / "bad.jpg"
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "prints"
    with pytest.raises(ComposeError, match=re.escape(f"shot bad.jpg {reason}")):
        compose(shipped["grid-4x6"], [colored_shots[0], bad], out, "o1")
    assert not out.exists()


def test_a_truncated_shot_is_reported_as_damaged(shipped, colored_shots, tmp_path):
    whole = colored_shots[0].read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(ComposeError, match=re.escape("shot cut.jpg is damaged")):
        compose(shipped["single-4x6"], [cut], tmp_path / "prints", "o2")


def test_the_overlay_is_drawn_over_the_sheet(shipped, colored_shots, tmp_path):
    grid = shipped["grid-4x6"]
    result = compose(grid, colored_shots, tmp_path, "framed")
    with Image.open(result.print_file) as sheet:
        border = mean_color(sheet, (18, 800, 28, 1000))  # the frame's orange stroke
    assert close(border, (255, 90, 54), 25)


def test_a_background_image_shows_around_the_slots(colored_shots, tmp_path):
    folder = tmp_path / "layouts"
    folder.mkdir()
    Image.new("RGB", (300, 200), (0, 128, 128)).save(folder / "paper.png")
    (folder / "teal.toml").write_text(
        'title = "Teal"\nwidth = 3.0\nheight = 2.0\ndpi = 100\nmedia = "w216h144"\n'
        'background_image = "paper.png"\n'
        "[[slots]]\nshot = 1\nx = 1.0\ny = 0.5\nwidth = 1.0\nheight = 1.0\n")
    layouts, problems = load_layouts(folder)
    assert problems == []
    result = compose(layouts["teal"], colored_shots, tmp_path / "out", "teal")
    with Image.open(result.print_file) as sheet:
        assert sheet.size == (300, 200) and sheet.info["dpi"] == (100, 100)
        assert close(mean_color(sheet, (0, 0, 90, 200)), (0, 128, 128))
        assert close(mean_color(sheet, (100, 50, 200, 150)), COLORS[0])
