"""`kiosk doctor` as a technician runs it, against a real private cupsd and the real backend,
and against each of them stopped, missing or refusing: one line per check, the exact fix,
exit 0/1/2, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from backend.local_server import start_backend
from kiosk.app.config_file import write_config
from kiosk.app.doctor.autostart_checks import unit_state
from kiosk.app.doctor.backend_checks import CLOCK_SKEW_LIMIT, check_backend
from kiosk.app.doctor.findings import Level
from kiosk.app.doctor.fit_checks import fits, paper_inches
from kiosk.core.config import KioskConfig
from kiosk.core.models import OutboxItem
from kiosk.core.store import Store
from printing.delivery_ledger import LEDGER_BACKEND
from printing.fault_printer import FAULT_BACKEND
from printing.media import MediaCounter
from printing.private_cupsd import PrivateCups, free_port
from sync.backend_clock import clock_skew
from tests.app.conftest import KIOSK
from tests.backend.refund_helpers import FISCAL_ITEMS, FISCAL_TIN
from tests.camera.conftest import write_video
from tests.conftest import lp_readable_tempdir


class Report:
    """The doctor's findings, looked up by how their line begins."""

    def __init__(self, checks: list[dict[str, str]]):
        self.checks = checks

    def __getitem__(self, start: str) -> dict[str, str]:
        for check in self.checks:
            if check["what"].startswith(start):
                return check
        raise KeyError(f"no check starts with {start!r}: {[c['what'] for c in self.checks]}")

    def __contains__(self, start: str) -> bool:
        return any(check["what"].startswith(start) for check in self.checks)

    def levels(self) -> set[str]:
        return {check["level"] for check in self.checks}


Run = Callable[..., tuple[int, Report, str]]


@pytest.fixture
def doctor(tmp_path: Path, booth_settings: dict[str, Any]) -> Run:
    """Run `kiosk doctor` on booth_settings with some sections changed; returns the exit
    code, the findings (with --json) and the whole output."""
    home = tmp_path / "home-config"

    def run(*args: str, env: dict[str, str] | None = None,
            **changes: dict[str, Any]) -> tuple[int, Report, str]:
        settings = {name: {**booth_settings.get(name, {}), **changes.get(name, {})}
                    for name in {**booth_settings, **changes}}
        config = write_config(tmp_path / "kiosk.toml", settings)
        variables = {key: value for key, value in os.environ.items()
                     if not key.startswith("KIOSK_")}
        variables.update({"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(home),
                          **(env or {})})
        done = subprocess.run([str(KIOSK), "doctor", "--config", str(config), "--lang", "en",
                               *args],
                              env=variables, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
        if "--json" not in args:
            return done.returncode, Report([]), done.stdout
        report = json.loads(done.stdout)
        assert report["exit_code"] == done.returncode
        return done.returncode, Report(report["checks"]), done.stdout
    return run


def install_autostart(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "home-config")}
    subprocess.run([str(KIOSK), "install-autostart"], env=env, check=True,
                   capture_output=True, timeout=60)


PAYME_ENV = {"BOOTH_SANDBOX": "0", "BOOTH_PAYME_MERCHANT_ID": "5f0c0ffee0ddba11",
             "BOOTH_PAYME_KEY": "doctor-test-key",
             "BOOTH_FISCAL_ITEMS": json.dumps(FISCAL_ITEMS), "BOOTH_FISCAL_TIN": FISCAL_TIN}


@pytest.fixture
def payme_backend(tmp_path: Path) -> Iterator[Any]:
    """The backend as installed: Payme configured, no sandbox."""
    server = start_backend(tmp_path / "payme-backend", extra_env=PAYME_ENV)
    yield server
    server.stop()


@pytest.fixture
def installed_booth(payme_backend: Any, tmp_path: Path) -> dict[str, dict[str, Any]]:
    """Sections of a booth installed as the guide says: a camera, Payme, no sandbox."""
    return {"backend": {"url": payme_backend.url, "device_token": payme_backend.token},
            "camera": {"backend": "webcam",
                       "device": str(write_video(tmp_path / "camera.avi", frames=30))},
            "payment": {"providers": ["payme", "click"], "default_provider": "payme"}}


