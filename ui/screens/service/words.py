"""What the service pages say, in the booth's language: states as sentences, never enum names."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from kiosk.core.ports import Health, HealthState, PrinterState
from kiosk.core.settings_fields import number_field, settings_form
from ui.money import NBSP, group_digits

if TYPE_CHECKING:
    from kiosk.core.desk_work import Outcome

translate = QCoreApplication.translate
OK, WARN, BAD = "ok", "warn", "bad"


def printer_state(state: str) -> tuple[str, str]:
    """The printer's state as a sentence, with its tone."""
    sentences = {
        PrinterState.ready: (translate("ServiceWords", "Ready to print"), OK),
        PrinterState.printing: (translate("ServiceWords", "Printing"), OK),
        PrinterState.paper_out: (translate("ServiceWords", "Out of paper: load a new roll"),
                                 BAD),
        PrinterState.ribbon_out: (translate("ServiceWords", "Out of ribbon: replace it"), BAD),
        PrinterState.jam: (translate("ServiceWords", "Paper jam: open and clear it"), BAD),
        PrinterState.door_open: (translate("ServiceWords", "A door or cover is open"), BAD),
        PrinterState.offline: (translate("ServiceWords", "Offline: check cable and power"), BAD),
        PrinterState.stopped: (translate("ServiceWords", "Stopped by CUPS: fix, then Resume"),
                               BAD),
        PrinterState.unavailable: (translate("ServiceWords", "The print system does not answer"),
                                   BAD),
    }
    return sentences.get(PrinterState(state), (translate("ServiceWords", "Unknown"), WARN))


def health(source: str, value: Health) -> tuple[str, str]:
    if value.state is HealthState.ok:
        return {"camera": translate("ServiceWords", "Working"),
                "backend": translate("ServiceWords", "Reachable")}.get(
            source, translate("ServiceWords", "Working")), OK
    if value.state is HealthState.starting:
        return translate("ServiceWords", "Not checked yet"), WARN
    if value.state is HealthState.degraded:
        return translate("ServiceWords", "Trouble: {why}").format(why=value.message), WARN
    return translate("ServiceWords", "Fault: {why}").format(why=value.message), BAD


def yes_no_unknown(value: bool | None, yes: str, no: str) -> tuple[str, str]:
    if value is None:
        return translate("ServiceWords", "Not known yet"), WARN
    return (yes, OK) if value else (no, BAD)


