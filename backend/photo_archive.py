""""Download all": an order's photos as one zip, written while it is sent.

The archive is never held whole: each photo is read in chunks into a zip entry (stored, not
deflated: JPEGs do not shrink) and what the zip writer has produced so far is handed on
before the next chunk is read. The zip's sizes and checksums go after each entry (data
descriptors), as a writer that cannot seek back does it; every unzip reads that.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

CHUNK = 256 * 1024


class _Outbox:
    """A write-only file the zip writer writes into and the generator empties."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the generator takes the parts."""

    def take(self) -> Iterator[bytes]:
        """What was written since the last take, as one piece (nothing if nothing was)."""
        if self.parts:
            data = b"".join(self.parts)
            self.parts.clear()
            yield data


def zip_stream(files: list[tuple[str, Path]]) -> Iterator[bytes]:
    """The zip of `files` ((name in the archive, path on disk)), piece by piece; at most
    about one CHUNK of it in memory at a time."""
    outbox = _Outbox()
    with zipfile.ZipFile(outbox, "w", compression=zipfile.ZIP_STORED) as archive:  # type: ignore[arg-type]
        for name, path in files:
            with path.open("rb") as source, archive.open(name, "w", force_zip64=True) as entry:
                while chunk := source.read(CHUNK):
                    entry.write(chunk)
                    yield from outbox.take()
            yield from outbox.take()
    yield from outbox.take()
