"""The real parts every test directory shares, each defined once: the backend (a real
`booth-backend` process over HTTP), a private cupsd, a throwaway PostgreSQL cluster.

Which backend a test gets is declared, not redefined: `BACKEND` in the test module, else
in the nearest conftest up its directories, else `DEFAULT_BACKEND` here. A list of specs
runs each test once per spec (tests/backend: SQLite and PostgreSQL). Each spec's server is
started once per session and shared by the tests that declare it.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from backend.local_server import BackendServer, start_backend
from printing.fault_printer import FAULT_BACKEND
from printing.private_cupsd import PrivateCups
from tests.harness.postgres import PostgresCluster, start_postgres, unavailable_reason

DS620_MODEL = "gutenprint.5.3://dnp-ds620/expert"
PAYME_KEY = "payme-test-key"
CLICK_SECRET = "click-secret"
CLICK_SERVICE_ID = "4242"
WEBPAY_SECRET = "webpay-secret"
PROVIDER_ENV = {
    "BOOTH_PAYME_MERCHANT_ID": "5f0c0ffee0ddba11",
    "BOOTH_PAYME_KEY": PAYME_KEY,
    "BOOTH_PAYME_TEST_MODE": "1",
    "BOOTH_CLICK_SERVICE_ID": CLICK_SERVICE_ID,
    "BOOTH_CLICK_MERCHANT_ID": "777",
    "BOOTH_CLICK_SECRET_KEY": CLICK_SECRET,
    "BOOTH_WEBPAY_STORE_ID": "515151",
    "BOOTH_WEBPAY_SECRET_KEY": WEBPAY_SECRET,
    "BOOTH_WEBPAY_TEST_MODE": "1",
}


@dataclass(frozen=True)
class BackendSpec:
    """What a test needs of the backend: its database and which providers it takes."""

    database: str = "sqlite"  # or "postgres": a database of the session's cluster
    providers: bool = False  # Payme, Click and WebPay beside the sandbox (PROVIDER_ENV)
    device: str = "test-kiosk"  # the name of the device whose token `backend.token` is
    api_docs: bool = False  # /openapi.json served (BOOTH_API_DOCS=1), for the contract's fuzz


DEFAULT_BACKEND = BackendSpec()


def lp_readable_tempdir(prefix: str) -> Path:
    # cupsd runs filters and backends as `lp`, so the tree must be traversable (pytest's
    # tmp dirs are 0700).
    root = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    root.chmod(0o755)
    return root


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    reason = unavailable_reason()
    if reason is not None:
        print(f"\nPostgreSQL tests skipped: {reason}")
        pytest.skip(f"PostgreSQL unavailable: {reason}")
    cluster = start_postgres()
    yield cluster
    cluster.stop()


def database_url_for(request: pytest.FixtureRequest, kind: str, name: str) -> str | None:
    """None for SQLite (the backend's own file), else a new database of the cluster."""
    if kind == "sqlite":
        return None
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    # Unique: a session fixture may be built again when parallel workers reorder the tests.
    return cluster.create_database(f"{name}_{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="session")
def cupsd() -> Iterator[PrivateCups]:
    """A private cupsd on loopback, with the fault-injecting backend installed."""
    root = lp_readable_tempdir("booth-cupsd-")
    server = PrivateCups(root / "cups", backends={"fault": FAULT_BACKEND})
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


class Backends:
    """The session's backend servers, one per spec, started when first asked for."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._tmp = tmp_path_factory
        self._servers: dict[BackendSpec, BackendServer] = {}

    def get(self, spec: BackendSpec, request: pytest.FixtureRequest) -> BackendServer:
        if spec not in self._servers:
            url = database_url_for(request, spec.database, "booth_suite")
            self._servers[spec] = start_backend(
                self._tmp.mktemp(f"backend-{spec.database}"), database_url=url,
                extra_env={**(PROVIDER_ENV if spec.providers else {}),
                           **({"BOOTH_API_DOCS": "1"} if spec.api_docs else {})} or None,
                device=spec.device)
        return self._servers[spec]

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()


@pytest.fixture(scope="session")
def backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backends]:
    started = Backends(tmp_path_factory)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest, backends: Backends) -> BackendServer:
    """The real backend over HTTP, as the test's BACKEND declares (see the module doc)."""
    return backends.get(request.param, request)


@pytest.fixture(autouse=True)
def _backend_serving(request: pytest.FixtureRequest) -> None:
    """The shared backend is serving when a test starts: one that played an outage (stopped
    or killed it) leaves it to be started again here, on the same database."""
    if "backend" in request.fixturenames:
        server: BackendServer = request.getfixturevalue("backend")
        if server.process is None or server.process.poll() is not None:
            server.start()


def declared_backends(module: object) -> list[BackendSpec]:
    """The nearest BACKEND: the test module's, then each conftest's up to this one."""
    declared = getattr(module, "BACKEND", None)
    package = getattr(module, "__package__", "") or ""
    while declared is None and package:
        try:
            conftest = importlib.import_module(f"{package}.conftest")
        except ModuleNotFoundError:
            conftest = None
        declared = getattr(conftest, "BACKEND", None)
        package = package.rpartition(".")[0]
    declared = declared or DEFAULT_BACKEND
    return list(declared) if isinstance(declared, list | tuple) else [declared]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    specs = declared_backends(metafunc.module)
    params = [
        pytest.param(spec, id=spec.database if len(specs) > 1 else pytest.HIDDEN_PARAM,
                     marks=[pytest.mark.postgres] if spec.database == "postgres" else [])
        for spec in specs
    ]
    metafunc.parametrize("backend", params, indirect=True, scope="session")
