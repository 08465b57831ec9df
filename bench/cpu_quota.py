"""A CPU quota for a few processes: the kernel's CFS bandwidth control through a cgroup.

The fleet bench's two-process ratio asks whether a second backend process adds what the
first serves. On a machine with fewer cores than the processes, PostgreSQL and the simulator
need, the answer is the core count, not the backend's. Held each to the same fraction of a
core in both runs, one process and then two, the ratio shows what the backend shares
(PostgreSQL, its notifications, the media directory) and nothing of the machine's size.

cgroup v2 (`cpu.max`) where the unified hierarchy has the cpu controller, else v1's cpu
hierarchy (`cpu.cfs_quota_us`). The period is short (10 ms), so a process that used up its
share waits at most a few milliseconds, not the default period's tens. `available()` says
why not when neither can be used (not root, no cpu controller): the bench then runs the
processes unheld and says so.

A group may also be kept on one CPU (`cpu=`): a core of its own, running at `cores` of its
speed. Spread over two CPUs, a group is throttled below its quota: the kernel hands each
CPU's run queue the quota in slices (`sched_cfs_bandwidth_slice_us`, 5 ms), so of 6 ms one
CPU holds 5 while the process's event loop waits on the other, and the photo threads running
beside the event loop spend the share in parallel bursts. On one CPU the niced threads also
yield to the event loop within the share. (A backend held to 0.6 of a core, 800 booths,
three runs each: webhook p99 51, 73 and 140 ms spread; 29, 28 and 37 ms kept on one CPU.)
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import NamedTuple

ROOT = Path("/sys/fs/cgroup")
PERIOD_US = 10_000


def _v2_root() -> Path | None:
    for root in (ROOT, ROOT / "unified"):
        controllers = root / "cgroup.controllers"
        if controllers.exists() and "cpu" in controllers.read_text().split():
            return root
    return None


def _v1_root() -> Path | None:
    for name in ("cpu", "cpu,cpuacct"):
        root = ROOT / name
        if (root / "cpu.cfs_quota_us").exists():
            return root
    return None


def available() -> str | None:
    """None if a quota can be set here, else why not."""
    if os.geteuid() != 0:
        return "setting a CPU quota needs root"
    if _v2_root() is None and _v1_root() is None:
        return "no cgroup with the cpu controller is mounted"
    return None


class Periods(NamedTuple):
    """A CPU quota's count of periods (cgroup `cpu.stat`)."""

    ran: int  # periods in which the group had work to run
    throttled: int  # of those, the periods it was held back for its quota

    def throttled_share(self, earlier: Periods) -> float:
        """Of the periods since `earlier`, the share held back (0 when none ran)."""
        ran = self.ran - earlier.ran
        return (self.throttled - earlier.throttled) / ran if ran else 0.0


def _pin(pid: int, cpus: set[int]) -> None:
    """Every thread of `pid` on `cpus` (a thread inherits its creator's CPUs)."""
    with contextlib.suppress(FileNotFoundError):  # the process ended meanwhile
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(ProcessLookupError):  # a thread that ended meanwhile
                os.sched_setaffinity(int(task.name), cpus)


class CpuQuota:
    """Processes added to it share `cores` of CPU time (0.6: 6 ms of every 10 ms), on CPU
    `cpu` alone if given.

    Use as a context manager; on leaving, the processes still alive go back to the root
    group and the group is removed."""

    def __init__(self, cores: float, name: str = "bench", cpu: int | None = None) -> None:
        reason = available()
        if reason is not None:
            raise OSError(reason)
        self.cores = cores
        self.cpu = cpu
        quota = max(1000, round(cores * PERIOD_US))
        v2 = _v2_root()
        if v2 is not None:
            if "cpu" not in (v2 / "cgroup.subtree_control").read_text().split():
                (v2 / "cgroup.subtree_control").write_text("+cpu")
            self.root = v2
            self.group = v2 / f"{name}-{uuid.uuid4().hex[:8]}"
            self.group.mkdir()
            (self.group / "cpu.max").write_text(f"{quota} {PERIOD_US}")
        else:
            v1 = _v1_root()
            assert v1 is not None  # available() checked
            self.root = v1
            self.group = v1 / f"{name}-{uuid.uuid4().hex[:8]}"
            self.group.mkdir()
            (self.group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (self.group / "cpu.cfs_quota_us").write_text(str(quota))

    def add(self, pid: int) -> None:
        """Move process `pid`, every thread of it, into the group (and onto its CPU); its new
        threads follow."""
        (self.group / "cgroup.procs").write_text(str(pid))
        if self.cpu is not None:
            _pin(pid, {self.cpu})

    def pids(self) -> list[int]:
        return [int(line) for line in (self.group / "cgroup.procs").read_text().split()]

    def periods(self) -> Periods:
        """The group's periods so far: with work to run, and of those held back."""
        stat = dict(line.split(" ", 1) for line in
                    (self.group / "cpu.stat").read_text().splitlines() if " " in line)
        return Periods(int(stat.get("nr_periods", 0)), int(stat.get("nr_throttled", 0)))

    def close(self) -> None:
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                (self.root / "cgroup.procs").write_text(str(pid))
                if self.cpu is not None:
                    _pin(pid, os.sched_getaffinity(0))
        self.group.rmdir()

    def __enter__(self) -> CpuQuota:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
