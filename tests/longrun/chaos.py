"""`make chaos RUNS=N`: the booth killed with SIGKILL at random moments of paid sessions,
restarted each time; then what was paid is counted against what was printed.

The backend, a private cupsd (the DS620 queue on the printer's fault-injecting twin, behind
the delivery ledger), the phone and the booth each run as their own process. Each round
kills the booth at a phase drawn from PHASES (the booth and the phone say on stdout when
they reach one); every fifth round the backend is also killed and restarted mid-session;
another fifth cupsd is killed at any moment of a job: a random delay after the booth sent
it, alone or with its jobs' processes, or alone the moment the printer has taken all of it
(killed with them then, the job would die inside the window the ledger leaves); and
another fifth ends in a power cut: cupsd with its jobs' processes, the booth and the
backend SIGKILLed at the same moment, then all started again.
At the end the booth finishes what is owed and the audit reads the backend's orders, CUPS's
job history and the printer's deliveries — not the booth's store — and PRAGMA
integrity_check on both databases. Prints
`chaos: R kills, P paid, X printed once, D double, U unpaid printed, L lost; cupsd killed K
times, C power cuts`; exit 1 on any D, U or L (or a damaged database). `--no-ledger` puts
the queue straight on the printer, to measure what CUPS does without the ledger.

    python -m tests.longrun.chaos --runs N [--dir DIR] [--seed S] [--no-ledger]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import queue
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO

import psutil

from backend.local_server import BackendServer, start_backend
from kiosk.app.autopilot.audit import (
    JOB_COMPLETED,
    Audit,
    backend_statuses,
    cups_jobs,
    deliveries,
)
from kiosk.app.autopilot.stage import QUEUE, start_printer
from kiosk.app.config_file import write_config
from printing.private_cupsd import PrivateCups
from tests.harness.print_server_crash import crash_print_server, job_processes

PHASES = ("capture", "qr", "paying", "paid", "submitting", "printing", "done")
# When cupsd dies after the booth sent the job: a random delay up to this, or (half of its
# kills alone) the moment the printer has taken the whole job.
CUPSD_KILL_SPREAD_S = 3.0
DELIVERY_WAIT_S = 10.0  # a job the printer had taken before the watch began: no wait
POWER_CUT_SPREAD_S = 1.0
PHASE_DEADLINE_S = 90.0
SETTLE_DEADLINE_S = 180.0
STOP_DEADLINE_S = 30.0


class Lines:
    """Every stdout line of the booth and the phone, in arrival order, tagged by source."""

    def __init__(self) -> None:
        self.queue: queue.Queue[tuple[str, str]] = queue.Queue()

    def follow(self, source: str, stream: IO[str], log: Path) -> None:
        def pump() -> None:
            with log.open("a") as copy:
                for line in stream:
                    copy.write(line)
                    copy.flush()
                    self.queue.put((source, line.strip()))

        threading.Thread(target=pump, name=f"lines-{source}", daemon=True).start()

    def clear(self) -> None:
        while not self.queue.empty():
            self.queue.get_nowait()

    def wait_for(self, wanted: Callable[[str, str], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                source, line = self.queue.get(timeout=left)
            except queue.Empty:
                return False
            if wanted(source, line):
                return True
        return False


def is_phase(phase: str) -> Callable[[str, str], bool]:
    if phase == "paying":
        return lambda source, line: source == "phone" and line.startswith("PAYING ")
    return lambda source, line: source == "booth" and line == f"PHASE {phase}"


def window_figures(ledger: Path) -> str:
    """What the ledger kept with each record: how long after the device backend's exit the
    delivery was durable (the window in which a crash can still print a job twice)."""
    windows = sorted(float(json.loads(path.read_text())["window_ms"])
                     for path in ledger.glob("*.delivered")
                     if "window_ms" in path.read_text())
    if not windows:
        return "no ledger records"
    return (f"ledger window over {len(windows)} deliveries: median "
            f"{statistics.median(windows):.2f} ms, max {windows[-1]:.2f} ms")


class Chaos:
    def __init__(self, root: Path, seed: int, *, ledger: bool = True):
        self.root = root
        self.ledger = ledger
        self.rng = random.Random(seed)
        self.seed = seed
        self.lines = Lines()
        self.inbox = root / "phone-inbox"
        self.stop_file = root / "stop-customers"
        self.kills: Counter[str] = Counter()
        self.missed: Counter[str] = Counter()
        self.booth: subprocess.Popen[str] | None = None

    def start(self) -> None:
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.backend: BackendServer = start_backend(self.root / "backend", device="chaos-booth")
        self.cups: PrivateCups
        self.cups, self.printer = start_printer(self.root, ledger=self.ledger)
        self.config = write_config(self.root / "kiosk.toml", {
            "backend": {"url": self.backend.url, "device_token": self.backend.token,
                        "longpoll_wait": 10},
            "printing": {"queue": QUEUE, "cups_server": self.cups.server, "poll_seconds": 0.5},
            "storage": {"data_dir": str(self.root / "kiosk")},
            "logs": {"directory": str(self.root / "log")},
            "flow": {"shots": 1, "countdown_seconds": 1, "checking_timeout": 10,
                     "done_seconds": 2},
            "ui": {"fullscreen": False},
            "payment": {"providers": ["sandbox"], "default_provider": "sandbox"},
        })
        self.phone = self._spawn("phone", "tests.longrun.phone_process", str(self.inbox),
                                 str(self.seed))

    def _spawn(self, source: str, module: str, *args: str) -> subprocess.Popen[str]:
        process = subprocess.Popen([sys.executable, "-m", module, *args], text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        assert process.stdout is not None
        self.lines.follow(source, process.stdout, self.root / f"{source}.out")
        return process

    def start_booth(self) -> None:
        self.lines.clear()
        self.booth = self._spawn("booth", "tests.longrun.chaos_booth", str(self.config),
                                 str(self.inbox), str(self.stop_file),
                                 str(self.rng.randrange(1 << 30)))

    def kill_booth(self) -> None:
        assert self.booth is not None
        self.booth.send_signal(signal.SIGKILL)
        self.booth.wait(STOP_DEADLINE_S)
        self.kills["booth"] += 1

    def at_phase(self, phase: str) -> bool:
        if self.lines.wait_for(is_phase(phase), PHASE_DEADLINE_S):
            return True
        self.missed[phase] += 1
        return False

    def round(self, number: int) -> None:
        """One booth life: started, maybe the backend or cupsd killed on the way, killed (or
        the power cut)."""
        self.start_booth()
        if number % 5 == 1 and self.at_phase("qr"):
            self.backend.kill()
            self.kills["backend"] += 1
            self.backend.start()
        elif number % 5 == 3 and self.at_phase("printing"):
            self.kill_cupsd_during_the_job(alone=number % 10 == 3)
        elif number % 5 == 4:
            self.at_phase(self.rng.choice(PHASES))
            time.sleep(self.rng.uniform(0, POWER_CUT_SPREAD_S))  # any moment of that phase
            self.power_cut()
            return
        self.at_phase(self.rng.choice(PHASES))
        self.kill_booth()

    def kill_cupsd_during_the_job(self, *, alone: bool) -> None:
        """cupsd SIGKILLed at a random moment after the booth sent the job, alone (its backend
        left to finish as an orphan) or with its jobs' processes; or, alone, the moment the
        printer has taken all of the job, before cupsd can book it done. Started again."""
        out = self.printer.directory / "out"
        if alone and self.rng.random() < 0.5:
            before = set(out.iterdir())
            deadline = time.monotonic() + DELIVERY_WAIT_S
            while time.monotonic() < deadline and not [
                    p for p in set(out.iterdir()) - before if p.suffix == ".prn"]:
                time.sleep(0.001)  # polling the printer's output: the kill must follow it
        else:
            time.sleep(self.rng.uniform(0, CUPSD_KILL_SPREAD_S))
        crash_print_server(self.cups, with_jobs=not alone)
        self.kills["cupsd"] += 1
        self.cups.start()

    def power_cut(self) -> None:
        """cupsd with its jobs' processes, the booth and the backend SIGKILLed at once (all
        frozen first, so none outlives another), then the backend and cupsd started again;
        the booth starts with the next round."""
        assert self.booth is not None and self.backend.process is not None
        assert self.cups.process is not None
        machine = [psutil.Process(p.pid) for p in
                   (self.cups.process, self.booth, self.backend.process)]
        for process in machine:
            process.suspend()
        machine += job_processes(self.cups)  # cupsd frozen: it starts no other
        for process in machine[3:]:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.suspend()
        for process in machine:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        self.booth.wait(STOP_DEADLINE_S)
        self.backend.kill()
        self.cups.kill()
        self.kills["booth"] += 1
        self.kills["power"] += 1
        self.backend.start()
        self.cups.start()

    def settle(self) -> None:
        """A last booth life without new customers: it prints what is owed, then idles."""
        self.stop_file.touch()
        self.start_booth()
        self.lines.wait_for(lambda source, line: line == "IDLE", SETTLE_DEADLINE_S)
        deadline = time.monotonic() + SETTLE_DEADLINE_S
        while time.monotonic() < deadline and self._owed():
            time.sleep(0.2)  # polling CUPS and the backend's database for the last prints
        assert self.booth is not None
        self.booth.send_signal(signal.SIGTERM)
        self.booth.wait(STOP_DEADLINE_S)

    def _owed(self) -> list[str]:
        jobs = cups_jobs(self.cups.connection())
        return [order for order, status in self.backend_statuses().items() if status == "paid"
                and not any(state == JOB_COMPLETED for _, state in jobs.get(order, []))]

    def backend_statuses(self) -> dict[str, str]:
        """The backend's own records: its orders table."""
        return backend_statuses(self.backend.database_url)

    def integrity(self) -> dict[str, str]:
        databases = {"booth": self.root / "kiosk" / "kiosk.db",
                     "backend": Path(self.backend.database_url.removeprefix("sqlite:///"))}
        answers = {}
        for name, path in databases.items():
            with sqlite3.connect(path) as db:
                answers[name] = str(db.execute("PRAGMA integrity_check").fetchone()[0])
        return answers

    def audit(self) -> Audit:
        return Audit(self.backend_statuses(), cups_jobs(self.cups.connection()),
                     deliveries(self.printer.directory / "out"))

    def stop(self) -> None:
        for process in (self.booth, getattr(self, "phone", None)):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(STOP_DEADLINE_S)
        if hasattr(self, "cups"):
            self.cups.stop()
        if hasattr(self, "backend"):
            self.backend.stop()


