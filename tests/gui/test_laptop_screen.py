"""On a delegation laptop: the app started on a 1366x768 (and a 1280x800) screen opens every
top-level window inside the screen with its buttons visible, and the PDF keeps about half of the
main window's width. Qt's offscreen platform takes the screen size from a config file, which is
only read when the application starts, so the app runs in a child process (laptop_probe.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.gui.screen_fit import PDF_SHARE
from tests.gui.conftest import ROOT_DIR, shown_window

OLD, NEW = "mp_A_RES_78_187-EN.pdf", "mp_A_RES_80_190-EN.pdf"


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory, dev_dir):
    path = tmp_path_factory.mktemp("laptop") / "laptop.clausemark"
    with Library(path) as lib:
        import_all(lib, [dev_dir / OLD, dev_dir / NEW], workers=1)
        # Long theme names on one paragraph: the Themes column would want a lot of room.
        for name in ("protection of migrant children in detention", "consular notification",
                     "smuggling of migrants", "labour migration", "return and readmission"):
            lib.themes.add(name)
        for theme in lib.themes.list():
            lib.tags.add("A/RES/80/190", "PP1", theme.name)
    return path


def _probe(tmp_path, library, width, height) -> dict:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    done = subprocess.run([sys.executable, "-m", "tests.gui.laptop_probe", str(library),
                           "A/RES/80/190"], cwd=ROOT_DIR, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("width,height", [(1366, 768), (1280, 800)])
def test_every_window_fits_a_laptop_screen(tmp_path, two_versions, width, height):
    report = _probe(tmp_path, two_versions, width, height)
    sx, sy, sw, sh = report["screen"]
    assert (sw, sh) == (width, height)
    names = [w["name"] for w in report["windows"]]
    assert {"main", "reports", "themes", "compare", "help", "shortcuts"} <= set(names), names
    for window in report["windows"]:
        x, y, w, h = window["frame"]
        assert x >= sx and y >= sy and x + w <= sx + sw and y + h <= sy + sh, window
        assert window["buttons_inside"], f"{window['name']}: a button is outside the window"
        assert window["minimum"][0] <= sw and window["minimum"][1] <= sh, window
    # The PDF has at least ~45% of the width; the tree elides instead of scrolling sideways.
    assert report["pdf_width"] >= PDF_SHARE * report["window_width"] - 4, report
    assert not report["tree_scrolls_sideways"]
    assert not report["themes_scroll_sideways"]  # a long theme name elides
    # All nine theme buttons are on the toolbar, none behind its » menu.
    assert len(report["theme_buttons"]) == 9 and all(report["theme_buttons"]), report
    # The library list's and the tree's columns fit their pane (long titles and theme chips
    # elide, the library's date and type give way) rather than widening it at the PDF's cost.
    for view in ("library_columns", "tree_columns"):
        fitted = report[view]
        assert not fitted["scrolls_sideways"], fitted
        assert sum(fitted["widths"].values()) <= fitted["viewport"] + 2, fitted
    library = report["library_columns"]["widths"]
    assert library["Symbol"] >= 70 and library["Title"] >= 80, library
    assert report["tree_columns"]["widths"]["Themes"] < 0.3 * report["tree_columns"]["viewport"]


def test_f9_hides_and_brings_back_the_library(qtbot, library_file):
    window = shown_window(qtbot, library_file, 1366, 740)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    pdf_before = window.pdf_view.width()
    left = window.left_splitter
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not left.isVisible(), timeout=3000)
    assert not window.library_pane.action.isChecked()
    qtbot.waitUntil(lambda: window.pdf_view.width() > pdf_before, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(left.isVisible, timeout=3000)
    assert window.library_pane.action.isChecked() and left.width() > 100
    # Ctrl+F (search) brings the library column back too.
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not left.isVisible(), timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(left.isVisible, timeout=3000)
    assert window.search_panel.box.hasFocus()


def test_shift_f9_hides_the_notes(qtbot, library_file):
    window = shown_window(qtbot, library_file, 1366, 740)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.note_panel.isVisible(), timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(window.note_panel.isVisible, timeout=3000)
