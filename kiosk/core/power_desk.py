"""Restart or leave the booth app, reboot or shut down the machine (after the screen's
confirmation). The commands are the config's, run by the `PowerCommands` port; with no
restart command the booth exits with the code that asks its run loop to start it again."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.config import KioskConfig
from kiosk.core.desk_work import DeskWork, Done, Outcome
from kiosk.core.handoff import Post, Submit
from kiosk.core.notices import AppExit, Notice
from kiosk.core.ports import PowerCommands
from kiosk.core.power_actions import EXIT_APP_CODE, RESTART_EXIT_CODE, PowerAction
from kiosk.core.store import Store


class PowerDesk(DeskWork):
    def __init__(self, *, config: KioskConfig, commands: PowerCommands, store: Store,
                 notify: Callable[[Notice], None], submit: Submit, post: Post):
        super().__init__(store, submit, post)
        self.config = config
        self.commands = commands
        self.notify = notify

    def power(self, action: PowerAction, on_done: Done) -> None:
        service = self.config.service
        command = {PowerAction.reboot: service.reboot_command,
                   PowerAction.shutdown: service.shutdown_command,
                   PowerAction.restart_app: service.restart_command}.get(action, [])

        def work() -> Outcome:
            self._record(f"service.{action}", f"{action} asked by the technician",
                         {"command": command})
            if not command:
                return Outcome(action, True, detail={"exit_code": RESTART_EXIT_CODE
                                                     if action is PowerAction.restart_app
                                                     else EXIT_APP_CODE})
            return self._run_command(action, command)

        def leave(outcome: Outcome) -> None:
            if outcome.ok and "exit_code" in outcome.detail:
                self.notify(AppExit(int(outcome.detail["exit_code"])))

        self._run(action, work, on_done, then=leave)

    def _run_command(self, action: str, command: list[str]) -> Outcome:
        shown = " ".join(command)
        result = self.commands.run(command)
        if result.problem == "command_missing":
            return self._refused(action, "command_missing", f"{shown}: no such command",
                                 {"command": shown})
        if result.problem:
            reason = (f"{shown} exited with status {result.status}" if result.status is not None
                      else f"{shown}: {result.output}")
            return self._refused(action, result.problem, reason,
                                 {"command": shown, "status": result.status,
                                  "output": result.output})
        return Outcome(action, True, detail={"command": shown})
