"""`kiosk doctor`: what a technician at a dark booth runs first.

Each check prints one line, `OK | WARN | FAIL  what  → the exact fix`, in the booth's
language (ui.default_language; `--lang uz|ru|en` to choose; sentences in sentences.py).
Exit 0 when all are OK, 1 when some WARN, 2 when some FAIL. A check that cannot run is a
FAIL with its reason, never a traceback. It reads the booth's store read-only and never
changes it, so it can run beside a running booth (except that a running booth holds a
webcam or DSLR). The checks live by what they look at: this machine, the devices, the
store, the backend, the autostart.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kiosk.app.doctor.autostart_checks import check_autostart
from kiosk.app.doctor.backend_checks import check_backend
from kiosk.app.doctor.device_checks import check_camera, check_printer
from kiosk.app.doctor.findings import Finding, Level, fail
from kiosk.app.doctor.fit_checks import (
    check_camera_kind,
    check_fiscal_receipts,
    check_media_fit,
    check_payment_fit,
)
from kiosk.app.doctor.machine_checks import check_config, check_data_dir, check_display
from kiosk.app.doctor.store_checks import check_store
from kiosk.core.config import ConfigError, UiSection, load_config


def run_checks(config_path: Path | None, environ: dict[str, str]) -> list[Finding]:
    config, findings = check_config(config_path)
    checks: list[tuple[str, Callable[[], Iterator[Finding]]]] = [
        ("display", lambda: check_display(environ))]
    if config is not None:
        checks += [("data dir", lambda: check_data_dir(config)),
                   ("camera", lambda: check_camera(config)),
                   ("printer", lambda: check_printer(config)),
                   ("store", lambda: check_store(config, time.time())),
                   ("backend", lambda: check_backend(config)),
                   ("payment", lambda: check_payment_fit(config)),
                   ("fiscal receipts", lambda: check_fiscal_receipts(config)),
                   ("paper", lambda: check_media_fit(config)),
                   ("camera kind", lambda: check_camera_kind(config))]
    else:
        findings.append(fail("not_checked", "not_checked.fix"))
    checks.append(("autostart", lambda: check_autostart(environ)))
    for name, check in checks:
        try:
            findings.extend(check())
        except Exception as exc:  # a doctor that crashes helps nobody: say what broke
            findings.append(fail("check_crashed", "check_crashed.fix", name=name,
                                 detail=f"{type(exc).__name__}: {exc}"))
    return findings


def reader_language(chosen: str | None, config_path: Path | None) -> str:
    """`--lang`, else the booth's ui.default_language, else (no readable config) Uzbek,
    the config's own default."""
    if chosen:
        return chosen
    try:
        return load_config(config_path, required=config_path is not None).ui.default_language
    except ConfigError:
        return UiSection().default_language


def doctor_command(args: argparse.Namespace) -> int:
    language = reader_language(args.lang, args.config)
    findings = run_checks(args.config, dict(os.environ))
    code = max((finding.level for finding in findings), default=Level.ok)
    if args.json:
        print(json.dumps({"checks": [f.as_json(language) for f in findings],
                          "exit_code": int(code), "language": language},
                         indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            print(finding.line(language))
    return int(code)
