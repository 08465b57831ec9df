"""The short photo code a person can type: `/p/7KQ3M9XZ` opens the same page as the QR.

Eight symbols of Crockford's base32 without the ones people misread: no I, L, O, U, and no 0
(it reads as O). 31^8 ≈ 2^39.6 codes. A code is derived from the order's page token, so the
backend answers the same code whenever it answers the same token.
"""

import hashlib
import re

ALPHABET = "123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
# What a person types for a symbol that is not in the alphabet but looks like one.
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "-": None, " ": None})
CODE_PATTERN = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")


def code_for_token(token: str) -> str:
    """The code shown next to the QR of `token`."""
    number = int.from_bytes(hashlib.sha256(f"photo-code:{token}".encode()).digest(), "big")
    symbols = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        symbols.append(ALPHABET[index])
    return "".join(symbols)


def normalize_code(typed: str) -> str | None:
    """The code a person meant (any case, hyphens or spaces, I or L for 1); None: not a code."""
    if len(typed) > 2 * CODE_LENGTH:
        return None
    code = typed.upper().translate(_LOOKALIKES)
    return code if CODE_PATTERN.fullmatch(code) else None
