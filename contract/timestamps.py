"""Moments the booth reports (event `at`, a service's `since`): seconds since the epoch, within
a window any real clock is in. Milliseconds (a common slip) and absurd values are refused."""

from __future__ import annotations

EARLIEST_S = 1_577_836_800.0  # 2020-01-01 UTC: before this product existed
LATEST_S = 4_102_444_800.0  # 2100-01-01 UTC
TIMESTAMP_RULE = "seconds since the epoch, between 2020-01-01 and 2100-01-01"
