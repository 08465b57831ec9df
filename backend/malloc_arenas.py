"""Fewer glibc malloc arenas for the serving process.

glibc gives each thread that allocates its own arena of memory and keeps it after use: with
worker threads decoding photos and carrying database round trips, a backend grew by some
130 MB per 1 000 booths it served, most of it memory it no longer held (bench_fleet:
`fleet_rss_mb_per_1000_booths`, 130 → 48 with two arenas). This is what MALLOC_ARENA_MAX=2
in the environment would do, set from inside so every way of starting the backend has it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util

M_ARENA_MAX = -8  # glibc's malloc.h
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> None:
    """Threads started after this share `arenas` arenas (no-op where libc is not glibc)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name).mallopt(M_ARENA_MAX, arenas)
