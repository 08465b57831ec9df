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
from kiosk.app.doctor.words import AnyOf, say
from kiosk.core.config import KioskConfig
from kiosk.core.layouts import LayoutError, load_layouts
from kiosk.core.payment_choices import BACKEND_SETTINGS, offered_providers
from printing.cups_client import CupsClient, PrintRefused, PrintSystemUnavailable
from sync.api_client import BackendClient, BackendError, DeviceProfile

BACKEND_TIMEOUT = 5.0


def _device_profile(config: KioskConfig) -> DeviceProfile | None:
    """This booth as the backend knows it; None without a token or an answer."""
    backend = config.backend
    if not backend.device_token:
        return None
    client = BackendClient(backend.url, backend.device_token, retries=0,
                           connect_timeout=min(BACKEND_TIMEOUT, backend.connect_timeout),
                           read_timeout=min(BACKEND_TIMEOUT, backend.read_timeout))
    try:
        return client.device_profile()
    except BackendError:
        return None
    finally:
        client.close()


def check_payment_fit(config: KioskConfig) -> Iterator[Finding]:
    """payment.providers against the backend's; the prices' currency against theirs.
    Silent when the backend cannot be asked: the backend checks already said why."""
    payment = config.payment
    yield from _currency_findings(config)
    profile = _device_profile(config)
    if profile is None:
        return
    enabled = profile.providers
    offered = offered_providers(payment.providers, enabled)
    if not offered:
        yield fail("providers.none", "providers.none.fix", ours=str(list(payment.providers)),
                   theirs=", ".join(sorted(enabled)) or say("providers.no_one"),
                   settings=AnyOf(tuple(say(f"backend_settings.{p}") if p in BACKEND_SETTINGS
                                        else p for p in payment.providers)))
        return
    left_out = [p for p in payment.providers if p not in enabled]
    offered_text = ", ".join(offered)
    if payment.default_provider not in offered:
        yield warn("providers.default_missing", "providers.default_missing.fix",
                   offered=offered_text, default=payment.default_provider, first=offered[0])
    elif left_out:
        yield ok("providers.some", offered=offered_text, left_out=", ".join(left_out))
    else:
        yield ok("providers.ok", offered=offered_text)
    if "sandbox" in offered:
        yield warn("providers.sandbox", "providers.sandbox.fix")


def check_fiscal_receipts(config: KioskConfig) -> Iterator[Finding]:
    """A WARN when the backend takes Payme or Click without the fiscal receipt settings.
    Silent when the backend cannot be asked or all is well: other checks say so."""
    profile = _device_profile(config)
    missing = profile.fiscal_receipts_missing if profile else []
    if missing:
        yield warn("fiscal.missing", "fiscal.missing.fix", providers=", ".join(missing))


def _currency_findings(config: KioskConfig) -> Iterator[Finding]:
    currency = config.payment.currency
    wrong = [p for p in config.payment.providers if PROVIDER_CURRENCY.get(p, currency) != currency]
    if not wrong:
        yield ok("currency.ok", currency=currency)
        return
    theirs = [say("currency.takes", provider=p, currency=PROVIDER_CURRENCY[p]) for p in wrong]
    right = [p for p in config.payment.providers if p not in wrong]
    level = fail if not right else warn
    yield level("currency.mismatch", "currency.mismatch.fix", currency=currency, theirs=theirs,
                wrong=", ".join(wrong))


def check_camera_kind(config: KioskConfig) -> Iterator[Finding]:
    if config.camera.backend == "virtual":
        yield warn("camera_kind.virtual", "camera_kind.virtual.fix")
    else:
        yield ok("camera_kind.ok", kind=config.camera.backend)


def check_media_fit(config: KioskConfig) -> Iterator[Finding]:
    """The layout's paper against the sizes the queue offers (its media-supported)."""
    try:
        layouts, _problems = load_layouts(asset_path("layouts"))
    except LayoutError as exc:
        yield fail("layouts.broken", "layouts.broken.fix", detail=exc)
        return
    layout = layouts.get(config.flow.layout)
    if layout is None:
        yield fail("layout.unknown", "layout.unknown.fix", layout=config.flow.layout,
                   known=", ".join(sorted(layouts)))
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
    paper_words = {"queue": printing.queue, "layout": layout.name, "media": layout.media,
                   "size": say("paper.inches", width=f"{paper[0]:g}", height=f"{paper[1]:g}")
                   if paper else say("paper.size_unknown")}
    if not supported:
        yield warn("paper.none_listed", "paper.none_listed.fix", **paper_words)
    elif layout.media in supported or any(
            paper and fits(paper, paper_inches(name)) for name in supported):
        yield ok("paper.ok", **paper_words)
    else:
        yield fail("paper.mismatch", "paper.mismatch.fix", **paper_words,
                   offered=", ".join(supported[:4]) + ("…" if len(supported) > 4 else ""))


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