def run_chaos(runs: int, root: Path, seed: int, *, ledger: bool = True) -> int:
    chaos = Chaos(root, seed, ledger=ledger)
    try:
        chaos.start()
        for number in range(runs):
            chaos.round(number)
        chaos.settle()
        audit, integrity = chaos.audit(), chaos.integrity()
    finally:
        chaos.stop()
    print(f"chaos: booth killed {chaos.kills['booth']} times (phases never reached before "
          f"the deadline: {dict(chaos.missed) or 'none'}), backend {chaos.kills['backend']}, "
          f"cupsd {chaos.kills['cupsd']}, power cuts {chaos.kills['power']}; "
          f"{'with' if ledger else 'WITHOUT'} the delivery ledger, "
          f"{window_figures(chaos.cups.ledger)}; integrity_check {integrity}; "
          f"double {audit.double}, unpaid printed {audit.unpaid_printed}, lost {audit.lost}")
    print(f"{audit.line(chaos.kills['booth'])}; cupsd killed {chaos.kills['cupsd']} times, "
          f"{chaos.kills['power']} power cuts")
    healthy = all(answer == "ok" for answer in integrity.values())
    return 0 if audit.ok and healthy else 1


def main() -> int:
    parser = argparse.ArgumentParser(prog="chaos", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="booth kills (default 100)")
    parser.add_argument("--dir", type=Path, help="keep everything here (default: a temp dir)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--no-ledger", action="store_true",
                        help="the queue straight on the printer (to measure CUPS without it)")
    args = parser.parse_args()
    root = args.dir or Path(tempfile.mkdtemp(prefix="booth-chaos-", dir="/tmp"))
    root.mkdir(parents=True, exist_ok=True)
    code = run_chaos(args.runs, root.resolve(), args.seed, ledger=not args.no_ledger)
    if args.dir is None and code == 0:
        shutil.rmtree(root, ignore_errors=True)
    else:
        print(f"chaos: everything is kept in {root}")
    return code


if __name__ == "__main__":
    sys.exit(main())
