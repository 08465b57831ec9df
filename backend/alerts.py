"""Alerts: what an operator must hear about, opened and resolved once per condition.

Every minute (alert_runner.py) the backend compares the conditions that hold now with
the open alerts: a new condition opens an alert, a vanished one resolves it, and each
of those writes one notice per channel (alert_delivery.py sends it). An alert that
stays open writes nothing more, so nothing repeats. With several backend processes one
evaluation runs at a time (a PostgreSQL advisory lock; SQLite writers are serialised),
and a unique index allows one open alert per key besides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlmodel import Session

from backend.admin.i18n import Words
from backend.alert_words import alert_text
from backend.database import Database
from backend.fleet_models import Alert, AlertNotice
from backend.heartbeats import fleet_booths, printer_words
from backend.models import Device, DeviceEvent, Order
from backend.settings import BackendSettings
from backend.turned_away import TURNED_AWAY_WINDOW_MS, turned_away
from contract.money_words import format_minor
from contract.payment_status import PaymentStatus

MINUTE_MS = 60 * 1000
OFFLINE_AFTER_MS = 5 * MINUTE_MS
UNDELIVERED_AFTER_MS = 10 * MINUTE_MS
OUTBOX_LAG_S = 15 * 60
# The booth's event for a locked service PIN pad (kiosk/core/service_pin.py).
PIN_LOCKOUT_EVENT = "service.pin_lockout"
MAX_PIN_LOCK_MS = 24 * 60 * MINUTE_MS
# pg_try_advisory_xact_lock key: "alerts" in ASCII.
ALERT_LOCK_KEY = 0x616C65727473
# The booth's code for a worker that cannot save (kiosk/core/technician_codes.py).
STORAGE_FAULT_CODE = "E-STORAGE"
PRINTER_ALERT_STATES = ("paper_out", "ribbon_out", "stopped", "jam", "door_open", "offline",
                        "unavailable")


@dataclass(frozen=True)
class Condition:
    key: str
    booth: str
    kind: str
    message: str


def local_time(ms: int, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def booth_conditions(session: Session, now_ms: int, zone: ZoneInfo,
                     language: str) -> list[Condition]:
    found = []
    for booth in fleet_booths(session):
        if booth.seen_at is None:
            continue  # enrolled but never switched on: nothing to watch yet
        name = booth.name
        if now_ms - booth.seen_at >= OFFLINE_AFTER_MS:
            found.append(Condition(f"offline:{name}", name, "offline", alert_text(
                "offline", language, booth=name, time=local_time(booth.seen_at, zone))))
        state = str(booth.printer.get("state", ""))
        if state in PRINTER_ALERT_STATES:
            said = str(booth.printer.get("message") or "")
            found.append(Condition(f"printer:{name}:{state}", name, "printer", alert_text(
                "printer", language, booth=name, state=Words(language)(printer_words(state)),
                said=f" ({said})" if said else "")))
        if booth.low_paper:
            found.append(Condition(f"paper-low:{name}", name, "paper-low", alert_text(
                "paper-low", language, booth=name, n=booth.prints_left,
                threshold=booth.low_paper_threshold)))
        health = booth.status.get("health") or {}
        fault = health.get("backend") or {}
        if isinstance(fault, dict) and fault.get("code") == "E-PROVIDER":
            found.append(Condition(f"no-provider:{name}", name, "no-provider", alert_text(
                "no-provider", language, booth=name, said=booth_words(fault.get("message")))))
        storage = health.get("storage") or {}
        if isinstance(storage, dict) and storage.get("code") == STORAGE_FAULT_CODE:
            found.append(Condition(f"storage:{name}", name, "storage", alert_text(
                "storage", language, booth=name, code=STORAGE_FAULT_CODE,
                said=booth_words(storage.get("message")))))
        lag = booth.outbox_lag_s
        if lag is not None and lag > OUTBOX_LAG_S:
            found.append(Condition(f"outbox:{name}", name, "outbox", alert_text(
                "outbox", language, booth=name, minutes=int(lag // 60))))
    return found


def undelivered_conditions(session: Session, now_ms: int, language: str) -> list[Condition]:
    paid_before = datetime.fromtimestamp((now_ms - UNDELIVERED_AFTER_MS) / 1000, tz=UTC)
    rows = session.execute(
        select(Order, Device.name)
        .join(Device, Device.id == Order.device_id)
        .where(
            Order.payment_status == PaymentStatus.paid,
            Order.delivered_at.is_(None),
            Order.payment_paid_at <= paid_before,
        )
    ).all()
    return [
        Condition(f"undelivered:{order.order_id}", booth, "undelivered", alert_text(
            "undelivered", language, booth=booth, order=order.order_id,
            amount=format_minor(order.amount_minor, order.currency, language),
            method=order.payment_method))
        for order, booth in rows
    ]


def pin_lockout_conditions(session: Session, now_ms: int, language: str) -> list[Condition]:
    """A booth's service PIN pad locked after wrong PINs: someone may be guessing. Each
    lockout is one alert, open while the pad stays locked (as the booth reported it)."""
    rows = session.execute(
        select(DeviceEvent, Device.name)
        .join(Device, Device.id == DeviceEvent.device_id)
        .where(DeviceEvent.kind == PIN_LOCKOUT_EVENT,
               DeviceEvent.received_at >= now_ms - MAX_PIN_LOCK_MS)
    ).all()
    found = []
    for event, booth in rows:
        seconds = (event.data or {}).get("lock_seconds")
        lock_ms = int(seconds * 1000) if isinstance(seconds, int | float) else 5 * MINUTE_MS
        if now_ms < event.received_at + min(lock_ms, MAX_PIN_LOCK_MS):
            found.append(Condition(
                f"pin-lockout:{booth}:{event.key}", booth, "pin-lockout",
                alert_text("pin-lockout", language, booth=booth, reason=event.reason)))
    return found
def booth_words(text: object, limit: int = 300) -> str:
    """What a booth said, bounded: it goes into a chat message as it is."""
    said = " ".join(str(text or "").split())
    return said if len(said) <= limit else said[:limit - 1] + "…"


def turned_away_conditions(session: Session, now_ms: int, language: str) -> list[Condition]:
    minutes = TURNED_AWAY_WINDOW_MS // MINUTE_MS
    return [Condition(f"turned-away:{name}", name, "turned-away", alert_text(
                "turned-away", language, booth=name, n=count, minutes=minutes,
                reason=booth_words(reason)))
            for name, (count, reason) in turned_away(session, now_ms).items()]


def channels(settings: BackendSettings) -> list[str]:
    return [name for name, on in (("telegram", settings.telegram_enabled),
                                  ("webhook", bool(settings.alert_webhook_url))) if on]


@dataclass(frozen=True)
class Evaluation:
    opened: list[str]
    resolved: list[str]


def _announce(session: Session, alert: Alert, event: str, message: str, now_ms: int,
              settings: BackendSettings) -> None:
    assert alert.id is not None
    for channel in channels(settings):
        session.add(AlertNotice(alert_id=alert.id, event=event, channel=channel,
                                text=message, created_at=now_ms))


def evaluate_alerts(db: Database, settings: BackendSettings, now_ms: int) -> Evaluation | None:
    """Opens and resolves alerts; None when another process is evaluating right now."""
    zone, language = ZoneInfo(settings.timezone), settings.alert_language
    with db.write() as session:
        if not db.is_sqlite:
            got = session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"),
                                  {"key": ALERT_LOCK_KEY}).scalar()
            if not got:
                return None
        now_holding = {c.key: c for c in booth_conditions(session, now_ms, zone, language)
                       + undelivered_conditions(session, now_ms, language)
                       + pin_lockout_conditions(session, now_ms, language)
                       + turned_away_conditions(session, now_ms, language)}
        open_alerts = {a.key: a for a in session.scalars(
            select(Alert).where(Alert.resolved_at.is_(None)))}
        opened = [key for key in now_holding if key not in open_alerts]
        resolved = [key for key in open_alerts if key not in now_holding]
        for key in opened:
            condition = now_holding[key]
            alert = Alert(key=key, booth=condition.booth, kind=condition.kind,
                          message=condition.message, opened_at=now_ms)
            session.add(alert)
            session.flush()
            _announce(session, alert, "opened", f"🔴 {condition.message}", now_ms, settings)
        for key in resolved:
            alert = open_alerts[key]
            alert.resolved_at = now_ms
            session.add(alert)
            minutes = max(1, round((now_ms - alert.opened_at) / MINUTE_MS))
            _announce(session, alert, "resolved", alert_text(
                "resolved", language, minutes=minutes, message=alert.message), now_ms, settings)
    return Evaluation(opened, resolved)


def open_alerts(db: Database) -> list[Alert]:
    with db.read() as session:
        return list(session.scalars(
            select(Alert).where(Alert.resolved_at.is_(None)).order_by(Alert.opened_at.desc())))


def recent_alerts(db: Database, booth: str, limit: int = 20) -> list[Alert]:
    with db.read() as session:
        return list(session.scalars(
            select(Alert).where(Alert.booth == booth).order_by(Alert.id.desc()).limit(limit)))
