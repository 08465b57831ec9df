"""What the printer is doing, from the CUPS printer attributes, as one value.

Pure functions only: the service polls CUPS and hands the attributes here.
Dye-sub drivers (Gutenprint) mostly report a fault as a stopped queue plus a
message, so a stopped queue is a fault even when no reason names the cause.
"""

from __future__ import annotations

import re
from typing import Any

from kiosk.core.ports import PrinterState, PrinterStatus

# IPP printer-state values (RFC 8011 5.4.11).
IPP_PRINTER_IDLE = 3
IPP_PRINTER_PROCESSING = 4
IPP_PRINTER_STOPPED = 5

REQUESTED_ATTRIBUTES = [
    "printer-state", "printer-state-reasons", "printer-state-message",
    "printer-is-accepting-jobs", "marker-levels", "marker-names", "marker-message",
    "device-uri",
]

# Reason keywords (without severity suffix) → what the booth shows; first match wins.
REASON_STATES: list[tuple[tuple[str, ...], PrinterState]] = [
    (("media-empty", "media-needed", "input-tray-missing", "input-media-empty"),
     PrinterState.paper_out),
    (("marker-supply-empty", "toner-empty", "marker-supply-missing", "ribbon-empty"),
     PrinterState.ribbon_out),
    (("media-jam", "output-area-full"), PrinterState.jam),
    (("door-open", "cover-open", "interlock-open"), PrinterState.door_open),
    (("offline", "connecting-to-device", "shutdown", "timed-out"), PrinterState.offline),
]
# A bare stopped queue: the printer's message is all there is; these words name the cause.
MESSAGE_STATES: list[tuple[re.Pattern[str], PrinterState]] = [
    (re.compile(r"ribbon", re.I), PrinterState.ribbon_out),
    (re.compile(r"\b(paper|media)\b.*\b(out|empty|end|finished)\b|\bout of (paper|media)\b",
                re.I), PrinterState.paper_out),
    (re.compile(r"\bjam", re.I), PrinterState.jam),
    (re.compile(r"\b(door|cover)\b.*\bopen", re.I), PrinterState.door_open),
]
SEVERITIES = ("-report", "-warning", "-error")
# Reasons that are a fault whatever the suffix: the queue cannot deliver a print.
ALWAYS_FAULT = frozenset({"offline", "connecting-to-device", "shutdown", "timed-out"})
IGNORED_REASONS = frozenset({"none", "paused", "moving-to-paused"})
PRINTS_REMAINING = re.compile(r"(\d+)\s+(?:native\s+)?prints?\s+remaining", re.I)


def unavailable(why: str) -> PrinterStatus:
    return PrinterStatus(PrinterState.unavailable, message=why)


def split_reason(reason: str) -> tuple[str, str]:
    """("media-empty", "error") from "media-empty-error"; no suffix means error (RFC 8011)."""
    for suffix in SEVERITIES:
        if reason.endswith(suffix):
            return reason[: -len(suffix)], suffix[1:]
    return reason, "error"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _reason_state(keyword: str) -> PrinterState | None:
    for keywords, state in REASON_STATES:
        if keyword in keywords:
            return state
    return None


def _message_state(message: str) -> PrinterState:
    for pattern, state in MESSAGE_STATES:
        if pattern.search(message):
            return state
    return PrinterState.stopped


def prints_remaining(marker_message: str) -> int | None:
    """Prints left on the media as the driver counts them (Gutenprint's marker-message)."""
    match = PRINTS_REMAINING.search(marker_message)
    return int(match.group(1)) if match else None


def marker_levels(attributes: dict[str, Any]) -> dict[str, int]:
    names = [str(n) for n in _as_list(attributes.get("marker-names"))]
    levels = [int(v) for v in _as_list(attributes.get("marker-levels"))]
    if len(names) != len(levels):
        names = [f"marker-{index + 1}" for index in range(len(levels))]
    return dict(zip(names, levels, strict=True))


def status_from_attributes(attributes: dict[str, Any],
                           cleared: frozenset[str] = frozenset()) -> PrinterStatus:
    """Map a CUPS getPrinterAttributes() answer to the one status the booth acts on.

    `cleared`: reasons a technician resumed past; a backend only withdraws its
    reasons on its next job, so they would otherwise keep an idle booth out of service.
    """
    reasons = [str(r) for r in _as_list(attributes.get("printer-state-reasons"))
               if str(r) not in IGNORED_REASONS]
    message = str(attributes.get("printer-state-message") or "").strip()
    printer_state = int(attributes.get("printer-state", IPP_PRINTER_STOPPED))
    accepting = bool(attributes.get("printer-is-accepting-jobs", True))
    marker_message = str(attributes.get("marker-message") or "").strip()
    extras = {"marker_levels": marker_levels(attributes), "marker_message": marker_message,
              "prints_remaining": prints_remaining(marker_message)}

    fault: PrinterState | None = None
    if printer_state == IPP_PRINTER_STOPPED:
        cleared = frozenset()
    for reason in reasons:
        if reason in cleared:
            continue
        keyword, severity = split_reason(reason)
        state = _reason_state(keyword)
        if state and (severity == "error" or keyword in ALWAYS_FAULT):
            fault = state
            break
    if fault is None and (printer_state == IPP_PRINTER_STOPPED or not accepting):
        fault = _message_state(message)
    if fault is not None:
        return PrinterStatus(fault, message, reasons, **extras)
    if printer_state == IPP_PRINTER_PROCESSING:
        return PrinterStatus(PrinterState.printing, message, reasons, **extras)
    return PrinterStatus(PrinterState.ready, message, reasons, **extras)
