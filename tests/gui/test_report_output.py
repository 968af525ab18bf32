"""Where the Reports dialog writes and what it says: the default folder exists (made when it is
missing, another one when it cannot be), and "open when done" says so when no program opens
the file."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

import clausemark.gui.dialogs.report_folder as report_folder
import clausemark.gui.dialogs.reports_dialog as reports_dialog
from clausemark.gui.dialogs.reports_dialog import ReportsDialog
from tests.core.report_helpers import tagged_library
from tests.gui.test_reports_dialog import _child, _export, _settle, _tick, _type_path


@pytest.fixture
def library_path(tmp_path):
    path = tmp_path / "reports.clausemark"
    tagged_library(path).close()
    return path


def _open(qtbot, path):
    dlg = ReportsDialog(path)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    _settle(qtbot, dlg)
    return dlg


def _documents_at(monkeypatch, folder):
    monkeypatch.setattr(report_folder.QStandardPaths, "writableLocation",
                        lambda _where: str(folder))


def test_a_missing_documents_folder_is_made(qtbot, library_path, tmp_path, monkeypatch):
    documents = tmp_path / "fresh account" / "Documents"
    _documents_at(monkeypatch, documents)
    dlg = _open(qtbot, library_path)
    out = _child(dlg, QLineEdit, "outputPath").text()
    assert out.startswith(str(documents)) and documents.is_dir()
    _export(qtbot, dlg)  # the default name works as it is
    assert _child(dlg, QLabel, "statusLabel").text().startswith("Saved ")
    assert list(documents.glob("Theme report *.docx"))


def test_a_folder_that_cannot_be_made_falls_back(qtbot, library_path, tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    _documents_at(monkeypatch, blocker / "Documents")  # cannot exist
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(report_folder.Path, "home", classmethod(lambda cls: home))
    dlg = _open(qtbot, library_path)
    assert _child(dlg, QLineEdit, "outputPath").text().startswith(str(home))


def test_open_when_done_says_when_no_program_opens_the_file(qtbot, library_path, tmp_path,
                                                             monkeypatch):
    dialog = _open(qtbot, library_path)
    monkeypatch.setattr(reports_dialog.QDesktopServices, "openUrl", lambda _url: False)
    _tick(qtbot, _child(dialog, QCheckBox, "openWhenDone"))
    out = tmp_path / "brief.docx"
    _type_path(qtbot, dialog, out)
    _export(qtbot, dialog)
    assert out.exists()
    status = _child(dialog, QLabel, "statusLabel").text()
    assert "No program to open DOCX files" in status and str(tmp_path) in status
    _tick(qtbot, _child(dialog, QCheckBox, "openWhenDone"))  # not asked: nothing said
    _export_replacing(qtbot, dialog)
    assert _child(dialog, QLabel, "statusLabel").text() == f"Saved {out}"


def _export_replacing(qtbot, dialog):
    """Export again over the same file, agreeing to replace it."""
    from PySide6.QtWidgets import QMessageBox

    from tests.gui.conftest import answer_dialog
    answer_dialog(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    _export(qtbot, dialog)
