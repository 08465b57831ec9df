"""A long run past its deadline is killed with everything it started, not left as orphans
(the chaos run's backend, cupsd and phone outlived a timed-out run once)."""

from __future__ import annotations

import sys
from pathlib import Path

import psutil
import pytest

from tests.harness.process_group import run_group
from tests.harness.waiting import wait_for

STARTS_A_CHILD = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
open(sys.argv[1], "w").write(str(child.pid))
print("child started", flush=True)
time.sleep(600)
"""


def test_a_run_past_its_deadline_is_killed_with_the_processes_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    with pytest.raises(AssertionError, match="not done in 3 s; its whole process group killed"
                       "\nchild started"):
        run_group([sys.executable, "-c", STARTS_A_CHILD, str(pid_file)], tmp_path, timeout=3)
    child = int(pid_file.read_text())
    wait_for(lambda: not psutil.pid_exists(child)
             or psutil.Process(child).status() == psutil.STATUS_ZOMBIE, "the child gone")


def test_a_run_within_its_deadline_gives_its_output_and_exit_code(tmp_path: Path) -> None:
    done = run_group([sys.executable, "-c", "import sys; print('out'); sys.exit(3)"],
                     tmp_path, timeout=60)
    assert (done.returncode, done.stdout) == (3, "out\n")
