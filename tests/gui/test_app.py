"""The composition root: building the window, and refusing a bad library with a dialog."""
from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from clausemark.gui.app import build_main_window, run
from tests.gui.conftest import answer_dialog


def _answer_next_dialog(seen: list):
    answer_dialog(QMessageBox, lambda box: (seen.append((box.windowTitle(), box.text())),
                                            box.accept()))


def test_build_main_window_opens_a_new_library(qtbot, tmp_path):
    window = build_main_window(tmp_path / "new.clausemark")
    qtbot.addWidget(window)
    assert (tmp_path / "new.clausemark").exists()
    assert window.library_model.rowCount() == 0
    assert window.theme_model.rowCount() > 0


def test_corrupt_library_gives_a_dialog_and_an_error_code(qtbot, tmp_path):
    bad = tmp_path / "bad.clausemark"
    bad.write_bytes(b"this is not a database" * 100)
    seen: list = []
    _answer_next_dialog(seen)
    assert run(["--db", str(bad)]) != 0
    assert seen and "bad.clausemark" in seen[0][1]


def test_library_from_a_newer_version_is_refused(qtbot, tmp_path):
    newer = tmp_path / "newer.clausemark"
    build_main_window(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 9999")
    seen: list = []
    _answer_next_dialog(seen)
    assert run(["--db", str(newer)]) != 0
    assert seen
