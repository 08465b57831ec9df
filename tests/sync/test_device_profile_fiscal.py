"""devices/me's `fiscal_receipts_missing` as the booth reads it: an older backend that does
not send it means none missing, not a refused answer."""

from __future__ import annotations

from sync.api_client import DeviceProfile


def test_an_older_backends_profile_without_fiscal_receipts_missing_reads_as_none() -> None:
    profile = DeviceProfile.parse({"device_id": 7, "name": "hall-2", "providers": ["payme"]})
    assert profile.fiscal_receipts_missing == ()


def test_the_providers_without_fiscal_data_are_read_in_the_backends_order() -> None:
    profile = DeviceProfile.parse({"device_id": 7, "name": "hall-2",
                                   "providers": ["click", "payme"],
                                   "fiscal_receipts_missing": ["payme", "click"]})
    assert profile.fiscal_receipts_missing == ("payme", "click")
