"""The doctor on the devices: one frame from the camera; CUPS, the queue, its markers."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from kiosk.app import autostart
from kiosk.app.doctor.findings import Finding, fail, ok, warn
from kiosk.app.doctor.ledger_checks import check_ledger
from kiosk.app.doctor.words import say
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
    name = f"{camera.backend}{' ' + camera.device if camera.device else ''}"
    if worker.is_alive():
        yield fail("camera.no_frame", "camera.fix", camera=name, n=int(CAMERA_DEADLINE),
                   unit=autostart.UNIT_NAME)
    elif "error" in result:
        yield fail("camera.error", "camera.fix", camera=name, error=result["error"],
                   unit=autostart.UNIT_NAME)
    else:
        height, width = result["frame"].shape[:2]
        yield ok("camera.ok", camera=name, width=width, height=height)


def _cups_host_option(config: KioskConfig) -> str:
    return f" -h {config.printing.cups_server}" if config.printing.cups_server else ""


def check_printer(config: KioskConfig) -> Iterator[Finding]:
    printing = config.printing
    client = CupsClient(printing.cups_server, printing.queue)
    host = _cups_host_option(config)
    try:
        attributes = client.printer_attributes()
    except PrintSystemUnavailable as exc:
        fix = "cups.down.fix_server" if printing.cups_server else "cups.down.fix"
        yield fail("cups.down", fix, where=client.where, server=printing.cups_server,
                   detail=exc)
        return
    except PrintRefused as exc:
        yield ok("cups.ok", where=client.where)
        yield fail("queue.refused", "queue.refused.fix", queue=printing.queue, detail=exc,
                   host=host, uri=ledger_uri("usb://DNP/DS620"), model=DS620_MODEL,
                   prefix=ledger_uri(""))
        return
    finally:
        client.close()
    yield ok("cups.ok", where=client.where)
    yield from _queue_findings(config, attributes)


def _queue_findings(config: KioskConfig, attributes: dict[str, Any]) -> Iterator[Finding]:
    queue, host = config.printing.queue, _cups_host_option(config)
    status = status_from_attributes(attributes)
    if not attributes.get("printer-is-accepting-jobs", True):
        yield fail("queue.not_accepting", "queue.not_accepting.fix", queue=queue, host=host)
    else:
        yield ok("queue.accepts", queue=queue)
    yield check_ledger(queue, attributes, host)
    state = {"queue": queue, "host": host, "state": say(f"printer.{status.state}"),
             "said": f" ({status.message})" if status.message else "",
             "reasons": ", ".join(status.reasons) or say("queue.no_reasons")}
    if status.state is PrinterState.stopped:
        yield fail("queue.state", "queue.stopped.fix", **state)
    elif status.faulted:
        yield fail("queue.state", "queue.faulted.fix", **state)
    elif status.reasons:
        yield warn("queue.state", "queue.reasons.fix", **state)
    else:
        yield ok("queue.state", **state)
    levels = ", ".join(f"{name} {level}%" for name, level in status.marker_levels.items())
    left = status.prints_remaining
    markers = {"levels": levels or say("markers.none"),
               "left": "" if left is None else say("markers.left", n=left)}
    if left is not None and left <= config.printing.low_paper_threshold:
        yield warn("markers", "markers.low.fix", **markers)
    else:
        yield ok("markers", **markers)
