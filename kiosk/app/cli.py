"""`kiosk`: run the booth, and the technician's command-line checks."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from assets import asset_path
from kiosk.core.config import ConfigError, default_config_path, hash_pin, load_config
from kiosk.core.service_pin import new_pin_problem
from kiosk.core.version import package_version


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Paid photobooth kiosk. With no command it runs the booth.")
    parser.add_argument("--version", action="version", version=f"kiosk {package_version()}")
    parser.add_argument("--config", type=Path,
                        help=f"config file (default: {default_config_path()})")
    parser.add_argument("--windowed", action="store_true",
                        help="run in a window instead of fullscreen (development)")
    parser.add_argument("--verbose", action="store_true", help="debug logging")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    config = commands.add_parser("config", help="check the config or hash a service PIN")
    config_commands = config.add_subparsers(dest="config_command", required=True)
    check = config_commands.add_parser("check", help="validate a config file")
    check.add_argument("path", nargs="?", type=Path, help="file to check (default: the booth's)")
    config_commands.add_parser("hash-pin", help="read a PIN on stdin, print its hash")

    layouts = commands.add_parser("layouts", help="check the print layouts")
    layouts_commands = layouts.add_subparsers(dest="layouts_command", required=True)
    layouts_check = layouts_commands.add_parser("check", help="validate layout files")
    layouts_check.add_argument("paths", nargs="*", type=Path,
                               help="files or directories (default: assets/layouts)")

    shots = commands.add_parser("screenshots", help="render every screen to PNG offscreen")
    shots.add_argument("--out", type=Path, required=True, help="directory for the PNGs")
    shots.add_argument("--size", default="1920x1080", help="WxH (default 1920x1080)")
    shots.add_argument("--lang", action="append", help="language(s); default: all configured")

    enroll = commands.add_parser(
        "enroll", help="join the fleet: trade a one-time code from the dashboard for a token",
        description="Exchange an enrollment code (dashboard → Devices) for this booth's device "
        "token and write it, with BACKEND_URL, into the config file (mode 0600).")
    enroll.add_argument("backend_url", help="the backend's public URL, e.g. https://booth.example")
    enroll.add_argument("code", help="the 8-character code, e.g. ABCD-EFGH")

    demo = commands.add_parser(
        "demo", help="the whole product on this machine: backend, private cupsd, booth",
        description="Start the backend (sandbox payments), a private cupsd and the booth, all "
        "on loopback; Ctrl+C stops everything it started.")
    demo.add_argument("--windowed", action="store_true", help="a window, not fullscreen")
    demo.add_argument("--headless", action="store_true",
                      help="no screen: run one simulated paid session and exit")
    demo.add_argument("--dir", type=Path, default=Path(".demo"),
                      help="where the demo keeps its databases, cupsd and prints "
                      "(default: ./.demo)")
    demo.add_argument("--lan", metavar="ADDRESS",
                      help="serve the sandbox pay page on this LAN address so a phone can "
                      "scan the QR (the backend then listens on all interfaces)")
    autopilot = demo.add_argument_group(
        "autopilot", "a scripted customer on the real window (offscreen without a display): "
        "reads the QR off the screen, pays on the sandbox page, and checks that every paid "
        "order printed exactly once and nothing unpaid printed (exit 0) or not (exit 1)")
    autopilot.add_argument("--autopilot", action="store_true", help="run scripted sessions")
    autopilot.add_argument("--sessions", type=int, default=3, help="how many (default 3)")
    autopilot.add_argument("--out", type=Path, default=Path("autopilot"),
                           help="screens, prints and summary.json go here (default ./autopilot)")
    autopilot.add_argument("--mix", action="store_true",
                           help="some customers decline, abandon, or pay after the booth gave up")
    autopilot.add_argument("--seed", type=int, help="the random choices' seed (repeatable runs)")
    autopilot.add_argument("--faults", action="store_true",
                           help="the fault tour instead: paper out, printer stopped, camera "
                           "unplugged, backend unreachable, token revoked")
    autopilot.add_argument("--outage", type=float, default=60.0, metavar="SECONDS",
                           help="how long the fault tour keeps the backend unreachable (60)")
    add_supervision_commands(commands)
    return parser


def add_supervision_commands(commands: argparse._SubParsersAction) -> None:
    """install-autostart and doctor; each also takes --config after its name."""
    config = {"type": Path, "default": argparse.SUPPRESS, "help": "config file the booth uses"}
    install = commands.add_parser(
        "install-autostart", help="start the booth with the machine (XDG entry, or --systemd)",
        description="Write the user's XDG autostart entry, or with --systemd a systemd user "
        "unit (Type=notify, watchdog, restart with a start limit).")
    install.add_argument("--config", **config)
    kind = install.add_mutually_exclusive_group()
    kind.add_argument("--systemd", action="store_true",
                      help="a systemd user unit that restarts a crashed or frozen booth")
    kind.add_argument("--cage", action="store_true",
                      help="the same unit, the booth alone on the screen in the cage Wayland "
                      "compositor (no desktop; console autologin)")
    install.add_argument("--rotate", type=int, choices=range(4), default=0, metavar="0-3",
                         help="with --cage: quarter turns clockwise of the output")
    install.add_argument("--dry-run", action="store_true",
                         help="print what would be written, and where; write nothing")
    install.add_argument("--force", action="store_true", help="replace an existing file")
    cage = commands.add_parser(
        "cage-session", help="run the booth inside cage (what the --cage unit starts)",
        description="Run cage with the booth as its only window; exit with the booth's code.")
    cage.add_argument("--config", **config)
    cage.add_argument("--rotate", type=int, choices=range(4), default=0, metavar="0-3",
                      help="turn the output this many quarter turns clockwise (a screen "
                      "mounted on its side)")
    doctor = commands.add_parser(
        "doctor", help="check everything the booth needs: exit 0 OK, 1 WARN, 2 FAIL",
        description="One line per check: OK | WARN | FAIL, what, and the exact fix.")
    doctor.add_argument("--config", **config)
    doctor.add_argument("--json", action="store_true", help="the checks as JSON")
    doctor.add_argument("--lang", choices=("uz", "ru", "en"),
                        help="the findings' language (default: the booth's ui.default_language)")


def config_check(path: Path | None) -> int:
    target = path or default_config_path()
    try:
        load_config(target, required=True)
    except ConfigError as exc:
        print(f"{exc.source}: the config is not valid", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print(f"{target}: OK")
    return 0


def hash_pin_command() -> int:
    pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    if new_pin_problem(pin, pin) is not None:
        print("a PIN is 6 to 8 digits, not the factory PIN", file=sys.stderr)
        return 2
    print(hash_pin(pin))
    return 0


def main(argv: list[str] | None = None) -> int:
    code = run_command(argv)
    from kiosk.app.cage_session import record_exit_status

    record_exit_status(code)
    return code


def run_command(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.umask(0o077)  # config, database, logs, photos, outbox: the booth's own
    if args.command == "config":
        if args.config_command == "check":
            return config_check(args.path or args.config)
        return hash_pin_command()
    if args.command == "layouts":
        from kiosk.core.layouts import check_command

        return check_command(args.paths or [asset_path("layouts")])
    if args.command == "enroll":
        from kiosk.app.enroll import enroll_command

        return enroll_command(args.backend_url, args.code, args.config or default_config_path())
    if args.command == "install-autostart":
        from kiosk.app.autostart import install_autostart_command

        return install_autostart_command(args)
    if args.command == "cage-session":
        from kiosk.app.cage_session import run_cage_session

        return run_cage_session(args.config, args.rotate)
    if args.command == "doctor":
        from kiosk.app.doctor import doctor_command

        return doctor_command(args)
    if args.command == "demo" and args.autopilot:
        from kiosk.app.autopilot.run import run_autopilot

        return run_autopilot(args)
    if args.command == "demo":
        from kiosk.app.demo import run_demo

        return run_demo(args)
    try:
        config = load_config(args.config, required=args.config is not None)
    except ConfigError as exc:
        print(f"kiosk: refusing to start, {exc.source} is not valid:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    if args.command == "screenshots":
        from ui.screenshots import render_all

        return render_all(config, args.out, args.size, args.lang)
    from kiosk.app.run import run_booth

    return run_booth(config, windowed=args.windowed, verbose=args.verbose,
                     config_path=args.config)


if __name__ == "__main__":
    sys.exit(main())
