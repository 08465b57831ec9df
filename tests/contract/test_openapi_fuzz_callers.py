"""The providers' endpoints and the operator's pages and forms against their OpenAPI
document, fuzzed over HTTP like the kiosk API (test_openapi_fuzz.py): once with the
credentials each caller has (tests/contract/fuzz_hooks.py: Paycom's Basic login, Click's and
WebPay's MD5 signatures, an operator's session and CSRF token), so the calls get past the
checks, and once without, where every answer must be the documented refusal.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from backend.local_server import BackendServer
from tests.conftest import CLICK_SECRET, CLICK_SERVICE_ID, PAYME_KEY, WEBPAY_SECRET, BackendSpec
from tests.contract.test_openapi_fuzz import assert_clean, fuzz
from tests.harness.dashboard import csrf_of, logged_in, new_operator

# A server of its own: the run's wrong logins lock the loopback address out of this one only.
BACKEND = BackendSpec(device="openapi-fuzz-callers", api_docs=True, providers=True)
PROVIDER_PATHS = ["/payme", "/click/prepare", "/click/complete", "/webpay/notify",
                  "/webpay/pay/{order_id}"]
PAYME_OPERATIONS = 5  # POST, and GET, PUT, PATCH, DELETE answered -32300
# /admin/logout is fuzzed without credentials only: with them it would end the run's session.
OPERATOR_PATHS = ["/admin/login", "/admin", "/admin/fleet", "/admin/booths/{name}",
                  "/admin/orders", "/admin/orders.csv", "/admin/devices",
                  "/admin/devices/enroll", "/admin/devices/revoke", "/admin/language",
                  "/admin/orders/refund", "/admin/orders/refunded-by-hand", "/admin/audit"]
OPERATIONS = len(PROVIDER_PATHS) + PAYME_OPERATIONS - 1 + len(OPERATOR_PATHS) + 1  # + POST login
EXAMPLES = 6
HOOKS = Path(__file__).with_name("fuzz_hooks.py")


def answers_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _error(answer: dict, read: Callable[[dict], int]) -> int | None:
    try:
        return read(json.loads(answer["body"]))
    except (ValueError, KeyError, TypeError):
        return None  # not this protocol's answer (cut short, or another shape)


def payme_codes(answers: list[dict]) -> Counter[int | None]:
    """Each POST's error code (0 for a result)."""
    return Counter(_error(answer, lambda body: body["error"]["code"] if "error" in body else 0)
                   for answer in answers
                   if answer["path"] == "/payme" and answer["method"] == "POST")


def click_codes(answers: list[dict]) -> Counter[int | None]:
    return Counter(_error(answer, lambda body: body["error"]) for answer in answers
                   if answer["path"].startswith("/click/") and answer["method"] == "POST")


def statuses(answers: list[dict], method: str, path: str) -> Counter[int]:
    return Counter(answer["status"] for answer in answers
                   if answer["method"] == method and answer["path"] == path)


def test_every_answer_to_providers_and_operators_with_their_credentials_is_documented(
    backend: BackendServer, tmp_path: Path
) -> None:
    operator = logged_in(backend, new_operator(backend))
    record = tmp_path / "answers.jsonl"
    paycom = base64.b64encode(f"Paycom:{PAYME_KEY}".encode()).decode()
    run = fuzz(backend, tmp_path / "schemathesis.json", PROVIDER_PATHS + OPERATOR_PATHS,
               examples=EXAMPLES, env={
                   "SCHEMATHESIS_HOOKS": str(HOOKS), "FUZZ_ANSWERS": str(record),
                   "FUZZ_CREDENTIALS": "1", "FUZZ_PAYME_AUTHORIZATION": f"Basic {paycom}",
                   "FUZZ_CLICK_SECRET": CLICK_SECRET, "FUZZ_CLICK_SERVICE_ID": CLICK_SERVICE_ID,
                   "FUZZ_WEBPAY_SECRET": WEBPAY_SECRET,
                   "FUZZ_ADMIN_COOKIE": "; ".join(f"{name}={value}" for name, value
                                                  in operator.cookies.items()),
                   "FUZZ_ADMIN_CSRF": csrf_of(operator.get("/admin/devices").text)})
    assert_clean(run, OPERATIONS)
    answers = answers_of(record)
    # Past each caller's check: Payme answered other than -32504 (credentials), Click other
    # than -1 (signature), WebPay other than 400/403 (grammar, signature), the operator's
    # pages 200 and their forms done.
    assert set(payme_codes(answers)) - {-32504}, payme_codes(answers)
    assert set(click_codes(answers)) - {-1, -8}, click_codes(answers)
    assert set(statuses(answers, "POST", "/webpay/notify")) - {400, 403}, [
        answer["body"] for answer in answers if answer["path"] == "/webpay/notify"
        and answer["method"] == "POST"]
    for page in ("/admin", "/admin/fleet", "/admin/orders", "/admin/orders.csv",
                 "/admin/devices"):
        assert statuses(answers, "GET", page)[200] > 0, (page, statuses(answers, "GET", page))
    assert statuses(answers, "POST", "/admin/devices/enroll")[200] > 0
    assert statuses(answers, "POST", "/admin/devices/revoke")[303] > 0
    assert operator.get("/admin").status_code == 200  # the run's session was never ended


def test_every_answer_to_providers_and_operators_without_credentials_is_a_refusal(
    backend: BackendServer, tmp_path: Path
) -> None:
    record = tmp_path / "answers.jsonl"
    # Without a session an operator's form answers 303 to the login page before its body is
    # read, so schemathesis's check that a malformed body gets a 4xx does not apply here.
    run = fuzz(backend, tmp_path / "schemathesis.json",
               PROVIDER_PATHS + OPERATOR_PATHS + ["/admin/logout"], examples=EXAMPLES,
               env={"SCHEMATHESIS_HOOKS": str(HOOKS), "FUZZ_ANSWERS": str(record)},
               excluded=("negative_data_rejection",))
    assert_clean(run, OPERATIONS + 1)
    answers = answers_of(record)
    assert set(payme_codes(answers)) == {-32504}, [
        answer for answer in answers
        if answer["path"] == "/payme" and "-32504" not in answer["body"]]
    assert set(click_codes(answers)) <= {-1, -8}, click_codes(answers)
    assert set(statuses(answers, "POST", "/webpay/notify")) <= {400, 403}
    for answer in answers:
        if answer["path"].startswith("/admin") and answer["path"] != "/admin/login" \
                and answer["method"] == answer["documented"]:
            assert answer["status"] == 303, answer  # to the login page
    assert set(statuses(answers, "POST", "/admin/login")) <= {403, 413}
