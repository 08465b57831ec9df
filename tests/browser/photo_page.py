"""A paid order's photos on the backend, as a booth uploads them, and the phone page they
make, captured in Chromium at phone sizes.

    python -m tests.browser.photo_page --out docs/screens   # the README's screenshots
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from pathlib import Path

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from assets import asset_path
from backend.local_server import BackendServer, start_backend
from kiosk.core.compose import compose
from kiosk.core.layouts import load_layout
from sync.photo_preparation import prepare_photo
from tests.harness.chromium import Chromium

PHONES = {"360x640": (360, 640), "390x844": (390, 844)}
SCENES = sorted(asset_path("camera").glob("scene-*.jpg"))


def booth_photos(work: Path) -> dict[str, bytes]:
    """shot-1…4 and the composed print, made fit for the phone as the booth does it."""
    layout = load_layout(asset_path("layouts", "grid-4x6.toml"))
    composed = compose(layout, SCENES[:4], work / "prints", "sample",
                       texts={"event_name": "Sample", "date": "01.12.2026"})
    sources = {f"shot-{index}.jpg": scene for index, scene in enumerate(SCENES[:4], 1)}
    sources["print.jpg"] = composed.print_file
    return {name: prepare_photo(source, work / "upload" / name).read_bytes()
            for name, source in sources.items()}


def paid_order_with_link(server: BackendServer) -> tuple[str, str]:
    """(order id, photos_url) of a new order the sandbox has paid."""
    order_id = f"t-{uuid.uuid4().hex[:16]}"
    answer = httpx.post(f"{server.url}/api/generate-qr",
                        json={"order_id": order_id, "paymentType": "sandbox", "amount": 15000},
                        headers={"Authorization": f"Bearer {server.token}"})
    assert answer.status_code == 200, answer.text
    server.sandbox_pay(order_id)
    return order_id, answer.json()["photos_url"]


def upload(server: BackendServer, order_id: str, name: str, body: bytes) -> None:
    answer = httpx.put(f"{server.url}/api/orders/{order_id}/photos/{name}", content=body,
                       headers={"Authorization": f"Bearer {server.token}",
                                "Content-Type": "image/jpeg"}, timeout=30)
    assert answer.status_code in (200, 201), answer.text


def order_with_photos(server: BackendServer, photos: dict[str, bytes]) -> tuple[str, str]:
    """(order id, photos_url) of a paid order whose photos have all been uploaded."""
    order_id, url = paid_order_with_link(server)
    for name, body in photos.items():
        upload(server, order_id, name, body)
    return order_id, url


def speak(browser: Chromium, language: str) -> None:
    """The phone's language, as its Accept-Language header says it."""
    agent = browser.driver.execute_script("return navigator.userAgent")
    browser.driver.execute_cdp_cmd("Emulation.setUserAgentOverride",
                                   {"userAgent": agent, "acceptLanguage": language})


def capture_page(browser: Chromium, url: str, out: Path, language: str) -> list[Path]:
    """The page at each phone size, every image loaded; checked to fit its width."""
    out.mkdir(parents=True, exist_ok=True)
    speak(browser, language)
    shots = []
    for label, (width, height) in PHONES.items():
        browser.viewport(width, height)
        browser.driver.get(url)
        WebDriverWait(browser.driver, 30).until(lambda driver: driver.execute_script(
            "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))
        assert browser.driver.find_elements(By.CSS_SELECTOR, "a.button[download]")
        shots.append(browser.screenshot_fitting(out / f"photos-page-{language}-{label}.png",
                                                f"the photos page at {label}"))
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="booth-photo-page-"))
    server = start_backend(work / "backend")
    browser = Chromium(work / "downloads")
    try:
        _, url = order_with_photos(server, booth_photos(work))
        for path in capture_page(browser, url, args.out, "ru"):
            print(path)
    finally:
        browser.quit()
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
