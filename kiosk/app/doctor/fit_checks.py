"""The doctor on whether the booth's settings fit what it talks to: the providers the
backend takes and their currency, the layout's paper and the queue's, the camera kind.

A booth can pass every device check and still turn its first customer away: these are
the mismatches found by installing one from the guide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assets import asset_path
from contract.provider_currencies import PROVIDER_CURRENCY
from kiosk.app.doctor.findings import Finding, fail, ok, warn
from kiosk.core.config import KioskConfig
from kiosk.core.layouts import LayoutError, load_layouts
from kiosk.core.payment_choices import (
    common_provider_fix,
    no_provider_in_common,
    offered_providers,
)
from printing.cups_client import CupsClient, PrintRefused, PrintSystemUnavailable
from sync.api_client import BackendClient, BackendError

BACKEND_TIMEOUT = 5.0


def check_payment_fit(config: KioskConfig) -> Iterator[Finding]:
    """payment.providers against the backend's; the prices' currency against theirs.
    Silent when the backend cannot be asked: the backend checks already said why."""
    payment = config.payment
    yield from _currency_findings(config)
    backend = config.backend
    if not backend.device_token:
        return
    client = BackendClient(backend.url, backend.device_token, retries=0,
                           connect_timeout=min(BACKEND_TIMEOUT, backend.connect_timeout),
                           read_timeout=min(BACKEND_TIMEOUT, backend.read_timeout))
    try:
        enabled = client.device_profile().providers
    except BackendError:
        return
    finally:
        client.close()
    offered = offered_providers(payment.providers, enabled)
    if not offered:
        yield fail(f"payment providers: {no_provider_in_common(payment.providers, enabled)}: "
                   "no customer can pay (the booth is out of service, E-PROVIDER)",
                   common_provider_fix(payment.providers))
        return
    left_out = [p for p in payment.providers if p not in enabled]
    what = f"payment providers offered: {', '.join(offered)} (payment.providers ∩ the backend's)"
    if payment.default_provider not in offered:
        yield warn(what + f"; payment.default_provider {payment.default_provider!r} is not "
                   f"among them, {offered[0]!r} shows first",
                   f"set payment.default_provider = {offered[0]!r}")
    elif left_out:
        yield ok(what + f"; not enabled on the backend: {', '.join(left_out)}")
    else:
        yield ok(what)
    if "sandbox" in offered:
        yield warn("payment providers: the sandbox is offered: it takes no money",
                   "remove sandbox from payment.providers (and BOOTH_SANDBOX on the backend)")


def check_fiscal_receipts(config: KioskConfig) -> Iterator[Finding]:
    """A WARN when the backend takes Payme or Click without the fiscal receipt settings.
    Silent when the backend cannot be asked or all is well: other checks say so."""
    backend = config.backend
    if not backend.device_token:
        return
    client = BackendClient(backend.url, backend.device_token, retries=0,
                           connect_timeout=min(BACKEND_TIMEOUT, backend.connect_timeout),
                           read_timeout=min(BACKEND_TIMEOUT, backend.read_timeout))
    try:
        missing = client.device_profile().fiscal_receipts_missing
    except BackendError:
        return
    finally:
        client.close()
    if missing:
        yield warn(f"fiscal receipts: the backend sends no receipt data to "
                   f"{' and '.join(missing)}, so those payments get no fiscal receipt",
                   "set BOOTH_FISCAL_ITEMS and BOOTH_FISCAL_TIN (or BOOTH_FISCAL_PINFL) on "
                   "the backend and restart it")


def _currency_findings(config: KioskConfig) -> Iterator[Finding]:
    currency = config.payment.currency
    wrong = [p for p in config.payment.providers if PROVIDER_CURRENCY.get(p, currency) != currency]
    if not wrong:
        yield ok(f"prices in {currency}, the currency of payment.providers")
        return
    theirs = ", ".join(f"{p} takes {PROVIDER_CURRENCY[p]}" for p in wrong)
    right = [p for p in config.payment.providers if p not in wrong]
    level = fail if not right else warn
    yield level(f"prices in {currency} (payment.currency), but {theirs}: the backend refuses "
                "those orders", "set payment.currency to the providers' currency, or remove "
                f"{', '.join(wrong)} from payment.providers")


def check_camera_kind(config: KioskConfig) -> Iterator[Finding]:
    if config.camera.backend == "virtual":
        yield warn("camera kind: virtual (sample pictures, not a camera): customers would pay "
                   "for photos of nobody", 'set [camera] backend = "webcam" or "dslr" in '
                   "kiosk.toml")
    else:
        yield ok(f"camera kind: {config.camera.backend}")


def check_media_fit(config: KioskConfig) -> Iterator[Finding]:
    """The layout's paper against the sizes the queue offers (its media-supported)."""
    try:
        layouts, _problems = load_layouts(asset_path("layouts"))
    except LayoutError as exc:
        yield fail(f"layouts: {exc}", "kiosk layouts check")
        return
    layout = layouts.get(config.flow.layout)
    if layout is None:
        yield fail(f"layout {config.flow.layout!r} (flow.layout): no such layout",
                   f"set flow.layout to one of {', '.join(sorted(layouts))}")
        return
    printing = config.printing
    client = CupsClient(printing.cups_server, printing.queue)
    try:
        supported = client.media_supported()
    except (PrintSystemUnavailable, PrintRefused):
        return  # the printer checks said why
    finally:
        client.close()
    paper = paper_inches(layout.media)
    size = f"{paper[0]:g}x{paper[1]:g} in" if paper else "size unknown"
    if not supported:
        yield warn(f"paper: queue {printing.queue!r} lists no media-supported; layout "
                   f"{layout.name!r} needs {layout.media} ({size})",
                   f"check the queue's driver: lpoptions -p {printing.queue} -l")
    elif layout.media in supported or any(
            paper and fits(paper, paper_inches(name)) for name in supported):
        yield ok(f"paper: layout {layout.name!r} prints on {layout.media} ({size}), which "
                 f"queue {printing.queue!r} offers")
    else:
        yield fail(f"paper: layout {layout.name!r} needs {layout.media} ({size}); queue "
                   f"{printing.queue!r} offers {', '.join(supported[:4])}"
                   f"{'…' if len(supported) > 4 else ''}",
                   "choose a flow.layout for this printer's paper, or the printer's model "
                   "that takes it (sudo lpadmin -p QUEUE -m MODEL)")


# A dye-sub driver's sheet carries its bleed: 4x6 in is 4.13x6.4 in on a DNP DS620.
BLEED_INCHES = 0.5


def paper_inches(name: str) -> tuple[float, float] | None:
    """A PPD name (w288h432, in points, maybe with a suffix such as -div2) or a PWG
    self-describing name (custom_104.99x162.56mm_…, na_index-4x6_4x6in) as inches."""
    ppd = re.match(r"^w(\d+(?:\.\d+)?)h(\d+(?:\.\d+)?)", name)
    if ppd:
        return float(ppd[1]) / 72, float(ppd[2]) / 72
    pwg = re.search(r"_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$", name)
    if pwg:
        per_inch = 25.4 if pwg[3] == "mm" else 1.0
        return float(pwg[1]) / per_inch, float(pwg[2]) / per_inch
    return None


def fits(paper: tuple[float, float], sheet: tuple[float, float] | None) -> bool:
    """The sheet is the paper, or the paper with at most the bleed around it."""
    if sheet is None:
        return False
    return all(0 <= s - p <= BLEED_INCHES + 0.01
               for p, s in zip(sorted(paper), sorted(sheet), strict=True))
