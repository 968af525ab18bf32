"""The Reports dialog as a user works it: tick themes and documents, watch the count, pick a
format and a file, export, answer the dialogs; then read the file back."""
from __future__ import annotations

import csv
import threading
from dataclasses import replace

import docx
import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

import clausemark.gui.dialogs.reports_dialog as reports_dialog
from clausemark.core.output import ReportCancelled
from clausemark.gui.dialogs.reports_dialog import ReportsDialog
from tests.core.report_helpers import tagged_library
from tests.gui.conftest import answer_dialog


@pytest.fixture
def library_path(tmp_path):
    path = tmp_path / "reports.clausemark"
    tagged_library(path).close()
    return path


@pytest.fixture
def dialog(qtbot, library_path):
    dlg = ReportsDialog(library_path)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    _settle(qtbot, dlg)
    yield dlg
    qtbot.waitUntil(lambda: not dlg.is_exporting(), timeout=10000)


def _settle(qtbot, dlg):
    qtbot.waitUntil(lambda: not dlg.is_previewing(), timeout=10000)


def _child(dlg, kind, name):
    widget = dlg.findChild(kind, name)
    assert widget is not None, name
    return widget


def _preview(qtbot, dlg):
    _settle(qtbot, dlg)
    return _child(dlg, QLabel, "previewLabel").text()


def _toggle(qtbot, list_widget: QListWidget, starts_with: str):
    """Click an item, then press Space (what a keyboard user does to tick a box)."""
    item = next(list_widget.item(i) for i in range(list_widget.count())
                if list_widget.item(i).text().strip().startswith(starts_with))
    rect = list_widget.visualItemRect(item)
    qtbot.mouseClick(list_widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(list_widget, Qt.Key.Key_Space)
    return item


def _tick(qtbot, box: QCheckBox):
    """Click the box itself (a stretched check box ignores clicks beside its text)."""
    before = box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked() != before


def _type_path(qtbot, dlg, path):
    edit = _child(dlg, QLineEdit, "outputPath")
    edit.clear()
    qtbot.keyClicks(edit, str(path))


def _choose(qtbot, combo: QComboBox, text: str):
    """Pick an entry with the arrow keys, as with a focused combo box."""
    assert combo.isEnabled()
    for key in [Qt.Key.Key_Home] + [Qt.Key.Key_Down] * combo.count():
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, key)
    assert combo.currentText() == text


def _answer_next_box(qtbot, button, seen: list):
    """Answer the next message box the dialog opens (it runs its own event loop)."""
    answer_dialog(QMessageBox, lambda box: (seen.append(box.text()), box.button(button).click()))


def _export(qtbot, dlg):
    qtbot.mouseClick(_child(dlg, QPushButton, "exportButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.is_exporting(), timeout=20000)


def test_lists_and_live_count(qtbot, dialog):
    themes = _child(dialog, QListWidget, "themesList")
    docs = _child(dialog, QListWidget, "documentsList")
    assert [themes.item(i).text().split("  (")[0].strip() for i in range(themes.count())] == \
        ["children", "detention", "child detention", "remittances", "consular rights"]
    assert docs.count() == 3 and "A/RES/78/217" in docs.item(1).text()
    assert _preview(qtbot, dialog) == "7 clauses from 3 documents will be included (8 tags)"
    qtbot.mouseClick(_child(dialog, QPushButton, "themesNone"), Qt.MouseButton.LeftButton)
    assert _preview(qtbot, dialog) == "Choose at least one theme"
    assert not _child(dialog, QPushButton, "exportButton").isEnabled()
    _toggle(qtbot, themes, "consular rights")
    assert _preview(qtbot, dialog) == "1 clause from 1 document will be included"
    assert _child(dialog, QPushButton, "exportButton").isEnabled()


def test_csv_export_of_chosen_themes_and_documents(qtbot, dialog, tmp_path):
    qtbot.mouseClick(_child(dialog, QPushButton, "themesNone"), Qt.MouseButton.LeftButton)
    themes = _child(dialog, QListWidget, "themesList")
    _toggle(qtbot, themes, "children")
    _toggle(qtbot, themes, "remittances")
    # Leave out A/RES/79/300: filter the list down to it and untick it.
    qtbot.keyClicks(_child(dialog, QLineEdit, "documentsFilter"), "79/")
    qtbot.mouseClick(_child(dialog, QPushButton, "documentsNone"), Qt.MouseButton.LeftButton)
    _child(dialog, QLineEdit, "documentsFilter").clear()
    docs = _child(dialog, QListWidget, "documentsList")
    assert [docs.item(i).checkState() == Qt.CheckState.Checked for i in range(3)] == \
        [True, True, False]
    assert _preview(qtbot, dialog) == "2 clauses from 1 document will be included"
    _choose(qtbot, _child(dialog, QComboBox, "formatChoice"), "CSV for analysis (.csv)")
    assert _child(dialog, QLineEdit, "outputPath").text().endswith(".csv")
    out = tmp_path / "children.csv"
    _type_path(qtbot, dialog, out)
    _export(qtbot, dialog)
    assert _child(dialog, QLabel, "statusLabel").text() == f"Saved {out}"
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["citation"], r["theme"]) for r in rows] == [
        ("A/RES/78/217, OP 1", "remittances"), ("A/RES/78/217, OP 2 (b)", "children")]
    assert rows[1]["note"] == "" and rows[1]["author"] == "M. Haddad"


