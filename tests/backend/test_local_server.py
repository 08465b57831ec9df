"""The backend the suite and the demo start: a port another process took between its choice
and the server's bind is exchanged for another; a port given explicitly is not."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend import local_server
from backend.local_server import PortTaken, start_backend


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port some other process listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield int(other.getsockname()[1])


def test_a_port_taken_before_the_backend_binds_it_is_exchanged_for_another(
        tmp_path: Path, taken_port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The other process takes the first port chosen, as an outgoing connection may.
    chosen = iter([taken_port])
    pick = local_server.free_port
    monkeypatch.setattr(local_server, "free_port", lambda: next(chosen, None) or pick())
    server = start_backend(tmp_path)
    try:
        assert server.port != taken_port
        assert httpx.get(f"{server.url}/healthz").status_code == 200
        assert server.env["BOOTH_PUBLIC_URL"].endswith(f":{server.port}")
        assert "address already in use" in (tmp_path / f"backend-{taken_port}.log").read_text()
    finally:
        server.stop()


def test_a_taken_port_given_explicitly_is_refused_with_the_reason(
        tmp_path: Path, taken_port: int) -> None:
    with pytest.raises(PortTaken, match="address already in use"):
        start_backend(tmp_path, port=taken_port)
