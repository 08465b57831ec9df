"""What a reader would call English: a text with two or more words that exist in English
and in neither Uzbek nor Russian. Names, codes and numbers are none of them."""

from __future__ import annotations

import re

ENGLISH_WORDS = {"the", "and", "your", "you", "to", "of", "is", "are", "please", "wrong",
                 "refused", "cannot", "unavailable", "aborted", "job", "paper", "printer",
                 "payment", "pin", "locked", "out", "service", "photos", "not", "for",
                 "booths", "orders", "paid", "printed", "online", "offline", "since", "never",
                 "seen", "waiting", "today", "sessions", "revenue", "alerts", "none", "left",
                 "log", "open", "show", "all", "from", "name", "password", "state", "status"}


def english_sentence(text: str) -> bool:
    # An apostrophe is inside an Uzbek word (to'lov, o'z), not between two English ones.
    words = re.findall(r"[a-z]+(?:['ʼ’][a-z]+)*", text.lower())
    return sum(word in ENGLISH_WORDS for word in words) >= 2
