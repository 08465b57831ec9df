"""The technician's power commands (`service.reboot_command` …), run as processes."""

from __future__ import annotations

import subprocess

from kiosk.core.ports import CommandResult

COMMAND_TIMEOUT = 60.0
OUTPUT_KEPT = 300  # characters of the command's own words kept for the event log


class SystemPowerCommands:
    """`kiosk.core.ports.PowerCommands` on this machine."""

    def run(self, command: list[str]) -> CommandResult:
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=COMMAND_TIMEOUT, check=False)
        except FileNotFoundError:
            return CommandResult("command_missing")
        except (OSError, subprocess.TimeoutExpired) as exc:
            return CommandResult("command_failed", None, str(exc))
        if result.returncode != 0:
            output = (result.stderr or result.stdout).strip()[-OUTPUT_KEPT:]
            return CommandResult("command_failed", result.returncode, output)
        return CommandResult()
