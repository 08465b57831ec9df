"""README's "Install a booth", run as an operator runs it: the wheel built from the tracked
files, installed with pip (its dependencies from the machine's package index and cache)
into a fresh venv in a home directory outside the checkout, then the guide's command blocks
(between `install-guide` markers) exactly as written, only the example values replaced:
the backend's address, the one-time code, the printer's device URI and the camera device.

The backend runs with Payme configured and no sandbox; one order is paid through its Payme
JSON-RPC as Payme calls it (Basic auth, CheckPerformTransaction → CreateTransaction →
PerformTransaction) and the print is found in the private cupsd's output. The same guide
against a backend with no provider: the doctor FAILs naming the fix, the booth is out of
service with E-PROVIDER, and the dashboard shows it red.

`sudo` is a pass-through here (the suite runs as root; CUPS_SERVER must survive it to reach
the private cupsd); the system packages of step 1 are the Makefile's APT_PACKAGES.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from backend.local_server import BackendServer, start_backend
from contract.money import to_minor
from printing.private_cupsd import PrivateCups
from tests.backend.refund_helpers import FISCAL_ITEMS, FISCAL_TIN
from tests.camera.conftest import write_video
from tests.harness.dashboard import logged_in, new_operator
from tests.harness.waiting import wait_for
from tests.harness.wheel_build import build_wheel
from tests.integration.test_enroll import code_for
from tests.integration.test_fleet_heartbeat import fleet_row

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
SESSION_SCRIPT = Path(__file__).with_name("booth_session.py")
PAYME_KEY = "install-test-key"
PAYME_ENV = {"BOOTH_SANDBOX": "0", "BOOTH_PAYME_MERCHANT_ID": "5f0c0ffee0ddba11",
             "BOOTH_PAYME_KEY": PAYME_KEY,
             "BOOTH_FISCAL_ITEMS": json.dumps(FISCAL_ITEMS), "BOOTH_FISCAL_TIN": FISCAL_TIN}
NO_PROVIDER_ENV = {"BOOTH_SANDBOX": "0"}
# The guide's example values and what they are here.
EXAMPLE_BACKEND = "https://pay.example.uz"
EXAMPLE_CODE = "ABCD-EFGH"
EXAMPLE_DEVICE_URI = "DEVICE-URI-FROM-LPINFO"
INSTALL_TIMEOUT = 1800


def guide_blocks() -> dict[str, str]:
    """The README's marked command blocks by name."""
    text = README.read_text()
    found = re.findall(r"<!-- install-guide:begin (\w+) -->\n```sh\n(.*?)```\n"
                       r"<!-- install-guide:end -->", text, re.S)
    assert found, "README lost its install-guide markers"
    return dict(found)


@dataclass
class Machine:
    """A booth machine: its home directory, the wheel beside it, a private cupsd."""

    root: Path
    home: Path
    cups: PrivateCups
    prints: Path
    env: dict[str, str]

    def run(self, block: str, replace: dict[str, str] | None = None, stdin: str = "",
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
        script = guide_blocks()[block]
        for example, value in (replace or {}).items():
            assert example in script, f"the guide's {block} block has no {example!r}"
            script = script.replace(example, value)
        return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=self.root,
                              env=self.env, input=stdin, capture_output=True, text=True,
                              timeout=timeout, check=False)

    @property
    def python(self) -> Path:
        return self.home / "booth-venv" / "bin" / "python"

    def session(self, mode: str) -> subprocess.Popen[str]:
        log = (self.root / f"session-{mode}.log").open("w")
        return subprocess.Popen([str(self.python), str(SESSION_SCRIPT), mode], cwd=self.root,
                                env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=log, text=True)

    def session_log(self, mode: str) -> str:
        return (self.root / f"session-{mode}.log").read_text()[-3000:]


def pip_cache() -> str:
    return subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True,
                          text=True, check=False).stdout.strip()


@pytest.fixture(scope="module")
def machine() -> Iterator[Machine]:
    # cupsd's filters run as lp: the tree is traversable (pytest's tmp dirs are not).
    root = Path(tempfile.mkdtemp(prefix="booth-install-", dir="/tmp"))
    root.chmod(0o755)
    assert not root.is_relative_to(REPO)
    wheel = build_wheel(root / "build")
    shutil.copy2(wheel, root / wheel.name)
    home, shims, prints = root / "home", root / "shims", root / "prints"
    for directory in (home, shims, prints):
        directory.mkdir()
    prints.chmod(0o777)
    sudo = shims / "sudo"
    sudo.write_text('#!/bin/sh\nexec "$@"\n')
    sudo.chmod(0o755)
    cups = PrivateCups(root / "cups")
    cups.start()
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
           and not key.startswith(("XDG_", "KIOSK_", "BOOTH_"))}
    env.update(HOME=str(home), PATH=f"{shims}:{env.get('PATH', '/usr/bin:/bin')}",
               CUPS_SERVER=cups.server, QT_QPA_PLATFORM="offscreen",
               PIP_CACHE_DIR=pip_cache(), PIP_DISABLE_PIP_VERSION_CHECK="1")
    made = Machine(root, home, cups, prints, env)
    done = made.run("venv", timeout=INSTALL_TIMEOUT)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert done.stdout.strip().endswith("kiosk 0.1.0"), done.stdout[-500:]
    yield made
    cups.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def printer(machine: Machine) -> Machine:
    done = machine.run("printer", {EXAMPLE_DEVICE_URI: f"directory:{machine.prints}"})
    assert done.returncode == 0, done.stderr
    assert "gutenprint.5.3://dnp-ds620/expert" in done.stdout
    return machine


