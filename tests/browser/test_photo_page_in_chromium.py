"""The customer's photos page in a real phone browser (Debian's headless Chromium): it waits
for the booth's uploads and refreshes itself, shows and downloads every photo, offers Web
Share where the browser has it, and fits 360×640 and 390×844."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from backend.local_server import BackendServer, start_backend
from tests.browser.photo_page import (
    PHONES,
    booth_photos,
    capture_page,
    order_with_photos,
    paid_order_with_link,
    speak,
    upload,
)
from tests.harness import chromium

WAIT = 30


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendServer]:
    backend = start_backend(tmp_path_factory.mktemp("photo-page"))
    yield backend
    backend.stop()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[chromium.Chromium]:
    reason = chromium.unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    opened = chromium.Chromium(downloads, size=PHONES["390x844"])
    yield opened
    opened.quit()


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return booth_photos(tmp_path_factory.mktemp("booth"))


def test_the_page_waits_for_the_uploads_and_refreshes_itself(
    server: BackendServer, browser: chromium.Chromium, photos: dict[str, bytes]
) -> None:
    order_id, url = paid_order_with_link(server)
    upload(server, order_id, "shot-1.jpg", photos["shot-1.jpg"])
    speak(browser, "en")
    browser.viewport(*PHONES["390x844"])
    browser.driver.get(url)
    assert "still on their way" in browser.driver.find_element(By.ID, "waiting").text
    browser.driver.execute_script("window.notReloadedYet = true")
    for name in ("shot-2.jpg", "shot-3.jpg", "shot-4.jpg", "print.jpg"):
        upload(server, order_id, name, photos[name])
    # Nobody reloads: the page does, and then has every photo and no waiting note.
    WebDriverWait(browser.driver, WAIT).until(
        lambda driver: driver.execute_script("return window.notReloadedYet") is None
        and not driver.find_elements(By.ID, "waiting"))
    assert len(browser.driver.find_elements(By.CSS_SELECTOR, ".photo img")) == 5


def test_each_photo_downloads_whole_and_share_shows_where_the_browser_has_it(
    server: BackendServer, browser: chromium.Chromium, photos: dict[str, bytes],
    downloads: Path,
) -> None:
    _, url = order_with_photos(server, photos)
    speak(browser, "ru")
    browser.driver.get(url)
    buttons = browser.driver.find_elements(By.CSS_SELECTOR, ".photo a.button[download]")
    assert len(buttons) == 5 and all("Скачать" in b.text for b in buttons)
    buttons[0].click()  # the print comes first
    saved = downloads / "photobooth-print.jpg"
    WebDriverWait(browser.driver, WAIT).until(
        lambda _: saved.exists() and saved.read_bytes() == photos["print.jpg"])
    browser.driver.find_element(By.ID, "all").click()
    archive = downloads / "photobooth-photos.zip"
    WebDriverWait(browser.driver, WAIT).until(lambda _: archive.exists())
    with zipfile.ZipFile(archive) as saved_all:
        assert {name: saved_all.read(name) for name in saved_all.namelist()} == {
            f"photobooth-{name}": body for name, body in photos.items()}
    share = browser.driver.find_element(By.ID, "share")
    has_share = browser.driver.execute_script("return typeof navigator.share === 'function'")
    assert share.is_displayed() == has_share


def test_the_page_fits_a_small_and_a_tall_phone(
    server: BackendServer, browser: chromium.Chromium, photos: dict[str, bytes],
    tmp_path: Path,
) -> None:
    _, url = order_with_photos(server, photos)
    shots = capture_page(browser, url, tmp_path, "ru")
    assert [shot.name for shot in shots] == [f"photos-page-ru-{label}.png" for label in PHONES]
    for shot, size in zip(shots, PHONES.values(), strict=True):
        with Image.open(shot) as image:
            assert image.size == size


def test_the_first_photo_is_painted_from_a_webp_copy_sized_for_the_phone(
    server: BackendServer, browser: chromium.Chromium, photos: dict[str, bytes]
) -> None:
    order_id, url = order_with_photos(server, photos)
    speak(browser, "en")
    browser.viewport(*PHONES["390x844"])
    browser.driver.get(url)
    first = browser.driver.find_element(By.CSS_SELECTOR, ".photo img")
    WebDriverWait(browser.driver, WAIT).until(
        lambda driver: driver.execute_script("return arguments[0].complete", first))
    source = browser.driver.execute_script("return arguments[0].currentSrc", first)
    assert source.endswith("/print.jpg?w=480")  # 366 px wide on a 390 px phone
    # The phone's Accept took WebP: that copy was made (and kept), no JPEG copy of it.
    media = Path(server.env["BOOTH_MEDIA_DIR"]) / order_id
    with Image.open(io.BytesIO(photos["print.jpg"])) as original, \
            Image.open(media / "print.jpg.480.webp") as copy:
        assert copy.width == 480 < original.width
    assert not (media / "print.jpg.480.jpg").exists()
    fetched = browser.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert not [name for name in fetched if name.endswith(".jpg")]  # no original was sent
