"""Print layouts: TOML files in assets/layouts, one per layout, named by file stem.

Positions and sizes in a file are inches from the sheet's top-left corner, font
sizes are points; the loaded `Layout` carries pixel boxes at the layout's dpi.
A broken file is refused with its reason and the others still load.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, UnidentifiedImageError
from pydantic import BaseModel, Field, ValidationError, field_validator

from assets import asset_path

DEFAULT_DIR = asset_path("layouts")
FONTS_DIR = asset_path("fonts")
FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
COLOR = r"^#[0-9a-fA-F]{6}$"
EDGE_TOLERANCE = 0.001  # inches; float noise when slots touch the sheet edge


class _Strict(BaseModel):
    model_config = {"extra": "forbid"}


class _SlotSpec(_Strict):
    shot: int = Field(ge=1, le=8)
    x: float = Field(ge=0)
    y: float = Field(ge=0)
    width: float = Field(gt=0)
    height: float = Field(gt=0)
    crop: Literal["fill", "fit"] = "fill"


class _TextSpec(_Strict):
    field: str = Field(pattern=r"^[a-z_]+$")
    x: float = Field(ge=0)
    y: float = Field(ge=0)
    size: float = Field(gt=0, le=200)
    color: str = Field("#000000", pattern=COLOR)
    anchor: str = Field("mm", pattern=r"^[lmr][atmsbd]$")
    font: Literal["regular", "bold"] = "regular"
    max_width: float | None = Field(None, gt=0)
    default: str = ""


class _LayoutSpec(_Strict):
    title: str = Field(min_length=1, max_length=80)
    width: float = Field(gt=0, le=20)
    height: float = Field(gt=0, le=20)
    dpi: int = Field(300, ge=72, le=1200)
    media: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    cut: bool = False
    background: str = Field("#ffffff", pattern=COLOR)
    background_image: str | None = None
    overlay: str | None = None
    slots: list[_SlotSpec] = Field(min_length=1)
    texts: list[_TextSpec] = Field(default_factory=list)

    @field_validator("slots")
    @classmethod
    def _shots_numbered_from_one(cls, slots: list[_SlotSpec]) -> list[_SlotSpec]:
        numbers = {slot.shot for slot in slots}
        if numbers != set(range(1, max(numbers) + 1)):
            raise ValueError(f"shot numbers must run 1..N without gaps, got {sorted(numbers)}")
        return slots


@dataclass(frozen=True)
class Slot:
    shot: int  # 1-based shot number; several slots may show the same shot
    box: tuple[int, int, int, int]  # left, top, right, bottom in sheet pixels
    crop: str  # "fill" (face-safe crop) or "fit" (letterbox)

    @property
    def size(self) -> tuple[int, int]:
        return self.box[2] - self.box[0], self.box[3] - self.box[1]


@dataclass(frozen=True)
class TextField:
    field: str  # key in compose()'s texts, e.g. "event_name", "date"
    position: tuple[int, int]
    size_px: int
    color: str
    anchor: str  # Pillow text anchor, e.g. "mm"
    font: Path
    max_width_px: int
    default: str


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    size_in: tuple[float, float]
    size_px: tuple[int, int]
    dpi: int
    media: str  # CUPS media name
    slots: tuple[Slot, ...]
    overlay: Path | None
    background: str  # colour under everything
    background_image: Path | None
    texts: tuple[TextField, ...]
    cut: bool  # the printer cuts the sheet into strips
    shots: int  # distinct shots the layout needs

    def cups_options(self) -> dict[str, str]:
        return {"media": self.media, "print-scaling": "fill"}


class LayoutError(Exception):
    pass


def _problem(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"])
        reason = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
        parts.append(f"{where.lstrip('.') or 'file'}: {reason.removeprefix('Value error, ')}")
    return "; ".join(parts)


def _image(directory: Path, name: str, key: str) -> Path:
    path = directory / name
    try:
        with Image.open(path) as image:
            image.verify()
    except (OSError, UnidentifiedImageError) as exc:
        raise LayoutError(f"{key}: {name} is not a readable image ({exc})") from None
    return path


def load_layout(path: Path) -> Layout:
    """One layout file, or LayoutError saying what is wrong with it."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise LayoutError(exc.strerror or str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(f"not valid TOML: {exc}") from None
    try:
        spec = _LayoutSpec(**data)
    except ValidationError as exc:
        raise LayoutError(_problem(exc)) from None
    except TypeError as exc:
        raise LayoutError(f"unexpected structure: {exc}") from None
    dpi = spec.dpi

    def px(inches: float) -> int:
        return round(inches * dpi)

    slots = []
    for index, s in enumerate(spec.slots):
        if (s.x + s.width > spec.width + EDGE_TOLERANCE
                or s.y + s.height > spec.height + EDGE_TOLERANCE):
            raise LayoutError(f"slots[{index}]: reaches outside the {spec.width}x{spec.height} "
                              "in sheet")
        slots.append(Slot(s.shot, (px(s.x), px(s.y), px(s.x + s.width), px(s.y + s.height)),
                          s.crop))
    texts = []
    for index, t in enumerate(spec.texts):
        if t.x > spec.width or t.y > spec.height:
            raise LayoutError(f"texts[{index}]: position is outside the sheet")
        texts.append(TextField(t.field, (px(t.x), px(t.y)), round(t.size * dpi / 72), t.color,
                               t.anchor, FONTS_DIR / FONT_FILES[t.font],
                               px(t.max_width or spec.width * 0.9), t.default))
    return Layout(
        name=path.stem, title=spec.title, size_in=(spec.width, spec.height),
        size_px=(px(spec.width), px(spec.height)), dpi=dpi, media=spec.media,
        slots=tuple(slots),
        overlay=_image(path.parent, spec.overlay, "overlay") if spec.overlay else None,
        background=spec.background,
        background_image=(_image(path.parent, spec.background_image, "background_image")
                          if spec.background_image else None),
        texts=tuple(texts), cut=spec.cut, shots=max(s.shot for s in slots))


def load_layouts(directory: Path = DEFAULT_DIR) -> tuple[dict[str, Layout], list[str]]:
    """The good layouts by name, and one problem line per refused file."""
    if not directory.is_dir():
        return {}, [f"{directory}: no such directory"]
    layouts: dict[str, Layout] = {}
    problems: list[str] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            layouts[path.stem] = load_layout(path)
        except LayoutError as exc:
            problems.append(f"{path.name}: {exc}")
    return layouts, problems


def _files(path: Path) -> list[Path]:
    return sorted(path.glob("*.toml")) if path.is_dir() else [path]


def check_command(paths: list[Path]) -> int:
    """`kiosk layouts check [PATH...]`: each file OK or its problem; 0 when all are good."""
    files = [f for p in (paths or [DEFAULT_DIR]) for f in _files(p)]
    if not files:
        print("no layout files (*.toml) found in " + ", ".join(map(str, paths or [DEFAULT_DIR])))
        return 2
    failed = 0
    for path in files:
        try:
            layout = load_layout(path)
        except LayoutError as exc:
            failed += 1
            print(f"FAIL {path}: {exc}")
            continue
        width, height = layout.size_in
        shots = f"{layout.shots} shot" + ("s" if layout.shots != 1 else "")
        print(f"OK   {path}: {layout.title} ({shots}, {width:g}x{height:g} in, "
              f"media {layout.media}{', cut' if layout.cut else ''})")
    return 2 if failed else 0

