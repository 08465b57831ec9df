"""A print server crashing: cupsd SIGKILLed alone, or with every process of its jobs (the
filters, the ledger and the device backend under it), as when the machine loses power."""

from __future__ import annotations

import contextlib

import psutil

from printing.private_cupsd import PrivateCups


def job_processes(cups: PrivateCups) -> list[psutil.Process]:
    """Every process cupsd started (its filters and backends, and their children)."""
    assert cups.process is not None
    return psutil.Process(cups.process.pid).children(recursive=True)


def crash_print_server(cups: PrivateCups, *, with_jobs: bool = True) -> None:
    """SIGKILL cupsd, with its jobs' processes unless `with_jobs` is False (then its backend
    is left to finish the job on its own, as an orphan)."""
    assert cups.process is not None
    if with_jobs:
        server = psutil.Process(cups.process.pid)
        server.suspend()  # no new child can start while the tree is collected
        for child in job_processes(cups):
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
    cups.kill()


def job_commands(cups: PrivateCups) -> list[str]:
    """The command lines of cupsd's live job processes (zombies and the gone left out)."""
    commands = []
    for process in job_processes(cups):
        with contextlib.suppress(psutil.NoSuchProcess, psutil.ZombieProcess):
            if process.status() != psutil.STATUS_ZOMBIE:
                commands.append(" ".join(process.cmdline()))
    return commands
