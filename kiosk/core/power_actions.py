"""What the technician may do to the booth's app and machine, and the exit code that asks
the run loop to start the booth again. Apart from the service desk (which imports the
store) so the screens can name them before the store is opened."""

from __future__ import annotations

from enum import StrEnum

RESTART_EXIT_CODE = 75  # the run loop starts the booth again (EX_TEMPFAIL)
# "Exit to desktop": the supervisor must not start the booth again (the systemd unit lists
# it in RestartPreventExitStatus=); `systemctl --user start photobooth-kiosk` brings it back.
EXIT_APP_CODE = 4


class PowerAction(StrEnum):
    restart_app = "restart_app"
    exit_app = "exit_app"
    reboot = "reboot"
    shutdown = "shutdown"
