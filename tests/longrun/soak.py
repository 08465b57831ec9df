"""`make soak SESSIONS=N`: N autopilot sessions in one booth process, its resources sampled.

Every `--every` sessions (50) it records the process's RSS, thread count and open file
descriptors, the booth's SQLite size (database + WAL) and its shots directory, into
soak.csv and soak.png. It fails if RSS grows more than 10 % after the first sample (the
warm-up: judged by the lowest sample of the run's second half, so one sample that caught a
photo being decoded is not growth, while a leak raises them all), or there are more threads
or fds at the end than at the warm-up (the store's
pooled SQLite connections counted apart); and, as the
autopilot does, unless every paid order printed exactly once. The TCP proxy between booth
and backend lives in the same process: its per-connection threads and sockets are not the
booth's and are left out. A sample is taken once the session's photos have reached the
backend, so an upload's connection in flight is not counted as growth.

    python -m tests.longrun.soak --sessions N [--every K] [--dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import sys
import tempfile
import threading
from pathlib import Path

import psutil

from kiosk.app.autopilot.run import outcome_line, run_sessions
from kiosk.app.autopilot.sessions import SessionRecord
from kiosk.app.autopilot.stage import Stage
from kiosk.app.logs import setup_logging
from tests.harness.waiting import wait_for
from tests.longrun.soak_plot import plot

RSS_GROWTH = 0.10
FIELDS = ("sessions", "rss_mb", "threads", "fds", "sqlite_connections", "sqlite_mb", "shots_mb",
          "shots_files")
# The store's SQLite connections (database, WAL and shared memory each) come from its
# SQLAlchemy pool: 5 kept, and up to 10 more while threads overlap. How many are open at a
# sample depends on what the booth's threads are doing then, and the pool cannot leak past
# its limit, so they are counted apart from the fds (and plotted), not judged.


def tree_size(path: Path) -> tuple[int, int]:
    files = [item for item in path.rglob("*") if item.is_file()] if path.exists() else []
    return sum(item.stat().st_size for item in files), len(files)


class Sampler:
    def __init__(self, every: int, out: Path):
        self.every = every
        self.out = out
        self.rows: list[dict[str, float]] = []
        self.process = psutil.Process()
        self.python_threads: list[set[str]] = []  # names at each sample, to say what grew

    def __call__(self, stage: Stage, record: SessionRecord) -> None:
        if record.number % self.every:
            return
        uploader = stage.booth.uploader
        if uploader is not None:
            wait_for(lambda: uploader.pending_count() == 0, "the session's photos uploaded")
        data_dir = stage.config.data_dir()
        proxy_threads = sum(1 for t in threading.enumerate() if t.name.startswith("tcp-proxy-"))
        self.python_threads.append({t.name for t in threading.enumerate()
                                    if not t.name.startswith("tcp-proxy-")})
        sqlite = sum(path.stat().st_size for path in data_dir.glob("kiosk.db*"))
        database_files = self.process.open_files()
        shots_bytes, shots_files = tree_size(data_dir / "shots")
        self.rows.append({
            "sessions": record.number,
            "rss_mb": round(self.process.memory_info().rss / 2**20, 1),
            "threads": self.process.num_threads() - proxy_threads,
            "fds": self.process.num_fds() - 2 * stage.proxy.open_connections
            - sum(1 for f in database_files if f.path.startswith(str(data_dir / "kiosk.db"))),
            "sqlite_connections": sum(1 for f in database_files
                                      if f.path == str(data_dir / "kiosk.db")),
            "sqlite_mb": round(sqlite / 2**20, 2),
            "shots_mb": round(shots_bytes / 2**20, 1),
            "shots_files": shots_files,
        })
        print(f"soak: {self.rows[-1]}", flush=True)
        self.write()

    def write(self) -> None:
        """CSV and plot at every sample: a run cut short still leaves its figures."""
        with (self.out / "soak.csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(self.rows)
        when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        sessions = self.rows[-1]["sessions"] if self.rows else 0
        plot(self.rows, self.out / "soak.png", f"soak: {sessions:.0f} sessions, one booth "
             f"process ({when}, {os.cpu_count()} cores)")

    def verdict(self) -> list[str]:
        """What grew after the warm-up (the first sample); empty when nothing did."""
        if len(self.rows) < 2:
            return [f"only {len(self.rows)} sample(s): nothing to compare"]
        warm, rest = self.rows[0], self.rows[1:]
        problems = []
        # A leak raises every later sample; a sample that caught a photo being decoded does
        # not stay up. The run's RSS is the lowest of its second half.
        held_rss = min(row["rss_mb"] for row in rest[len(rest) // 2:])
        if held_rss > warm["rss_mb"] * (1 + RSS_GROWTH):
            problems.append(f"RSS grew {held_rss / warm['rss_mb'] - 1:.0%} after the warm-up "
                            f"({warm['rss_mb']} → {held_rss} MB, the lowest of the second "
                            "half of the run)")
        # A leaked thread or fd never goes away: the end of the run is compared with the
        # warm-up. A pool worker alive at one sample and gone by the next is not a leak.
        last = rest[-1]
        for key in ("threads", "fds"):
            if last[key] > warm[key]:
                problems.append(f"{key} grew after the warm-up: {warm[key]} → {last[key]}")
        new = set().union(*self.python_threads[1:]) - self.python_threads[0]
        if new and any("threads" in problem for problem in problems):
            problems.append(f"Python threads not there at the warm-up: {sorted(new)} (the "
                            "rest are Qt's and libraries' own)")
        return problems


def main() -> int:
    parser = argparse.ArgumentParser(prog="soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--every", type=int, default=50, help="sample every K sessions")
    parser.add_argument("--dir", type=Path, help="where the run and its figures go")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = (args.dir or Path(tempfile.mkdtemp(prefix="booth-soak-", dir="/tmp"))).resolve()
    out.mkdir(parents=True, exist_ok=True)
    setup_logging(directory=out / "log")
    sampler = Sampler(args.every, out)
    result = run_sessions(out, args.sessions, mix=False, seed=14, after_session=sampler,
                          screens=False)
    sampler.write()
    problems = sampler.verdict()
    print(outcome_line(result, out))
    for problem in problems:
        print(f"soak: FAIL: {problem}")
    first, last = (sampler.rows[0], sampler.rows[-1]) if sampler.rows else ({}, {})
    print(f"soak: {result['sessions']} sessions, RSS {first.get('rss_mb')} → "
          f"{last.get('rss_mb')} MB, threads {first.get('threads')} → {last.get('threads')}, "
          f"fds {first.get('fds')} → {last.get('fds')}, {'FAIL' if problems else 'pass'}; "
          f"{out / 'soak.csv'}, {out / 'soak.png'}")
    return 0 if result["ok"] and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
