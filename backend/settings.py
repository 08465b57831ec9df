"""Backend settings: BOOTH_* environment variables or the same names in a TOML file."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from sqlalchemy.engine import make_url

from backend.fiscal_items import parse_fiscal_items

PREFIX = "BOOTH_"


class SettingsError(ValueError):
    """A setting is unknown or malformed; the message names it and says why."""


class BackendSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    database_url: str = ""
    public_url: str = "http://127.0.0.1:8000"
    payme_merchant_id: str = ""
    payme_key: str = ""
    payme_test_mode: bool = False
    click_service_id: str = ""
    click_merchant_id: str = ""
    click_secret_key: str = ""
    webpay_store_id: str = ""
    webpay_secret_key: str = ""
    webpay_test_mode: bool = False
    # WebPay's operations API (refunds), opened by WebPay's support: all three set → used.
    webpay_api_url: str = ""
    webpay_api_login: str = ""
    webpay_api_password: str = ""
    webpay_billing_id: str = ""
    sandbox: bool = False
    # The operator's dashboard and its alerts (backend/admin/, backend/alerts.py).
    timezone: str = "UTC"
    telegram_bot_token: str = ""
    telegram_chat_id: str = ""
    telegram_api_url: str = "https://api.telegram.org"
    alert_webhook_url: str = ""
    alert_language: Literal["uz", "ru", "en"] = "en"
    alert_interval_seconds: float = Field(default=60.0, gt=0, le=3600)
    dashboard_refresh_seconds: int = Field(default=10, ge=1, le=3600)
    # Photos on the customer's phone (backend/photo_page.py): where they are kept, how long.
    media_dir: str = ""
    photo_keep_days: float = Field(default=30, gt=0, le=3650)
    # Refunds and fiscal receipts (backend/refunds.py, backend/fiscal_items.py).
    payme_subscribe_url: str = ""
    click_api_url: str = "https://api.click.uz/v2/merchant"
    click_merchant_user_id: str = ""
    auto_refund_after_hours: float = Field(default=0, ge=0, le=24 * 366)
    refund_retry_seconds: float = Field(default=60.0, gt=0, le=3600)
    provider_timeout_seconds: float = Field(default=20.0, gt=0, le=120)
    fiscal_items: str = ""
    fiscal_tin: str = ""
    fiscal_pinfl: str = Field(default="", validate_default=True)
    # Server edges: a request head must be complete this soon; /docs only when asked for.
    header_timeout_seconds: float = Field(default=10, gt=0, le=300)
    # A body may pause this long between reads, and must average 1 KB/s once it is older.
    body_timeout_seconds: float = Field(default=60, gt=0, le=600)
    api_docs: bool = False
    # A wrong operator password is answered this long after it was posted (login(1) waits 3 s).
    wrong_login_delay_seconds: float = Field(default=2, ge=0, le=10)
    # Host names besides BOOTH_PUBLIC_URL's (and loopback) the backend answers, comma-separated.
    allowed_hosts: str = ""

    @field_validator("public_url")
    @classmethod
    def _public_url_is_http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("timezone")
    @classmethod
    def _timezone_is_known(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Asia/Tashkent") from None
        return value

    @field_validator("telegram_api_url", "alert_webhook_url")
    @classmethod
    def _alert_url_is_http(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("fiscal_items")
    @classmethod
    def _fiscal_items_are_valid(cls, value: str) -> str:
        if value:
            parse_fiscal_items(value)
        return value

    @field_validator("fiscal_tin")
    @classmethod
    def _tin_is_nine_digits(cls, value: str) -> str:
        if value and not (len(value) == 9 and value.isascii() and value.isdigit()):
            raise ValueError("must be the seller's TIN: 9 digits")
        return value

    @field_validator("fiscal_pinfl")
    @classmethod
    def _pinfl_is_fourteen_digits(cls, value: str, info: ValidationInfo) -> str:
        if value and not (len(value) == 14 and value.isascii() and value.isdigit()):
            raise ValueError("must be the seller's PINFL: 14 digits")
        if info.data.get("fiscal_items") and not (value or info.data.get("fiscal_tin")):
            raise ValueError("BOOTH_FISCAL_ITEMS needs the seller: BOOTH_FISCAL_TIN (9 digits) "
                             "or BOOTH_FISCAL_PINFL (14 digits)")
        return value

    @field_validator("payme_subscribe_url", "click_api_url", "webpay_api_url")
    @classmethod
    def _provider_url_is_http(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @property
    def payme_subscribe_endpoint(self) -> str:
        """The Subscribe API's full endpoint (receipts.cancel); the test one in test mode."""
        if self.payme_subscribe_url:
            return self.payme_subscribe_url
        if self.payme_test_mode:
            return "https://checkout.test.paycom.uz/api"
        return "https://checkout.paycom.uz/api"

    @property
    def webpay_operations_enabled(self) -> bool:
        return bool(self.webpay_api_login and self.webpay_api_password
                    and self.webpay_billing_id)

    @property
    def webpay_operations_endpoint(self) -> str:
        """WebPay's operations API (WSBApi); its sandbox in test mode."""
        if self.webpay_api_url:
            return self.webpay_api_url
        if self.webpay_test_mode:
            return "https://sandbox.webpay.by/WSBApi"
        return "https://billing.webpay.by/WSBApi"

    @field_validator("database_url")
    @classmethod
    def _database_url_is_supported(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:// or postgresql+psycopg:// URL")
        return value

    @property
    def payme_enabled(self) -> bool:
        return bool(self.payme_merchant_id and self.payme_key)

    @property
    def click_enabled(self) -> bool:
        return bool(self.click_service_id and self.click_merchant_id and self.click_secret_key)

    @property
    def webpay_enabled(self) -> bool:
        return bool(self.webpay_store_id and self.webpay_secret_key)

    def enabled_providers(self) -> set[str]:
        flags = {
            "payme": self.payme_enabled,
            "click": self.click_enabled,
            "webpay": self.webpay_enabled,
            "sandbox": self.sandbox,
        }
        return {name for name, on in flags.items() if on}

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_bot_token and self.telegram_chat_id)

    @property
    def photos_dir(self) -> Path:
        return Path(self.media_dir) if self.media_dir else default_media_dir(self.database_url)

    @property
    def secure_cookies(self) -> bool:
        """Session cookies carry Secure when the public address is https."""
        return self.public_url.startswith("https://")


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir("photobooth-backend"))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'backend.sqlite3'}"


