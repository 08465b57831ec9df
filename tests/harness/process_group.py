"""A long run (the chaos, the soak) in a process group of its own: at its deadline the
whole group is SIGKILLed — its backend, cupsd, booth and phone too — not only its parent,
whose children would live on as orphans holding ports and files."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path


def run_group(args: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """`args` run to the end with stdout and stderr kept; AssertionError (with the output's
    tail) if it is not done in `timeout` seconds, after the group is killed."""
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        raise AssertionError(f"{' '.join(args[1:])} not done in {timeout:.0f} s; its whole "
                             f"process group killed\n{out[-3000:]}{err[-3000:]}") from None
    return subprocess.CompletedProcess(args, process.returncode, out, err)
