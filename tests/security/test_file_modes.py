"""Nothing the booth or the backend writes is readable by other users of the machine."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from backend.database import Database
from backend.local_server import BackendServer
from backend.models import ProviderSecret
from contract.private_files import private_dir
from kiosk.core.atomic_file import write_atomically
from kiosk.core.settings_file import write_settings
from kiosk.core.store import Store
from tests.backend.conftest import PAYME_KEY, payme_auth

DEMO_DEADLINE_S = 180.0
# The demo's private CUPS: its spool and the printed files are the print system's, which
# runs filters as `lp` and must traverse them (printing/private_cupsd.py).
PRINT_SYSTEM = ("cups", "prints")


def readable_by_others(root: Path) -> list[str]:
    found = []
    for directory, dirs, files in os.walk(root):
        here = Path(directory)
        if here == root:
            dirs[:] = [name for name in dirs if name not in PRINT_SYSTEM]
        for name in [*dirs, *files]:
            path = here / name
            mode = stat.S_IMODE(path.lstat().st_mode)
            if not stat.S_ISLNK(path.lstat().st_mode) and mode & 0o077:
                found.append(f"{path.relative_to(root)} {oct(mode)}")
    return found


def test_a_demo_session_leaves_no_file_others_can_read() -> None:
    root = Path(tempfile.mkdtemp(prefix="booth-modes-", dir="/tmp"))
    root.chmod(0o755)  # as `make demo` does: cupsd's filters traverse it
    demo = root / "demo"
    done = subprocess.run([sys.executable, "-m", "kiosk.app.cli", "demo", "--dir", str(demo),
                           "--headless"], capture_output=True, text=True,
                          timeout=DEMO_DEADLINE_S, env=os.environ.copy())
    assert done.returncode == 0, done.stdout + done.stderr
    assert (demo / "backend" / "backend.sqlite3").exists()
    assert readable_by_others(demo) == []


def test_rewriting_the_booth_config_keeps_it_private(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[booth]\nid = "b1"\n[backend]\ndevice_token = "secret"\n')
    config.chmod(0o600)
    write_settings(config, {"booth.event_name": "Wedding"})
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    # A config an older version left world-readable is narrowed by the next rewrite.
    config.chmod(0o644)
    write_atomically(config, config.read_text())
    assert stat.S_IMODE(config.stat().st_mode) == 0o600


@pytest.mark.parametrize("shared_mode", [0o1777, 0o755], ids=["sticky like /tmp", "like /srv"])
def test_a_database_in_a_folder_others_share_leaves_the_folder_as_it_was(
        tmp_path: Path, shared_mode: int) -> None:
    """The files are made private; the folder is not the service's to close (a booth's
    store or the backend's SQLite file put in /tmp used to turn /tmp into 0700)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(shared_mode)
    store = Store(shared / "kiosk.db")
    store.close()
    Database(f"sqlite:///{shared / 'backend.sqlite3'}").dispose()
    assert stat.S_IMODE(shared.stat().st_mode) == shared_mode
    for name in ("kiosk.db", "backend.sqlite3"):
        assert stat.S_IMODE((shared / name).stat().st_mode) == 0o600, name
    sticky_data = tmp_path / "data"
    sticky_data.mkdir()
    sticky_data.chmod(0o1777)
    private_dir(sticky_data)  # a booth's data_dir that is a shared sticky folder
    assert stat.S_IMODE(sticky_data.stat().st_mode) == 0o1777


def test_paymes_new_key_is_stored_as_a_digest(backend: BackendServer) -> None:
    new_key = "brand-new-payme-key-0123456789"
    with httpx.Client(base_url=backend.url) as client:
        changed = client.post("/payme", headers={"Authorization": payme_auth(PAYME_KEY)}, json={
            "jsonrpc": "2.0", "id": 1, "method": "ChangePassword",
            "params": {"password": new_key}})
        assert changed.json()["result"] == {"success": True}
        db = Database(backend.database_url)
        try:
            with db.read() as session:
                stored = [row.value for row in session.scalars(select(ProviderSecret))]
        finally:
            db.dispose()
        assert stored and all(new_key not in value for value in stored)
        check = client.post("/payme", headers={"Authorization": payme_auth(new_key)}, json={
            "jsonrpc": "2.0", "id": 2, "method": "ChangePassword",
            "params": {"password": PAYME_KEY}})
        assert check.json()["result"] == {"success": True}
