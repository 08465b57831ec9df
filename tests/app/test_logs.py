"""Logs that last for weeks: kiosk.log rotates as [logs] says, and a crash leaves its
traceback behind (a Python exception in the log, a hard crash in faults.log)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backend.local_server import BackendServer
from kiosk.app.config_file import write_config
from kiosk.core.config import ConfigError, load_config
from tests.app.conftest import KioskProcess
from tests.harness.notify_socket import NotifySocket
from tests.harness.waiting import wait_for
from tests.sync.conftest import backend_device_id
from tests.sync.test_heartbeat import stored

START_DEADLINE = 60.0
ONE_MIB = 1024 * 1024


def run_script(body: str, config: Path) -> subprocess.CompletedProcess[str]:
    """A process that sets up logging as `kiosk` does (from the config), then runs `body`."""
    script = textwrap.dedent("""
        import logging, sys, threading
        from pathlib import Path
        from kiosk.app.logs import log_crashes, setup_logging
        from kiosk.core.config import load_config
        config = load_config(Path(sys.argv[1]), required=True)
        log_file = setup_logging(logs=config.logs)
        log_crashes(log_file.parent, config.logs)
    """) + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", script, str(config)], capture_output=True,
                          text=True, timeout=120)


def test_the_log_rotates_at_its_size_and_keeps_so_many_files(tmp_path: Path) -> None:
    logs = tmp_path / "log"
    config = write_config(tmp_path / "kiosk.toml", {
        "logs": {"directory": str(logs), "max_megabytes": 1, "keep_files": 3}})
    done = run_script("""
        line = "x" * 1000
        for n in range(6000):  # about 6 MiB
            logging.getLogger("booth").info("%d %s", n, line)
    """, config)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in logs.iterdir()) == [
        "faults.log", "kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
    for rotated in ("kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"):
        assert (logs / rotated).stat().st_size <= ONE_MIB
    assert " 5999 " in (logs / "kiosk.log").read_text()  # the newest lines are kept


def test_uncaught_exceptions_leave_their_traceback_in_the_log(tmp_path: Path) -> None:
    config = write_config(tmp_path / "kiosk.toml", {"logs": {"directory": str(tmp_path)}})
    done = run_script("""
        from PySide6.QtCore import QCoreApplication, QTimer

        def slot():
            raise LookupError("a Qt slot fell over")

        app = QCoreApplication([])
        QTimer.singleShot(0, slot)
        QTimer.singleShot(0, app.quit)
        app.exec()

        def work():
            raise ValueError("a worker fell over")

        worker = threading.Thread(target=work, name="printing-worker")
        worker.start()
        worker.join()
        raise RuntimeError("the booth fell over")
    """, config)
    assert done.returncode == 1
    log = (tmp_path / "kiosk.log").read_text()
    for crash in ("LookupError: a Qt slot fell over", "ValueError: a worker fell over",
                  "RuntimeError: the booth fell over"):
        assert crash in log
    assert "thread printing-worker died of an uncaught exception" in log
    assert log.count("Traceback (most recent call last)") == 3


def test_a_hard_crash_of_the_booth_leaves_every_threads_stack_in_faults_log(
        start_kiosk: Callable[..., KioskProcess], notify: NotifySocket,
        booth_settings: dict[str, Any], backend: BackendServer) -> None:
    kiosk = start_kiosk()
    notify.wait_for("READY", "1", timeout=START_DEADLINE)
    # The services start after READY: the printer's news says its worker runs, the backend's
    # first heartbeat that the HTTP workers are past their start. faulthandler reads the
    # other threads' frames while they run, so a dump taken amid the services' start-up
    # work (imports, first requests) can be cut short; a settled booth's is whole.
    notify.wait_for("STATUS", contains="printer ready", timeout=START_DEADLINE)
    device_id = backend_device_id(backend, backend.token)
    wait_for(lambda: stored(backend, device_id), "the booth's first heartbeat",
             timeout=START_DEADLINE)
    kiosk.process.send_signal(signal.SIGSEGV)
    assert kiosk.process.wait(START_DEADLINE) == -signal.SIGSEGV
    faults = (Path(booth_settings["logs"]["directory"]) / "faults.log").read_text()
    assert "Fatal Python error: Segmentation fault" in faults
    assert "(most recent call first)" in faults
    assert "printing/service.py" in faults  # the printing worker's stack is there too


def test_log_limits_out_of_range_are_refused_with_the_key(tmp_path: Path) -> None:
    config = write_config(tmp_path / "kiosk.toml", {"logs": {"max_megabytes": 0,
                                                             "keep_files": 1000}})
    with pytest.raises(ConfigError) as refused:
        load_config(config, required=True)
    assert [str(p) for p in refused.value.problems] == [
        "logs.max_megabytes = 0: Input should be greater than or equal to 1",
        "logs.keep_files = 1000: Input should be less than or equal to 100"]
