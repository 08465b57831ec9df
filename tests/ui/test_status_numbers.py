"""The status page writes numbers as its reader's language does: "41.3 GB" in English,
"41,3 ГБ" in Russian, "41,3 Gbayt" in Uzbek."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ui.i18n import LanguageSwitch
from ui.screens.service.status_page import StatusPage
from ui.service_samples import status


@pytest.mark.parametrize(("language", "disk"), [("en", "41.3 GB"), ("ru", "41,3 ГБ"),
                                                ("uz", "41,3 Gbayt")])
def test_free_disk_takes_the_language_s_decimal_separator(themed: object, language: str,
                                                           disk: str) -> None:
    switch = LanguageSwitch()
    switch.use(language)
    page = StatusPage()
    try:
        page.show_status(replace(status(), disk_free_bytes=41_290_000_000))
        assert page.values["disk"].text() == disk
    finally:
        page.deleteLater()
        switch.release()
