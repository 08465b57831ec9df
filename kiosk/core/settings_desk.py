"""The service menu's settings: saved to kiosk.toml and applied to the running booth.

Only settings read at each use are editable (`settings_fields.EDITABLE_SETTINGS`), so no
restart is needed: the validated new config is swapped in whole, the layout follows it,
and the screens hear `settings_applied`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kiosk.core.config import ConfigError
from kiosk.core.config_editor import ConfigEditor
from kiosk.core.desk_work import DeskWork, Done, Outcome
from kiosk.core.handoff import Post, Submit
from kiosk.core.layouts import Layout
from kiosk.core.notices import Notice, SettingsApplied
from kiosk.core.settings_fields import EDITABLE_SETTINGS
from kiosk.core.settings_file import SettingsWriteError
from kiosk.core.settings_refusal import config_refused, write_refused
from kiosk.core.store import Store


class SettingsDesk(DeskWork):
    def __init__(self, *, editor: ConfigEditor, store: Store, layouts: Mapping[str, Layout],
                 use_layout: Callable[[Layout], None], notify: Callable[[Notice], None],
                 submit: Submit, post: Post):
        super().__init__(store, submit, post)
        self.editor = editor
        self.layouts = dict(layouts)
        self.use_layout = use_layout
        self.notify = notify

    def layout_names(self) -> list[str]:
        return sorted(self.layouts)

    def save_settings(self, changes: Mapping[str, Any], on_done: Done) -> None:
        """Validate, write kiosk.toml atomically, then apply to the running booth."""
        unknown = set(changes) - set(EDITABLE_SETTINGS)
        if unknown:
            raise ValueError(f"not editable from the service menu: {sorted(unknown)}")
        changes = dict(changes)

        def work() -> Outcome:
            try:
                config = self.editor.write(changes)
            except ConfigError as exc:
                return self._refused("settings", *config_refused(exc, changes))
            except SettingsWriteError as exc:
                return self._refused("settings", *write_refused(exc))
            self._record("service.settings_saved", "settings saved",
                         {"path": str(self.editor.path), **changes})
            return Outcome("settings", True, detail={"config": config,
                                                     "path": str(self.editor.path)})

        def apply(outcome: Outcome) -> None:
            if outcome.ok:
                new = outcome.detail.pop("config")
                self.editor.swap(new)
                self.use_layout(self.layouts[new.flow.layout])
                self.notify(SettingsApplied())

        self._run("settings", work, on_done, then=apply)
