"""Counting what came out against what was paid, from the sources of truth: the backend's
order statuses, CUPS's job history (job-name = order id) and the sheets the printer
delivered — never the booth's own store."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import cups

JOB_COMPLETED = 9
DELIVERY = re.compile(r"job\d+-\d+-(?P<title>.+)\.prn$")


def cups_jobs(connection: cups.Connection) -> dict[str, list[tuple[int, int]]]:
    """job-name → [(job id, job-state)] of every job CUPS remembers, oldest first."""
    jobs = connection.getJobs(which_jobs="all", my_jobs=False,
                              requested_attributes=["job-id", "job-name", "job-state"])
    named: dict[str, list[tuple[int, int]]] = {}
    for job_id, attributes in sorted(jobs.items()):
        named.setdefault(str(attributes.get("job-name", "")), []).append(
            (job_id, int(attributes["job-state"])))
    return named


def backend_statuses(database_url: str) -> dict[str, str]:
    """order id → payment status, from the backend's own orders table (its SQLite file)."""
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        return {str(order): str(status) for order, status in db.execute(
            "SELECT order_id, payment_status FROM orders")}


def deliveries(out: Path) -> Counter[str]:
    """Sheets on the printer's 'paper', counted by job title (the order id)."""
    found = (DELIVERY.match(path.name) for path in out.glob("*.prn"))
    return Counter(match["title"] for match in found if match)


@dataclass
class Audit:
    statuses: dict[str, str]  # order id → the backend's payment status
    jobs: dict[str, list[tuple[int, int]]]
    delivered: Counter[str]
    late: set[str] = field(default_factory=set)

    @property
    def paid(self) -> list[str]:
        return sorted(order for order, status in self.statuses.items() if status == "paid")

    def completed(self, order_id: str) -> int:
        return sum(1 for _, state in self.jobs.get(order_id, []) if state == JOB_COMPLETED)

    def times_printed(self, order_id: str) -> int:
        return max(self.completed(order_id), self.delivered[order_id])

    @property
    def printed_once(self) -> list[str]:
        return [order for order in self.paid if self.times_printed(order) == 1]

    @property
    def double(self) -> list[str]:
        return [order for order in self.paid if self.times_printed(order) > 1]

    @property
    def lost(self) -> list[str]:
        return [order for order in self.paid if self.times_printed(order) == 0]

    @property
    def unpaid_printed(self) -> list[str]:
        return sorted(order for order, status in self.statuses.items()
                      if status != "paid" and (order in self.jobs or self.delivered[order]))

    @property
    def ok(self) -> bool:
        return not (self.double or self.lost or self.unpaid_printed)

    def line(self, kills: int) -> str:
        return (f"chaos: {kills} kills, {len(self.paid)} paid, {len(self.printed_once)} printed "
                f"once, {len(self.double)} double, {len(self.unpaid_printed)} unpaid printed, "
                f"{len(self.lost)} lost")
