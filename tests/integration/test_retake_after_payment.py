"""Paying first with photo sharing, the customer retakes after paying (up to three times):
the phone page (its link and its short code) shows exactly the photos of the final print —
its print.jpg is the printed file byte for byte — and the backend and the booth keep no
file of the rejected sets. The whole booth core, the real backend over HTTP, real cupsd."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from sqlmodel import select

from backend.local_server import BackendServer
from backend.photo_thumbnails import thumbnail
from kiosk.app.booth import Booth
from kiosk.core.flow_table import State
from kiosk.core.models import BoothSession, Order, PhotoUpload, PrintJob, PrintJobState
from sync.photo_preparation import prepare_photo
from tests.harness.photo_files import jpeg_bytes
from tests.integration.conftest import Runner

RETAKES = 3
PHOTO_LINK = re.compile(r"/p/[A-Za-z0-9_-]+/((?:print|shot-\d+)\.jpg)\?download=1")


def order_row(booth: Booth, order_id: str) -> Order:
    with booth.store.reading() as db:
        order = db.get(Order, order_id)
    assert order is not None
    return order


def take_the_photos(booth: Booth, runner: Runner, scene: Path, colour: int) -> None:
    """The customer stands before the camera (a scene of its own colour) and takes them all."""
    scene.write_bytes(jpeg_bytes(1200, 800, (colour, 255 - colour, 90)))
    for taken in range(1, 3):
        booth.driver.shoot()
        runner.until(lambda n=taken: len(booth.flow.context.shots) == n, f"shot {taken}", booth)
    runner.until(lambda: booth.flow.state is State.review, "review", booth)


def on_the_phone(url: str) -> dict[str, bytes]:
    """Every photo the page offers to download, by name, with the bytes it sends."""
    page = httpx.get(url, timeout=10, follow_redirects=True)
    assert page.status_code == 200
    names = PHOTO_LINK.findall(page.text)
    assert len(names) == len(set(names))
    base = str(page.url)
    return {name: httpx.get(f"{base}/{name}", timeout=10).content for name in names}


def uploaded_set(booth: Booth, order_id: str) -> set[tuple[int, str]]:
    with booth.store.reading() as db:
        return {(row.photo_set, row.state) for row in db.exec(
            select(PhotoUpload).where(PhotoUpload.order_id == order_id))}


@pytest.mark.parametrize("copies", [1, 0], ids=["print", "phone-only"])
def test_a_retake_after_payment_leaves_only_the_final_photos_on_the_phone(
        make_booth, backend: BackendServer, tmp_path: Path, copies: int) -> None:
    frames = tmp_path / "frames"
    frames.mkdir()
    scene = frames / "scene.jpg"
    scene.write_bytes(jpeg_bytes(1200, 800))
    booth, runner = make_booth(flow={"pay_first": True}, camera={"device": str(frames)},
                               packages=[{"copies": copies, "price": 20000}])
    driver = booth.driver
    if copies:
        runner.until(lambda: booth.printing.can_print(1), "the printer is ready", booth)
    driver.touch()
    driver.choose_package(copies)
    qr = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth)
    order_id = qr.order_id
    backend.sandbox_pay(order_id)
    runner.until(lambda: booth.flow.state is State.capture, "capture after paying", booth)

    take_the_photos(booth, runner, scene, 10)
    runner.until(lambda: order_row(booth, order_id).photos_delivered_at, "set 1 on the phone",
                 booth)
    url = order_row(booth, order_id).photos_url or ""
    first = on_the_phone(url)
    assert sorted(first) == ["print.jpg", "shot-1.jpg", "shot-2.jpg"]
    assert httpx.get(f"{url}/print.jpg?w=480", timeout=10,
                     headers={"Accept": "image/webp"}).status_code == 200  # a copy is kept

    for retake in range(1, RETAKES + 1):
        driver.retake()
        runner.until(lambda: booth.flow.state is State.capture, "capture again", booth)
        take_the_photos(booth, runner, scene, 10 + 60 * retake)
        runner.until(lambda n=retake + 1: order_row(booth, order_id).print_version == n,
                     f"print {retake + 1} composed", booth)
    driver.proceed()
    runner.until(lambda: booth.flow.state in (State.done, State.attract), "finished", booth)
    final = RETAKES + 1
    runner.until(lambda: uploaded_set(booth, order_id) == {(final, "uploaded")}
                 and order_row(booth, order_id).photos_delivered_at, "the final set on the phone",
                 booth)

    order = order_row(booth, order_id)
    with booth.store.reading() as db:
        jobs = list(db.exec(select(PrintJob).where(PrintJob.order_id == order_id)))
        session = db.get(BoothSession, order.session_id)
    assert session is not None
    shots = [Path(shot) for shot in session.shots]
    if copies:
        assert [job.state for job in jobs] == [PrintJobState.printed]
        printed = Path(jobs[0].file).read_bytes()
    else:
        assert jobs == []
        printed = Path(order.print_file or "").read_bytes()
    expected = {"print.jpg": printed}
    for index, shot in enumerate(shots, 1):
        expected[f"shot-{index}.jpg"] = prepare_photo(
            shot, tmp_path / "expected" / f"shot-{index}.jpg").read_bytes()

    assert on_the_phone(url) == expected
    assert on_the_phone(f"{backend.url}/p/{order.photos_code}") == expected  # the short code
    assert first["print.jpg"] != printed and first["shot-1.jpg"] != expected["shot-1.jpg"]

    # The page's copies follow: the one made of set 1's print is gone, a new one is made.
    copy = httpx.get(f"{url}/print.jpg?w=480", timeout=10, headers={"Accept": "image/webp"})
    own = tmp_path / "own" / "print.jpg"
    own.parent.mkdir()
    own.write_bytes(printed)
    assert copy.content == thumbnail(own, 480, "webp").read_bytes()

    # Nothing of the rejected sets is kept, on the backend or on the booth.
    stored = Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id
    assert [p.name for p in stored.iterdir()] == [f"set-{final}"]
    assert sorted(p.name for p in (stored / f"set-{final}").iterdir()) == [
        "print.jpg", "print.jpg.480.webp", "shot-1.jpg", "shot-2.jpg"]
    prepared = Path(booth.config.storage.data_dir) / "uploads" / order_id
    assert {p.name: p.read_bytes() for p in prepared.iterdir()} == expected
    replaced = booth.store.events("photos.replaced", subject=order_id)
    sets = [e.data["photo_set"] for e in replaced]  # a set composed over at once may be skipped
    assert sets == sorted(set(sets)) and sets[0] >= 2 and sets[-1] == final

