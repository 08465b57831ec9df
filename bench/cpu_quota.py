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
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

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


class CpuQuota:
    """Processes added to it share `cores` of CPU time (0.6: 6 ms of every 10 ms).

    Use as a context manager; on leaving, the processes still alive go back to the root
    group and the group is removed."""

    def __init__(self, cores: float, name: str = "bench") -> None:
        reason = available()
        if reason is not None:
            raise OSError(reason)
        self.cores = cores
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
        """Move process `pid`, every thread of it, into the group; its new threads follow."""
        (self.group / "cgroup.procs").write_text(str(pid))

    def pids(self) -> list[int]:
        return [int(line) for line in (self.group / "cgroup.procs").read_text().split()]

    def throttled(self) -> int:
        """How many periods the group's processes were held back for their quota."""
        for line in (self.group / "cpu.stat").read_text().splitlines():
            key, _, value = line.partition(" ")
            if key == "nr_throttled":
                return int(value)
        return 0

    def close(self) -> None:
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                (self.root / "cgroup.procs").write_text(str(pid))
        self.group.rmdir()

    def __enter__(self) -> CpuQuota:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
