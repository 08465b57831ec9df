"""The booth's configuration: one typed model, read from TOML and KIOSK_* variables.

Every field has a default, a description and its limits, so the TOML file and the
environment (and anything else that edits a setting) are checked by one model.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import os
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

APP_NAME = "photobooth-kiosk"
Provider = Literal["payme", "click", "webpay", "sandbox"]
Language = Literal["uz", "ru", "en"]
PIN_ITERATIONS = 200_000


def hash_pin(pin: str, salt: str | None = None) -> str:
    """A PBKDF2 hash of a service PIN, as stored in `service.pin_hash`."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), PIN_ITERATIONS)
    return f"pbkdf2_sha256${PIN_ITERATIONS}${salt}${digest.hex()}"


def verify_pin(pin: str, pin_hash: str) -> bool:
    try:
        _, iterations, salt, expected = pin_hash.split("$")
    except ValueError:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), int(iterations))
    return hmac.compare_digest(digest.hex(), expected)


# The factory PIN is 2580 (the middle column of a keypad); the README tells operators to change it.
# hash_pin("2580", salt="factory0"), written out: 200 000 rounds at every start cost 0.2 s
# (tests/kiosk/test_config.py checks it still is that PIN's hash).
DEFAULT_PIN_HASH = ("pbkdf2_sha256$200000$factory0$"
                    "b01a495ce9d5064614d9d6f4b5d0f9ffc56bbdf00c23ae16f73f6e1e01577606")


class Section(BaseModel):
    model_config = {"extra": "forbid", "validate_assignment": True}


class BoothSection(Section):
    id: str = Field("booth-1", min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$",
                    description="This booth's identity; prefixes its order ids")
    name: str = Field("Photobooth", min_length=1, max_length=80,
                      description="Name shown to technicians and in event logs")
    event_name: str = Field("", max_length=60, description="Text printed on layouts that show it")


class BackendSection(Section):
    url: str = Field("http://127.0.0.1:8000", description="Base URL of the cloud backend")
    device_token: str = Field("", max_length=200,
                              description="Token from `booth-backend add-device NAME`")
    connect_timeout: float = Field(3.0, gt=0, le=30, description="Seconds to open a connection")
    read_timeout: float = Field(10.0, gt=0, le=120, description="Seconds to wait for an answer")
    longpoll_wait: int = Field(25, ge=1, le=30, description="Seconds one payment-status poll waits")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")


class PaymentSection(Section):
    # The sandbox takes no money: only the demo's config turns it on.
    providers: list[Provider] = Field(["payme", "click", "webpay"], min_length=1,
                                      description="Payment providers offered to customers "
                                      "(those the backend also takes)")
    default_provider: Provider = Field("payme", description="Provider whose QR is shown first")
    currency: str = Field("UZS", pattern=r"^[A-Z]{3}$", description="ISO 4217 currency code")
    qr_expiry_seconds: int = Field(180, ge=30, le=1800, title="QR valid for",
                                   description="How long a payment QR stays valid",
                                   json_schema_extra={"step": 30, "unit": "seconds"})

    @model_validator(mode="after")
    def _default_is_enabled(self) -> PaymentSection:
        if self.default_provider not in self.providers:
            raise ValueError(f"default_provider {self.default_provider!r} is not in providers")
        return self


class Package(Section):
    copies: int = Field(ge=0, le=20, title="Prints",
                        description="Prints in this package; 0 = photos on the customer's "
                        "phone only (needs [photos] share)")
    price: int = Field(ge=1, le=100_000_000, title="Price",
                       description="Price in whole currency units")


# A shot's own time after its countdown (the camera, the flash, saving): the capture's floor.
SECONDS_PER_SHOT = 2


