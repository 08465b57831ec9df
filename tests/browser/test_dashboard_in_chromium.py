"""The dashboard in a real browser (Debian's headless Chromium through Selenium): log in,
see a booth online, let it fall silent (the backend's clock moved) and watch it go offline
and its alert appear without a reload, open the paid-not-printed list, export the CSV,
and lay the pages out at a desktop and a phone size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from backend.local_server import BackendServer, start_backend
from tests.browser.sample_fleet import SIZES, capture_screens, log_in
from tests.harness import chromium
from tests.harness.dashboard import heartbeat, move_clock, new_operator, paid_order

WAIT = 30


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    # The page refreshes every second and alerts are evaluated every 0.3 s here, instead
    # of every 10 s and every minute, so the browser waits less.
    backend = start_backend(tmp_path_factory.mktemp("browser"), extra_env={
        "BOOTH_DASHBOARD_REFRESH_SECONDS": "1", "BOOTH_ALERT_INTERVAL_SECONDS": "0.3"})
    yield backend
    backend.stop()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(server: BackendServer, downloads: Path) -> Iterator[chromium.Chromium]:
    reason = chromium.unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    opened = chromium.Chromium(downloads)
    log_in(opened, server.url, new_operator(server))
    yield opened
    opened.quit()


def booth_row(browser: chromium.Chromium, name: str):
    return browser.driver.find_element(By.CSS_SELECTOR, f'tr[data-booth="{name}"]')


def test_a_booth_online_goes_offline_and_its_alert_appears_without_a_reload(
    server: BackendServer, browser: chromium.Chromium
) -> None:
    driver = browser.driver
    heartbeat(server, server.token, state="attract", printer={"state": "ready"})
    driver.get(f"{server.url}/admin")
    WebDriverWait(driver, WAIT).until(
        lambda _: "online" in booth_row(browser, "test-kiosk").get_attribute("class"))
    driver.execute_script("window.stillTheSamePage = true")
    move_clock(server, 5 * 60)
    WebDriverWait(driver, WAIT).until(
        lambda _: "offline since" in booth_row(browser, "test-kiosk").text)
    alert = WebDriverWait(driver, WAIT).until(expected_conditions.visibility_of_element_located(
        (By.CSS_SELECTOR, "#alerts li.alert-offline")))
    assert "test-kiosk is offline" in alert.text
    assert driver.execute_script("return window.stillTheSamePage") is True


def test_the_paid_not_printed_list_and_its_csv_export(
    server: BackendServer, browser: chromium.Chromium, downloads: Path
) -> None:
    driver = browser.driver
    order_id = paid_order(server, server.token, amount=35_000)
    driver.get(f"{server.url}/admin")
    driver.find_element(By.LINK_TEXT, "Paid, not printed").click()
    WebDriverWait(driver, WAIT).until(expected_conditions.text_to_be_present_in_element(
        (By.ID, "orders"), order_id))
    assert "not printed" in driver.find_element(By.ID, "orders").text
    driver.find_element(By.ID, "csv").click()
    exported = downloads / "orders-undelivered.csv"
    WebDriverWait(driver, WAIT).until(lambda _: exported.exists() and order_id in
                                      exported.read_text())
    assert exported.read_text().splitlines()[0].startswith("order_id,booth,created_at,amount")


def test_the_pages_fit_a_desktop_screen_and_a_phone(
    server: BackendServer, browser: chromium.Chromium, tmp_path: Path
) -> None:
    shots = capture_screens(browser, server.url, "test-kiosk", tmp_path)
    assert len(shots) == 2 * len(SIZES)
    for shot in shots:
        label = shot.stem.rsplit("-", 1)[1]
        with Image.open(shot) as image:
            assert image.size == SIZES[label]
