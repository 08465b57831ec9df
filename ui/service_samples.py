"""Sample content for the service pages in `kiosk screenshots` and the layout tests: a booth
out of paper with a few orders, a late payment and a day's statistics."""

from __future__ import annotations

from pathlib import Path

from assets import asset_path
from kiosk.core.booth_status import BoothStatus, ErrorLine, OutboxBacklog
from kiosk.core.config import KioskConfig
from kiosk.core.desk_work import Outcome
from kiosk.core.layouts import load_layouts
from kiosk.core.order_views import JobLine, OrderLine
from kiosk.core.ports import BackendLinkStatus, Health, HealthState, PrinterState, PrinterStatus
from kiosk.core.statistics import PeriodStats
from ui.screens.service import ServiceScreen, words

NOW = 1_800_000_000.0


def status() -> BoothStatus:
    ok = Health(HealthState.ok, "ok", NOW - 3600)
    return BoothStatus(
        version="0.1.0", state="service",
        printer=PrinterStatus(PrinterState.paper_out, "Paper out: load a new roll (DNP DS620)",
                              ["media-empty-error", "marker-supply-low-warning"]),
        prints_left=0, health={"printer": Health(HealthState.fault, "Paper out", NOW, "E-PAPER"),
                               "camera": ok, "backend": ok},
        outbox=OutboxBacklog(3, 75.0), disk_free_bytes=41_300_000_000,
        uptime_seconds=3 * 86400 + 5 * 3600, low_paper=True,
        backend_link=BackendLinkStatus(4.0, True, True, 930.0), free_mode=False,
        last_errors=[ErrorLine(NOW - 60, "printer.faulted", "photobooth",
                               "Paper out: load a new roll (DNP DS620)",
                               {"state": "paper_out", "reasons": ["media-empty-error"]}),
                     ErrorLine(NOW - 900, "printer.faulted", "photobooth",
                               "print system unavailable: cannot reach CUPS at "
                               "/run/cups/cups.sock ([Errno 111] Connection refused)",
                               {"state": "unavailable", "reasons": []}),
                     ErrorLine(NOW - 4000, "print.failed", "booth-1-270101-a1",
                               "CUPS job 41 aborted (job-canceled-by-user)"),
                     ErrorLine(NOW - 5000, "service.pin_refused", None,
                               "wrong service PIN 5 times: pad locked for 5 minutes",
                               {"failures": 5, "locked_until": NOW - 4700}),
                     ErrorLine(NOW - 7000, "payment.mismatch", "booth-1-270101-9c",
                               "Payme paid 35000.00 UZS for an order of 20000.00 UZS")])


def orders() -> list[OrderLine]:
    return [
        OrderLine("booth-1-270115-7f3a9c", NOW - 600, 35000, "UZS", 2, "payme", "paid",
                  "63a1f0c2e4b7d9a1", False, "printed", 1),
        OrderLine("booth-1-270115-2b81de", NOW - 1800, 20000, "UZS", 1, "click", "paid",
                  "2219475530", False, "printed", 0),
        OrderLine("booth-1-270115-c04e11", NOW - 3000, 60000, "UZS", 4, "payme", "failed",
                  None, False, None, 0),
        OrderLine("booth-1-270115-99aa01", NOW - 5000, 0, "UZS", 1, "sandbox", "pending",
                  None, True, "printed", 0),
    ]


def late() -> list[OrderLine]:
    return [OrderLine("booth-1-270114-5d0c77", NOW - 26 * 3600, 20000, "UZS", 1, "webpay",
                      "paid", "WP-55102", False, "failed", 0),
            OrderLine("booth-1-270114-1e2f90", NOW - 27 * 3600, 35000, "UZS", 2, "click",
                      "paid", "2219475531", False, None, 0, refund="failed")]


def statistics() -> dict[str, PeriodStats]:
    today = PeriodStats("today", 42, {"choose": 6, "payment": 3}, 31,
                        {("payme", "UZS"): 62_000_000, ("click", "UZS"): 35_500_000}, 44, 2, 2,
                        1, 2, 5, 4)
    week = PeriodStats("week", 230, {"capture": 4, "choose": 31, "payment": 12}, 171,
                       {("payme", "UZS"): 340_000_000, ("click", "UZS"): 190_000_000}, 240, 9,
                       9, 3, 7, 26, 25)
    ever = PeriodStats("all", 5210, {"capture": 88, "choose": 640, "payment": 301,
                                     "interrupted": 4}, 3903,
                       {("payme", "UZS"): 7_400_000_000, ("click", "UZS"): 4_100_000_000,
                        ("webpay", "UZS"): 350_000_000}, 5400, 120, 120, 41, 150, 410, 407)
    return {"today": today, "week": week, "all": ever}


def fill(screen: ServiceScreen, section: str, config: KioskConfig) -> ServiceScreen:
    """Show `section` of the menu with sample content."""
    language = screen.language
    screen.show_panel(section.partition("-")[0])  # "late-refund": the late page's refund step
    if section == "status":
        screen.status.show_status(status())
    elif section == "actions":
        screen.actions.show_state(JobLine("booth-1-270115-7f3a9c", "submitted",
                                          "held (media-empty-error)", NOW - 120, False),
                                  False, False, 400)
        screen.say(*words.outcome(Outcome("shutdown", False, "command_failed", {
            "command": "systemctl poweroff", "status": 1})))
    elif section == "reprint":
        screen.reprint.show_orders(orders()[:2], language)
        screen.reprint.list.choose(orders()[0].order_id)
    elif section == "late":
        screen.late.show_orders(late(), language)
        screen.late.list.choose(late()[0].order_id)
        screen.say(*words.outcome(Outcome("refund", True, detail={"refund": "queued"})))
    elif section == "late-refund":
        screen.late.show_orders(late(), language)
        screen.late.list.choose(late()[1].order_id)
        screen.late.action_buttons["refund"].click()
        screen.say(*words.outcome(Outcome("refund", False, "refused", {})))
    elif section == "log":
        screen.log.show_orders(orders(), "", language)
    elif section == "statistics":
        screen.statistics.show_stats(statistics(), language)
        screen.statistics.show_targets([Path("/media/booth/USB-STICK"),
                                        Path("/home/booth/.local/share/photobooth-kiosk/exports")])
    elif section == "settings":
        screen.settings.load(config, list(load_layouts(asset_path("layouts"))[0].values()),
                             language)
        screen.say(*words.outcome(Outcome("settings", False, "invalid", {"problems": [
            {"key": "packages.0.price", "kind": "less_than_equal",
             "limits": {"le": 100_000_000}},
            {"key": "payment.qr_expiry_seconds", "kind": "qr_outlives_grace",
             "limits": {"qr": 1800, "checking": 45, "grace": 900, "most": 855}}]})))
    return screen
