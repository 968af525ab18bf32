"""Act as a user: import, select a document and a paragraph, tag with a key, undo, redo."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QListView, QTableView, QTreeView

from clausemark.core.library.library import Library
from clausemark.gui.models.paragraph_model import ParagraphModel
from clausemark.gui.pdf.pdf_view import PdfView
from tests.gui.conftest import click_paragraph, import_and_wait


def _tags_in_file(path, **filters):
    with Library(path) as fresh:
        return [(t.symbol, t.paragraph, t.theme) for t in fresh.tags.list(**filters)]




def test_key_tags_selected_paragraph_and_undo_removes_it(qtbot, window, library_file,
                                                         sample_pdf):
    library_view = window.findChild(QTableView, "libraryView")
    tree = window.findChild(QTreeView, "paragraphTree")
    pdf = window.findChild(PdfView, "pdfView")
    themes = window.findChild(QListView, "themePanel")
    assert library_view and tree and pdf and themes

    import_and_wait(qtbot, window, [sample_pdf])
    assert library_view.model().rowCount() == 1
    # The user clicks the document in the library list.
    rect = library_view.visualRect(library_view.model().index(0, 0))
    qtbot.mouseClick(library_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert library_view.model().index(0, 0).data() == "A/RES/73/3"
    assert tree.model().rowCount() > 0
    assert pdf.page_count() >= 1
    qtbot.waitUntil(lambda: 1 in pdf.rendered_pages(), timeout=20000)

    resolution = tree.model().resolution()
    paragraph = next(p for p in resolution.walk() if p.id.startswith("OP") and p.boxes)
    click_paragraph(qtbot, tree, paragraph.id)
    assert window.session.selected_ids() == [paragraph.id]
    # The PDF highlights the paragraph's boxes and shows the first one.
    assert len(pdf.highlighted()) == len(paragraph.boxes)
    first = pdf.box_rect(paragraph.boxes[0])
    assert pdf.mapToScene(pdf.viewport().rect()).boundingRect().intersects(first)

    theme_one = themes.model().theme_for_shortcut(1)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_1)
    assert _tags_in_file(library_file) == [("A/RES/73/3", paragraph.id, theme_one.name)]
    chips = tree.model().index_of(paragraph.id).siblingAtColumn(ParagraphModel.THEMES).data()
    assert chips == theme_one.name
    assert library_view.model().index(0, 3).data() == 1
    assert pdf.tint_count() > 0  # the tagged paragraph is tinted in the PDF
    # The document stays selected after the tag counts refresh.
    assert window.document_id == resolution_id(library_file)

    qtbot.keyClick(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _tags_in_file(library_file) == []
    assert tree.model().index_of(paragraph.id).siblingAtColumn(ParagraphModel.THEMES).data() == ""
    # only the outlines of suggested themes are left
    assert pdf.tint_count() == sum(len(e[0]) for e in window.suggestions.tint_entries(resolution))

    qtbot.keyClick(tree, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _tags_in_file(library_file) == [("A/RES/73/3", paragraph.id, theme_one.name)]

    # Pressing the same key again toggles the theme off.
    qtbot.keyClick(tree, Qt.Key.Key_1)
    assert _tags_in_file(library_file) == []


def resolution_id(path):
    with Library(path) as fresh:
        return fresh.document("A/RES/73/3").id


def test_key_tags_every_selected_paragraph_in_one_undo_step(qtbot, window, library_file,
                                                             sample_pdf):
    import_and_wait(qtbot, window, [sample_pdf])
    tree = window.findChild(QTreeView, "paragraphTree")
    ops = [p.id for p in tree.model().resolution().walk() if p.id.startswith("OP")][:3]
    selection = tree.selectionModel()
    for pid in ops:
        selection.select(tree.model().index_of(pid), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_2)
    tagged = _tags_in_file(library_file)
    assert sorted(p for _, p, _ in tagged) == sorted(ops)
    assert {theme for *_, theme in tagged} == {window.theme_model.theme_for_shortcut(2).name}
    qtbot.keyClick(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _tags_in_file(library_file) == []


def test_theme_keys_do_nothing_without_a_selection(qtbot, window, library_file, sample_pdf):
    import_and_wait(qtbot, window, [sample_pdf])
    tree = window.findChild(QTreeView, "paragraphTree")
    tree.selectionModel().clearSelection()
    qtbot.keyClick(tree, Qt.Key.Key_1)
    qtbot.keyClick(tree, Qt.Key.Key_9)  # no ninth theme
    assert _tags_in_file(library_file) == []
