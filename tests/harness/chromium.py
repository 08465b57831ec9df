"""Debian's headless Chromium driven by Selenium: no network, a fresh profile, downloads
into a folder of the test's."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def unavailable_reason() -> str | None:
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not binary.exists():
            return f"{binary} is not installed (Debian: chromium, chromium-driver)"
    return None


class Chromium:
    def __init__(self, downloads: Path, size: tuple[int, int] = (1920, 1080)):
        self.profile = Path(tempfile.mkdtemp(prefix="booth-chromium-"))
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     f"--user-data-dir={self.profile}", f"--window-size={size[0]},{size[1]}",
                     "--hide-scrollbars", "--force-device-scale-factor=1"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False})
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(downloads)})

    def viewport(self, width: int, height: int) -> None:
        """The page's visible area exactly width × height (a phone, a desktop screen)."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1,
            "mobile": width < 800})

    def screenshot_fitting(self, target: Path, what: str) -> Path:
        """The page as shown now, to `target`, once it is known to need no sideways scroll."""
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{what} is {overflow} px too wide"
        target.write_bytes(self.driver.get_screenshot_as_png())
        return target

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