def test_a_healthy_booth_is_all_ok(doctor: Run, tmp_path: Path, booth_settings: dict,
                                   installed_booth: dict) -> None:
    install_autostart(tmp_path)
    Store(Path(booth_settings["storage"]["data_dir"]) / "kiosk.db").close()  # it has run
    code, found, _ = doctor("--json", **installed_booth)
    assert found.levels() == {"ok"}, [c for c in found.checks if c["level"] != "ok"]
    assert code == 0
    queue = booth_settings["printing"]["queue"]
    for what in ("config", "display:", "data dir", "camera (webcam", "CUPS at",
                 f"queue '{queue}'", f"queue '{queue}' prints through the delivery ledger",
                 "markers:", "media counter:", "outbox: 0", "backend",
                 "device token", "clock:", "autostart: XDG", "camera kind: webcam",
                 "prices in UZS", "payment providers offered: payme",
                 "paper: layout 'grid-4x6' prints on w288h432"):
        assert what in found, what
    assert "not enabled on the backend: click" in found["payment providers offered"]["what"]
    code, _, text = doctor(**installed_booth)
    assert code == 0
    lines = text.splitlines()
    assert all(line.startswith("OK    ") for line in lines), text
    assert f"OK    queue '{queue}' exists and accepts jobs" in lines


def test_cupsd_stopped_is_a_fail_that_says_how_to_start_it(
        doctor: Run, tmp_path: Path) -> None:
    root = lp_readable_tempdir("booth-doctor-cupsd-")
    own = PrivateCups(root / "cups", backends={"fault": FAULT_BACKEND})
    own.start()
    server = own.server
    own.stop()
    try:
        code, found, _ = doctor("--json", printing={"cups_server": server})
    finally:
        shutil.rmtree(root, ignore_errors=True)
    assert code == 2
    cups = found["CUPS at"]
    assert cups["level"] == "fail"
    assert cups["what"] == f"CUPS at {server} does not answer: nothing can be printed"
    assert f"cannot reach CUPS at {server}" in cups["detail"]
    assert f"is cupsd at {server} running?" in cups["fix"]
    assert found["backend"]["level"] == "ok"  # the other checks still ran


def test_a_missing_queue_is_a_fail_with_the_lpadmin_line(doctor: Run, cupsd: PrivateCups) -> None:
    code, found, _ = doctor("--json", printing={"queue": "nosuchqueue"})
    assert code == 2
    queue = found["queue 'nosuchqueue':"]
    assert queue["level"] == "fail" and "has no queue 'nosuchqueue'" in queue["detail"]
    assert queue["fix"].startswith(f"sudo lpadmin -h {cupsd.server} -p nosuchqueue -E -v ")
    assert "-m gutenprint.5.3://dnp-ds620/expert" in queue["fix"]


def test_a_booth_queue_without_the_delivery_ledger_fails_with_the_lines_that_add_it(
        doctor: Run, cupsd: PrivateCups, tmp_path: Path) -> None:
    device = f"fault:{tmp_path / 'printer'}"
    cupsd.add_queue("noledger", None, device)
    code, found, _ = doctor("--json", printing={"queue": "noledger"})
    assert code == 2
    check = found["queue 'noledger' prints without the delivery ledger"]
    assert check["level"] == "fail" and f"(device-uri {device})" in check["what"]
    fix = check["fix"]
    assert f"sudo install -o root -g root -m 0700 {LEDGER_BACKEND} " \
        "/usr/lib/cups/backend/boothledger && " in fix
    assert "sudo install -d -o root -g root -m 0700 /var/lib/boothledger && " in fix
    assert f"sudo lpadmin -h {cupsd.server} -p noledger -v 'boothledger:/{device}'" in fix
    # The fix as written (its lpadmin line) puts the queue behind the ledger: the doctor agrees.
    cupsd.connection().addPrinter("noledger", device=f"boothledger:/{device}")
    _, found, _ = doctor("--json", printing={"queue": "noledger"})
    assert found["queue 'noledger' prints through the delivery ledger"]["level"] == "ok"


def test_a_stopped_queue_that_rejects_jobs_names_cupsenable_and_cupsaccept(
        doctor: Run, cupsd: PrivateCups, booth_settings: dict) -> None:
    queue = booth_settings["printing"]["queue"]
    connection = cupsd.connection()
    connection.disablePrinter(queue, reason="Ribbon is finished")
    code, found, _ = doctor("--json")
    assert code == 2
    state = found[f"queue '{queue}':"]
    assert state["level"] == "fail" and "Ribbon is finished" in state["what"]
    assert state["fix"].endswith(f"then cupsenable -h {cupsd.server} {queue}")
    connection.rejectJobs(queue)
    code, found, _ = doctor("--json")
    assert found[f"queue '{queue}' is not accepting jobs"]["fix"] == \
        f"cupsaccept -h {cupsd.server} {queue}"


