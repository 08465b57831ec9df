"""Sending alert notices: Telegram's sendMessage and/or a generic JSON webhook.

A notice is claimed in a short transaction (SKIP LOCKED on PostgreSQL, so two backend
processes never take the same one), sent outside any transaction, then marked sent; a
failed send is released and tried again on the next round. A process that dies between
claiming and sending leaves a claim that another takes over after CLAIM_LEASE_MS.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from sqlalchemy import or_, select

from backend.database import Database
from backend.fleet_models import Alert, AlertNotice
from backend.settings import BackendSettings

log = logging.getLogger(__name__)

CLAIM_LEASE_MS = 60 * 60 * 1000
BATCH = 50
SEND_TIMEOUT_S = 10.0


class SendFailed(Exception):
    pass


@dataclass(frozen=True)
class Outgoing:
    notice_id: int
    channel: str
    event: str
    text: str
    alert: dict[str, Any]


Sender = Callable[[Outgoing], None]


def _check(response: requests.Response, what: str) -> None:
    if response.status_code >= 300:
        raise SendFailed(f"{what} answered {response.status_code}: {response.text[:200]}")


def telegram_sender(settings: BackendSettings) -> Sender:
    # The URL holds the bot token: it is never logged.
    url = f"{settings.telegram_api_url}/bot{settings.telegram_bot_token}/sendMessage"

    def send(outgoing: Outgoing) -> None:
        body = {"chat_id": settings.telegram_chat_id, "text": outgoing.text,
                "disable_web_page_preview": True}
        try:
            response = requests.post(url, json=body, timeout=SEND_TIMEOUT_S)
        except requests.RequestException as exc:
            raise SendFailed(f"Telegram unreachable: {type(exc).__name__}") from None
        _check(response, "Telegram")
        try:
            ok = response.json().get("ok") is True
        except ValueError:
            ok = False
        if not ok:
            raise SendFailed(f"Telegram refused the message: {response.text[:200]}")

    return send


def webhook_sender(settings: BackendSettings) -> Sender:
    def send(outgoing: Outgoing) -> None:
        body = {"event": outgoing.event, "text": outgoing.text, "alert": outgoing.alert}
        try:
            response = requests.post(settings.alert_webhook_url, json=body,
                                     timeout=SEND_TIMEOUT_S)
        except requests.RequestException as exc:
            raise SendFailed(f"webhook unreachable: {type(exc).__name__}") from None
        _check(response, "webhook")

    return send


def senders(settings: BackendSettings) -> dict[str, Sender]:
    found: dict[str, Sender] = {}
    if settings.telegram_enabled:
        found["telegram"] = telegram_sender(settings)
    if settings.alert_webhook_url:
        found["webhook"] = webhook_sender(settings)
    return found


def _claim(db: Database, channels: list[str], now_ms: int) -> list[Outgoing]:
    with db.write() as session:
        rows = session.execute(
            select(AlertNotice, Alert)
            .join(Alert, Alert.id == AlertNotice.alert_id)
            .where(
                AlertNotice.sent_at.is_(None),
                AlertNotice.channel.in_(channels),
                or_(AlertNotice.claimed_at.is_(None),
                    AlertNotice.claimed_at < now_ms - CLAIM_LEASE_MS),
            )
            .order_by(AlertNotice.id)
            .limit(BATCH)
            .with_for_update(of=AlertNotice, skip_locked=True)
        ).all()
        claimed = []
        for notice, alert in rows:
            notice.claimed_at = now_ms
            session.add(notice)
            assert notice.id is not None
            claimed.append(Outgoing(notice.id, notice.channel, notice.event, notice.text, {
                "key": alert.key, "booth": alert.booth, "kind": alert.kind,
                "message": alert.message, "opened_at": alert.opened_at,
                "resolved_at": alert.resolved_at,
            }))
        return claimed


def _settle(db: Database, notice_id: int, now_ms: int, error: str | None) -> None:
    with db.write() as session:
        notice = session.get_one(AlertNotice, notice_id)
        if error is None:
            notice.sent_at = now_ms
        else:
            notice.claimed_at, notice.last_error = None, error
            notice.attempts += 1
        session.add(notice)


def deliver_notices(db: Database, settings: BackendSettings, now: Callable[[], int]) -> int:
    """Sends what is due on the configured channels; how many were sent."""
    by_channel = senders(settings)
    if not by_channel:
        return 0
    sent = 0
    for outgoing in _claim(db, list(by_channel), now()):
        try:
            by_channel[outgoing.channel](outgoing)
        except SendFailed as exc:
            log.warning("alert notice %d (%s): %s; retried next round", outgoing.notice_id,
                        outgoing.channel, exc)
            _settle(db, outgoing.notice_id, now(), str(exc))
            continue
        _settle(db, outgoing.notice_id, now(), None)
        sent += 1
    return sent
