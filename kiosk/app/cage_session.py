"""`kiosk cage-session`: the booth alone on the screen, inside Debian's `cage` compositor.

The systemd unit `kiosk install-autostart --cage` writes runs this as its main process.
cage shows one fullscreen application and nothing else, and exits 0 whatever that
application's status; so the booth inside writes its exit code to a file this process
names (KIOSK_EXIT_STATUS_FILE) and this process exits with it. The unit's restart rules
(config refused, "Exit to desktop", a crash) then work as they do without cage.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kiosk.app.autostart import CAGE_ENVIRONMENT

STATUS_VARIABLE = "KIOSK_EXIT_STATUS_FILE"
CRASHED = 1  # the booth left no code: it died (a signal, a segfault)


def record_exit_status(code: int, environ: Mapping[str, str] = os.environ) -> None:
    """Inside cage: leave the exit code where `kiosk cage-session` reads it."""
    target = environ.get(STATUS_VARIABLE)
    if target:
        Path(target).write_text(str(code), encoding="ascii")


def booth_command(config: Path | None) -> list[str]:
    return [sys.executable, "-m", "kiosk.app.cli",
            *(["--config", str(config.absolute())] if config else [])]


def run_cage_session(config: Path | None, rotate: int = 0) -> int:
    """cage with the booth inside; `rotate` quarter turns clockwise (a screen mounted
    portrait on its side)."""
    cage = shutil.which("cage")
    if cage is None:
        print("kiosk cage-session: cage is not installed: sudo apt-get install -y cage",
              file=sys.stderr)
        return 2
    runtime = os.environ.get("XDG_RUNTIME_DIR") or None
    with tempfile.TemporaryDirectory(prefix="kiosk-cage-", dir=runtime) as directory:
        status = Path(directory) / "exit-status"
        env = {**os.environ, STATUS_VARIABLE: str(status),
               **dict(v.split("=", 1) for v in CAGE_ENVIRONMENT)}
        env.pop("DISPLAY", None)  # the booth draws on cage's Wayland socket, nowhere else
        # Without -s cage keeps the console switches (Ctrl+Alt+Fn) from the customer.
        finished = subprocess.run([cage, *["-r"] * rotate, "--", *booth_command(config)],
                                  env=env, check=False)
        if status.is_file():
            return int(status.read_text(encoding="ascii").strip() or CRASHED)
        return finished.returncode or CRASHED
