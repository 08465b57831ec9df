"""The missing fiscal settings are said where an operator and a technician look: the start
banner, `GET /healthz?detail=1`, and the booth's `GET /api/devices/me` (for `kiosk doctor`)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from backend.local_server import start_backend
from tests.backend.refund_helpers import FISCAL_ITEMS, FISCAL_TIN
from tests.backend.test_start_report import banner_of
from tests.harness.dashboard import PASSWORD, new_operator

CLICK_AND_PAYME = {"BOOTH_SANDBOX": "0", "BOOTH_PAYME_MERCHANT_ID": "5f0c0ffee0ddba11",
                   "BOOTH_PAYME_KEY": "fiscal-warning-key", "BOOTH_CLICK_SERVICE_ID": "4242",
                   "BOOTH_CLICK_MERCHANT_ID": "777", "BOOTH_CLICK_SECRET_KEY": "click-secret"}
WARNING = ("no fiscal receipt data is sent to payme and click: set BOOTH_FISCAL_ITEMS and "
           "BOOTH_FISCAL_TIN (or BOOTH_FISCAL_PINFL)")


def test_payme_and_click_without_fiscal_items_are_warned_in_the_banner_detail_and_profile(
        tmp_path: Path) -> None:
    server = start_backend(tmp_path / "unfiscal", extra_env=CLICK_AND_PAYME)
    try:
        profile = httpx.get(f"{server.url}/api/devices/me", timeout=30,
                            headers={"Authorization": f"Bearer {server.token}"}).json()
        name = new_operator(server)
        detail = httpx.get(f"{server.url}/healthz?detail=1", auth=(name, PASSWORD),
                           timeout=30).json()
    finally:
        server.stop()
    assert f"WARN  {WARNING}" in banner_of(server.log_path)
    assert WARNING in detail["warnings"]
    assert profile["fiscal_receipts_missing"] == ["payme", "click"]


def test_with_the_fiscal_items_set_nothing_is_warned(tmp_path: Path) -> None:
    env = {**CLICK_AND_PAYME, "BOOTH_FISCAL_ITEMS": json.dumps(FISCAL_ITEMS),
           "BOOTH_FISCAL_TIN": FISCAL_TIN}
    server = start_backend(tmp_path / "fiscal", extra_env=env)
    try:
        profile = httpx.get(f"{server.url}/api/devices/me", timeout=30,
                            headers={"Authorization": f"Bearer {server.token}"}).json()
    finally:
        server.stop()
    assert not any("fiscal receipt" in line for line in banner_of(server.log_path))
    assert profile["fiscal_receipts_missing"] == []
