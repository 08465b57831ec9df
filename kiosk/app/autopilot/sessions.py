"""What each autopilot session is meant to do, and what it did."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    paid = "paid"
    declined = "declined"  # the phone presses Decline
    abandoned_at_qr = "abandoned_at_qr"  # the customer taps cancel on the QR screen
    abandoned_before_paying = "abandoned_before_paying"  # leaves on the choose screen
    late = "late"  # pays after the booth gave up (offline meanwhile): printed when it returns
    # Pays late like `late`, and the booth hears of it while the next customer is on the
    # payment screen: that customer's session goes on; the late order prints after it.
    late_while_next_pays = "late_while_next_pays"


# With --mix the first sessions show every kind once, paid first; then the seed decides.
MIX_FIRST = (Kind.paid, Kind.late, Kind.declined, Kind.abandoned_at_qr, Kind.paid,
             Kind.abandoned_before_paying, Kind.late_while_next_pays)


def plan(sessions: int, mix: bool, rng: random.Random) -> list[Kind]:
    if not mix:
        return [Kind.paid] * sessions
    kinds = list(MIX_FIRST)
    while len(kinds) < sessions:
        block = list(MIX_FIRST)
        rng.shuffle(block)
        kinds.extend(block)
    return kinds[:sessions]


@dataclass
class SessionRecord:
    number: int
    kind: Kind
    order_id: str | None = None
    retakes: int = 0
    outcome: str = "as planned"
    screens: list[str] = field(default_factory=list)
    # seconds: tap_to_qr_painted, paid_to_printing_screen, paid_to_job_accepted,
    # job_accepted_to_printed (only those the session went through)
    timings: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {"number": self.number, "kind": self.kind.value, "order_id": self.order_id,
                "outcome": self.outcome, "retakes": self.retakes, "screens": self.screens,
                "timings": {name: round(value, 3) for name, value in self.timings.items()}}
