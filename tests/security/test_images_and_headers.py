"""Uploads are decoded, not judged by their ends; every answer carries nosniff and a CSP."""

from __future__ import annotations

import struct
import uuid

import httpx
import pytest

from backend.jpeg_check import MAX_PIXELS
from backend.local_server import BackendServer
from tests.harness.photo_files import jpeg_bytes


def paid_order(server: BackendServer) -> tuple[str, str]:
    """(order id, the photos page's path)."""
    order_id = f"img-{uuid.uuid4().hex[:12]}"
    answer = httpx.post(f"{server.url}/api/generate-qr",
                        json={"order_id": order_id, "paymentType": "sandbox", "amount": 1000},
                        headers={"Authorization": f"Bearer {server.token}"})
    assert answer.status_code == 200, answer.text
    server.sandbox_pay(order_id)
    return order_id, "/p/" + answer.json()["photos_url"].rsplit("/p/", 1)[1]


def upload(server: BackendServer, order_id: str, body: bytes,
           name: str = "print.jpg") -> httpx.Response:
    return httpx.put(f"{server.url}/api/orders/{order_id}/photos/{name}", content=body,
                     headers={"Authorization": f"Bearer {server.token}",
                              "Content-Type": "image/jpeg"})


def declaring(width: int, height: int) -> bytes:
    """A real, tiny JPEG whose frame header claims width × height pixels."""
    data = bytearray(jpeg_bytes(8, 8))
    frame = data.index(b"\xff\xc0")  # SOF0: length, precision, height, width
    data[frame + 5:frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.parametrize("body", [
    b"\xff\xd8\xff<html><script>alert(document.cookie)</script></html>\xff\xd9",
    b"\xff\xd8\xff\xe0" + bytes(600) + b"\xff\xd9",
    jpeg_bytes(640, 480, noise=True)[:30_000],  # cut short
], ids=["html-between-jpeg-markers", "markers-only", "truncated"])
def test_an_upload_that_is_not_a_whole_jpeg_is_refused_and_not_stored(
    backend: BackendServer, body: bytes,
) -> None:
    order_id, page = paid_order(backend)
    answer = upload(backend, order_id, body)
    assert answer.status_code == 415, answer.text
    assert httpx.get(f"{backend.url}{page}/print.jpg").status_code == 404


def test_a_small_jpeg_declaring_too_many_pixels_is_refused_without_decoding(
    backend: BackendServer,
) -> None:
    order_id, _page = paid_order(backend)
    bomb = declaring(65_500, 65_500)
    assert len(bomb) < 2000 and MAX_PIXELS < 65_500 * 65_500
    answer = upload(backend, order_id, bomb)
    assert answer.status_code == 413 and "pixels" in answer.text


def test_a_whole_jpeg_is_taken_and_served_with_nosniff_and_a_csp(backend: BackendServer) -> None:
    order_id, page = paid_order(backend)
    assert upload(backend, order_id, jpeg_bytes(2400, 1600)).status_code == 201
    photo = httpx.get(f"{backend.url}{page}/print.jpg")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    assert photo.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in photo.headers["content-security-policy"]


@pytest.mark.parametrize("path", [
    "/return/no-such-order", "/sandbox/pay/no-such-order", "/webpay/pay/no-such-order",
    "/p/not-a-token", "/healthz", "/admin/login", "/no/such/route",
])
def test_every_answer_carries_nosniff_and_a_content_security_policy(
    backend: BackendServer, path: str,
) -> None:
    answer = httpx.get(f"{backend.url}{path}")
    assert answer.headers.get("x-content-type-options") == "nosniff", path
    policy = answer.headers.get("content-security-policy", "")
    assert ("default-src 'none'" in policy and "frame-ancestors 'none'" in policy) \
        or "sandbox" in policy, (path, policy)


def test_the_photo_page_itself_carries_nosniff_and_a_csp(backend: BackendServer) -> None:
    _order_id, page = paid_order(backend)
    answer = httpx.get(f"{backend.url}{page}")
    assert answer.status_code == 200
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