def test_backend_stopped_is_a_fail(doctor: Run, tmp_path: Path) -> None:
    stopped = start_backend(tmp_path / "stopped-backend")
    stopped.stop()
    code, _, text = doctor(backend={"url": stopped.url, "connect_timeout": 1})
    assert code == 2
    # One line, the cause in words and the fix: not the HTTP library's nested exception.
    line, = [line for line in text.splitlines() if "backend" in line and stopped.url in line]
    assert line == (f"FAIL  backend {stopped.url}: connection refused (nothing listens at that "
                    "address)  → is booth-backend serve running there? check backend.url in "
                    f"the config and the network, then curl {stopped.url}/healthz")
    assert "device token" not in text and "payment providers" not in text
    assert "HTTPConnectionPool" not in text and "Errno" not in text


def test_a_backend_that_takes_none_of_the_booths_providers_is_a_fail_naming_both_settings(
        doctor: Run, installed_booth: dict) -> None:
    code, found, _ = doctor("--json", **{**installed_booth, "payment": {
        "providers": ["click", "webpay"], "default_provider": "click"}})
    assert code == 2
    providers = found["payment providers:"]
    assert providers["level"] == "fail"
    assert providers["what"] == (
        "payment providers: the backend takes none of payment.providers ['click', 'webpay'] "
        "(it takes: payme): no customer can pay (the booth is out of service, E-PROVIDER)")
    assert providers["fix"].startswith("set payment.providers in kiosk.toml to one it takes, "
                                       "or enable one on the backend (BOOTH_CLICK_SERVICE_ID")


def test_a_backend_taking_payme_without_fiscal_items_is_a_warn_naming_the_settings(
        doctor: Run, tmp_path: Path, installed_booth: dict) -> None:
    env = {key: value for key, value in PAYME_ENV.items() if not key.startswith("BOOTH_FISCAL")}
    unfiscal = start_backend(tmp_path / "unfiscal-backend", extra_env=env)
    try:
        code, found, _ = doctor("--json", **{**installed_booth, "backend": {
            "url": unfiscal.url, "device_token": unfiscal.token}})
    finally:
        unfiscal.stop()
    finding = found["fiscal receipts:"]
    assert finding["level"] == "warn"
    assert finding["what"] == ("fiscal receipts: the backend sends no receipt data to payme, "
                               "so those payments get no fiscal receipt")
    assert finding["fix"].startswith("set BOOTH_FISCAL_ITEMS and BOOTH_FISCAL_TIN")
    assert code == 1


def test_prices_in_another_currency_than_the_providers_take_fail(
        doctor: Run, installed_booth: dict) -> None:
    code, found, _ = doctor("--json", **{**installed_booth, "payment": {
        "providers": ["payme"], "default_provider": "payme", "currency": "BYN"}})
    assert code == 2
    currency = found["prices in BYN"]
    assert currency["level"] == "fail" and "payme takes UZS" in currency["what"]
    assert "set payment.currency" in currency["fix"]


def test_a_virtual_camera_and_an_offered_sandbox_warn(doctor: Run) -> None:
    code, found, _ = doctor("--json")  # the demo's kind of booth: sandbox backend, virtual
    assert code == 1
    assert found["camera kind: virtual"]["level"] == "warn"
    assert 'backend = "webcam"' in found["camera kind: virtual"]["fix"]
    assert found["payment providers: the sandbox is offered"]["level"] == "warn"


DS620_MEDIA = ["custom_92.12x162.56mm_92.12x162.56mm", "custom_104.99x162.56mm_104.99x162.56mm",
               "custom_162.56x211.5mm_162.56x211.5mm"]  # what its Gutenprint queue lists


def test_layout_paper_fits_the_sheet_the_dye_sub_queue_offers_with_its_bleed() -> None:
    assert fits(paper_inches("w288h432"), paper_inches(DS620_MEDIA[1]))  # 4x6 on 4.13x6.4
    assert fits(paper_inches("w432h576"), paper_inches(DS620_MEDIA[2]))  # 6x8 on 6.4x8.33
    assert not any(fits(paper_inches("w595h842"), paper_inches(name))  # A4 nowhere
                   for name in DS620_MEDIA)
    assert paper_inches("w288h432-div2") == (4.0, 6.0)
    assert paper_inches("na_index-4x6_4x6in") == (4.0, 6.0)