class FlowSection(Section):
    pay_first: bool = Field(False, description="Take payment before the photos")
    countdown_seconds: int = Field(3, ge=1, le=10, title="Countdown",
                                   description="Countdown before each shot",
                                   json_schema_extra={"unit": "seconds"})
    shots: int = Field(4, ge=1, le=8, title="Shots", description="Shots per session")
    layout: str = Field("grid-4x6", min_length=1, title="Layout",
                        description="Layout file name in assets/layouts")
    review_timeout: int = Field(60, ge=10, le=600, description="Seconds on review before idle")
    choose_timeout: int = Field(60, ge=10, le=600, description="Seconds on choose before idle")
    idle_timeout: int = Field(90, ge=10, le=1800,
                              description="Seconds without a touch before attract")
    payment_timeout: int = Field(180, ge=30, le=1800,
                                 description="Seconds on the payment screen without a payment "
                                 "code before giving up (a shown code stays until it expires)")
    checking_timeout: int = Field(45, ge=10, le=600,
                                  description="Seconds to wait for the backend's last word "
                                  "on an expired or cancelled payment")
    done_seconds: int = Field(8, ge=2, le=60, description="Seconds the done screen stays")
    printing_timeout: int = Field(300, ge=30, le=3600,
                                  description="Seconds on the printing screen without news from "
                                  "the printer before the technician is called (the order is "
                                  "listed for them)")
    failsafe_seconds: int = Field(5, ge=1, le=60,
                                  description="Seconds of 'sorry' after an error before attract")
    late_payment_grace: int = Field(900, ge=60, le=86_400,
                                    description="A late payment younger than this prints at once; "
                                    "older ones go to the technician's reprint list")


class CameraSection(Section):
    backend: Literal["virtual", "webcam", "dslr"] = Field("virtual",
                                                         description="Camera backend")
    device: str = Field("", max_length=200,
                        description="Webcam index or path, or a gphoto2 port; empty = first found")
    preview_width: int = Field(1280, ge=320, le=3840, description="Preview frame width")
    preview_height: int = Field(720, ge=240, le=2160, description="Preview frame height")
    grace_seconds: int = Field(30, ge=1, le=600,
                               description="A camera fault lasting longer than this puts "
                               "the booth out of service")


class PrintingSection(Section):
    queue: str = Field("photobooth", pattern=r"^[A-Za-z0-9_.-]{1,127}$",
                       description="CUPS queue name")
    cups_server: str = Field("", max_length=200,
                             description="CUPS server host[:port] or socket; empty = CUPS default")
    media: str = Field("w288h432", min_length=1, max_length=64,
                       description="CUPS media name when the layout names none")
    roll_size: int = Field(400, ge=1, le=5000, description="Prints on a full roll",
                           json_schema_extra={"step": 50})
    low_paper_threshold: int = Field(20, ge=0, le=1000,
                                     description="Prints left that count as low paper")
    poll_seconds: float = Field(1.5, ge=0.2, le=10, description="Printer status poll interval")


class UiSection(Section):
    languages: list[Language] = Field(["uz", "ru", "en"], min_length=1,
                                      description="Languages offered on the attract screen")
    default_language: Language = Field("uz", title="Language",
                                       description="Language each session starts in")
    fullscreen: bool = Field(True, description="Frameless fullscreen window")
    hide_cursor: bool = Field(True, description="Hide the mouse cursor")
    logo: str = Field("", max_length=500, description="Path to an operator logo (PNG/SVG)")
    accent_color: str = Field("#ff5a36", pattern=r"^#[0-9a-fA-F]{6}$",
                              description="Accent colour of buttons and highlights")
    background_color: str = Field("#111418", pattern=r"^#[0-9a-fA-F]{6}$",
                                  description="Screen background colour")

    @model_validator(mode="after")
    def _default_is_offered(self) -> UiSection:
        if self.default_language not in self.languages:
            raise ValueError(f"default_language {self.default_language!r} is not in languages")
        return self


class ServiceSection(Section):
    pin_hash: str = Field(DEFAULT_PIN_HASH, pattern=r"^pbkdf2_sha256\$\d+\$\w+\$[0-9a-f]{64}$",
                          description="Service menu PIN hash (`kiosk config hash-pin`)")
    idle_timeout: int = Field(120, ge=30, le=3600,
                              description="Seconds without a touch before the service menu closes")
    reboot_command: list[str] = Field(["systemctl", "reboot"], min_length=1,
                                      description="Command the service menu runs to reboot")
    shutdown_command: list[str] = Field(["systemctl", "poweroff"], min_length=1,
                                        description="Command the service menu runs to shut down")
    restart_command: list[str] = Field([], description="Command that restarts the booth app; "
                                       "empty = the booth starts itself again")
    usb_root: str = Field("/media", max_length=500,
                          description="Where USB sticks are mounted (offered for CSV export)")


