"""booth-backend: serve | migrate | add-device NAME | add-operator NAME | operators ..."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from backend.operator_admin_cli import add_parser as add_operators_parser
from backend.settings import BackendSettings, SettingsError, load_settings

if TYPE_CHECKING:
    from backend.database import Database

# uvicorn's own default is 5 s. A client that sends on a connection at the moment the server
# closes it for idleness gets a reset, not an answer (the bench's 32 clients saw it within
# 1000 requests). Booths and proxies keep connections idle for longer than 5 s between a
# customer's steps, so the server keeps them longer: nginx's own keepalive_timeout is 75 s.
KEEP_ALIVE_S = 75


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", help="database URL (default: BOOTH_DATABASE_URL)")
    common.add_argument("--config", type=Path, help="TOML file with BOOTH_* settings")
    parser = argparse.ArgumentParser(prog="booth-backend", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", parents=[common], help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--keep-alive", type=int, default=KEEP_ALIVE_S, metavar="SECONDS",
        help=f"close a client's idle connection after this long (default {KEEP_ALIVE_S}; "
        "keep it longer than the idle time of the proxy or booths in front)")
    commands.add_parser("migrate", parents=[common], help="create or update the tables")
    add = commands.add_parser("add-device", parents=[common], help="issue a device token")
    add.add_argument("name")
    operator = commands.add_parser(
        "add-operator", parents=[common],
        help="create a dashboard operator, or set a new password (read from stdin)")
    operator.add_argument("name")
    add_operators_parser(commands, common)
    return parser


def _database(settings: BackendSettings) -> Database:
    # Imported late so that a bad setting is reported without loading SQLAlchemy.
    from backend.database import Database

    db = Database(settings.database_url)
    db.create_tables()
    return db


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.umask(0o077)  # the database, its -wal/-shm, photos and logs: the service's own
    try:
        settings = load_settings(args.config, database_url=args.database)
    except SettingsError as exc:
        print(f"booth-backend: bad setting: {exc}", file=sys.stderr)
        return 2
    if args.command == "migrate":
        _database(settings).dispose()
        print(f"tables ready in {settings.database_url.split('@')[-1]}")
        return 0
    if args.command == "add-device":
        from backend.clock import Clock
        from backend.devices import add_device

        db = _database(settings)
        token = add_device(db, args.name, Clock().now_ms())
        db.dispose()
        print(f"device {args.name!r} added; its token is shown once:")
        print(token)
        return 0
    if args.command == "operators":
        from backend.operator_admin_cli import operators_command

        return operators_command(_database(settings), args.action, args.name)
    if args.command == "add-operator":
        from backend.operator_cli import add_operator_command

        return add_operator_command(_database(settings), args.name)
    import uvicorn
    from sqlalchemy.exc import OperationalError

    from backend.app import create_app
    from backend.http_timeouts import protocol_with_timeouts
    from backend.start_report import banner, redacted_database, start_report
    from contract.malloc_arenas import limit_malloc_arenas

    host = f"[{args.host}]" if ":" in args.host else args.host
    listen = f"http://{host}:{args.port}"
    print(banner(start_report(settings, listen)), flush=True)
    try:
        database = _database(settings)
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        print(f"booth-backend: cannot open the database {redacted_database(settings.database_url)}"
              f": {reason}", file=sys.stderr)
        return 1
    app = create_app(settings, database)
    app.state.listen = listen
    limit_malloc_arenas()  # before the worker threads start
    # uvloop and httptools: the event loop's and the parser's per-connection work in C, so a
    # burst of connections (a login storm) delays a provider's call behind it far less.
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False,
                timeout_keep_alive=args.keep_alive, loop="uvloop",
                http=protocol_with_timeouts(settings.header_timeout_seconds,
                                            settings.body_timeout_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
