"""The backend's OpenAPI document against the backend itself: schemathesis generates
requests from the document (valid and invalid ones) and sends them over HTTP to the real
backend with a real device token; every answer must be no server error and must match the
document in status code, content type, headers and body schema.

COVERED lists the paths fuzzed (one operation each); extend it as more of the document is
described (provider callbacks, operator forms). positive_data_acceptance is left out: the
backend's rules are narrower than a JSON Schema can say (a paymentType it takes, a whole
JPEG, an amount with no ".0"), so a schema-valid request may rightly be refused with a
documented answer.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from backend.local_server import BackendServer
from contract.kiosk_api import ROUTES
from tests.conftest import BackendSpec

# A server of its own: the fuzzer's orders, events and heartbeats stay out of the backend
# the other test directories share.
BACKEND = BackendSpec(device="openapi-fuzz", api_docs=True)
# The kiosk API, then the pages a customer's phone opens (the sandbox stands for a
# provider's). Not /sandbox/clock: fuzzing it would move the server's clock.
COVERED = [route.path for route in ROUTES] + [
    "/return/{order_id}", "/return/{order_id}/{language}", "/p/{token}", "/p/{token}/{name}",
    "/sandbox/pay/{order_id}", "/sandbox/pay/{order_id}/pay", "/sandbox/pay/{order_id}/decline",
]
EXAMPLES_PER_OPERATION = 10
SEED = 23
CONFIG = Path(__file__).with_name("schemathesis.toml")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def fuzz(backend: BackendServer, report: Path, paths: list[str], *, headers: tuple[str, ...] = (),
         env: dict[str, str] | None = None, examples: int = EXAMPLES_PER_OPERATION,
         excluded: tuple[str, ...] = ()) -> dict:
    pattern = "^(" + "|".join(re.escape(path) for path in paths) + ")$"
    options = [option for header in headers for option in ("--header", header)]
    done = subprocess.run(
        [str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", f"{backend.url}/openapi.json",
         *options, "--workers", "1",
         "--max-examples", str(examples), "--seed", str(SEED),
         "--include-path-regex", pattern,
         "--exclude-checks", ",".join(("positive_data_acceptance", *excluded)),
         "--report", "json", "--report-json-path", str(report), "--no-color"],
        capture_output=True, text=True, timeout=240, cwd=report.parent,
        env={**os.environ, **(env or {})})
    assert report.exists(), done.stdout[-3000:] + done.stderr[-3000:]
    answer = json.loads(report.read_text())
    answer["output"] = done.stdout[-6000:]
    return answer


def assert_clean(run: dict, operations: int) -> None:
    """No server error, no answer the document does not describe, every operation tried."""
    assert run["complete"], run["output"]
    print(f"schemathesis: {run['test_cases']['generated']} cases on "
          f"{run['operations']['tested']} operations, {len(run['errors'])} errors, "
          f"{len(run['failures'])} kinds of mismatch")
    assert run["errors"] == [] and run["failures"] == [], run["output"]
    assert run["operations"]["tested"] == operations, run["operations"]


def test_every_answer_of_the_kiosk_api_matches_its_openapi_document(
    backend: BackendServer, tmp_path: Path
) -> None:
    run = fuzz(backend, tmp_path / "schemathesis.json", COVERED,
               headers=(f"Authorization: Bearer {backend.token}",))
    assert_clean(run, len(COVERED))
    assert run["test_cases"]["generated"] >= 10 * len(COVERED), run["test_cases"]


def test_the_document_lists_exactly_the_contracts_routes_with_their_answers(
    backend: BackendServer,
) -> None:
    document = httpx.get(f"{backend.url}/openapi.json").json()
    for route in ROUTES:
        operation = document["paths"][route.path][route.method.lower()]
        declared = {int(status) for status in operation["responses"]}
        assert set(route.answers) <= declared, (route.path, declared)
        for status, model in route.answers.items():
            schema = operation["responses"][str(status)]["content"]["application/json"]
            assert schema["schema"]["$ref"].endswith("/" + model.__name__), (route.path, status)
    kiosk_paths = {path for path in document["paths"] if path.startswith("/api/")}
    assert kiosk_paths | {"/healthz"} == {route.path for route in ROUTES}


def test_a_refused_input_anywhere_is_documented_as_the_detail_text_it_is(
    backend: BackendServer,
) -> None:
    document = httpx.get(f"{backend.url}/openapi.json").json()
    refusal = httpx.get(f"{backend.url}/return/some-order/xx")  # not a language
    assert refusal.status_code == 422 and isinstance(refusal.json()["detail"], str)
    documented = document["paths"]["/return/{order_id}/{language}"]["get"]["responses"]["422"]
    schema = documented["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert document["components"]["schemas"][schema]["properties"]["detail"]["type"] == "string"