class StorageSection(Section):
    data_dir: str = Field("", max_length=500,
                          description="Where the database, photos and prints live; "
                          "empty = the platform data dir")
    keep_days: int = Field(14, ge=1, le=3650, description="Photos older than this are pruned")
    max_megabytes: int = Field(4096, ge=100, le=1_000_000,
                               description="Photos, prints, phone-page copies and exports beyond "
                               "this total size are pruned, oldest first")


class PhotosSection(Section):
    share: bool = Field(True, description="After payment, upload the photos and show a QR to "
                        "them on the customer's phone")


class LogsSection(Section):
    directory: str = Field("", max_length=500,
                           description="Where kiosk.log and its rotated copies live; "
                           "empty = the platform log dir")
    max_megabytes: int = Field(5, ge=1, le=1000,
                               description="kiosk.log is rotated when it reaches this size")
    keep_files: int = Field(10, ge=1, le=100,
                            description="Rotated logs kept (kiosk.log.1 … .N); older ones go")


def default_packages() -> list[Package]:
    return [Package(copies=1, price=20000), Package(copies=2, price=35000),
            Package(copies=4, price=60000)]


class KioskConfig(BaseModel):
    """Every setting; the environment's KIOSK_* variables are laid over the file's before
    this is built (with_environment)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    booth: BoothSection = Field(default_factory=BoothSection)
    backend: BackendSection = Field(default_factory=BackendSection)
    payment: PaymentSection = Field(default_factory=PaymentSection)
    packages: list[Package] = Field(default_factory=default_packages, min_length=1, max_length=6,
                                    title="Packages",
                                    description="What a customer may buy: prints and price")
    flow: FlowSection = Field(default_factory=FlowSection)
    camera: CameraSection = Field(default_factory=CameraSection)
    printing: PrintingSection = Field(default_factory=PrintingSection)
    ui: UiSection = Field(default_factory=UiSection)
    service: ServiceSection = Field(default_factory=ServiceSection)
    storage: StorageSection = Field(default_factory=StorageSection)
    photos: PhotosSection = Field(default_factory=PhotosSection)
    logs: LogsSection = Field(default_factory=LogsSection)

    @model_validator(mode="after")
    def _timings_agree(self) -> KioskConfig:
        """Settings that would contradict each other in front of a customer."""
        flow, payment = self.flow, self.payment
        capture = flow.shots * (flow.countdown_seconds + SECONDS_PER_SHOT)
        if flow.idle_timeout < capture:
            raise PydanticCustomError(
                "idle_shorter_than_capture",
                "flow.idle_timeout: {idle} s is shorter than the capture itself ({shots} shots "
                "× ({countdown} s countdown + {per_shot} s) = {capture} s): raise it or take "
                "fewer shots",
                {"idle": flow.idle_timeout, "shots": flow.shots,
                 "countdown": flow.countdown_seconds, "per_shot": SECONDS_PER_SHOT,
                 "capture": capture})
        paying = payment.qr_expiry_seconds + flow.checking_timeout
        if flow.late_payment_grace < paying:
            raise PydanticCustomError(
                "qr_outlives_grace",
                "payment.qr_expiry_seconds: a payment made while the code shows ({qr} s) and "
                "checked ({checking} s) would be older than flow.late_payment_grace ({grace} s) "
                "and go to the technician instead of printing: at most {most} s, or raise "
                "the grace",
                {"qr": payment.qr_expiry_seconds, "checking": flow.checking_timeout,
                 "grace": flow.late_payment_grace,
                 "most": flow.late_payment_grace - flow.checking_timeout})
        return self

    @model_validator(mode="after")
    def _packages_distinct(self) -> KioskConfig:
        copies = [p.copies for p in self.packages]
        if len(set(copies)) != len(copies):
            raise PydanticCustomError("same_copies",
                                      "packages: two packages with the same number of copies")
        if 0 in copies and not self.photos.share:
            raise PydanticCustomError("phone_only_needs_share",
                                      "packages: a package with copies = 0 (photos on the "
                                      "phone only) needs [photos] share = true")
        return self

    def data_dir(self) -> Path:
        if self.storage.data_dir:
            return Path(self.storage.data_dir).expanduser()
        return Path(platformdirs.user_data_dir(APP_NAME))

    def package_for(self, copies: int) -> Package:
        for package in self.packages:
            if package.copies == copies:
                return package
        raise KeyError(f"no package with {copies} copies")


@dataclass(frozen=True)
class ConfigProblem:
    key: str
    value: Any
    reason: str
    kind: str = ""  # pydantic's error type, so a screen can word the reason in its language
    limits: dict[str, Any] = field(default_factory=dict)  # the limit that was crossed

    def __str__(self) -> str:
        shown = "(missing)" if self.value is _MISSING else repr(self.value)
        return f"{self.key} = {shown}: {self.reason}"


class ConfigError(Exception):
    """A config file that cannot be used; `problems` names each bad key."""

    def __init__(self, source: str, problems: list[ConfigProblem]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(str(p) for p in problems))


_MISSING = object()


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


def _lookup(data: Any, path: tuple[Any, ...]) -> Any:
    """The value a problem is about: the environment's when it overrides the file."""
    env_name = "KIOSK_" + "__".join(str(p).upper() for p in path)
    if env_name in os.environ:
        return os.environ[env_name]
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return data


