"""The names a booth uploads an order's photos under: the print, then each shot, and the set
they belong to (the booth's composition of the order: a retake after payment makes a new
set, and the phone page shows only the newest one)."""

import re

PHOTO_NAME_PATTERN = r"^(print|shot-[1-9][0-9]?)\.jpg$"
PHOTO_NAME_RULE = "name must be print.jpg or shot-N.jpg (N from 1 to 99)"
PRINT_NAME = "print.jpg"
MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PHOTO_SET = 1_000_000
PHOTO_SET_RULE = ("the order's photo set, counted up from 1 by the booth at each new print "
                  "(a retake after payment); the page shows the newest set only, an older "
                  "set is refused (409)")


def is_photo_name(name: str) -> bool:
    return re.fullmatch(PHOTO_NAME_PATTERN, name) is not None
