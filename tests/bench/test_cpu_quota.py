"""The fleet bench's CPU quota holds a busy process to its share and leaves nothing behind."""

from __future__ import annotations

import os
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
            start = quota.periods()
            wait_for(lambda: quota.periods().throttled_share(start) > 0.5,
                     "the spinner held to its quota in most periods")
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


THREADED = """
import sys, threading
never = threading.Event()
threading.Thread(target=never.wait, daemon=True).start()
print("ready", flush=True)
sys.stdin.readline()
threading.Thread(target=never.wait, daemon=True).start()
print("more", flush=True)
sys.stdin.readline()
"""


def cpus_of_threads(pid: int) -> set[frozenset[int]]:
    return {frozenset(os.sched_getaffinity(int(task.name)))
            for task in Path(f"/proc/{pid}/task").iterdir()}


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one CPU: nothing to keep to")
def test_a_quota_on_one_cpu_keeps_every_thread_there_and_frees_them_when_it_closes() -> None:
    everywhere = frozenset(os.sched_getaffinity(0))
    cpu = min(everywhere)
    child = subprocess.Popen([sys.executable, "-c", THREADED], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline() == "ready\n"
        with CpuQuota(0.5, name="test", cpu=cpu) as quota:
            quota.add(child.pid)
            assert cpus_of_threads(child.pid) == {frozenset({cpu})}
            child.stdin.write("\n")  # a thread started after joining is kept there too
            child.stdin.flush()
            assert child.stdout.readline() == "more\n"
            assert len(list(Path(f"/proc/{child.pid}/task").iterdir())) == 3
            assert cpus_of_threads(child.pid) == {frozenset({cpu})}
        assert cpus_of_threads(child.pid) == {everywhere}
    finally:
        child.kill()
        child.wait()
