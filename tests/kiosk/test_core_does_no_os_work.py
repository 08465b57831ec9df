"""The booth's core decides; the operating system's work is done behind the ports in
kiosk/core/ports.py by kiosk.app: no process is started, no mount scanned and no CSV file
written from kiosk/core."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "kiosk" / "core"
# Modules that start processes, or read or write a file format, of the machine's.
FORBIDDEN_MODULES = {"subprocess", "csv", "pty", "multiprocessing"}
# Calls that do the same through os.
FORBIDDEN_CALLS = {"system", "popen", "ismount", "execv", "execvp", "execve", "spawnv",
                   "spawnvp", "posix_spawn", "posix_spawnp", "startfile"}


def os_work(source: str) -> list[str]:
    """What in `source` starts a process, scans mounts or writes CSV."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names
                      if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] in FORBIDDEN_MODULES:
                found.append(f"from {node.module} import …")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_CALLS:
            found.append(f".{node.attr}")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and node.value.lower().endswith(".csv")):
            found.append(f"a file named {node.value!r}")
        elif isinstance(node, ast.JoinedStr) and any(
                isinstance(v, ast.Constant) and str(v.value).lower().endswith(".csv")
                for v in node.values[-1:]):
            found.append("a file name ending .csv")
    return found


@pytest.mark.parametrize("module", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_no_core_module_runs_commands_scans_mounts_or_writes_csv(module: Path) -> None:
    assert os_work(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source", [
    "import subprocess\nsubprocess.run(['systemctl', 'reboot'])",
    "from subprocess import run",
    "import csv",
    "import os\nos.system('reboot')",
    "import os\nos.path.ismount('/media/x')",
    "path = directory / f'{stem}.csv'",
    "NAME = 'statistics.csv'",
])
def test_the_check_finds_each_kind_of_os_work(source: str) -> None:
    assert os_work(source)
