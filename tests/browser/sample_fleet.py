"""A small fleet with a month of history, made through the real APIs, and the dashboard's
screenshots at a desktop and a phone size.

    python -m tests.browser.sample_fleet --out docs/screens

starts a throwaway backend, fills it, and writes the PNGs the README shows.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from backend.local_server import BackendServer, start_backend
from tests.harness.chromium import Chromium
from tests.harness.dashboard import (
    PASSWORD,
    heartbeat,
    move_clock,
    new_operator,
    paid_order,
    report_printed,
)

BOOTHS = ("wedding-hall-1", "wedding-hall-2", "mall-atrium", "cinema-lobby", "airport-t2")
SIZES = {"1920x1080": (1920, 1080), "390x844": (390, 844)}
DAY = 86_400


def populate(server: BackendServer, days: int = 30) -> dict[str, str]:
    """Booths with paid (mostly printed) orders over `days` days, then each booth's
    current status; returns their device tokens. Ends with the clock `days` days on."""
    tokens = {name: server.add_device(name) for name in BOOTHS}
    chance = random.Random(18)
    for _ in range(days):
        for token in tokens.values():
            for _ in range(chance.randint(0, 4)):
                order_id = paid_order(server, token, amount=chance.choice((20_000, 35_000,
                                                                           60_000)))
                report_printed(server, token, order_id)
        move_clock(server, DAY)
    statuses = {
        "wedding-hall-1": {"state": "attract", "prints_left": 212},
        "wedding-hall-2": {"state": "payment", "prints_left": 14, "low_paper_threshold": 20},
        "mall-atrium": {"state": "out_of_service", "prints_left": 0, "printer": {
            "state": "paper_out", "message": "Media empty", "reasons": ["media-empty-error"]},
            "health": {"printer": {"state": "fault", "message": "Media empty", "since": 0,
                                   "code": "E-PAPER"},
                       "camera": {"state": "ok", "message": "virtual camera ready", "since": 0},
                       "backend": {"state": "ok", "message": "the backend answers",
                                   "since": 0}}},
        "cinema-lobby": {"state": "printing", "prints_left": 160, "free_mode": True,
                         "printer": {"state": "printing", "message": "Printing page 1"}},
        "airport-t2": {"state": "attract", "prints_left": 350,
                       "outbox": {"depth": 41, "oldest_age": 1260.0}},
    }
    paid_order(server, tokens["mall-atrium"], amount=35_000)  # paid, then the paper ran out
    move_clock(server, 11 * 60)
    healthy = {"disk_free_bytes": 48_300_000_000, "uptime_seconds": 3 * DAY + 4000,
               "health": {"printer": {"state": "ok", "message": "ready", "since": 0},
                          "camera": {"state": "ok", "message": "virtual camera ready",
                                     "since": 0},
                          "backend": {"state": "ok", "message": "the backend answers",
                                      "since": 0}}}
    for name, status in statuses.items():
        heartbeat(server, tokens[name], **{**healthy, **status})
    return tokens


def log_in(browser: Chromium, url: str, name: str, password: str = PASSWORD) -> None:
    driver = browser.driver
    driver.get(f"{url}/admin")
    WebDriverWait(driver, 30).until(expected_conditions.url_contains("/admin/login"))
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 30).until(
        expected_conditions.presence_of_element_located((By.ID, "booths")))


def capture_screens(browser: Chromium, url: str, booth: str, out: Path) -> list[Path]:
    """The dashboard and a booth's page at each size; each checked to fit its width."""
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    for label, (width, height) in SIZES.items():
        browser.viewport(width, height)
        for page, path in (("admin", "/admin"), ("booth", f"/admin/booths/{booth}")):
            browser.driver.get(f"{url}{path}")
            WebDriverWait(browser.driver, 30).until(
                expected_conditions.presence_of_element_located((By.TAG_NAME, "main")))
            shots.append(browser.screenshot_fitting(out / f"dashboard-{page}-{label}.png",
                                                    f"{path} at {label}"))
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="booth-screens-"))
    server = start_backend(work, extra_env={"BOOTH_TIMEZONE": "Asia/Tashkent",
                                            "BOOTH_ALERT_INTERVAL_SECONDS": "0.5"})
    browser = Chromium(work / "downloads")
    try:
        populate(server)
        operator = new_operator(server)
        log_in(browser, server.url, operator)
        WebDriverWait(browser.driver, 30).until(lambda driver: len(driver.find_elements(
            By.CSS_SELECTOR, "#alerts li")) >= 5)
        for shot in capture_screens(browser, server.url, "mall-atrium", args.out):
            print(shot)
    finally:
        browser.quit()
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
