"""The booth at a glance, as the service menu and the heartbeat read it."""

from __future__ import annotations

import json

from kiosk.core.ports import HealthState


def test_the_snapshot_tells_state_printer_health_outbox_and_disk(make_booth, backend) -> None:
    booth, runner = make_booth()
    runner.until(lambda: booth.driver.health("printer").state is HealthState.ok,
                 "the printer checked", booth)
    backend.stop()  # events pile up in the outbox from now on
    with booth.store.transaction() as db:
        booth.store.record(db, "test.event", None, "queued while the backend is away")
    status = booth.driver.booth_status()

    assert status.state == "attract" and status.version
    assert status.printer.state == "ready" and status.prints_left == booth.config.printing.roll_size
    assert set(status.health) == {"printer", "camera", "backend", "storage"}
    assert status.outbox.depth >= 1 and status.outbox.oldest_age is not None
    assert status.disk_free_bytes > 0 and status.uptime_seconds >= 0
    sent = json.loads(json.dumps(status.as_json()))
    assert sent["health"]["printer"]["state"] == "ok" and sent["printer"]["state"] == "ready"


def test_heartbeats_are_numbered_across_restarts_so_the_backend_keeps_the_newest(
    make_booth, backend
) -> None:
    booth, _ = make_booth()
    first, second = booth.heartbeat.snapshot(), booth.heartbeat.snapshot()
    assert second["sequence"] > first["sequence"]
    booth.stop()
    again, _ = make_booth()  # the same data directory: the booth restarted
    third = again.heartbeat.snapshot()
    assert third["sequence"] > second["sequence"]
    assert third["sequence_epoch"] == second["sequence_epoch"] == first["sequence_epoch"]
