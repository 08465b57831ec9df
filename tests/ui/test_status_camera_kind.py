"""The technician's status page says when the booth runs on the virtual camera (sample
pictures): an installed booth must not sell photos of nobody."""

from __future__ import annotations

from dataclasses import replace

from ui.screens.service.status_page import StatusPage
from ui.service_samples import status


def test_a_virtual_camera_is_a_warning_on_the_status_page(themed: object) -> None:
    page = StatusPage()
    page.show_status(replace(status(), camera_kind="virtual"))
    camera = page.values["camera"]
    assert camera.text() == "Working; virtual camera: sample pictures, not a real camera"
    assert camera.property("tone") == "warn"
    page.show_status(replace(status(), camera_kind="webcam"))
    assert (camera.text(), camera.property("tone")) == ("Working", "ok")
    page.deleteLater()
