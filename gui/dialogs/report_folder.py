"""Where a report goes by default: the Documents folder, created if it is missing (a fresh
account, a redirected profile); when it cannot be made, the home folder, then the system's
temporary folder, so the first Export never fails on a folder that does not exist."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    candidates = [Path(documents)] if documents else []
    candidates += [Path.home(), Path(tempfile.gettempdir())]
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if folder.is_dir() and os.access(folder, os.W_OK):
            return folder
    return Path.cwd()


def no_viewer_text(path: Path) -> str:
    """What the dialog says when "open when done" finds no program for the file."""
    kind = path.suffix.lstrip(".").upper() or "this kind of"
    return (f"Saved {path}. No program to open {kind} files was found on this computer; "
            f"open it from {path.parent}.")
