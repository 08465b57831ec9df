"""The settings the service menu edits, described by the config model itself.

Each editable setting's label, help, limits and choices are read from `KioskConfig`'s
field metadata (pydantic's `title`, `description`, `ge`/`le`, `max_length`, `Literal`
choices, and `json_schema_extra` for the stepper's step and unit), so the settings page
offers what the model accepts and nothing is written down a second time. The model class
is a parameter: a booth (or a test) with other limits gets a page with those limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kiosk.core.config import KioskConfig, Package

# Each setting the service menu edits, applied to the running booth once saved.
EDITABLE_SETTINGS = ("packages", "flow.countdown_seconds", "flow.shots", "flow.layout",
                     "ui.default_language", "payment.qr_expiry_seconds")


@dataclass(frozen=True)
class NumberField:
    key: str
    title: str  # in English; the screen translates it
    help: str
    minimum: int
    maximum: int
    step: int = 1
    unit: str = ""  # "seconds" or "" (a count)


@dataclass(frozen=True)
class ChoiceField:
    key: str
    title: str
    help: str
    choices: tuple[str, ...]  # empty: the choices are not the model's (the layout files)


@dataclass(frozen=True)
class PackagesField:
    key: str
    title: str
    help: str
    min_packages: int
    max_packages: int
    copies: NumberField
    price: NumberField


@dataclass(frozen=True)
class SettingsForm:
    """What the settings page shows, for one config model."""

    packages: PackagesField
    countdown: NumberField
    shots: NumberField
    qr_expiry: NumberField
    layout: ChoiceField
    language: ChoiceField

    def title(self, key: str) -> str:
        """The label of a setting by its key ("flow.shots", "packages.1.price"); "" when the
        menu does not edit it."""
        parts = key.split(".")
        if parts[0] == "packages" and len(parts) == 3:
            return {"copies": self.packages.copies.title,
                    "price": self.packages.price.title}.get(parts[2], "")
        for field in (self.packages, self.countdown, self.shots, self.qr_expiry, self.layout,
                      self.language):
            if field.key == key:
                return field.title
        return ""


def settings_form(model: type[KioskConfig] = KioskConfig) -> SettingsForm:
    return SettingsForm(packages=_packages(model),
                        countdown=number_field("flow.countdown_seconds", model),
                        shots=number_field("flow.shots", model),
                        qr_expiry=number_field("payment.qr_expiry_seconds", model),
                        layout=_choice(model, "flow.layout"),
                        language=_choice(model, "ui.default_language"))


def _field(model: type[BaseModel], key: str) -> FieldInfo:
    section, _, name = key.partition(".")
    if not name:
        return model.model_fields[section]
    annotation = model.model_fields[section].annotation
    if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        raise TypeError(f"{section} is not a section of {model.__name__}")
    return annotation.model_fields[name]


def _limit(info: FieldInfo, kind: type[Any], name: str) -> int:
    for item in info.metadata:
        if isinstance(item, kind):
            return int(getattr(item, name))
    raise ValueError(f"the config model gives no {name} for this setting")


def _extra(info: FieldInfo) -> dict[str, Any]:
    return info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}


def _number_of(key: str, info: FieldInfo) -> NumberField:
    extra = _extra(info)
    return NumberField(key, info.title or key, info.description or "",
                       _limit(info, Ge, "ge"), _limit(info, Le, "le"),
                       int(extra.get("step", 1)), str(extra.get("unit", "")))


def number_field(key: str, model: type[KioskConfig] = KioskConfig) -> NumberField:
    """One number setting ("printing.roll_size") as the model limits it."""
    return _number_of(key, _field(model, key))


def _choice(model: type[KioskConfig], key: str) -> ChoiceField:
    info = _field(model, key)
    choices = get_args(info.annotation) if get_origin(info.annotation) is Literal else ()
    return ChoiceField(key, info.title or key, info.description or "",
                       tuple(str(c) for c in choices))


def _packages(model: type[KioskConfig]) -> PackagesField:
    info = model.model_fields["packages"]
    (package,) = get_args(info.annotation) or (Package,)
    return PackagesField("packages", info.title or "packages", info.description or "",
                         _limit(info, MinLen, "min_length"), _limit(info, MaxLen, "max_length"),
                         _number_of("copies", package.model_fields["copies"]),
                         _number_of("price", package.model_fields["price"]))
