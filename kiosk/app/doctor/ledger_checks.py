"""The doctor on the delivery ledger: a booth queue must print through it, or a print server
crash after the printer took a job can print a paid order twice."""

from __future__ import annotations

from typing import Any

from kiosk.app.doctor.findings import Finding, fail, ok
from printing.delivery_ledger import LEDGER_SCHEME, install_commands, is_behind_ledger


def check_ledger(queue: str, attributes: dict[str, Any], host_option: str) -> Finding:
    device_uri = str(attributes.get("device-uri") or "")
    if is_behind_ledger(device_uri):
        return ok("ledger.ok", queue=queue, uri=device_uri)
    return fail("ledger.missing", "ledger.missing.fix", queue=queue, uri=device_uri or "?",
                commands=install_commands(queue, device_uri or "DEVICE-URI", host_option),
                scheme=LEDGER_SCHEME)