_DOTTED_KEY = re.compile(r"[a-z_]+\.[a-z_]+")


def _problems(error: ValidationError, data: dict[str, Any]) -> list[ConfigProblem]:
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        key = ".".join(str(p) for p in loc) or "(file)"
        reason = item["msg"].removeprefix("Value error, ")
        named, _, rest = reason.partition(": ")
        if not loc and rest and _DOTTED_KEY.fullmatch(named):
            # A check across sections names the setting it is about.
            loc, key, reason = tuple(named.split(".")), named, rest
        if item["type"] == "extra_forbidden":
            reason = "unknown setting"
        limits = {k: v for k, v in (item.get("ctx") or {}).items()
                  if isinstance(v, int | float | str)}
        problems.append(ConfigProblem(key, _lookup(data, loc), reason, item["type"], limits))
    return problems


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(str(path), [ConfigProblem("(file)", str(path), reason)]) from None
    except tomllib.TOMLDecodeError as exc:
        reason = f"not valid TOML: {exc}"
        raise ConfigError(str(path), [ConfigProblem("(file)", str(path), reason)]) from None


def load_config(path: Path | None = None, *, required: bool = False) -> KioskConfig:
    """Read the config: the file (if any), then KIOSK_* variables on top.

    `required` means the caller named the file, so a missing file is an error;
    without it a missing default file just means "all defaults".
    """
    path = path or default_config_path()
    data: dict[str, Any] = {}
    if path.exists() or required:
        data = read_toml(path)
    return validate_config(data, str(path))


def validate_config(data: dict[str, Any], source: str) -> KioskConfig:
    """The config these settings make, or ConfigError naming each bad key and why."""
    data = with_environment(data)
    try:
        return KioskConfig(**data)
    except ValidationError as exc:
        raise ConfigError(source, _problems(exc, data)) from None


ENV_PREFIX = "KIOSK_"
ENV_NESTING = "__"


def with_environment(data: dict[str, Any]) -> dict[str, Any]:
    """The file's settings with KIOSK_<SECTION>__<KEY> variables on top (the environment
    wins; names in any case). A value written as a JSON list or object is one
    (KIOSK_PAYMENT__PROVIDERS='["payme", "click"]'); variables naming no section are not
    settings (KIOSK_EXIT_STATUS_FILE)."""
    merged = copy.deepcopy(data)
    sections = set(KioskConfig.model_fields)
    for name, value in os.environ.items():
        if not name.upper().startswith(ENV_PREFIX):
            continue
        path = name[len(ENV_PREFIX):].lower().split(ENV_NESTING)
        if path[0] not in sections or not all(path):
            continue
        place = merged
        for key in path[:-1]:
            inner = place.get(key)
            if not isinstance(inner, dict):
                inner = place[key] = {}
            place = inner
        place[path[-1]] = _env_value(value)
    return merged


def _env_value(value: str) -> Any:
    if value.lstrip().startswith(("[", "{")):
        try:
            return json.loads(value)
        except ValueError:
            return value  # validation names it
    return value
