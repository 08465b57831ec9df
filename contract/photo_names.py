"""The names a booth uploads an order's photos under: the print, then each shot."""

import re

PHOTO_NAME_PATTERN = r"^(print|shot-[1-9][0-9]?)\.jpg$"
PHOTO_NAME_RULE = "name must be print.jpg or shot-N.jpg (N from 1 to 99)"
PRINT_NAME = "print.jpg"
MAX_PHOTO_BYTES = 20 * 1024 * 1024


def is_photo_name(name: str) -> bool:
    return re.fullmatch(PHOTO_NAME_PATTERN, name) is not None
