"""`kiosk doctor` on the demo, as the README shows it: all OK while `kiosk demo` runs (but
the virtual camera and the sandbox, warned as they would be on an installed booth), and
the CUPS check failing with its fix once the demo's cupsd is stopped."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from tests.app.conftest import KIOSK, STOP_DEADLINE
from tests.conftest import lp_readable_tempdir
from tests.harness.notify_socket import NotifySocket

START_DEADLINE = 90.0


def test_doctor_on_the_running_demo_then_with_its_cupsd_stopped(
        tmp_path: Path, notify: NotifySocket) -> None:
    demo_dir = lp_readable_tempdir("booth-demo-doctor-") / "demo"
    env = {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
                "NOTIFY_SOCKET": str(notify.path)})
    subprocess.run([str(KIOSK), "install-autostart"], env=env, check=True,
                   capture_output=True, timeout=60)
    with (tmp_path / "demo-output.txt").open("wb") as output:
        demo = subprocess.Popen([str(KIOSK), "demo", "--windowed", "--dir", str(demo_dir)],
                                env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        notify.wait_for("READY", "1", timeout=START_DEADLINE)
        doctor = [str(KIOSK), "doctor", "--config", str(demo_dir / "kiosk.toml"), "--lang", "en"]
        env.pop("NOTIFY_SOCKET")
        healthy = subprocess.run(doctor, env=env, capture_output=True, text=True, timeout=120)
        # A demo, not an installed booth: only its sample camera and the sandbox are warned.
        assert healthy.returncode == 1, healthy.stdout + healthy.stderr
        warned = [line.split("  →")[0] for line in healthy.stdout.splitlines()
                  if not line.startswith("OK    ")]
        assert warned == [
            "WARN  payment providers: the sandbox is offered: it takes no money",
            "WARN  camera kind: virtual (sample pictures, not a camera): customers would pay "
            "for photos of nobody"], healthy.stdout

        cupsd_pid = int((demo_dir / "cups" / "run" / "cupsd.pid").read_text())
        os.kill(cupsd_pid, signal.SIGTERM)
        stopped = subprocess.run(doctor, env=env, capture_output=True, text=True, timeout=120)
        assert stopped.returncode == 2, stopped.stdout
        failed = [line for line in stopped.stdout.splitlines() if line.startswith("FAIL")]
        assert len(failed) == 1 and "CUPS at 127.0.0.1:" in failed[0]
        assert "does not answer" in failed[0]
        assert "Traceback" not in stopped.stdout + stopped.stderr
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(STOP_DEADLINE)
    assert demo.returncode == 0
