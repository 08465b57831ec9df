"""`booth-backend add-operator NAME`: the password comes from stdin (a prompt on a terminal)."""

from __future__ import annotations

import getpass
import sys

from backend.clock import Clock
from backend.database import Database
from backend.operators import password_problem, set_operator


class PasswordsDiffer(Exception):
    """The password typed twice at the prompt, differently."""


def read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise PasswordsDiffer
        return first
    return sys.stdin.readline().rstrip("\r\n")


def add_operator_command(db: Database, name: str) -> int:
    try:
        if not name.strip() or len(name) > 200:
            print("booth-backend: an operator name is 1–200 characters", file=sys.stderr)
            return 2
        try:
            password = read_password()
        except PasswordsDiffer:
            print("booth-backend: the two passwords differ; nothing changed", file=sys.stderr)
            return 2
        problem = password_problem(password)
        if problem is not None:
            print(f"booth-backend: {problem}", file=sys.stderr)
            return 2
        created = set_operator(db, name.strip(), password, Clock().now_ms())
    finally:
        db.dispose()
    print(f"operator {name.strip()!r} {'added' if created else 'has a new password'}")
    return 0
