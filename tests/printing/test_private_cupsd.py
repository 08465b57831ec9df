"""The private cupsd harness the tests and the demo print through."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from printing.cups_client import CupsClient
from printing.private_cupsd import PrivateCups, PrivateCupsError
from tests.conftest import DS620_MODEL, lp_readable_tempdir
from tests.harness.waiting import wait_for

pytestmark = pytest.mark.cups


def finished(client: CupsClient, job_id: int) -> bool:
    job = client.job(job_id)
    return job is not None and job.finished


def test_directory_queue_writes_each_job_to_a_new_file(cupsd: PrivateCups, photo: Path) -> None:
    prints = cupsd.root.parent / "directory-prints"
    cupsd.add_directory_queue("dirqueue", DS620_MODEL, prints)
    client = CupsClient(cupsd.server, "dirqueue")

    first = client.submit(photo, "order-a", {"media": "w288h432"})
    second = client.submit(photo, "order-a", {"media": "w288h432"})
    wait_for(lambda: finished(client, first) and finished(client, second), "both jobs done")

    files = sorted(prints.iterdir())
    assert [f.name for f in files] == [f"job{first:05d}-1-order-a.prn",
                                       f"job{second:05d}-1-order-a.prn"]
    assert all(f.read_bytes().startswith(b"\x1b") for f in files)  # DNP data from Gutenprint
    assert all(f.stat().st_mode & 0o044 == 0o044 for f in files)  # readable by people


def test_unknown_driver_model_is_a_clear_error(cupsd: PrivateCups) -> None:
    with pytest.raises(PrivateCupsError, match="cannot add queue 'bogus'"):
        cupsd.add_queue("bogus", "gutenprint.5.3://no-such-printer/expert", "file:///dev/null")


def test_root_that_lp_cannot_reach_is_refused_before_start(tmp_path: Path) -> None:
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    server = PrivateCups(closed / "cups")
    with pytest.raises(PrivateCupsError, match="not traversable"):
        server.start()
    assert server.process is None


def test_queues_and_job_history_survive_a_restart(photo: Path) -> None:
    root = lp_readable_tempdir("booth-cupsd-restart-")
    server = PrivateCups(root / "cups")
    server.start()
    try:
        server.add_directory_queue("keep", None, root / "out")
        client = CupsClient(server.server, "keep")
        job_id = client.submit(photo, "order-keep", {})
        wait_for(lambda: finished(client, job_id), "job done")
        server.stop()
        server.start()
        assert [j.id for j in CupsClient(server.server, "keep").jobs_named("order-keep")] \
            == [job_id]
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
