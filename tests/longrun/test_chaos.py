"""The crash test, short: five booth lives killed at random phases (one also losing the
backend mid-session, one losing cupsd during a job, one ended by a power cut); every paid
order printed exactly once."""

from __future__ import annotations

import sys

from backend.local_server import REPO_ROOT
from tests.harness.process_group import run_group

RUNS = 5
DEADLINE_S = 280


def test_five_kills_leave_every_paid_order_printed_exactly_once_and_nothing_unpaid() -> None:
    done = run_group([sys.executable, "-m", "tests.longrun.chaos", "--runs", str(RUNS),
                      "--seed", "3"], REPO_ROOT, DEADLINE_S)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    detail, line = done.stdout.splitlines()[-2:]
    counts, crashes = line.split("; ")
    kills, paid, once, rest = counts.removeprefix("chaos: ").split(", ", 3)
    assert kills == f"{RUNS} kills"
    assert int(paid.split()[0]) > 0 and once == f"{paid.split()[0]} printed once"
    assert rest == "0 double, 0 unpaid printed, 0 lost"
    assert crashes == "cupsd killed 1 times, 1 power cuts"
    assert "backend 1, cupsd 1, power cuts 1" in detail
    assert "with the delivery ledger" in detail and "'booth': 'ok', 'backend': 'ok'" in detail
