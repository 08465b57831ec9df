"""Photo work — checking an upload decodes whole, making a phone's copy — on threads of its
own at nice 10 (backend/niced_threads.py).

A phone opening its page asks for every copy on it at once, and a booth uploads five photos
in a row: bursts of tens of milliseconds of CPU each. On the shared worker threads, at the
event loop's priority, a burst took the cores from the payment calls arriving beside it (on a
process held to part of a core, a Payme call waited well over 100 ms behind a phone's copies).
Here the kernel runs the event loop and the database's threads first; a copy is a few
milliseconds later when payments are busy. Pillow lets go of the interpreter lock while it
decodes, resizes and encodes, so a thread waiting for the CPU holds no lock the loop needs.
"""

from __future__ import annotations

from backend.niced_threads import NicedThreads

WORKERS = 2
NICE = 10


def image_threads() -> NicedThreads:
    return NicedThreads("image", WORKERS, NICE)
