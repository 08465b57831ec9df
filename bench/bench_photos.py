"""The customer's photos page on a phone over a mobile link: `photos_first_photo_ms_mobile`,
`photos_kb_before_first_photo`.

The real backend with an order's photos as the booth uploads them (a composed print and four
shots, ≤ 2 400 px JPEGs); headless Chromium as a 390 × 844 phone at 2 device pixels per CSS
pixel opens the order's page through the project's TCP proxy set to a mobile link: 40 ms
each way and 2 Mbit/s each way, shared by the phone's connections. Each run is a new order
(its copies are made on this first visit, as a customer's are) and new connections.
- first photo: navigation start → the first photo painted (its Largest Contentful Paint
  entry, the browser's own paint time).
- kB before it: the page's and every resource's bytes on the wire (headers included) that
  had arrived by then.
Not modelled: TCP and TLS set-up round trips (the proxy accepts at loopback speed), so a
real phone's first visit adds one to three round trips (80–240 ms) to the time.
Run: `.venv/bin/python -m bench.bench_photos`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from backend.local_server import start_backend
from bench.figures import Figure, emit
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from tests.browser.photo_page import booth_photos, order_with_photos, speak
from tests.harness import chromium

RUNS = 5
ONE_WAY_MS = 40.0
LINK_BYTES_PER_S = 2_000_000 / 8
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
WAIT_S = 60

# The first photo's paint and what had arrived by then, from the browser's own timelines.
MEASURE = """
var done = arguments[arguments.length - 1];
var first = document.querySelector('.photo img');
new PerformanceObserver(function(list, observer) {
  var mine = list.getEntries().filter(function(e) { return e.element === first; });
  if (!mine.length) { return; }
  observer.disconnect();
  var painted = mine[mine.length - 1].renderTime || mine[mine.length - 1].loadTime;
  var page = performance.getEntriesByType('navigation')[0];
  var bytes = page.transferSize;
  performance.getEntriesByType('resource').forEach(function(e) {
    if (e.responseEnd <= painted) { bytes += e.transferSize; }
  });
  done({painted: painted, bytes: bytes, source: first.currentSrc});
}).observe({type: 'largest-contentful-paint', buffered: true});
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-photos-"))
    server = start_backend(work / "backend")
    link = TcpProxy("127.0.0.1", server.port)
    browser = chromium.Chromium(work / "downloads", size=(PHONE["width"], PHONE["height"]))
    first_ms = Figure("photos_first_photo_ms_mobile", "ms", 1500, "lower",
                      note=f"photos page opened → first photo painted, phone at 2× over "
                      f"{ONE_WAY_MS:.0f} ms each way and 2 Mbit/s (new order, new connections)")
    before_kb = Figure("photos_kb_before_first_photo", "KB", 200, "lower",
                       note="bytes on the wire (page, copies, headers) before the first "
                       "photo was painted")
    try:
        photos = booth_photos(work)
        log("photos as uploaded: " + ", ".join(
            f"{name} {len(body) / 1024:.0f} KB" for name, body in photos.items()))
        speak(browser, "ru")
        browser.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        browser.driver.set_script_timeout(WAIT_S)
        for _ in range(RUNS):
            _, url = order_with_photos(server, photos)
            link.drop()  # the phone comes with new connections
            link.pass_through()
            link.delay(ONE_WAY_MS)
            link.limit_rate(LINK_BYTES_PER_S)
            browser.driver.get("about:blank")
            browser.driver.get(url.replace(server.url, link.url))
            found = browser.driver.execute_async_script(MEASURE)
            log(f"first photo {found['source']} painted at {found['painted']:.0f} ms after "
                f"{found['bytes'] / 1024:.0f} KB")
            first_ms.runs.append(float(found["painted"]))
            before_kb.runs.append(found["bytes"] / 1024)
    finally:
        browser.quit()
        link.stop()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    emit([first_ms, before_kb])
    return 0


if __name__ == "__main__":
    sys.exit(main())
