"""The app under odd input: a NUL typed (pasted) into the search box, the window closed while
an import runs, a page far larger than any real one."""
from __future__ import annotations

import threading
import time

import pymupdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QMessageBox

import clausemark.gui.controllers.import_controller as import_controller
from clausemark.core.library import ImportSummary, Library
from clausemark.gui import ops
from tests.core.library_helpers import fake_pdf, integrity_check, sample_resolution
from tests.gui.conftest import shown_window


def _library(path):
    with Library(path) as lib:
        lib.add_resolution(sample_resolution(), fake_pdf("1"), filename="a.pdf")


def test_a_nul_in_the_search_box_is_no_error(qtbot, library_file):
    _library(library_file)
    win = shown_window(qtbot, library_file)
    box = win.findChild(QLineEdit, "searchBox")
    results = win.findChild(QListWidget, "searchResults")
    status = win.findChild(QLabel, "searchStatus")
    for text, found in (("migrants\x00", 1), ("\x00", 0), ("detained\x00 migrants", 1)):
        box.setFocus()
        box.clear()
        box.insert(text)  # as pasted
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda found=found: results.count() >= found and
                        bool(status.text() or not found), timeout=5000)
        assert "error" not in status.text().lower()
    box.clear()
    box.insert("NOT children")  # a leading NOT is explained, not silently dropped
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "NOT needs words before it" in status.text(), timeout=5000)
    assert results.count() == 0
    win.close()


def test_closing_the_window_while_an_import_runs(qtbot, library_file, tmp_path, monkeypatch):
    """The import is asked to stop and the window waits for it (with a limit); its summary
    never pops up over a closed window, and the library is sound afterwards."""
    _library(library_file)
    started, stopped = threading.Event(), threading.Event()

    def slow_import(library_path, paths, progress, cancelled):
        started.set()
        deadline = time.monotonic() + 30
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        stopped.set()
        summary = ImportSummary(cancelled=True)
        summary.failed.append((tmp_path / "x.pdf", "not imported"))
        return summary

    monkeypatch.setattr(import_controller, "run_import", slow_import)
    win = shown_window(qtbot, library_file)
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    assert win.importer.start([tmp_path / "x.pdf"])
    assert started.wait(10)
    began = time.monotonic()
    win.close()
    assert stopped.is_set(), "the import was still running after the window closed"
    assert time.monotonic() - began < 10
    assert ops.stop_all(timeout_ms=1000)
    qtbot.wait(300)  # queued signals of the stopped job are delivered now, if any
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]
    with Library(library_file) as lib:
        assert integrity_check(lib) == "ok"


def test_a_huge_page_is_rendered_within_a_pixel_budget():
    from clausemark.core.parse.page_render import MAX_PIXELS, render_page

    doc = pymupdf.open()
    page = doc.new_page(width=200 * 72, height=200 * 72)  # 200 x 200 inches
    page.insert_text((72, 72), "A page larger than any real one", fontsize=48)
    data = doc.tobytes()
    width, height, stride, samples = render_page("huge", data, 0, 2.0)
    assert width * height <= MAX_PIXELS
    assert len(samples) == stride * height
    assert width > 1000  # still a readable picture, not a dot
