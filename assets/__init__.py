"""The booth's data files: layouts, fonts, theme, translations and the sample camera scenes.

They ship inside the installed package (pyproject.toml lists them as package data) and
are found with importlib.resources, so a booth installed from a wheel finds them
wherever pip put it; nothing computes a path from a source checkout.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def asset_path(*parts: str) -> Path:
    """A file or folder of the assets as a filesystem path (pip installs the wheel unpacked)."""
    return Path(str(files(__name__).joinpath(*parts)))
