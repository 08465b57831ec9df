"""`kiosk demo --autopilot`: N scripted sessions on the real window, then the audit.

Exit 0 only if every order the backend says is paid printed exactly once and nothing
unpaid printed (CUPS's job history and the printer's deliveries say so, not the booth).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.app.autopilot.audit import Audit, backend_statuses, cups_jobs, deliveries
from kiosk.app.autopilot.customer import Customer
from kiosk.app.autopilot.phone import PhoneError
from kiosk.app.autopilot.sessions import Kind, SessionRecord, plan
from kiosk.app.autopilot.stage import Stage
from kiosk.app.autopilot.waiting import Stuck
from kiosk.app.logs import setup_logging

log = logging.getLogger("autopilot")

AfterSession = Callable[[Stage, SessionRecord], None]


def audit_stage(stage: Stage, records: list[SessionRecord]) -> Audit:
    late = {record.order_id for record in records
            if record.kind in (Kind.late, Kind.late_while_next_pays) and record.order_id}
    return Audit(backend_statuses(stage.backend.database_url), cups_jobs(stage.cups.connection()),
                 deliveries(stage.printer.directory / "out"), late)


def timing_figures(records: list[SessionRecord]) -> dict[str, dict[str, float]]:
    names = sorted({name for record in records for name in record.timings})
    figures = {}
    for name in names:
        values = [record.timings[name] for record in records if name in record.timings]
        figures[name] = {"median": round(statistics.median(values), 3),
                         "max": round(max(values), 3), "count": len(values)}
    return figures


def summary(records: list[SessionRecord], audit: Audit, error: str | None) -> dict[str, Any]:
    kinds = [record.kind for record in records]
    return {
        "sessions": len(records),
        "paid": len(audit.paid),
        "declined": kinds.count(Kind.declined),
        "abandoned": kinds.count(Kind.abandoned_at_qr) + kinds.count(Kind.abandoned_before_paying),
        "late": len([order for order in audit.late if order in audit.paid]),
        "printed": len([order for order in audit.statuses if audit.times_printed(order)]),
        "jobs": {order: [job_id for job_id, _ in audit.jobs.get(order, [])]
                 for order in audit.statuses},
        "printed_once": len(audit.printed_once),
        "double": audit.double,
        "unpaid_printed": audit.unpaid_printed,
        "lost": audit.lost,
        "ok": audit.ok and error is None,
        "error": error,
        "timings": timing_figures(records),
        "session_details": [record.as_json() for record in records],
    }


def run_sessions(out: Path, sessions: int, *, mix: bool, seed: int | None,
                 after_session: AfterSession | None = None,
                 screens: bool = True) -> dict[str, Any]:
    """Run the sessions on a fresh stage under `out`; the summary, also written there."""
    rng = random.Random(seed)
    stage = Stage(out)
    records: list[SessionRecord] = []
    error: str | None = None
    try:
        stage.start()
        customer = Customer(stage, rng, out / "screens" if screens else None)
        for number, kind in enumerate(plan(sessions, mix, rng), start=1):
            record = customer.session(number, kind)
            records.append(record)
            log.info("session %d (%s) done: order %s", number, kind.value, record.order_id)
            if after_session is not None:
                after_session(stage, record)
        audit = audit_stage(stage, records)
    except (Stuck, PhoneError, RuntimeError, OSError) as exc:
        log.exception("the autopilot stopped")
        error = f"{type(exc).__name__}: {exc}"
        audit = audit_stage(stage, records) if hasattr(stage, "cups") else Audit({}, {}, {})
    finally:
        stage.stop()
    result = summary(records, audit, error)
    (out / "summary.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


def outcome_line(result: dict[str, Any], out: Path) -> str:
    return (f"autopilot: {result['sessions']} sessions, {result['paid']} paid "
            f"({result['late']} late), {result['declined']} declined, {result['abandoned']} "
            f"abandoned, {result['printed_once']} printed once, {len(result['double'])} double, "
            f"{len(result['unpaid_printed'])} unpaid printed, {len(result['lost'])} lost "
            f"-> {out / 'summary.json'}")


def run_autopilot(args: argparse.Namespace) -> int:
    """`kiosk demo --autopilot --sessions N --out DIR [--mix] [--seed S] [--faults]`."""
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    setup_logging(directory=out / "log")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.faults:
        from kiosk.app.autopilot.fault_tour import run_fault_tour

        return run_fault_tour(out, args.outage)
    result = run_sessions(out, args.sessions, mix=args.mix, seed=args.seed)
    print(outcome_line(result, out))
    if result["error"]:
        print(f"autopilot: stopped early: {result['error']}")
    return 0 if result["ok"] else 1
