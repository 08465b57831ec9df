"""Where the delivery ledger (the CUPS backend printing/backends/boothledger) is and how a
booth's queue is put behind it: the install guide, `kiosk doctor` and the private cupsd."""

from __future__ import annotations

from pathlib import Path

LEDGER_BACKEND = Path(__file__).with_name("backends") / "boothledger"
LEDGER_SCHEME = "boothledger"
# Where CUPS looks for backends, and where the backend keeps its records by default.
CUPS_BACKEND_DIR = Path("/usr/lib/cups/backend")
LEDGER_DIR = Path("/var/lib/boothledger")


def ledger_uri(device_uri: str) -> str:
    """The device URI of a queue that prints `device_uri` through the delivery ledger."""
    return f"{LEDGER_SCHEME}:/{device_uri}"


def is_behind_ledger(device_uri: str) -> bool:
    return device_uri.startswith(f"{LEDGER_SCHEME}:/")


def install_commands(queue: str, device_uri: str, host_option: str = "") -> str:
    """The shell lines that install the ledger (root's, mode 0700, as CUPS requires of a
    backend that runs as root) and put `queue` (now on `device_uri`) behind it."""
    return (f"sudo install -o root -g root -m 0700 {LEDGER_BACKEND} "
            f"{CUPS_BACKEND_DIR / LEDGER_SCHEME} && "
            f"sudo install -d -o root -g root -m 0700 {LEDGER_DIR} && "
            f"sudo lpadmin{host_option} -p {queue} -v '{ledger_uri(device_uri)}'")
