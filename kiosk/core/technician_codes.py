"""The short codes a technician reads off an out-of-service screen (listed in the README)."""

from __future__ import annotations

from kiosk.core.ports import PrinterState

PRINTER = {PrinterState.paper_out: "E-PAPER", PrinterState.ribbon_out: "E-RIBBON",
           PrinterState.jam: "E-JAM", PrinterState.door_open: "E-DOOR",
           PrinterState.offline: "E-OFFLINE", PrinterState.stopped: "E-STOPPED",
           PrinterState.unavailable: "E-CUPS"}
CAMERA = "E-CAMERA"
AUTH = "E-AUTH"  # the backend refused this booth's device token
PROVIDERS = "E-PROVIDER"  # the backend takes none of this booth's payment providers
TECHNICIAN = "E-SERVICE"  # the technician took the booth out of service
PRINT_FAILED = "E-PRINT"
PRINT_STUCK = "E-PRINT-WAIT"  # the printing screen saw no progress for flow.printing_timeout
STORAGE = "E-STORAGE"  # a worker cannot save: the disk is full (kiosk.core.storage_health)
LOW_DISK = "E-DISK"  # less free space than one session needs: no session starts
ERROR = "E-ERROR"


def for_printer(state: PrinterState) -> str:
    return PRINTER.get(state, "E-PRINTER")
