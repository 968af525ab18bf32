"""Composition root: open the library, build the main window wired to it, run the event loop."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import ClausemarkError
from core.first_start import is_new_library, seed_new_library
from core.library import Library
from gui.main_window import MainWindow


def build_main_window(library_path: str | Path | None = None) -> MainWindow:
    """Open (or create) the library and return the window wired to it; no event loop.
    Raises ClausemarkError when the file cannot be used (corrupt, newer version, ...)."""
    library = Library(library_path)
    try:
        window = MainWindow(library)
    except BaseException:
        library.close()
        raise
    window.destroyed.connect(lambda *_: library.close())
    return window


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="clausemark", add_help=False)
    parser.add_argument("--db", default=None)
    args, _qt_args = parser.parse_known_args(argv)
    return args


def run(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parse(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "clausemark"])
    app.setApplicationName("Clausemark")
    app.setOrganizationName("Clausemark")
    try:
        if is_new_library(args.db):
            # First start: a new library with the bundled sample resolutions.
            with Library(args.db) as library:
                seed_new_library(library)
        window = build_main_window(args.db)
    except ClausemarkError as exc:
        QMessageBox.critical(None, "Clausemark cannot open the library", str(exc))
        return 2
    window.show()
    window.restore_last_document()
    return app.exec()
