"""`make demo` shows its booth on the operator's dashboard, with the login it printed."""

from __future__ import annotations

import os
import re
import signal
import time

import httpx

from tests.harness.dashboard import csrf_of
from tests.harness.waiting import wait_for
from tests.integration.test_demo import DEADLINE, demo, demo_dir  # noqa: F401  (fixture)


def test_the_demo_prints_a_dashboard_login_that_shows_the_demo_booth(demo_dir) -> None:  # noqa: F811
    process = demo(demo_dir, "--windowed", env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    lines: list[str] = []
    deadline = time.monotonic() + DEADLINE
    try:
        while not any("running" in line for line in lines):
            assert time.monotonic() < deadline and process.poll() is None, "".join(lines)
            lines.append(process.stdout.readline())
        said = re.search(r"operator dashboard at (\S+)/admin \(login (\S+) / (\S+)\)",
                         "".join(lines))
        assert said, "".join(lines)
        url, name, password = said.groups()
        with httpx.Client(base_url=url) as browser:
            token = csrf_of(browser.get("/admin/login").text)
            answer = browser.post("/admin/login", data={"csrf_token": token, "name": name,
                                                        "password": password})
            assert answer.status_code == 303
            wait_for(lambda: re.search(r'class="booth online" data-booth="demo-booth"',
                                       browser.get("/admin/fleet").text),
                     "the demo booth online on the dashboard")
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=DEADLINE)
    assert process.returncode == 0
