"""Every dashboard page and the phone page as a person reads them in a real browser: at a
desktop (1920) and a phone (390) width nothing scrolls sideways, and a Russian or Uzbek
reader meets no English sentence (the booths' and CUPS's own words in small type aside),
with the longest content: a 40-character booth name, a 7-digit price."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from backend.admin.i18n import WORDS
from backend.local_server import BackendServer, start_backend
from tests.browser.photo_page import booth_photos, order_with_photos, speak
from tests.browser.sample_fleet import log_in
from tests.harness import chromium
from tests.harness.dashboard import heartbeat, new_operator, paid_order
from tests.harness.reading import english_sentence

WAIT = 30
WIDTHS = {"1920": (1920, 1080), "390": (390, 844)}
LONG_BOOTH = "toshkent-city-mall-atrium-second-floor-1"  # 40 characters
PAGES = ("/admin", f"/admin/booths/{LONG_BOOTH}", "/admin/orders",
         "/admin/orders?view=undelivered", "/admin/devices")
# Text nodes a reader reads: not the booths' and CUPS's own words (small type, for
# support), not a command to type, not a script.
READ_TEXT = """
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const texts = [];
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (node.parentElement.closest('.raw, pre, script, style, [hidden]')) continue;
  if (node.textContent.trim()) texts.push(node.textContent.trim());
}
return texts;
"""
OVERFLOW = "return document.documentElement.scrollWidth - window.innerWidth"
# The dashboard's own English words (one word is enough: "Booths" on a Russian page).
DASHBOARD_ENGLISH = {english for english, (russian, uzbek) in WORDS.items()
                     if english not in (russian, uzbek)}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    backend = start_backend(tmp_path_factory.mktemp("reading"))
    token = backend.add_device(LONG_BOOTH)
    heartbeat(backend, token, state="out_of_service", prints_left=0, printer={
        "state": "paper_out", "message": "Media empty: load a new roll",
        "reasons": ["media-empty-error", "marker-supply-low-warning"]})
    paid_order(backend, token, amount=9_999_999)
    paid_order(backend, token, amount=20_000)
    yield backend
    backend.stop()


@pytest.fixture(scope="module")
def browser(server: BackendServer, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[chromium.Chromium]:
    reason = chromium.unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    opened = chromium.Chromium(tmp_path_factory.mktemp("downloads"))
    log_in(opened, server.url, new_operator(server))
    yield opened
    opened.quit()


def what_a_reader_meets(browser: chromium.Chromium, language: str) -> list[str]:
    found = []
    overflow = browser.driver.execute_script(OVERFLOW)
    if overflow > 0:
        found.append(f"{overflow} px wider than the screen")
    if language != "en":
        found += [f"English: {text!r}" for text in browser.driver.execute_script(READ_TEXT)
                  if english_sentence(text) or text in DASHBOARD_ENGLISH]
    return found


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_every_dashboard_page_reads_in_the_operator_s_language_and_fits(
        server: BackendServer, browser: chromium.Chromium, language: str) -> None:
    driver = browser.driver
    browser.viewport(*WIDTHS["1920"])
    driver.get(f"{server.url}/admin")
    driver.find_element(By.CSS_SELECTOR, f'form.language button[value="{language}"]').click()
    WebDriverWait(driver, WAIT).until(
        lambda _: driver.execute_script("return document.documentElement.lang") == language)
    problems = []
    for label, size in WIDTHS.items():
        browser.viewport(*size)
        for path in PAGES:
            driver.get(f"{server.url}{path}")
            WebDriverWait(driver, WAIT).until(
                expected_conditions.presence_of_element_located((By.TAG_NAME, "main")))
            problems += [f"{path} at {label}: {p}" for p in what_a_reader_meets(browser, language)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_the_phone_page_reads_in_the_phone_s_language_and_fits(
        server: BackendServer, browser: chromium.Chromium, tmp_path: Path, language: str
) -> None:
    _order_id, url = order_with_photos(server, booth_photos(tmp_path))
    speak(browser, language)
    problems = []
    for label, size in WIDTHS.items():
        browser.viewport(*size)
        browser.driver.get(url)
        WebDriverWait(browser.driver, WAIT).until(lambda driver: driver.execute_script(
            "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))
        assert browser.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") \
            == language
        problems += [f"{label}: {p}" for p in what_a_reader_meets(browser, language)]
    assert not problems, "\n".join(problems)