def enroll(machine: Machine, guide_backend: BackendServer) -> subprocess.CompletedProcess[str]:
    camera = write_video(machine.root / "camera.avi", frames=1500)
    done = machine.run("enroll", {EXAMPLE_BACKEND: guide_backend.url,
                                  EXAMPLE_CODE: code_for(guide_backend, "booth-7"),
                                  'device = ""': f'device = "{camera}"'}, stdin="471159\n")
    assert done.returncode == 0, done.stderr
    return done


def doctor(machine: Machine) -> tuple[int, str]:
    # The guide's booth speaks Uzbek; these checks read the English sentences.
    done = machine.run("doctor", {"kiosk doctor": "kiosk doctor --lang en"})
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done.returncode, done.stdout


def payme(guide_backend: BackendServer, method: str, params: dict) -> dict:
    """One JSON-RPC call as Payme's servers make it."""
    answer = httpx.post(f"{guide_backend.url}/payme", timeout=30,
                        json={"jsonrpc": "2.0", "id": secrets.randbelow(10**6), "method": method,
                              "params": params}, auth=("Paycom", PAYME_KEY))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "error" not in body, body
    return body["result"]


@pytest.fixture
def guide_backend(request: pytest.FixtureRequest, machine: Machine) -> Iterator[BackendServer]:
    server = start_backend(machine.root / f"backend-{request.param}",
                           extra_env=PAYME_ENV if request.param == "payme" else NO_PROVIDER_ENV)
    yield server
    server.stop()


@pytest.mark.parametrize("guide_backend", ["payme"], indirect=True)
def test_the_guide_installs_a_booth_that_takes_payme_and_prints(
        printer: Machine, guide_backend: BackendServer) -> None:
    machine = printer
    enrolled = enroll(machine, guide_backend)
    assert "config check" not in enrolled.stderr
    assert re.search(r"^pbkdf2_sha256\$", enrolled.stdout, re.M)  # hash-pin's line
    code, report = doctor(machine)
    print(f"kiosk doctor, healthy install (exit {code}):\n{report}")
    lines = report.splitlines()
    assert code == 1, report  # WARN: no autostart yet (step 6 comes after the doctor)
    assert [line for line in lines if not line.startswith("OK")] == [
        line for line in lines if line.startswith("WARN  autostart: none installed")], report
    assert any(line.startswith("OK    payment providers offered: payme") for line in lines)

    session = machine.session("pay")
    try:
        order = json.loads(session.stdout.readline() or "{}")
        assert order.get("provider") == "payme", (order, machine.session_log("pay"))
        assert "checkout.paycom.uz" in order["url"] or "payme" in order["url"]
        amount = to_minor(order["amount"], "UZS")
        account = {"order_id": order["order_id"]}
        checked = payme(guide_backend, "CheckPerformTransaction",
                        {"amount": amount, "account": account})
        assert checked["allow"] is True  # with the receipt lines, adding up to the amount
        assert sum(item["price"] * item["count"] - item["discount"]
                   for item in checked["detail"]["items"]) == amount
        transaction = secrets.token_hex(12)
        payme(guide_backend, "CreateTransaction",
              {"id": transaction, "time": 1, "amount": amount, "account": account})
        assert payme(guide_backend, "PerformTransaction", {"id": transaction})["state"] == 2
        out, _ = session.communicate(timeout=300)
    finally:
        if session.poll() is None:
            session.kill()
            session.wait()
    assert session.returncode == 0 and out.strip() == "printed", machine.session_log("pay")
    wait_for(lambda: any(machine.prints.iterdir()), "the print in the cupsd's output")
    printed = list(machine.prints.iterdir())
    assert len(printed) == 1 and printed[0].stat().st_size > 10_000


@pytest.mark.parametrize("guide_backend", ["none"], indirect=True)
def test_the_guide_against_a_backend_without_providers_fails_loudly_before_any_customer(
        printer: Machine, guide_backend: BackendServer) -> None:
    machine = printer
    enroll(machine, guide_backend)
    code, report = doctor(machine)
    print(f"kiosk doctor, backend without providers (exit {code}):\n{report}")
    assert code == 2, report
    failed = [line for line in report.splitlines() if line.startswith("FAIL")]
    assert failed == [
        "FAIL  payment providers: the backend takes none of payment.providers ['payme', "
        "'click'] (it takes: none): no customer can pay (the booth is out of service, "
        "E-PROVIDER)  → set payment.providers in kiosk.toml to one it takes, or enable one on "
        "the backend (BOOTH_PAYME_MERCHANT_ID and BOOTH_PAYME_KEY or BOOTH_CLICK_SERVICE_ID, "
        "BOOTH_CLICK_MERCHANT_ID and BOOTH_CLICK_SECRET_KEY)"], report

    session = machine.session("out-of-service")
    try:
        line = session.stdout.readline()
        assert line, machine.session_log("out-of-service")
        booth = json.loads(line)
        assert (booth["state"], booth["code"]) == ("out_of_service", "E-PROVIDER")
        assert "BOOTH_PAYME_MERCHANT_ID" in booth["why"]
        admin = logged_in(guide_backend, new_operator(guide_backend))
        row = wait_for(lambda: "E-PROVIDER" in fleet_row(admin, "booth-7")
                         and fleet_row(admin, "booth-7"), "the booth red on the dashboard")
        assert '<td data-label="State" class="bad">' in row
    finally:
        session.stdin.close()
        session.wait(timeout=120)
