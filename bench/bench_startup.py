"""Process start → attract painted: `startup_attract_ratio`.

The real `kiosk` command (windowed, offscreen, against a running backend and a private
cupsd) says STATUS=starting on the systemd notify socket once its attract screen is painted
(the booth is built right after that paint, then READY=1); a bare PySide6 window, in a
process of its own, says READY=1 on its first paint. Each booth start is divided by a bare
start measured right before it (the floor).
Run from the repository root: `.venv/bin/python -m bench.bench_startup`.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backend.local_server import start_backend
from bench.figures import Figure, emit
from printing.private_cupsd import PrivateCups

RUNS = 5
DEADLINE = 60.0
BARE_WINDOW = """
import os, socket, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
window = QLabel("bare")
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.sendto(b"READY=1", os.environ["NOTIFY_SOCKET"])
            app.quit()
        return False
first = FirstPaint()
window.installEventFilter(first)
window.resize(1280, 800)
window.show()
app.exec()
"""


FIRST_PAINT = (b"READY=1", b"STATUS=starting")


def time_to_first_paint(command: list[str], env: dict[str, str],
                        listener: socket.socket) -> float:
    """Seconds from starting `command` to the datagram its first paint sends; the process is
    then ended and what it said on the way out is read away."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        listener.settimeout(DEADLINE)
        while True:
            if set(listener.recv(4096).split(b"\n")) & set(FIRST_PAINT):
                return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=30)
        listener.setblocking(False)
        try:
            while listener.recv(4096):
                pass
        except BlockingIOError:
            pass


def main() -> None:
    figure = Figure("startup_attract_ratio", "×", 4, "lower", floor_unit="ms bare window",
                    note="`kiosk` start → attract painted ÷ a bare PySide6 window's start → "
                    "first paint")
    root = Path(tempfile.mkdtemp(prefix="bench-startup-", dir="/tmp"))
    root.chmod(0o755)  # cupsd's filters run as lp
    cupsd = PrivateCups(root / "cups")
    cupsd.start()
    backend = start_backend(root / "backend")
    floors = []
    try:
        (root / "prints").mkdir(mode=0o777)
        cupsd.add_directory_queue("bench", "gutenprint.5.3://dnp-ds620/expert", root / "prints")
        config = root / "kiosk.toml"
        config.write_text(f"""
[backend]
url = "{backend.url}"
device_token = "{backend.token}"

[payment]
providers = ["sandbox"]
default_provider = "sandbox"

[printing]
queue = "bench"
cups_server = "{cupsd.server}"

[storage]
data_dir = "{root / 'kiosk'}"

[logs]
directory = "{root / 'log'}"
""")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.bind(str(root / "notify.sock"))
        # Like an installed booth, whose modules are byte-compiled: the first start writes
        # the bytecode (a sandbox may have turned that off for everything else).
        env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
               "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(root / "notify.sock")}
        kiosk = [str(Path(sys.executable).with_name("kiosk")), "--config", str(config),
                 "--windowed"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        time_to_first_paint(kiosk, env, listener)  # the first start builds the store and caches
        for _ in range(RUNS):
            floors.append(time_to_first_paint(bare, env, listener))
            figure.runs.append(time_to_first_paint(kiosk, env, listener) / floors[-1])
        listener.close()
    finally:
        backend.stop()
        cupsd.stop()
        shutil.rmtree(root, ignore_errors=True)
    figure.floor = statistics.median(floors) * 1000
    emit([figure])


if __name__ == "__main__":
    main()
