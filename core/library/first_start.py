"""The first start of a new library: import the bundled sample resolutions so that a newcomer
sees something useful at once."""
from __future__ import annotations

from pathlib import Path

from clausemark.core.library.importer import import_all
from clausemark.core.library.paths import library_path
from clausemark.resources import sample_pdfs


def seed_new_library(library) -> int:
    """Import the samples into an empty library; returns how many documents were added."""
    if library.documents():
        return 0
    summary = import_all(library, [str(p) for p in sample_pdfs()], workers=1)
    return len(summary.imported)


def is_new_library(path: str | Path | None) -> bool:
    return not library_path(path).exists()
