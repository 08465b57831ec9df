"""A new order's page code is hashed (scrypt, ~30 ms on purpose) before the order's write
transaction, on a worker thread (backend/kiosk_api.py): inside it, the hash held the write
lock and, on SQLite, the event loop. The orders module, given the prepared link, hashes
nothing; the code it answers still finds the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend import photo_codes
from backend.clock import Clock
from backend.context import BackendContext
from backend.database import Database
from backend.devices import add_device, device_for_token
from backend.orders import generate_qr
from backend.photo_links import prepare_link
from backend.providers.secret_store import ProviderSecrets
from backend.settings import BackendSettings
from backend.waiters import WaitHub


@pytest.fixture
def ctx(tmp_path: Path) -> BackendContext:
    url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    db = Database(url)
    db.create_tables()
    return BackendContext(settings=BackendSettings(database_url=url, sandbox=True), db=db,
                          clock=Clock(), hub=WaitHub(), secrets=ProviderSecrets(db))


def _no_hashing(*_args: object, **_kwargs: object) -> bytes:
    raise AssertionError("a photo code was hashed inside the order's transaction")


def test_a_new_order_with_a_prepared_link_hashes_nothing_in_its_transaction(
    ctx: BackendContext, monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = add_device(ctx.db, "booth-1", ctx.clock.now_ms())
    device = device_for_token(ctx.db, token)
    assert device is not None and device.id is not None
    link = prepare_link()
    monkeypatch.setattr(photo_codes.hashlib, "scrypt", _no_hashing)  # the library's, not ours
    answer = generate_qr(ctx, device.id, "order-prepared", "sandbox", 20000, token, link=link)
    assert answer["photos_url"].endswith(f"/p/{link.token}")
    # Without a prepared link the transaction would hash (what the route now avoids).
    with pytest.raises(AssertionError, match="hashed inside"):
        generate_qr(ctx, device.id, "order-unprepared", "sandbox", 20000, token)
    monkeypatch.undo()
    code = answer["photos_code"]
    assert photo_codes.token_for_code(ctx.db, code, "192.0.2.1", ctx.clock.now_ms()) \
        == link.token
