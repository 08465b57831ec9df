"""Fewer glibc malloc arenas for a long-running process: the backend's and the booth's.

glibc gives each thread that allocates its own arena of memory and keeps it after use: with
worker threads decoding photos and carrying database round trips, a backend grew by some
130 MB per 1 000 booths it served, most of it memory it no longer held (bench_fleet:
`fleet_rss_mb_per_1000_booths`, 130 → 48 with two arenas). The booth's twenty threads do
the same on a smaller scale (the short soak saw its RSS step up by tens of MB as the checkout's
three workers each took an arena). This is what MALLOC_ARENA_MAX=2 in the environment would
do, set from inside so every way of starting either has it.
"""

from __future__ import annotations

import contextlib
import ctypes

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> None:
    """Threads started after this share `arenas` arenas (no-op where libc is not glibc).
    The process's own symbols include libc's: no library search, no subprocess."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, arenas)
