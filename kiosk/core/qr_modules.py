"""A QR code's modules, with the mask chosen by array arithmetic.

qrcode picks the mask the standard way: it lays the data out eight times, once per mask,
and scores each layout with Python loops — 85 % of a payment URL's encoding time, and the
customer waits for it between the tap on a package and the code on the screen. Here the
data is laid out once (mask 0); the other seven layouts are that one with the mask bits
swapped, and the standard's four penalty rules are scored on whole arrays. The choice is
qrcode's own (tests compare the two on many inputs), only sooner.

qrcode and numpy are imported by the first code, on the encoder's thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from qrcode import QRCode

# 1:1:3:1:1 finder look-alikes with four light modules on one side (the standard's rule 3).
FINDER_LIKE = ((1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0), (0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1))


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR's modules (True = dark), error correction M, without the quiet zone."""
    import numpy as np
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    code.add_data(data)
    code.make(fit=True)
    laid_out = np.array(code.modules, dtype=bool)
    area, scored_frame = _frame(code, test=True, mask=0)
    masks = _masks(len(laid_out))
    bits = laid_out ^ masks[0]  # the data before masking (meaningful inside `area` only)
    scores = _penalties(np.where(area, bits ^ masks, scored_frame))
    best = int(np.argmin(scores))  # the first of equals, as qrcode
    _, frame = _frame(code, test=False, mask=best)
    return np.where(area, bits ^ masks[best], frame).tolist()


def _frame(code: QRCode, *, test: bool, mask: int) -> tuple[np.ndarray, np.ndarray]:
    """(where the data goes, the function patterns and format bits around it) for `mask`;
    test=True leaves the format bits light, as qrcode does while it scores the masks."""
    import numpy as np

    code.map_data = lambda _data, _mask: None  # the patterns only; the data is ours
    try:
        code.makeImpl(test, mask)
    finally:
        del code.map_data
    modules = code.modules
    area = np.array([[module is None for module in row] for row in modules])
    frame = np.array([[bool(module) for module in row] for row in modules])
    return area, frame


def _masks(size: int) -> np.ndarray:
    """The standard's eight mask conditions over a size × size code (row i, column j)."""
    import numpy as np

    i, j = np.indices((size, size))
    return np.array([(i + j) % 2 == 0, i % 2 == 0, j % 3 == 0, (i + j) % 3 == 0,
                     (i // 2 + j // 3) % 2 == 0, (i * j) % 2 + (i * j) % 3 == 0,
                     ((i * j) % 2 + (i * j) % 3) % 2 == 0, ((i * j) % 3 + (i + j) % 2) % 2 == 0])


def _penalties(codes: np.ndarray) -> np.ndarray:
    """The standard's score of each masked code in `codes` (masks × size × size; lower is
    easier to read), counted as qrcode counts."""
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    count, size, _ = codes.shape
    points = np.zeros(count, dtype=np.int64)
    for lines in (codes, codes.transpose(0, 2, 1)):
        # Rule 1: runs of five or more alike in a row or column, 3 + 1 per module past five.
        edges = np.ones((count, size, size + 1), dtype=bool)
        edges[:, :, 1:size] = lines[:, :, 1:] != lines[:, :, :-1]
        starts = np.flatnonzero(edges)
        runs = np.diff(starts)
        points += np.bincount(starts[:-1] // (size * (size + 1)),
                              weights=np.where(runs >= 5, runs - 2, 0),
                              minlength=count).astype(np.int64)
        # Rule 3: finder look-alikes, 40 each.
        windows = sliding_window_view(lines, 11, axis=2)
        for pattern in FINDER_LIKE:
            found = (windows == np.array(pattern, dtype=bool)).all(axis=3)
            points += 40 * found.sum(axis=(1, 2))
    # Rule 2: 2 × 2 blocks of one colour, 3 each.
    corner = codes[:, :-1, :-1]
    blocks = (corner == codes[:, 1:, :-1]) & (corner == codes[:, :-1, 1:]) & \
        (corner == codes[:, 1:, 1:])
    points += 3 * blocks.sum(axis=(1, 2))
    # Rule 4: 10 per whole 5 % the dark share strays from half.
    dark_percent = codes.sum(axis=(1, 2)) / (size * size) * 100  # qrcode's rounding
    points += 10 * (np.abs(dark_percent - 50) // 5).astype(np.int64)
    return points
