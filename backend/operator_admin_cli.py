"""`booth-backend operators list | disable NAME | remove NAME | set-password NAME`.

A new password (read from stdin, or prompted on a terminal), disabling and removing all end
the operator's open dashboard sessions at once.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from backend.clock import Clock

if TYPE_CHECKING:
    from backend.database import Database

ACTIONS = ("list", "disable", "remove", "set-password")


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    operators = commands.add_parser("operators", parents=[common],
                                    help="list, disable, remove operators or set a password")
    operators.add_argument("action", choices=ACTIONS)
    operators.add_argument("name", nargs="?", help="the operator (all but list)")


def operators_command(db: Database, action: str, name: str | None) -> int:
    # Imported here: `booth-backend --help` and a bad setting load no SQLAlchemy.
    from backend.operators import disable_operator, remove_operator

    try:
        if action == "list":
            return _list(db)
        if not name:
            print(f"booth-backend: operators {action} needs an operator name", file=sys.stderr)
            return 2
        if action == "set-password":
            return _set_password(db, name)
        done = (disable_operator if action == "disable" else remove_operator)(db, name)
    finally:
        db.dispose()
    if not done:
        print(f"booth-backend: no operator {name!r}", file=sys.stderr)
        return 1
    print(f"operator {name!r} {action}d; their sessions are ended")
    return 0


def _list(db: Database) -> int:
    from backend.operators import list_operators

    rows = list_operators(db, Clock().now_ms())
    if not rows:
        print("no operators (add one with: booth-backend add-operator NAME)")
    for row in rows:
        created = datetime.fromtimestamp(row.created_at / 1000, UTC).strftime("%Y-%m-%d")
        state = "disabled" if row.disabled else "active"
        print(f"{row.name}\t{state}\tsince {created}\t{row.sessions} open session(s)")
    return 0


def _set_password(db: Database, name: str) -> int:
    from backend.operator_cli import read_password
    from backend.operators import list_operators, password_problem, set_operator

    if name not in {row.name for row in list_operators(db, Clock().now_ms())}:
        print(f"booth-backend: no operator {name!r} (add-operator creates one)",
              file=sys.stderr)
        return 1
    password = read_password()
    problem = password_problem(password)
    if problem is not None:
        print(f"booth-backend: {problem}", file=sys.stderr)
        return 2
    set_operator(db, name, password, Clock().now_ms())
    print(f"operator {name!r} has a new password; their sessions are ended")
    return 0
