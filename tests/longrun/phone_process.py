"""The crash test's phone, in its own process: for each payment URL that appears in its
inbox it opens the sandbox page and presses Pay (now and then Decline), trying again while
the backend is down, as a customer would. PAYING / PAID / DECLINED / REFUSED on stdout.

    python -m tests.longrun.phone_process INBOX SEED
"""

from __future__ import annotations

import random
import signal
import sys
import time
import urllib.error
from pathlib import Path

from kiosk.app.autopilot.phone import Phone

DECLINE_SHARE = 0.1
RETRY_FOR_S = 90.0
INBOX_POLL_S = 0.05  # how often the phone looks at its inbox (a directory, not an event)


def say(line: str) -> None:
    print(line, flush=True)


def settle(phone: Phone, url: str, button: str) -> str:
    deadline = time.monotonic() + RETRY_FOR_S
    while True:
        try:
            phone.press(phone.open(url), button)
            return "PAID" if button == "pay" else "DECLINED"
        except urllib.error.HTTPError:
            return "REFUSED"  # the order was cancelled (the booth gave up first)
        except OSError:
            if time.monotonic() > deadline:
                return "UNREACHABLE"
            time.sleep(0.5)  # the backend is restarting: the customer taps again


def main(argv: list[str]) -> int:
    inbox, rng = Path(argv[1]), random.Random(int(argv[2]))
    running = True

    def stop(_signum: int, _frame: object) -> None:
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    phone, seen = Phone(), set[str]()
    while running:
        for path in sorted(inbox.glob("*.url")):
            if path.name in seen:
                continue
            seen.add(path.name)
            button = "decline" if rng.random() < DECLINE_SHARE else "pay"
            say(f"PAYING {path.stem}")
            say(f"{settle(phone, path.read_text(), button)} {path.stem}")
        time.sleep(INBOX_POLL_S)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
