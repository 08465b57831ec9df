"""PrinterStatus from CUPS printer attributes: one rule per test."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.ports import PrinterState
from printing.status import split_reason, status_from_attributes, unavailable


def attrs(state: int = 3, reasons: list[str] | None = None, message: str = "",
          accepting: bool = True, **extra: object) -> dict[str, object]:
    return {"printer-state": state, "printer-state-reasons": reasons or ["none"],
            "printer-state-message": message, "printer-is-accepting-jobs": accepting, **extra}


@pytest.mark.parametrize(("reason", "state"), [
    ("media-empty-error", PrinterState.paper_out),
    ("media-needed-error", PrinterState.paper_out),
    ("input-tray-missing-error", PrinterState.paper_out),
    ("marker-supply-empty-error", PrinterState.ribbon_out),
    ("toner-empty-error", PrinterState.ribbon_out),
    ("media-jam-error", PrinterState.jam),
    ("door-open-error", PrinterState.door_open),
    ("cover-open-error", PrinterState.door_open),
    ("interlock-open-error", PrinterState.door_open),
    ("offline-report", PrinterState.offline),
    ("connecting-to-device", PrinterState.offline),
])
def test_each_fault_reason_maps_to_its_state(reason: str, state: PrinterState) -> None:
    status = status_from_attributes(attrs(reasons=[reason]))
    assert status.state == state
    assert status.faulted
    assert status.reasons == [reason]


def test_reason_without_suffix_is_an_error() -> None:
    assert split_reason("media-jam") == ("media-jam", "error")
    assert status_from_attributes(attrs(reasons=["media-jam"])).state == PrinterState.jam


def test_suffixes_are_split_off() -> None:
    assert split_reason("media-low-warning") == ("media-low", "warning")
    assert split_reason("media-empty-report") == ("media-empty", "report")
    assert split_reason("media-empty-error") == ("media-empty", "error")


def test_warning_reason_is_shown_but_not_a_fault() -> None:
    status = status_from_attributes(attrs(reasons=["media-low-warning"]))
    assert status.state == PrinterState.ready
    assert not status.faulted
    assert status.reasons == ["media-low-warning"]


def test_report_reason_is_not_a_fault() -> None:
    status = status_from_attributes(attrs(reasons=["media-empty-report"]))
    assert status.state == PrinterState.ready
    assert not status.faulted


def test_stopped_queue_with_a_message_is_a_fault_with_that_message() -> None:
    status = status_from_attributes(attrs(state=5, reasons=["paused"],
                                          message="Printer reported an unknown error 0x21"))
    assert status.state == PrinterState.stopped
    assert status.faulted
    assert status.message == "Printer reported an unknown error 0x21"
    assert status.reasons == []


@pytest.mark.parametrize(("message", "state"), [
    ("Printer out of media", PrinterState.paper_out),
    ("Paper end: load a new roll", PrinterState.paper_out),
    ("Ribbon is finished", PrinterState.ribbon_out),
    ("Paper jam in the cutter", PrinterState.jam),
    ("Printer cover is open", PrinterState.door_open),
])
def test_stopped_queue_message_names_the_dye_sub_fault(message: str,
                                                      state: PrinterState) -> None:
    assert status_from_attributes(attrs(state=5, reasons=["paused"], message=message)).state \
        == state


def test_stopped_queue_without_message_is_still_a_fault() -> None:
    status = status_from_attributes(attrs(state=5, reasons=["paused"]))
    assert status.state == PrinterState.stopped
    assert status.faulted


def test_queue_rejecting_jobs_is_stopped() -> None:
    status = status_from_attributes(attrs(accepting=False, message="Rejecting Jobs"))
    assert status.state == PrinterState.stopped
    assert status.faulted


def test_processing_printer_is_printing() -> None:
    status = status_from_attributes(attrs(state=4, reasons=["none"]))
    assert status.state == PrinterState.printing
    assert not status.faulted


def test_idle_printer_is_ready() -> None:
    status = status_from_attributes(attrs())
    assert status.state == PrinterState.ready
    assert not status.faulted
    assert status.reasons == []


def test_error_reason_wins_over_processing() -> None:
    assert status_from_attributes(attrs(state=4, reasons=["media-empty-error"])).state \
        == PrinterState.paper_out


def test_marker_levels_are_keyed_by_marker_name() -> None:
    status = status_from_attributes(attrs(**{"marker-names": ["Ribbon", "Media"],
                                             "marker-levels": [37, 80]}))
    assert status.marker_levels == {"Ribbon": 37, "Media": 80}


def test_single_marker_level_is_accepted() -> None:
    status = status_from_attributes(attrs(**{"marker-names": "Ribbon", "marker-levels": 5}))
    assert status.marker_levels == {"Ribbon": 5}


def test_marker_levels_without_matching_names_are_numbered() -> None:
    status = status_from_attributes(attrs(**{"marker-names": ["Ribbon"],
                                             "marker-levels": [10, 20]}))
    assert status.marker_levels == {"marker-1": 10, "marker-2": 20}


def test_driver_prints_remaining_is_read_from_marker_message() -> None:
    status = status_from_attributes(attrs(**{
        "marker-message": "123 native prints remaining on '4x6' media"}))
    assert status.prints_remaining == 123
    assert status_from_attributes(attrs()).prints_remaining is None


def test_cleared_reasons_are_ignored_while_the_queue_runs() -> None:
    stale = frozenset({"media-empty-error"})
    assert status_from_attributes(attrs(reasons=["media-empty-error"]), stale).state \
        == PrinterState.ready


def test_cleared_reasons_count_again_when_the_queue_stops() -> None:
    stale = frozenset({"media-empty-error"})
    status = status_from_attributes(attrs(state=5, reasons=["media-empty-error", "paused"],
                                          message="Printer is out of paper"), stale)
    assert status.state == PrinterState.paper_out


def test_unavailable_is_a_fault_with_the_reason() -> None:
    status = unavailable("print system unavailable: connection refused")
    assert status.state == PrinterState.unavailable
    assert status.faulted
    assert "connection refused" in status.message


KEYWORDS = ["media-empty", "media-low", "media-jam", "door-open", "marker-supply-empty",
            "marker-supply-low", "toner-low", "other", "offline", "cups-waiting-for-job"]
SUFFIXES = ["-report", "-warning", "-error", ""]
reason_lists = st.lists(st.tuples(st.sampled_from(KEYWORDS), st.sampled_from(SUFFIXES))
                        .map("".join), max_size=4)


@given(reasons=reason_lists, message=st.text(max_size=40))
def test_a_stopped_queue_is_always_a_fault(reasons: list[str], message: str) -> None:
    assert status_from_attributes(attrs(state=5, reasons=reasons, message=message)).faulted


@given(reasons=reason_lists, state=st.sampled_from([3, 4]), message=st.text(max_size=40))
def test_a_running_queue_faults_only_on_an_error_or_offline_reason(
        reasons: list[str], state: int, message: str) -> None:
    status = status_from_attributes(attrs(state=state, reasons=reasons, message=message))
    serious = any(
        (split_reason(r)[1] == "error" and split_reason(r)[0] in
         {"media-empty", "media-jam", "door-open", "marker-supply-empty", "offline"})
        or split_reason(r)[0] == "offline" for r in reasons)
    assert status.faulted == serious
    assert status.message == message.strip()