def test_counts_matrix_and_word_brief_with_dates(qtbot, dialog, tmp_path, monkeypatch):
    _choose(qtbot, _child(dialog, QComboBox, "formatChoice"), "CSV for analysis (.csv)")
    _choose(qtbot, _child(dialog, QComboBox, "matrixChoice"), "Counts: themes × documents")
    out = tmp_path / "counts.csv"
    _type_path(qtbot, dialog, out)
    _export(qtbot, dialog)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["theme", "A/C.3/80/L.52", "A/RES/78/217", "A/RES/79/300", "total"]

    _choose(qtbot, _child(dialog, QComboBox, "formatChoice"), "Word brief (.docx)")
    assert not _child(dialog, QComboBox, "matrixChoice").isEnabled()
    _tick(qtbot, _child(dialog, QCheckBox, "sinceCheck"))
    since = _child(dialog, QDateEdit, "sinceDate")
    assert since.isEnabled() and since.date().toString("yyyy-MM-dd") == "2023-12-19"
    since.setFocus()
    since.setSelectedSection(QDateEdit.Section.YearSection)
    qtbot.keyClick(since, Qt.Key.Key_Up)
    since.setSelectedSection(QDateEdit.Section.MonthSection)
    qtbot.keyClick(since, Qt.Key.Key_Down)
    assert since.date().toString("yyyy-MM-dd") == "2024-11-19"
    assert _preview(qtbot, dialog) == "2 clauses from 1 document will be included"
    opened = []
    monkeypatch.setattr(reports_dialog.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    _tick(qtbot, _child(dialog, QCheckBox, "openWhenDone"))
    brief = tmp_path / "brief.docx"
    _type_path(qtbot, dialog, brief)
    _export(qtbot, dialog)
    assert opened == [str(brief)]
    doc = docx.Document(str(brief))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == \
        ["Summary", "Overview", "Children", "Remittances"]
    assert any(p.text.startswith("A/RES/79/300, PP 1   ") for p in doc.paragraphs)


def test_excel_workbook_and_word_brief_with_matrices(qtbot, dialog, tmp_path):
    _choose(qtbot, _child(dialog, QComboBox, "formatChoice"), "Excel workbook (.xlsx)")
    assert not _child(dialog, QComboBox, "matrixChoice").isEnabled()
    assert not _child(dialog, QCheckBox, "briefMatrices").isEnabled()
    out = tmp_path / "tags.xlsx"
    _type_path(qtbot, dialog, out)
    _export(qtbot, dialog)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tags", "Counts", "Co-occurrence", "About"]
    assert book["Tags"].max_row == 1 + 8

    _choose(qtbot, _child(dialog, QComboBox, "formatChoice"), "Word brief (.docx)")
    assert _child(dialog, QLineEdit, "outputPath").text().endswith(".docx")
    _tick(qtbot, _child(dialog, QCheckBox, "briefMatrices"))
    brief = tmp_path / "with matrices.docx"
    _type_path(qtbot, dialog, brief)
    _export(qtbot, dialog)
    doc = docx.Document(str(brief))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][-1] == "Matrices"


