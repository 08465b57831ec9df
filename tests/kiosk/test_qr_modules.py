"""The QR's mask is chosen by array arithmetic: the same code qrcode makes, module for module,
and a code a phone's decoder reads."""

from __future__ import annotations

import random
import string

import cv2
import numpy as np
import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M

from kiosk.core.qr_codes import QrCodes
from kiosk.core.qr_modules import qr_matrix

ALPHABET = string.ascii_letters + string.digits + ":/?=&.-_"


def qrcode_own(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def texts(lengths: list[int], seed: int) -> list[str]:
    draw = random.Random(seed)
    return ["".join(draw.choice(ALPHABET) for _ in range(length)) for length in lengths]


@pytest.mark.parametrize("data", [
    "https://pay.example.uz/p/autopilot-261206-1dc89e474a46?sig=" + "ab" * 16,
    "https://checkout.paycom.uz/bT1abc",
    "0", "A" * 30, "12345678901234567890",
    *texts([1, 7, 15, 26, 33, 47, 60, 78, 95, 120, 160, 230, 300, 420, 640], seed=5),
])
def test_every_module_is_the_one_qrcode_chooses(data: str) -> None:
    """Every version from the smallest to past 7 (where version bits appear) and every mask
    is exercised; each code equals qrcode's own, mask choice included."""
    assert qr_matrix(data) == qrcode_own(data)


def test_all_eight_masks_are_chosen_somewhere() -> None:
    """The comparison above means something only if the choice varies with the data."""
    chosen = set()
    for data in texts(list(range(10, 90)), seed=11):
        matrix = np.array(qr_matrix(data))
        # The mask's three bits sit in the format information beside the top-left finder.
        chosen.add(int(matrix[8, 2]) << 2 | int(matrix[8, 3]) << 1 | int(matrix[8, 4]))
    assert len(chosen) == 8


def test_a_phone_decoder_reads_the_code() -> None:
    url = "https://pay.example.uz/sandbox/pay/order-7?sig=" + "0f" * 16
    modules = np.array(qr_matrix(url), dtype=np.uint8)
    image = np.pad(np.where(modules == 1, 0, 255).astype(np.uint8), 4, constant_values=255)
    image = cv2.resize(image, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
    assert cv2.QRCodeDetector().detectAndDecode(image)[0] == url


def test_the_checkouts_codes_keep_the_last_few_and_nothing_not_encoded() -> None:
    codes = QrCodes()
    urls = texts([60] * (QrCodes.KEPT + 1), seed=7)
    assert codes.encoded(urls[0]) is None
    for url in urls:
        assert codes.encode(url) == tuple(tuple(row) for row in qr_matrix(url))
    assert codes.encoded(urls[0]) is None  # the oldest went
    assert all(codes.encoded(url) is not None for url in urls[1:])
