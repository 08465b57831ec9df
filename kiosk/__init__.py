"""The booth, in three layers (the import contracts in pyproject.toml hold them):

- `kiosk.core`: config, store, models, the flow table and its engine, the driver, compose,
  layouts, and `ports` — the contract every adapter keeps. No Qt, no adapter.
- adapters: `kiosk.camera` (the camera hardware), and the top-level `ui`, `printing`, `sync`.
- `kiosk.app`: the `kiosk` command, the composition root that wires it all, the demo.
"""