def test_empty_selection_is_explained_and_writes_nothing(qtbot, dialog, tmp_path):
    qtbot.mouseClick(_child(dialog, QPushButton, "themesNone"), Qt.MouseButton.LeftButton)
    _toggle(qtbot, _child(dialog, QListWidget, "themesList"), "consular rights")
    _tick(qtbot, _child(dialog, QCheckBox, "untilCheck"))
    until = _child(dialog, QDateEdit, "untilDate")
    until.setFocus()
    until.setSelectedSection(QDateEdit.Section.YearSection)
    qtbot.keyClick(until, Qt.Key.Key_Down)  # 2023-12-17: before everything
    assert _preview(qtbot, dialog) == "No tagged clause matches this selection"
    out = tmp_path / "empty.docx"
    _type_path(qtbot, dialog, out)
    seen = []
    _answer_next_box(qtbot, QMessageBox.StandardButton.Ok, seen)
    _export(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "no tagged clause matches this selection" in seen[0]
    assert not out.exists()
    assert _child(dialog, QLabel, "statusLabel").text() == "No report was written."


def test_existing_file_is_replaced_only_when_the_user_agrees(qtbot, dialog, tmp_path):
    out = tmp_path / "old.docx"
    out.write_bytes(b"old report")
    _type_path(qtbot, dialog, out)
    seen = []
    _answer_next_box(qtbot, QMessageBox.StandardButton.No, seen)
    _export(qtbot, dialog)
    assert "exists already" in seen[0] and out.read_bytes() == b"old report"
    _answer_next_box(qtbot, QMessageBox.StandardButton.Yes, seen)
    _export(qtbot, dialog)
    assert len(seen) == 2 and out.read_bytes() != b"old report"
    assert docx.Document(str(out)).paragraphs  # a real Word file now


def test_large_report_shows_progress_and_can_be_cancelled(qtbot, dialog, tmp_path, monkeypatch):
    started = threading.Event()

    def slow_report(*args, progress=None, cancelled=None, **kwargs):
        started.set()
        done = 0
        while not cancelled():  # a long report, until the user cancels
            done = min(done + 1, 99)
            progress(done, 100)
            threading.Event().wait(0.01)
        raise ReportCancelled()

    monkeypatch.setattr(reports_dialog, "make_report", slow_report)
    monkeypatch.setattr(reports_dialog, "PROGRESS", replace(reports_dialog.PROGRESS, after_ms=0))
    _type_path(qtbot, dialog, tmp_path / "slow.docx")
    qtbot.mouseClick(_child(dialog, QPushButton, "exportButton"), Qt.MouseButton.LeftButton)
    progress = None

    def progress_visible():
        nonlocal progress
        progress = dialog.findChild(QProgressDialog, "reportProgress")
        return progress is not None and progress.isVisible() and progress.value() > 0

    qtbot.waitUntil(progress_visible, timeout=10000)
    assert started.is_set() and progress.maximum() == 100
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=10000)
    assert _child(dialog, QLabel, "statusLabel").text() == "Cancelled; no file was written."
    assert not (tmp_path / "slow.docx").exists()
    assert _child(dialog, QPushButton, "exportButton").isEnabled()


def test_choose_output_in_the_file_dialog_adds_the_suffix(qtbot, dialog, tmp_path):
    _child(dialog, QLineEdit, "outputPath").setText(str(tmp_path / "start.docx"))
    typed = []

    def answer(box: QFileDialog):
        name = box.findChild(QLineEdit, "fileNameEdit")
        name.clear()
        qtbot.keyClicks(name, "for the delegation")
        typed.append(name.text())
        qtbot.keyClick(name, Qt.Key.Key_Return)

    answer_dialog(QFileDialog, answer)
    qtbot.mouseClick(_child(dialog, QPushButton, "chooseOutputButton"), Qt.MouseButton.LeftButton)
    assert typed == ["for the delegation"]
    chosen = tmp_path / "for the delegation.docx"
    assert _child(dialog, QLineEdit, "outputPath").text() == str(chosen)
    _export(qtbot, dialog)
    assert chosen.exists() and docx.Document(str(chosen)).paragraphs


def test_the_library_and_its_backup_are_never_a_report_target(qtbot, dialog, library_path):
    from clausemark.core.library import Library
    with Library(library_path) as lib:
        backup = lib.make_backup("manual")
    for target in (library_path, backup):
        before = target.read_bytes()
        _type_path(qtbot, dialog, target)
        seen = []
        _answer_next_box(qtbot, QMessageBox.StandardButton.Ok, seen)
        qtbot.mouseClick(_child(dialog, QPushButton, "exportButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda seen=seen: bool(seen), timeout=5000)
        assert str(target) in seen[0] and "choose another" in seen[0]
        assert not dialog.is_exporting()
        assert target.read_bytes() == before


def test_the_file_name_decides_the_format(qtbot, dialog, tmp_path):
    assert _child(dialog, QComboBox, "formatChoice").currentData() == "docx"
    out = tmp_path / "tags.csv"
    _type_path(qtbot, dialog, out)
    _export(qtbot, dialog)
    assert _child(dialog, QComboBox, "formatChoice").currentData() == "csv"
    assert out.read_bytes()[:4] != b"PK\x03\x04"  # not a Word (zip) file
    assert "\"citation\"" in out.read_text(encoding="utf-8-sig").splitlines()[0]
    plain = tmp_path / "brief"
    _type_path(qtbot, dialog, plain)
    _export(qtbot, dialog)
    assert (tmp_path / "brief.csv").exists() and not plain.exists()
