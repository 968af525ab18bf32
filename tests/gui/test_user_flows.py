"""Act as an analyst: import by the menu and by dropping files, search and jump, click in the
PDF, write a note, filter the tree, tag from the context menu and the theme panel, and find the
window as it was left. Each test checks what the user sees and what the library file holds."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableView,
)

from clausemark.core.library.library import Library
from clausemark.gui.app import build_main_window
from tests.core.library_helpers import integrity_check
from tests.gui.conftest import answer_dialog, import_and_wait, visible_paragraph_ids, visible_rows


@pytest.fixture
def sample_pdf(dev_dir):
    """A General Assembly resolution with a preamble and operative paragraphs (10 pages)."""
    return dev_dir / "mp_A_RES_79_217-EN.pdf"


def _tags(path):
    with Library(path) as fresh:
        return sorted((t.paragraph, t.theme, t.note) for t in fresh.tags.list())


def _first_op(window):
    return next(p for p in window.paragraph_model.resolution().walk()
                if p.id.startswith("OP") and p.boxes)


def _tag_first_op_with_key(qtbot, window, key):
    """Select the first operative paragraph in the tree and press a theme key."""
    paragraph = _first_op(window)
    window.paragraphs.select_paragraph(paragraph.id)
    window.paragraph_tree.setFocus()
    qtbot.keyClick(window.paragraph_tree, key)
    return paragraph


def test_import_by_menu_answering_the_file_dialog(qtbot, window, library_file, sample_pdf):
    def answer(dialog: QFileDialog):
        # The user types the file's path in the name field and presses Open.
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(sample_pdf))
        dialog.accept()

    answered = answer_dialog(QFileDialog, answer)
    with qtbot.waitSignal(window.importer.finished, timeout=60000):
        window.import_action.trigger()
    assert answered and answered[0].objectName() == "importDialog"
    assert window.library_view.model().rowCount() == 1
    # The new document is opened: tree filled, PDF pages laid out.
    assert window.document_id is not None
    assert sum(1 for _ in window.paragraph_model.resolution().walk()) > 10
    assert window.pdf_view.page_count() >= 1
    with Library(library_file) as fresh:
        assert [d.symbol for d in fresh.documents()] == ["A/RES/79/217"]
    assert "1 imported" in window.statusBar().currentMessage()


def test_drop_files_and_a_folder_with_a_bad_file_reports_why(qtbot, window, library_file,
                                                              dev_dir, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(dev_dir / "gate_A_RES_73_3-EN.pdf", folder / "good.pdf")
    (folder / "notes.pdf").write_text("this is a text file renamed to .pdf")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(QPointF(400, 400), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    boxes = answer_dialog(QMessageBox, lambda box: box.accept())
    with qtbot.waitSignal(window.importer.finished, timeout=60000) as blocker:
        window.dropEvent(drop)
    summary = blocker.args[0]
    assert [p.name for p in summary.imported] == ["good.pdf"]
    assert [p.name for p, _ in summary.failed] == ["notes.pdf"]
    # The user was told which file failed and why.
    assert boxes and boxes[0].objectName() == "importFailures"
    assert "notes.pdf" in boxes[0].informativeText()
    assert "PDF" in boxes[0].informativeText()
    with Library(library_file) as fresh:
        assert len(fresh.documents()) == 1


def test_cancelling_a_long_import_keeps_what_was_written(qtbot, window, library_file, bench_dir,
                                                         tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for pdf in sorted(bench_dir.glob("*.pdf"))[:40]:
        shutil.copy(pdf, folder / pdf.name)

    def cancel_after_two_files(dialog: QProgressDialog, tries: int = 3000):
        if dialog.value() >= 2:
            button = dialog.findChild(QPushButton)
            assert button.text() == "Cancel"
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        elif tries:  # (at most a minute)
            QTimer.singleShot(20, lambda: cancel_after_two_files(dialog, tries - 1))

    answer_dialog("importProgress", cancel_after_two_files, timeout_ms=60000)
    summary = import_and_wait(qtbot, window, [folder], timeout=120000)
    assert summary.cancelled
    assert 1 <= len(summary.imported) < 40
    with Library(library_file) as fresh:
        assert len(fresh.documents()) == len(summary.imported)
        assert integrity_check(fresh) == "ok"
    assert window.library_view.model().rowCount() == len(summary.imported)


def test_search_and_jump_to_the_paragraph(qtbot, imported_window):
    window = imported_window
    window.find_action.trigger()
    box = window.findChild(QLineEdit, "searchBox")
    assert box.hasFocus() or window.left_tabs.currentWidget() is window.search_panel
    qtbot.keyClicks(box, "sustainable development")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    results = window.findChild(QListWidget, "searchResults")
    assert results.count() >= 1
    target = results.item(0).data(Qt.ItemDataRole.UserRole)[1]
    assert "sustainable" in results.item(0).text().lower()
    window.session.selected_ids()  # nothing selected yet is fine
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert window.session.selected_ids() == [target]
    paragraph = window.paragraph_model.resolution().find(target)
    assert len(window.pdf_view.highlighted()) == len(paragraph.boxes)
    visible = window.pdf_view.mapToScene(window.pdf_view.viewport().rect()).boundingRect()
    assert visible.intersects(window.pdf_view.box_rect(paragraph.boxes[0]))


def test_clicking_text_in_the_pdf_selects_its_paragraph(qtbot, imported_window):
    window = imported_window
    pdf = window.pdf_view
    paragraph = _first_op(window)
    window.paragraphs.select_paragraph(paragraph.id)  # scrolls the PDF to it
    window.paragraph_tree.clearSelection()
    page, x0, y0, x1, y1 = paragraph.boxes[0]
    point = pdf.scene_point(page, (x0 + x1) / 2, (y0 + y1) / 2)
    qtbot.mouseClick(pdf.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.session.selected_ids() == [paragraph.id]
    # Keys work in the PDF view too.
    pdf.setFocus()
    qtbot.keyClick(pdf, Qt.Key.Key_2)
    assert [(p, t) for p, t, _ in _tags(window.library.path)] == [
        (paragraph.id, window.theme_model.theme_for_shortcut(2).name)]


def test_note_is_saved_without_a_save_button_and_undone(qtbot, imported_window):
    window = imported_window
    _tag_first_op_with_key(qtbot, window, Qt.Key.Key_1)
    editor = window.findChild(QPlainTextEdit, "noteEditor")
    assert editor.isEnabled()
    editor.setFocus()
    qtbot.keyClicks(editor, "Core commitment; cite in brief")
    window.paragraph_tree.setFocus()  # leaving the editor saves
    qtbot.waitUntil(lambda: _tags(window.library.path)[0][2] == "Core commitment; cite in brief")
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _tags(window.library.path)[0][2] == ""
    assert editor.toPlainText() == ""
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "Core commitment; cite in brief"


def test_filter_tree_to_untagged_or_one_theme(qtbot, imported_window):
    window = imported_window
    paragraph = _tag_first_op_with_key(qtbot, window, Qt.Key.Key_3)
    theme = window.theme_model.theme_for_shortcut(3).name
    combo = window.findChild(QComboBox, "treeFilter")
    combo.setCurrentIndex(combo.findData(theme))
    visible = visible_paragraph_ids(window.paragraph_tree)
    assert paragraph.id in visible
    assert len(visible) < 5  # the paragraph (and its parent, if any), nothing else
    combo.setCurrentIndex(combo.findData("untagged"))
    visible = visible_paragraph_ids(window.paragraph_tree)
    assert paragraph.id not in visible
    assert len(visible) >= window.paragraph_model.rowCount() - 2
    combo.setCurrentIndex(0)
    assert len(visible_paragraph_ids(window.paragraph_tree)) == sum(
        1 for _ in window.paragraph_model.resolution().walk())


def test_context_menu_and_theme_panel_tag_the_selection(qtbot, imported_window):
    window = imported_window
    ops = [p.id for p in window.paragraph_model.resolution().walk() if p.id.startswith("OP")][:2]
    window.paragraphs.select_paragraph(ops[0])
    menu = window.tag_actions.context_menu(window)
    action = next(a for a in menu.actions() if a.data() == window.theme_model.themes()[3].id)
    action.trigger()
    assert [(p, t) for p, t, _ in _tags(window.library.path)] == [
        (ops[0], window.theme_model.themes()[3].name)]
    window.paragraphs.select_paragraph(ops[1])
    panel = window.theme_panel
    panel.setCurrentIndex(panel.model().index(0, 0))
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Return)  # Enter (or a double-click) activates the theme
    assert (ops[1], window.theme_model.themes()[0].name) in [
        (p, t) for p, t, _ in _tags(window.library.path)]


def test_library_list_filters_and_sorts(qtbot, window, dev_dir):
    names = ["gate_A_RES_73_3-EN.pdf", "mp_A_RES_78_187-EN.pdf", "mp_A_RES_79_217-EN.pdf"]
    import_and_wait(qtbot, window, [dev_dir / n for n in names])
    panel = window.library_panel
    assert panel.proxy.rowCount() == 3
    qtbot.keyClicks(window.findChild(QLineEdit, "libraryFilter"), "migration")
    assert visible_rows(panel.view) == ["A/RES/79/217"]
    window.findChild(QLineEdit, "libraryFilter").clear()
    view = window.findChild(QTableView, "libraryView")
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert visible_rows(panel.view) == ["A/RES/73/3", "A/RES/78/187", "A/RES/79/217"]
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # adoption date, newest first
    dates = [panel.proxy.index(r, 2).data() for r in range(3)]
    assert dates == sorted(dates, reverse=True)


def test_window_remembers_zoom_layout_and_last_document(qtbot, library_file, sample_pdf):
    first = build_main_window(library_file)
    qtbot.addWidget(first)
    first.resize(QApplication.primaryScreen().availableSize())  # a window that fits the screen
    first.show()
    import_and_wait(qtbot, first, [sample_pdf])
    first.pdf_view.set_zoom(1.5)
    first.main_splitter.setSizes([300, 250, 250])
    sizes = first.main_splitter.sizes()
    first.close()

    second = build_main_window(library_file)
    qtbot.addWidget(second)
    second.show()
    second.restore_last_document()
    assert second.pdf_view.zoom() == 1.5
    assert not second.pdf_view.is_fit_width()
    # The same panes as left (within the few pixels the window frame may take).
    assert second.main_splitter.sizes() == pytest.approx(sizes, abs=10)
    assert second.library.document(second.document_id).symbol == "A/RES/79/217"
    second.close()


def test_a_stored_pdf_that_cannot_be_shown_gives_a_dialog_not_a_crash(qtbot, imported_window):
    window = imported_window
    doc_id = window.document_id
    # Damage the stored bytes behind the window's back (a disk error, a bad restore...).
    with window.library.transaction():
        window.library.conn.execute("UPDATE document_files SET pdf = ? WHERE document_id = ?",
                                    (b"%PDF-1.7 garbage", doc_id))
    texts = []
    answer_dialog(QMessageBox, lambda box: (texts.append(box.text()), box.accept()))
    window.open_document(doc_id)  # as when the analyst opens it again
    assert texts and "cannot be displayed" in texts[0]
    assert window.pdf_view.page_count() == 0
    assert window.paragraph_model.rowCount() > 0  # the tree is still there to tag


def test_scrolling_and_zoom_render_pages_in_the_background(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_78_187-EN.pdf"])  # 19 pages
    pdf = window.pdf_view
    assert pdf.page_count() == 19
    # The page in view is there (drawn at opening, or again once the width settled).
    qtbot.waitUntil(lambda: 1 in pdf.rendered_pages(), timeout=20000)
    bar = pdf.verticalScrollBar()
    bar.setValue(bar.maximum())  # the analyst scrolls to the end
    qtbot.waitUntil(lambda: 19 in pdf.rendered_pages(), timeout=20000)
    assert 1 not in pdf.rendered_pages()  # far pages give their pixels back
    bar.setValue(0)  # and back: page 1 comes from the page cache at once, no new render
    assert 1 in pdf.rendered_pages()
    fitted = pdf.zoom()
    window.activateWindow()  # a shortcut only fires in the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(pdf, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pdf.zoom() == pytest.approx(fitted * 1.25)
    assert not pdf.is_fit_width()
    # Sharp pages at the new zoom arrive from the rendering process.
    qtbot.waitUntil(lambda: 1 in pdf.rendered_pages(), timeout=20000)
    window.fit_width_action.trigger()
    assert pdf.zoom() == pytest.approx(fitted) and pdf.is_fit_width()