def test_a_refused_device_token_is_a_fail_with_how_to_enroll(doctor: Run) -> None:
    code, found, _ = doctor("--json", backend={"device_token": "not-a-token"})
    assert code == 2
    token = found["device token:"]
    assert "refuses it" in token["what"]
    assert "kiosk enroll BACKEND_URL CODE" in token["fix"]


def test_a_bad_config_names_the_key_and_still_checks_the_rest(doctor: Run) -> None:
    code, found, _ = doctor("--json", printing={"poll_seconds": 99},
                               backend={"url": "ftp://booth"})
    assert code == 2
    lines = [c for c in found.checks if c["what"].startswith("config ")]
    assert {c["level"] for c in lines} == {"fail"}
    assert any("printing.poll_seconds = 99: Input should be less than or equal to 10"
               in c["what"] for c in lines)
    assert any("backend.url = 'ftp://booth': must be an http:// or https:// URL" in c["what"]
               for c in lines)
    assert found["display:"]["level"] == "ok"
    assert "autostart:" in found


NO_DISPLAY = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}


def test_no_display_is_a_fail_that_says_how_to_run_the_check(doctor: Run) -> None:
    code, found, _ = doctor("--json", env=NO_DISPLAY)
    assert code == 2
    display = found["display: neither"]
    assert "no installed autostart names one" in display["what"]
    assert display["fix"] == ("run it where the booth runs (cage: XDG_RUNTIME_DIR=/run/user/"
                              "$(id -u) WAYLAND_DISPLAY=wayland-0 kiosk doctor), or DISPLAY=:0 "
                              "kiosk doctor")


def test_over_ssh_the_doctor_finds_cages_socket_where_the_cage_unit_puts_the_booth(
        doctor: Run, tmp_path: Path) -> None:
    home = tmp_path / "home-config"
    installed = subprocess.run([str(KIOSK), "install-autostart", "--cage"], capture_output=True,
                               text=True, timeout=60, env={**os.environ,
                                                           "XDG_CONFIG_HOME": str(home)})
    assert installed.returncode == 0, installed.stderr
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    compositor = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # cage's end, listening
    compositor.bind(str(runtime / "wayland-0"))
    compositor.listen(1)
    try:
        _, found, _ = doctor("--json", env={**NO_DISPLAY, "XDG_RUNTIME_DIR": str(runtime)})
    finally:
        compositor.close()
    display = found["display: Wayland wayland-0"]
    assert display["level"] == "ok"
    assert display["what"] == (f"display: Wayland wayland-0 (cage's socket in {runtime}, as "
                               "photobooth-kiosk.service runs the booth) reachable")


def test_over_ssh_the_doctor_checks_the_display_the_systemd_unit_names(
        doctor: Run, tmp_path: Path) -> None:
    home = tmp_path / "home-config"
    installed = subprocess.run([str(KIOSK), "install-autostart", "--systemd"],
                               capture_output=True, text=True, timeout=60,
                               env={**os.environ, "XDG_CONFIG_HOME": str(home), "DISPLAY": ":97"})
    assert installed.returncode == 0, installed.stderr
    code, found, _ = doctor("--json", env=NO_DISPLAY)
    assert code == 2
    display = found["display: X11 :97"]
    assert display["level"] == "fail" and "Environment= of" in display["what"]


def test_a_camera_without_frames_is_a_fail(doctor: Run, tmp_path: Path) -> None:
    empty = tmp_path / "no-frames"
    empty.mkdir()
    code, found, _ = doctor("--json", camera={"device": str(empty)})
    assert code == 2
    assert f"no sample frames (*.jpg) in {empty}" in found["camera (virtual"]["what"]


