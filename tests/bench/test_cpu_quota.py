"""The fleet bench's CPU quota holds a busy process to its share and leaves nothing behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.cpu_quota import CpuQuota, available
from tests.harness.waiting import wait_for

pytestmark = pytest.mark.skipif(available() is not None, reason=str(available()))


def in_group(pid: int, group: Path) -> bool:
    return any(line.rstrip().endswith("/" + group.name)
               for line in Path(f"/proc/{pid}/cgroup").read_text().splitlines())


def test_a_process_in_the_quota_is_held_back_and_let_go_when_it_closes() -> None:
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        with CpuQuota(0.2, name="test") as quota:
            quota.add(spinner.pid)
            assert quota.pids() == [spinner.pid] and in_group(spinner.pid, quota.group)
            # A process that never waits uses up 2 ms of every 10 ms and is held back.
            wait_for(lambda: quota.throttled() > 0, "the spinner held to its quota")
        assert not quota.group.exists() and not in_group(spinner.pid, quota.group)
    finally:
        spinner.kill()
        spinner.wait()


def test_a_quota_with_its_process_gone_is_removed() -> None:
    short = subprocess.Popen([sys.executable, "-c", "pass"])
    with CpuQuota(0.5, name="test") as quota:
        quota.add(short.pid)
        short.wait()
    assert not quota.group.exists()
