"""The technician's status page says when the booth's clock is more than a minute off the
backend's (sales go on: QR ends are read on the backend's clock)."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.ports import BackendLinkStatus
from ui.screens.service.status_page import StatusPage
from ui.service_samples import status


def with_offset(seconds: float | None):
    return replace(status(), backend_link=BackendLinkStatus(4.0, True, True, seconds))


def test_a_clock_off_the_backends_by_over_a_minute_is_a_warning(themed: object) -> None:
    page = StatusPage()
    backend = page.values["backend"]
    page.show_status(with_offset(930.4))
    assert "clock 930 s ahead: check NTP" in backend.text()
    assert backend.property("tone") == "warn"
    page.show_status(with_offset(-75))
    assert "clock 75 s behind: check NTP" in backend.text()
    for quiet in (None, 12.0, -59.0):
        page.show_status(with_offset(quiet))
        assert "NTP" not in backend.text() and backend.property("tone") == "ok"
    page.deleteLater()
