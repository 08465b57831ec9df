"""The photos page on a phone: copies sized for the screen (WebP where taken), made once and
kept beside the photo; the originals only for Download; "Download all" as a streamed zip."""

from __future__ import annotations

import io
import re
import stat
import zipfile
from pathlib import Path

import httpx
import pytest
from PIL import Image

from backend.local_server import BackendServer
from backend.photo_archive import CHUNK, zip_stream
from backend.photo_thumbnails import WIDTHS
from tests.backend.conftest import new_order_id
from tests.backend.test_photos import put, qr, token_of
from tests.harness.photo_files import jpeg_bytes

WEBP = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8"


@pytest.fixture
def order_with_photos(
    kiosk: httpx.Client, backend: BackendServer
) -> tuple[str, str, dict[str, bytes]]:
    """(order id, page token, the uploaded photos): a print and two shots, photo-sized."""
    order_id = new_order_id()
    url = qr(kiosk, order_id)["photos_url"]
    backend.sandbox_pay(order_id)
    photos = {"print.jpg": jpeg_bytes(1200, 1800, noise=True),
              "shot-1.jpg": jpeg_bytes(1600, 1200, noise=True),
              "shot-2.jpg": jpeg_bytes(1600, 1200, color=(0, 90, 200))}
    for name, body in photos.items():
        assert put(kiosk, order_id, name, body).status_code == 201
    return order_id, token_of(url), photos


def images_of(html: str) -> list[dict[str, str]]:
    return [dict(re.findall(r"(\w+)='([^']*)'", tag)) for tag in re.findall(r"<img [^>]*>", html)]


def test_the_page_shows_sized_copies_lazily_below_the_first_and_originals_only_to_download(
    http: httpx.Client, order_with_photos: tuple[str, str, dict[str, bytes]]
) -> None:
    _, token, _photos = order_with_photos
    page = http.get(f"/p/{token}", headers={"Accept-Language": "en"})
    images = images_of(page.text)
    assert [image["alt"] for image in images] == ["The print", "Shot 1", "Shot 2"]
    for image, name, size in zip(images, ["print.jpg", "shot-1.jpg", "shot-2.jpg"],
                                 [(1200, 1800), (1600, 1200), (1600, 1200)], strict=True):
        base = f"/p/{token}/{name}"
        assert image["src"] == f"{base}?w={WIDTHS[0]}"
        assert image["srcset"] == ", ".join(f"{base}?w={w} {w}w" for w in WIDTHS)
        assert "100vw" in image["sizes"] or "50vw" in image["sizes"]
        assert (int(image["width"]), int(image["height"])) == size
    assert [image["loading"] for image in images] == ["eager", "lazy", "lazy"]
    # The original is linked only by the Download buttons.
    originals = re.findall(rf"/p/{re.escape(token)}/[a-z0-9-]+\.jpg(?!\?w=)[^ ']*", page.text)
    assert sorted(originals) == sorted(
        f"/p/{token}/{name}?download=1" for name in ("print.jpg", "shot-1.jpg", "shot-2.jpg"))
    assert f"href='/p/{token}/photos.zip'" in page.text and "Download all" in page.text


def test_a_copy_is_webp_when_the_phone_takes_it_and_is_made_once_beside_its_photo(
    http: httpx.Client, backend: BackendServer,
    order_with_photos: tuple[str, str, dict[str, bytes]],
) -> None:
    order_id, token, photos = order_with_photos
    webp = http.get(f"/p/{token}/print.jpg", params={"w": 480}, headers={"Accept": WEBP})
    assert webp.status_code == 200 and webp.headers["content-type"] == "image/webp"
    assert "Accept" in webp.headers["vary"] and "no-store" in webp.headers["cache-control"]
    with Image.open(io.BytesIO(webp.content)) as image:
        assert image.format == "WEBP" and image.size == (480, 720)
    assert len(webp.content) < len(photos["print.jpg"]) / 5
    jpeg = http.get(f"/p/{token}/print.jpg", params={"w": 960}, headers={"Accept": "*/*"})
    assert jpeg.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(jpeg.content)) as image:
        assert image.format == "JPEG" and image.size == (960, 1440)
    media = Path(backend.env["BOOTH_MEDIA_DIR"]) / order_id
    stored = media / "print.jpg.480.webp"
    assert stored.read_bytes() == webp.content
    assert stat.S_IMODE(stored.stat().st_mode) == stat.S_IMODE(
        (media / "print.jpg").stat().st_mode)
    made = stored.stat().st_mtime_ns
    again = http.get(f"/p/{token}/print.jpg", params={"w": 480}, headers={"Accept": WEBP})
    assert again.content == webp.content and stored.stat().st_mtime_ns == made
    assert not [p for p in media.iterdir() if p.name.endswith(".part")]


def test_only_the_page_widths_are_made_and_a_stranger_gets_no_copy(
    http: httpx.Client, order_with_photos: tuple[str, str, dict[str, bytes]]
) -> None:
    _, token, _photos = order_with_photos
    odd = http.get(f"/p/{token}/print.jpg", params={"w": 481})
    assert odd.status_code == 422 and "480" in odd.text
    assert http.get(f"/p/{token}/print.jpg", params={"w": "x"}).status_code == 422
    flipped = ("A" if token[0] != "A" else "B") + token[1:]
    assert http.get(f"/p/{flipped}/print.jpg", params={"w": 480}).status_code == 404
    assert http.get(f"/p/{flipped}/photos.zip").status_code == 404
    assert http.get(f"/p/{token}/shot-9.jpg", params={"w": 480}).status_code == 404


def test_download_keeps_sending_the_original_whole(
    http: httpx.Client, order_with_photos: tuple[str, str, dict[str, bytes]]
) -> None:
    _, token, photos = order_with_photos
    for name, body in photos.items():
        answer = http.get(f"/p/{token}/{name}", params={"download": 1, "w": 480})
        assert answer.content == body
        assert answer.headers["content-disposition"].startswith("attachment")


def test_download_all_is_a_zip_of_the_originals_sent_as_it_is_written(
    http: httpx.Client, order_with_photos: tuple[str, str, dict[str, bytes]]
) -> None:
    _, token, photos = order_with_photos
    with http.stream("GET", f"/p/{token}/photos.zip") as answer:
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/zip"
        assert answer.headers["content-disposition"].startswith("attachment")
        assert "no-store" in answer.headers["cache-control"]
        assert "content-length" not in answer.headers  # streamed, not built first
        body = answer.read()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == {
            f"photobooth-{name}": data for name, data in photos.items()}


def test_the_zip_is_written_a_chunk_at_a_time(tmp_path: Path) -> None:
    """Eight 3 MB files: no piece handed on is much more than one read chunk."""
    files = []
    for index in range(8):
        path = tmp_path / f"shot-{index}.jpg"
        path.write_bytes(bytes([index]) * (3 * 1024 * 1024))
        files.append((path.name, path))
    pieces = list(zip_stream(files))
    assert max(len(piece) for piece in pieces) <= CHUNK + 1024
    with zipfile.ZipFile(io.BytesIO(b"".join(pieces))) as archive:
        assert [archive.read(name) == path.read_bytes() for name, path in files] == [True] * 8
