"""The doctor on the devices: one frame from the camera; CUPS, the queue, its markers."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from kiosk.app import autostart
from kiosk.app.doctor.findings import Finding, fail, ok, warn
from kiosk.app.doctor.ledger_checks import check_ledger
from kiosk.camera.backend import CameraFault, CameraUnavailable
from kiosk.camera.service import make_backend
from kiosk.core.config import KioskConfig
from kiosk.core.ports import PrinterState
from printing.cups_client import CupsClient, PrintRefused, PrintSystemUnavailable
from printing.delivery_ledger import ledger_uri
from printing.status import status_from_attributes

CAMERA_DEADLINE = 15.0
DS620_MODEL = "gutenprint.5.3://dnp-ds620/expert"


def check_camera(config: KioskConfig) -> Iterator[Finding]:
    camera = config.camera
    result: dict[str, Any] = {}

    def grab() -> None:
        backend = make_backend(camera)
        try:
            backend.setup()
            result["frame"] = backend.frame()
        except (CameraFault, CameraUnavailable, OSError) as exc:
            result["error"] = str(exc) or type(exc).__name__
        finally:
            with contextlib.suppress(CameraFault, OSError):
                backend.teardown()

    # A camera that hangs (a wedged DSLR) must not hang the doctor: it waits at most so long.
    worker = threading.Thread(target=grab, name="doctor-camera", daemon=True)
    worker.start()
    worker.join(CAMERA_DEADLINE)
    name = f"camera ({camera.backend}{' ' + camera.device if camera.device else ''})"
    fix = ("check the cable and power; if the booth is running it holds the camera: "
           f"systemctl --user stop {autostart.UNIT_NAME}, then run the doctor again")
    if worker.is_alive():
        yield fail(f"{name}: no frame within {CAMERA_DEADLINE:.0f} s", fix)
    elif "error" in result:
        yield fail(f"{name}: {result['error']}", fix)
    else:
        height, width = result["frame"].shape[:2]
        yield ok(f"{name}: one {width}x{height} frame")


def _cups_host_option(config: KioskConfig) -> str:
    return f" -h {config.printing.cups_server}" if config.printing.cups_server else ""


def check_printer(config: KioskConfig) -> Iterator[Finding]:
    printing = config.printing
    client = CupsClient(printing.cups_server, printing.queue)
    host = _cups_host_option(config)
    try:
        attributes = client.printer_attributes()
    except PrintSystemUnavailable as exc:
        fix = (f"is cupsd at {printing.cups_server} running? (printing.cups_server)"
               if printing.cups_server else "sudo systemctl enable --now cups")
        yield fail(f"CUPS at {client.where}: {exc}", fix)
        return
    except PrintRefused as exc:
        yield ok(f"CUPS at {client.where} answers")
        yield fail(f"queue {printing.queue!r}: {exc}",
                   f"sudo lpadmin{host} -p {printing.queue} -E -v "
                   f"{ledger_uri('usb://DNP/DS620')} -m {DS620_MODEL} (the device URI after "
                   f"{ledger_uri('')}: sudo lpinfo -v; the ledger installed as the README says)")
        return
    finally:
        client.close()
    yield ok(f"CUPS at {client.where} answers")
    yield from _queue_findings(config, attributes)


def _queue_findings(config: KioskConfig, attributes: dict[str, Any]) -> Iterator[Finding]:
    queue, host = config.printing.queue, _cups_host_option(config)
    status = status_from_attributes(attributes)
    if not attributes.get("printer-is-accepting-jobs", True):
        yield fail(f"queue {queue!r} is not accepting jobs", f"cupsaccept{host} {queue}")
    else:
        yield ok(f"queue {queue!r} exists and accepts jobs")
    yield check_ledger(queue, attributes, host)
    reasons = ", ".join(status.reasons) or "none"
    said = f" ({status.message})" if status.message else ""
    what = f"queue {queue!r}: {status.state}{said}, printer-state-reasons: {reasons}"
    if status.state is PrinterState.stopped:
        yield fail(what, f"fix what the printer says, then cupsenable{host} {queue}")
    elif status.faulted:
        yield fail(what, f"clear the {status.state.replace('_', ' ')} at the printer, "
                         f"then cupsenable{host} {queue}")
    elif status.reasons:
        yield warn(what, "see the printer's panel; lpstat -l -p shows the same")
    else:
        yield ok(what)
    levels = ", ".join(f"{name} {level}%" for name, level in status.marker_levels.items())
    left = status.prints_remaining
    what = "markers: " + (levels or "none reported") + \
        (f"; the printer counts {left} prints left" if left is not None else "")
    if left is not None and left <= config.printing.low_paper_threshold:
        yield warn(what, "load a new roll and ribbon, then set it in the service menu")
    else:
        yield ok(what)