def age(seconds: float | None) -> str:
    if seconds is None:
        return translate("ServiceWords", "never")
    # lupdate reads the count only as a plain name
    count = int(seconds)
    if seconds < 90:
        return QCoreApplication.translate("ServiceWords", "%n second(s) ago", "", count)
    count = int(seconds // 60)
    if seconds < 5400:
        return QCoreApplication.translate("ServiceWords", "%n minute(s) ago", "", count)
    count = int(seconds // 3600)
    return QCoreApplication.translate("ServiceWords", "%n hour(s) ago", "", count)


def duration(seconds: float) -> str:
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return translate("ServiceWords", "{days} d {hours} h").format(days=days, hours=hours)
    return translate("ServiceWords", "{hours} h {minutes} min").format(hours=hours,
                                                                       minutes=rest // 60)


def clock_time(at: float) -> str:
    return time.strftime("%d.%m %H:%M", time.localtime(at))


def payment_status(status: str, free: bool = False) -> str:
    if free:
        return translate("ServiceWords", "free")
    return {"pending": translate("ServiceWords", "pending"),
            "paid": translate("ServiceWords", "paid"),
            "failed": translate("ServiceWords", "failed"),
            "cancelled": translate("ServiceWords", "cancelled"),
            "refunded": translate("ServiceWords", "refunded")}.get(status, status)


def refund_state(state: object, note: str = "") -> str:
    """Where the order's refund is, as the technician reads it after asking."""
    if state == "refunded":
        return translate("ServiceWords", "Refunded: the money goes back to the customer.")
    if state == "requested":
        return translate("ServiceWords", "Refund requested: the payment provider has not "
                         "confirmed it yet.")
    if state == "queued":
        return translate("ServiceWords", "The backend cannot be reached: the refund is queued "
                         "and is sent as soon as it is back.")
    return translate("ServiceWords", "The provider refused the refund ({note}): refund the "
                     "customer by hand.").format(note=note or "–")


def refund_mark(state: str) -> str:
    """The refund's state in an order's row."""
    return {"queued": translate("ServiceWords", "refund queued"),
            "requested": translate("ServiceWords", "refund requested"),
            "refunded": translate("ServiceWords", "refunded"),
            "failed": translate("ServiceWords", "refund refused"),
            "refused": translate("ServiceWords", "not refundable")}.get(state, state)


def print_state(state: str | None) -> str:
    return {None: translate("ServiceWords", "not printed"),
            "pending": translate("ServiceWords", "waiting to print"),
            "submitted": translate("ServiceWords", "in the printer"),
            "printing": translate("ServiceWords", "printing"),
            "printed": translate("ServiceWords", "printed"),
            "failed": translate("ServiceWords", "print failed")}.get(state, str(state))


def step(name: str) -> str:
    return {"capture": translate("ServiceWords", "while taking photos"),
            "review": translate("ServiceWords", "on the preview"),
            "choose": translate("ServiceWords", "choosing a package"),
            "payment": translate("ServiceWords", "at payment"),
            "checking": translate("ServiceWords", "checking payment"),
            "interrupted": translate("ServiceWords", "when the booth restarted")}.get(name, name)


def setting_title(title: str) -> str:
    """A setting's label from the config model (`kiosk.core.settings_fields`), translated."""
    return translate("KioskConfig", title)


def setting_name(key: str) -> str:
    title = settings_form().title(key)
    parts = key.split(".")
    if parts[0] == "packages" and len(parts) == 3 and parts[1].isdigit() and title:
        what = setting_title(title)
        return translate("ServiceWords", "Package {number}, {what}").format(
            number=int(parts[1]) + 1, what=what[:1].lower() + what[1:])
    return setting_title(title) if title else key


def _number(limits: dict[str, Any], name: str) -> str:
    return group_digits(int(limits[name]), NBSP)


def problem(item: dict[str, Any]) -> str:
    """One refused setting, worded from the config model's error type and the limit crossed
    (the model's own English reason only for a refusal this screen has no words for)."""
    kind, limits = item.get("kind", ""), item.get("limits", {})
    key = setting_name(str(item.get("key", "")))
    if kind == "greater_than_equal":
        reason = translate("ServiceWords", "must be at least {limit}").format(
            limit=_number(limits, "ge"))
    elif kind == "less_than_equal":
        reason = translate("ServiceWords", "must be at most {limit}").format(
            limit=_number(limits, "le"))
    elif kind == "too_short":
        reason = translate("ServiceWords", "needs at least one")
    elif kind == "too_long":
        reason = translate("ServiceWords", "no more than {limit}").format(
            limit=_number(limits, "max_length"))
    elif kind == "same_copies":
        key, reason = (setting_name("packages"),
                       translate("ServiceWords", "two have the same number of prints"))
    elif kind == "phone_only_needs_share":
        return translate("ServiceWords", "A photos-on-the-phone package needs photo sharing "
                         "on (kiosk.toml, [photos] share).")
    elif kind == "qr_outlives_grace":
        return translate("ServiceWords", "QR valid for at most {most} s: a payment made at the "
                         "last moment would be older than {grace} s when checked and go to "
                         "the late-payment list instead of printing.").format(
            most=_number(limits, "most"), grace=_number(limits, "grace"))
    elif kind == "idle_shorter_than_capture":
        return translate("ServiceWords", "Taking the photos would last {capture} s, longer than "
                         "the booth waits for a touch ({idle} s): fewer shots or a shorter "
                         "countdown.").format(capture=_number(limits, "capture"),
                                              idle=_number(limits, "idle"))
    else:
        reason = str(item.get("reason", ""))
    return translate("ServiceWords", "{setting} {reason}").format(setting=key, reason=reason)


def pin_problem(problem: str) -> str:
    """Why a new PIN is refused, in the order a person errs: its form, the factory PIN, then
    the second typing."""
    return {
        "not_digits": translate("ServiceWords", "A PIN is 6 to 8 digits."),
        "factory": translate("ServiceWords", "Choose a PIN other than the factory one."),
        "mismatch": translate("ServiceWords", "The two PINs differ. Start again."),
    }.get(problem, translate("ServiceWords", "That PIN cannot be used."))


def outcome(result: Outcome) -> tuple[str, str]:
    """The answer to a technician's action as a sentence, with its tone."""
    d = result.detail
    if result.ok:
        return {
            "resume": translate("ServiceWords", "The printer was told to resume."),
            "test_print": translate("ServiceWords", "Test print sent."),
            "cancel_job": translate("ServiceWords", "The job is being canceled."),
            "roll": translate("ServiceWords", "New roll: {count} prints.").format(
                count=d.get("prints")),
            "reprint": translate("ServiceWords", "Reprint sent to the printer."),
            "print_late": translate("ServiceWords", "Sent to the printer."),
            "refund": refund_state(d.get("refund"), str(d.get("note") or "")),
            "service.free_mode": translate("ServiceWords", "Free mode is on.") if d.get("on")
            else translate("ServiceWords", "Free mode is off."),
            "service.in_service": translate("ServiceWords", "The booth is out of service.")
            if d.get("on") else translate("ServiceWords", "The booth is back in service."),
            "settings": translate("ServiceWords", "Saved and applied."),
            "pin_change": translate("ServiceWords", "The new PIN is saved."),
            "export": translate("ServiceWords", "Saved to {path}").format(path=d.get("path")),
            "reboot": translate("ServiceWords", "Rebooting…"),
            "shutdown": translate("ServiceWords", "Shutting down…"),
            "restart_app": translate("ServiceWords", "Restarting the booth…"),
            "exit_app": translate("ServiceWords", "Leaving the booth app…"),
        }.get(result.action, translate("ServiceWords", "Done.")), OK
    if result.problem == "invalid":
        return "\n".join(problem(p) for p in d.get("problems", [])), BAD
    sentence = {
        "not_writable": translate("ServiceWords",
                                  "Nothing saved: the file {path} cannot be written.").format(
            path=d.get("path")),
        "disk_full": translate("ServiceWords", "Nothing saved: the disk is full ({path}).")
        .format(path=d.get("path")),
        "command_failed": translate("ServiceWords",
                                    "The command “{command}” failed (status {status}).")
        .format(command=d.get("command"), status=d.get("status")),
        "command_missing": translate("ServiceWords",
                                     "The command “{command}” does not exist on this machine.")
        .format(command=d.get("command")),
        "roll_range": translate("ServiceWords", "A roll holds 0 to {most} prints.").format(
            most=number_field("printing.roll_size").maximum),
        "not_paid": translate("ServiceWords", "This order is not paid (any more)."),
        "no_print_file": translate("ServiceWords", "No print file is kept for this order."),
        "unknown_order": translate("ServiceWords", "The backend does not know this order as "
                                   "this booth's: nothing was refunded."),
        "refused": translate("ServiceWords", "The backend refuses: this order was delivered "
                             "(printed or on the phone) or is not paid. Nothing was refunded."),
        "refund_open": translate("ServiceWords", "A refund of this order is already under way."),
        "provider_refused": refund_state("failed", str(d.get("note") or "")),
    }.get(result.problem)
    if sentence is None and result.action == "pin_change" and result.problem != "error":
        sentence = pin_problem(result.problem)  # the new PIN's own rules
    if sentence is None:
        sentence = translate("ServiceWords", "That did not work: {why}").format(
            why=d.get("error", result.problem))
    return sentence, BAD


# CUPS printer-state-reasons keywords (RFC 8011 §5.4.12, CUPS additions), without the
# -error / -warning / -report suffix: what each means for whoever stands at the booth.
REASONS = {
    "media-empty": lambda: translate("ServiceWords", "out of paper"),
    "media-needed": lambda: translate("ServiceWords", "paper needed"),
    "media-low": lambda: translate("ServiceWords", "paper running low"),
    "media-jam": lambda: translate("ServiceWords", "paper jam"),
    "marker-supply-empty": lambda: translate("ServiceWords", "ribbon or ink used up"),
    "marker-supply-low": lambda: translate("ServiceWords", "ribbon or ink running low"),
    "marker-waste-full": lambda: translate("ServiceWords", "waste container full"),
    "door-open": lambda: translate("ServiceWords", "a door is open"),
    "cover-open": lambda: translate("ServiceWords", "a cover is open"),
    "offline": lambda: translate("ServiceWords", "printer offline"),
    "connecting-to-device": lambda: translate("ServiceWords", "connecting to the printer"),
    "timed-out": lambda: translate("ServiceWords", "the printer stopped answering"),
    "paused": lambda: translate("ServiceWords", "paused in CUPS"),
    "shutdown": lambda: translate("ServiceWords", "the printer is switched off"),
    "cups-missing-filter": lambda: translate("ServiceWords", "printer driver missing"),
    "other": lambda: translate("ServiceWords", "a printer fault"),
}
SUFFIXES = ("-error", "-warning", "-report")


def printer_reasons(codes: list[str]) -> str:
    """CUPS's reason keywords as a sentence; "none" ("–") and the vendors' own keywords
    ("another printer report") are worded too, the codes themselves go in small type."""
    sentences: list[str] = []
    for code in codes:
        stem = code
        for suffix in SUFFIXES:
            stem = stem.removesuffix(suffix)
        if stem == "none":
            continue
        word = REASONS.get(stem)
        sentence = word() if word else translate("ServiceWords", "another printer report")
        if sentence not in sentences:
            sentences.append(sentence)
    return "; ".join(sentences) or "–"


def error_event(kind: str, data: dict[str, Any]) -> str:
    """An error event of the booth's log as a sentence (the recorded reason is the code)."""
    if kind == "printer.faulted" and data.get("state") in PrinterState.__members__:
        return printer_state(str(data["state"]))[0]
    if kind == "service.pin_refused":
        if data.get("locked_until"):
            return translate("ServiceWords", "Wrong service PIN %n times: the pad was locked",
                             "", int(data.get("failures", 0)))
        return translate("ServiceWords", "Wrong service PIN")
    sentence = {
        "printer.faulted": lambda: translate("ServiceWords", "The printer stopped"),
        "print.failed": lambda: translate("ServiceWords", "A print failed"),
        "camera.faulted": lambda: translate("ServiceWords", "The camera stopped"),
        "backend.faulted": lambda: translate("ServiceWords", "The backend does not answer"),
        "payment.mismatch": lambda: translate(
            "ServiceWords", "A payment does not match its order"),
        "payment.cancel_unconfirmed": lambda: translate(
            "ServiceWords", "A cancelled payment was not confirmed"),
        "service.failed": lambda: translate("ServiceWords", "A service action failed"),
        "service.pin_change_refused": lambda: translate("ServiceWords",
                                                        "A new PIN was refused"),
        "service.roll_refused": lambda: translate("ServiceWords", "A new roll was refused"),
        "service.print_late_refused": lambda: translate("ServiceWords",
                                                        "A late print was refused"),
        "service.export_refused": lambda: translate("ServiceWords",
                                                    "The statistics export failed"),
        "service.refund_refused": lambda: translate("ServiceWords", "A refund was refused"),
        "service.settings_refused": lambda: translate("ServiceWords", "Settings were refused"),
    }.get(kind)
    if sentence is not None:
        return sentence()
    return translate("ServiceWords", "A service action was refused")
