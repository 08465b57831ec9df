"""`kiosk enroll BACKEND_URL CODE`: a code from the dashboard becomes the booth's token in
its config file (mode 0600, the rest of the file kept), and the booth's client works."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from pathlib import Path

from backend.local_server import BackendServer
from kiosk.core.config import load_config
from sync.api_client import BackendClient
from tests.harness.dashboard import csrf_of, logged_in, new_operator

CONFIG = """# Wedding hall, second booth
[booth]
id = "hall-2"  # prefixes order ids

[backend]
url = "http://old.invalid"
connect_timeout = 4.0
device_token = "to be replaced"
"""


def enroll(config: Path, url: str, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk.app.cli", "--config", str(config),
                           "enroll", url, code], capture_output=True, text=True, timeout=60)


def code_for(backend: BackendServer, name: str) -> str:
    admin = logged_in(backend, new_operator(backend))
    token = csrf_of(admin.get("/admin/devices").text)
    page = admin.post("/admin/devices/enroll", data={"csrf_token": token, "name": name}).text
    found = re.search(r'<p class="code">([A-Z0-9-]{9})</p>', page)
    assert found
    return found.group(1)


def test_enroll_writes_the_token_into_the_config_and_keeps_the_rest(
    backend: BackendServer, tmp_path: Path
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(CONFIG)
    config.chmod(0o644)
    done = enroll(config, backend.url, code_for(backend, "hall-2"))
    assert done.returncode == 0, done.stderr
    assert "enrolled as 'hall-2'" in done.stdout
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    text = config.read_text()
    assert "# Wedding hall, second booth" in text and "# prefixes order ids" in text
    loaded = load_config(config, required=True)
    assert loaded.backend.url == backend.url and loaded.backend.connect_timeout == 4.0
    assert loaded.backend.device_token not in ("to be replaced", "")
    assert loaded.backend.device_token not in done.stdout + done.stderr  # never shown
    client = BackendClient(loaded.backend.url, loaded.backend.device_token,
                           connect_timeout=2, read_timeout=5)
    assert client.device_profile().name == "hall-2"
    client.close()


def test_enroll_creates_a_missing_config_private_and_refuses_a_used_code(
    backend: BackendServer, tmp_path: Path
) -> None:
    config = tmp_path / "new" / "kiosk.toml"
    code = code_for(backend, "hall-3")
    assert enroll(config, backend.url, code).returncode == 0
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    again = tmp_path / "again.toml"
    refused = enroll(again, backend.url, code)
    assert refused.returncode == 1 and "refused the code (403)" in refused.stderr
    assert not again.exists()
