"""From shots to a print-ready sheet: JPEG, sRGB, the layout's exact pixels and dpi.

Large camera files are decoded with JPEG draft mode (the decoder scales by 1/2,
1/4 or 1/8 while reading), at the smallest scale that still covers the biggest
slot the shot fills, so 24 MP stills compose in a fraction of a full decode.
"""

from __future__ import annotations

import io
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from kiosk.core.layouts import Layout, Slot, TextField

PREVIEW_SIZE = (1280, 1080)  # the largest the review screen shows a sheet
FACE_LINE = 0.4  # faces sit in the upper part of a frame: a crop is centred this high
JPEG_QUALITY = 93
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class ComposeResult:
    print_file: Path
    preview_file: Path


class ComposeError(Exception):
    pass


@lru_cache(maxsize=1)
def _srgb() -> tuple[ImageCms.ImageCmsProfile, bytes]:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return profile, profile.tobytes()


@lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:
        return ImageFont.load_default(size)


@lru_cache(maxsize=8)
def _sheet_image(path: Path, mtime: float, size: tuple[int, int], mode: str) -> Image.Image:
    with Image.open(path) as image:
        return image.convert(mode).resize(size, Image.Resampling.LANCZOS)


def crop_box(width: int, height: int, target: tuple[int, int]) -> tuple[float, float, float, float]:
    """The largest box of the target's aspect inside width x height: centred across,
    and placed high rather than low so heads are never cut before chins."""
    aspect = target[0] / target[1]
    crop_w, crop_h = min(width, height * aspect), min(height, width / aspect)
    left = (width - crop_w) / 2
    top = min(max(0.0, height * FACE_LINE - crop_h / 2), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def _needed_size(layout: Layout, shot: int) -> tuple[int, int]:
    """The biggest slot size the shot fills (decode at least this large)."""
    sizes = [slot.size for slot in layout.slots if slot.shot == shot]
    return max(w for w, _ in sizes), max(h for _, h in sizes)


def _load(path: Path, needed: tuple[int, int]) -> Image.Image:
    try:
        image = Image.open(path)
    except (OSError, UnidentifiedImageError) as exc:
        raise ComposeError(f"shot {path.name} cannot be read: {exc}") from None
    with image:
        try:
            orientation = image.getexif().get(0x0112, 1)
            raw_w, raw_h = image.size
            width, height = (raw_h, raw_w) if orientation in _ROTATED else (raw_w, raw_h)
            left, _, right, _ = crop_box(width, height, needed)
            # Decode just large enough that the face-safe crop still covers the slot.
            scale = needed[0] / (right - left)
            image.draft("RGB", (math.ceil(raw_w * scale), math.ceil(raw_h * scale)))
            icc = image.info.get("icc_profile")
            image = ImageOps.exif_transpose(image).convert("RGB")
        except OSError as exc:
            raise ComposeError(f"shot {path.name} is damaged: {exc}") from None
    if icc:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" not in ImageCms.getProfileDescription(source).lower():
            image = ImageCms.profileToProfile(image, source, _srgb()[0], outputMode="RGB")
    return image


def _fill(image: Image.Image, slot: Slot, background: str) -> Image.Image:
    size = slot.size
    if slot.crop == "fit":
        fitted = ImageOps.contain(image, size, Image.Resampling.BICUBIC)
        canvas = Image.new("RGB", size, background)
        canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
        return canvas
    box = crop_box(image.width, image.height, size)
    return image.resize(size, Image.Resampling.BICUBIC, box=box, reducing_gap=2.0)


def _draw_text(draw: ImageDraw.ImageDraw, field: TextField, text: str) -> None:
    size = field.size_px
    font = _font(field.font, size)
    while size > 6 and draw.textlength(text, font=font) > field.max_width_px:
        size = int(size * 0.9)
        font = _font(field.font, size)
    draw.text(field.position, text, font=font, fill=field.color, anchor=field.anchor)


def _save(image: Image.Image, path: Path, dpi: int) -> None:
    partial = path.with_name(path.name + ".part")
    image.save(partial, "JPEG", quality=JPEG_QUALITY, dpi=(dpi, dpi), icc_profile=_srgb()[1],
               optimize=False)
    os.replace(partial, path)


def compose(layout: Layout, shots: list[Path], out_dir: Path, stem: str, *,
            texts: dict[str, str] | None = None) -> ComposeResult:
    """Compose `shots` into `layout`; writes <stem>.jpg and <stem>.preview.jpg in out_dir.

    Layout shot N is shots[N-1]; with fewer shots than the layout needs they are
    reused in order. `texts` fills the layout's text fields ("event_name", "date"),
    already in the booth's language.
    """
    if not shots:
        raise ComposeError("no shots to compose")
    texts = texts or {}
    sources = {number: shots[(number - 1) % len(shots)] for number in range(1, layout.shots + 1)}
    with ThreadPoolExecutor(max_workers=min(4, len(sources))) as pool:
        loaded = dict(zip(sources, pool.map(
            lambda n: _load(sources[n], _needed_size(layout, n)), sources), strict=True))
    sheet = Image.new("RGB", layout.size_px, layout.background)
    if layout.background_image:
        sheet.paste(_sheet_image(layout.background_image, layout.background_image.stat().st_mtime,
                                 layout.size_px, "RGB"))
    for slot in layout.slots:
        sheet.paste(_fill(loaded[slot.shot], slot, layout.background), slot.box[:2])
    if layout.overlay:
        overlay = _sheet_image(layout.overlay, layout.overlay.stat().st_mtime, layout.size_px,
                               "RGBA")
        sheet.paste(overlay, (0, 0), overlay)
    draw = ImageDraw.Draw(sheet)
    for field in layout.texts:
        text = texts.get(field.field) or field.default
        if text:
            _draw_text(draw, field, text)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = ComposeResult(out_dir / f"{stem}.jpg", out_dir / f"{stem}.preview.jpg")
    _save(sheet, result.print_file, layout.dpi)
    preview = sheet.copy()
    preview.thumbnail(PREVIEW_SIZE, Image.Resampling.BILINEAR, reducing_gap=2.0)
    _save(preview, result.preview_file, 96)
    return result
