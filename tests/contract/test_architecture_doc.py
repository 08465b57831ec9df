"""docs/architecture.md's table of the kiosk API is the contract's: every row is a route of
contract.kiosk_api.ROUTES with the same answers, and every route has its row."""

from __future__ import annotations

import re
from pathlib import Path

from contract.kiosk_api import ROUTES

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
ROW = re.compile(r"^\| (GET|POST|PUT|DELETE) \| `([^`]+)` \| [^|]* \| (.+) \|$")


def documented_routes() -> dict[tuple[str, str], dict[int, str]]:
    rows = {}
    for line in DOC.read_text().splitlines():
        found = ROW.match(line)
        if found:
            method, path, answers = found.groups()
            rows[(method, path)] = {int(status): model for status, model in
                                    re.findall(r"(\d{3}) `(\w+)`", answers)}
    return rows


def test_the_architecture_docs_route_table_is_the_contracts() -> None:
    contract = {(route.method, route.path): {status: model.__name__
                                             for status, model in route.answers.items()}
                for route in ROUTES}
    assert documented_routes() == contract