def default_media_dir(database_url: str) -> Path:
    """Next to the SQLite file; for PostgreSQL in the backend's data directory (a fleet sets
    BOOTH_MEDIA_DIR to a volume every backend process shares)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / "media"
    return Path(platformdirs.user_data_dir("photobooth-backend")) / "media"


SECRET_FIELDS = frozenset({"payme_key", "click_secret_key", "webpay_secret_key",
                           "webpay_api_password", "telegram_bot_token", "alert_webhook_url"})


def redacted(field: str, value: object) -> object:
    """A setting's value as an error message may show it: secrets hidden, and a URL's
    password (BOOTH_DATABASE_URL='postgresql://booth:…@db/booth') masked."""
    if field in SECRET_FIELDS:
        return "(hidden)"
    if isinstance(value, str) and "@" in value:
        scheme, _, rest = value.partition("://")
        credentials, _, place = rest.rpartition("@")
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{place}" if ":" in credentials else value
    return value


def _field_of(name: str) -> str:
    field = name[len(PREFIX) :].lower() if name.upper().startswith(PREFIX) else ""
    if field not in BackendSettings.model_fields:
        raise SettingsError(f"{name}: unknown setting")
    return field


def load_settings(
    config_path: Path | None = None,
    environ: dict[str, str] | None = None,
    database_url: str | None = None,
) -> BackendSettings:
    """File values first, then the environment, then an explicit database URL."""
    env = os.environ if environ is None else environ
    raw: dict[str, object] = {}
    if config_path is not None:
        try:
            document = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{config_path}: cannot read ({exc})") from exc
        for name, value in document.items():
            raw[_field_of(name)] = value
    if env.get("DATABASE_URL"):
        raw["database_url"] = env["DATABASE_URL"]
    for name, value in env.items():
        if name.upper().startswith(PREFIX):
            raw[_field_of(name)] = value
    if database_url:
        raw["database_url"] = database_url
    try:
        settings = BackendSettings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        value = redacted(field, raw.get(field))
        raise SettingsError(
            f"{PREFIX}{field.upper()}={value!r}: {first['msg']}"
        ) from None
    if not settings.database_url:
        settings = settings.model_copy(update={"database_url": default_database_url()})
    return settings
