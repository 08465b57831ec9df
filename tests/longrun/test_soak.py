"""The soak, short: eight autopilot sessions in one booth process, sampled every second
session; the booth's threads and fds do not grow, its RSS stays within 10 % of the warm-up."""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
from pathlib import Path

from backend.local_server import REPO_ROOT
from tests.harness.process_group import run_group
from tests.longrun.soak import Sampler

DEADLINE_S = 280


def test_eight_sessions_in_one_booth_grow_no_threads_no_fds_and_print_every_order() -> None:
    out = Path(tempfile.mkdtemp(prefix="booth-soak-test-", dir="/tmp"))  # `lp` traverses it
    try:
        done = run_group(
            [sys.executable, "-m", "tests.longrun.soak", "--sessions", "8", "--every", "2",
             "--dir", str(out)], REPO_ROOT, DEADLINE_S)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert "8 sessions, 8 paid (0 late)" in done.stdout
        with (out / "soak.csv").open() as handle:
            rows = list(csv.DictReader(handle))
        assert [int(row["sessions"]) for row in rows] == [2, 4, 6, 8]
        for key in ("threads", "fds"):
            assert int(rows[-1][key]) <= int(rows[0][key])
        assert int(rows[-1]["shots_files"]) > int(rows[0]["shots_files"])  # it did take photos
        assert (out / "soak.png").read_bytes().startswith(b"\x89PNG")
        assert done.stdout.splitlines()[-1].startswith("soak: 8 sessions, RSS")
    finally:
        shutil.rmtree(out, ignore_errors=True)


def samples(rss: list[float], threads: list[int] | None = None) -> Sampler:
    sampler = Sampler(every=50, out=Path(tempfile.gettempdir()))
    threads = threads or [21] * len(rss)
    sampler.rows = [{"sessions": 50 * (n + 1), "rss_mb": mb, "threads": count, "fds": 23}
                    for n, (mb, count) in enumerate(zip(rss, threads, strict=True))]
    sampler.python_threads = [set() for _ in rss]
    return sampler


def test_a_sample_that_caught_a_peak_is_not_growth_but_a_leak_is() -> None:
    assert samples([400, 420, 450, 405, 410]).verdict() == []
    assert samples([400, 430, 445, 450, 460]).verdict() == [
        "RSS grew 12% after the warm-up (400 → 450 MB, the lowest of the second half of the "
        "run)"]
    assert samples([400, 400, 400], threads=[21, 22, 22]).verdict() == [
        "threads grew after the warm-up: 21 → 22"]
