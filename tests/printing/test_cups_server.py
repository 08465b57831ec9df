"""Which CUPS server the printing service talks to."""

from __future__ import annotations

import cups
import pytest

from printing.cups_client import server_setting


def test_configured_server_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUPS_SERVER", "10.0.0.9:631")
    assert server_setting("127.0.0.1:6310") == ("127.0.0.1", 6310)


def test_environment_is_used_when_config_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUPS_SERVER", "127.0.0.1:6311")
    assert server_setting("") == ("127.0.0.1", 6311)


def test_socket_path_has_no_port() -> None:
    assert server_setting("/run/cups/cups.sock") == ("/run/cups/cups.sock", None)


def test_host_without_port_keeps_the_default_port() -> None:
    assert server_setting("printhost") == ("printhost", None)


def test_ipv6_loopback_with_port() -> None:
    assert server_setting("[::1]:6312") == ("::1", 6312)


def test_nothing_configured_means_the_libcups_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUPS_SERVER", raising=False)
    assert server_setting("") == (cups.getServer(), None)
