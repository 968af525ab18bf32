"""Composition root: open the library, build the services the window shares (the undo stack,
the document session) and the main window wired to them, run the event loop."""
from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

import pymupdf
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from clausemark.core.errors import ClausemarkError, DamagedLibraryError
from clausemark.core.library import Library, UndoStack, is_new_library, seed_new_library
from clausemark.gui.dialogs.recovery_dialog import offer_recovery
from clausemark.gui.window.document_session import DocumentSession
from clausemark.gui.window.main_window import MainWindow
from clausemark.resources import resource_dir


def build_main_window(library_path: str | Path | None = None) -> MainWindow:
    """Open (or create) the library and return the window wired to it; no event loop.
    Raises ClausemarkError when the file cannot be used (damaged, newer version, ...). When
    another Clausemark has the library open, the window is read-only and says so."""
    library = Library.open_for_app(library_path)
    try:
        session = DocumentSession(library)
        window = MainWindow(library, session, UndoStack(library))
        session.setParent(window)
    except BaseException:
        library.close()
        raise
    window.destroyed.connect(lambda *_: library.close())
    if library.read_only:
        window.setWindowTitle(f"{window.windowTitle()} (read-only)")
        notice = QLabel(library.read_only_reason[:1].upper() + library.read_only_reason[1:],
                        objectName="readOnlyNotice")
        notice.setStyleSheet("color: #8a4b00; font-weight: bold; padding: 0 6px;")
        window.statusBar().addPermanentWidget(notice)
        # Nothing that writes is offered (the library would refuse it anyway).
        for action in (window.import_action, window.import_folder_action,
                       window.edit_themes_action):
            action.setEnabled(False)
        window.setAcceptDrops(False)
        window.note_panel.editor.setReadOnly(True)
    return window


def open_window(library_path: str | Path | None = None) -> MainWindow | None:
    """The window for the library, after first-start seeding and, for a damaged file, the
    offer to restore its last good backup. None (after a dialog) when it cannot be opened."""
    try:
        if is_new_library(library_path):
            # First start: a new library with the bundled sample resolutions.
            with Library(library_path) as library:
                seed_new_library(library)
        try:
            return build_main_window(library_path)
        except DamagedLibraryError as exc:
            if not offer_recovery(exc):
                return None
            return build_main_window(library_path)
    except ClausemarkError as exc:
        QMessageBox.critical(None, "Clausemark cannot open the library", str(exc))
        return None


def app_icon() -> QIcon:
    """The SVG icon, rendered by mupdf (as PDF pages are), so Qt needs no SVG plugin."""
    with pymupdf.open(resource_dir() / "icons" / "clausemark.svg") as doc:
        pix = doc[0].get_pixmap(alpha=True)
        image = QImage(pix.samples, pix.width, pix.height, pix.stride,
                       QImage.Format.Format_RGBA8888).copy()
    return QIcon(QPixmap.fromImage(image))


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="clausemark", add_help=False)
    parser.add_argument("--db", default=None)
    parser.add_argument("--smoke-test", action="store_true")  # gui/smoke.py, for packaged builds
    args, _qt_args = parser.parse_known_args(argv)
    return args


SETTLE_AFTER_MS = 500


def settle_memory() -> None:
    """Once the window is up: the modules, classes and Qt wrappers loaded so far live as long as
    the app, so the collector stops re-scanning them (gc.freeze). A full collection then walks
    only what was made since, and no longer stalls the GUI thread for tens of milliseconds in
    the middle of an import."""
    gc.collect()
    gc.freeze()


def run(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parse(argv)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "clausemark"])
    app.setApplicationName("Clausemark")
    app.setOrganizationName("Clausemark")
    app.setWindowIcon(app_icon())
    window = open_window(args.db)
    if window is None:
        return 2
    window.show()
    window.restore_last_document()
    # After the first paint, not before it: the full collection takes tens of milliseconds.
    QTimer.singleShot(SETTLE_AFTER_MS, settle_memory)
    if not args.smoke_test:
        from clausemark.gui.dialogs.help_dialog import show_orientation_if_new
        show_orientation_if_new(window)
    if args.smoke_test:
        from clausemark.gui import smoke
        smoke.start(window)
    return app.exec()