def test_a_data_dir_that_cannot_be_made_is_a_fail(doctor: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, found, _ = doctor("--json", storage={"data_dir": str(blocker / "kiosk")})
    assert code == 2
    assert found["data dir"]["level"] == "fail"
    assert "not writable" in found["data dir"]["what"]


def test_an_empty_roll_fails_and_a_stale_outbox_warns(doctor: Run, tmp_path: Path) -> None:
    data_dir = tmp_path / "booth #7 at 100%"  # the store is opened by URI: names are quoted
    store = Store(data_dir / "kiosk.db")
    MediaCounter(store, 400).set_roll(0, "the technician's roll ran out")
    with store.transaction() as db:
        db.add(OutboxItem(idempotency_key="k1", payload={}, created_at=time.time() - 7200))
    store.close()
    code, found, _ = doctor("--json", storage={"data_dir": str(data_dir)})
    assert code == 2
    assert found["media counter:"]["level"] == "fail"
    assert found["outbox:"]["level"] == "warn"
    assert "the oldest for 2.0 h" in found["outbox:"]["what"]


def test_autostart_none_warns_and_a_unit_not_enabled_says_how(doctor: Run,
                                                               tmp_path: Path) -> None:
    code, found, _ = doctor("--json")
    assert code == 1
    assert found["autostart: none"]["fix"] == \
        "kiosk install-autostart --cage (or --systemd to keep a desktop)"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "home-config")}
    subprocess.run([str(KIOSK), "install-autostart", "--systemd"], env=env, check=True,
                   capture_output=True, timeout=60)
    code, found, _ = doctor("--json")
    unit = found["autostart: systemd"]
    assert "(not enabled" in unit["what"] and code == 1
    assert unit["fix"] == "systemctl --user enable --now photobooth-kiosk.service"
    # What `systemctl --user enable` does: a link in the target's .wants directory.
    units = tmp_path / "home-config" / "systemd" / "user"
    (units / "graphical-session.target.wants").mkdir()
    (units / "graphical-session.target.wants" / "photobooth-kiosk.service").symlink_to(
        units / "photobooth-kiosk.service")
    code, found, _ = doctor("--json")
    assert "(enabled" in found["autostart: systemd"]["what"]


def test_systemctl_show_is_read_as_a_mapping() -> None:
    shown = "ActiveState=failed\nResult=exit-code\nExecMainStatus=2\n"
    assert unit_state(shown) == {"ActiveState": "failed", "Result": "exit-code",
                                 "ExecMainStatus": "2"}


# ----- the backend's clock -----------------------------------------------------------------


class SkewedBackend(BaseHTTPRequestHandler):
    """A backend whose clock is five minutes slow: answers 200 with that Date and the
    contract's healthz body (anything else is not a backend the booth trusts)."""

    BODY = b'{"status":"ok","waiting":0}'

    def do_GET(self) -> None:
        self.send_response_only(200)
        self.send_header("Date", formatdate(time.time() - 300, usegmt=True))
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def skewed_backend() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), SkewedBackend)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()
    server.server_close()


def test_the_real_backends_clock_agrees_with_ours(backend: Any) -> None:
    # Same machine, same clock. A server stamps Date from a clock it refreshes now and then
    # (uvicorn: about once a second), so the fair bound is the one the doctor warns at.
    assert abs(clock_skew(backend.url, 5)) < CLOCK_SKEW_LIMIT


def test_a_clock_more_than_a_minute_off_warns(skewed_backend: str) -> None:
    config = KioskConfig(backend={"url": skewed_backend, "device_token": "t"})
    findings = {f.what.key: f for f in check_backend(config)}
    clock = findings["clock.off"]
    assert clock.level is Level.warn
    seconds, rest = clock.what.text("en").removeprefix("clock: ").split(" seconds ", 1)
    assert int(seconds) in (299, 300, 301)  # the Date header counts whole seconds
    assert rest == "ahead of the backend (QR expiry depends on it)"
    assert clock.fix is not None and clock.fix.text("ru") == "sudo timedatectl set-ntp true"
    assert clock.what.text("ru").startswith(f"часы: спешат на {seconds} секунд")


def test_doctor_makes_no_store_where_the_booth_never_ran(doctor: Run,
                                                          booth_settings: dict) -> None:
    data_dir = Path(booth_settings["storage"]["data_dir"])
    _, found, _ = doctor("--json")
    assert "no store" in found["media counter:"]["what"]
    assert not (data_dir / "kiosk.db").exists()


def test_doctor_runs_with_no_cups_and_no_backend_at_all(doctor: Run) -> None:
    nowhere = f"127.0.0.1:{free_port()}"
    code, found, _ = doctor("--json", printing={"cups_server": nowhere},
                            backend={"url": f"http://{nowhere}", "connect_timeout": 1})
    assert code == 2
    assert found["CUPS at"]["level"] == "fail" and found["backend"]["level"] == "fail"
