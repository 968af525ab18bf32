"""The comparison window, used as an analyst would: filter the aligned rows, select one to see
both paragraphs, carry tags forward (all unchanged at once, the rest one by one), undo."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QMessageBox, QPushButton

from clausemark.core.compare.alignment import align
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.gui.compare.compare_model import CompareFilter, CompareModel
from clausemark.gui.compare.compare_view import CompareWindow, open_compare_window
from clausemark.gui.pdf.pdf_view import PdfView
from tests.gui.conftest import answer_dialog, visible_rows

OLD, NEW = "mp_A_RES_78_187-EN.pdf", "mp_A_RES_80_190-EN.pdf"


@pytest.fixture
def two_versions(tmp_path, dev_dir):
    path = tmp_path / "cmp.clausemark"
    with Library(path, author="analyst") as lib:
        import_all(lib, [dev_dir / OLD, dev_dir / NEW], workers=1)
        lib.tags.add("A/RES/78/187", "PP7", "children", note="2030 Agenda")    # same -> PP7
        lib.tags.add("A/RES/78/187", "OP8", "detention")                       # same -> OP6
        lib.tags.add("A/RES/78/187", "OP13", "remittances", note="poverty")    # changed -> OP11
        lib.tags.add("A/RES/78/187", "OP66(b)", "children")                    # changed -> OP58(b)
        lib.tags.add("A/RES/78/187", "PP9", "children")                        # dropped
    return path


def _tags(path, symbol):
    with Library(path) as lib:
        return sorted((t.paragraph, t.theme, t.note) for t in lib.tags.list(document=symbol))


def _click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _click_item(qtbot, view: QListWidget, row: int):
    item = view.item(row)
    view.scrollToItem(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualItemRect(item).center())


@pytest.fixture
def compare(qtbot, two_versions):
    window = open_compare_window(two_versions, "A/RES/80/190")  # older one found by itself
    assert isinstance(window, CompareWindow)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.alignment is not None, timeout=20000)  # aligned on a worker
    return window  # qtbot closes it (and it deletes itself on close)


def test_models_are_well_behaved(qtmodeltester, dev_dir):
    from clausemark.core.parse.parser import parse_pdf
    alignment = align(parse_pdf(dev_dir / OLD), parse_pdf(dev_dir / NEW))
    model = CompareModel(alignment)
    qtmodeltester.check(model)
    # Every new paragraph once and every dropped one once, dropped ones where they stood.
    assert model.rowCount() == len(alignment.pairs) + len(alignment.dropped)
    assert model.index(model.row_of_new("PP9") + 1, CompareModel.OLD_LABEL).data() == "PP 9"
    assert model.index(model.row_of_new("PP9") + 1, CompareModel.STATUS).data() == "dropped"
    proxy = CompareFilter()
    proxy.setSourceModel(model)
    proxy.set_statuses({"new"})
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == alignment.counts()["new"]
    # Same but for typography: said in the status, and counted with the same ones.
    typo = [p for p in alignment.pairs if p.typography]
    assert typo and all(p.status == "same" for p in typo)
    statuses = [model.index(r, CompareModel.STATUS).data() for r in range(model.rowCount())]
    assert statuses.count("same (typography)") == len(typo)
    proxy.set_statuses({"same"})
    assert proxy.rowCount() == alignment.counts()["same"]


def test_rows_filter_and_selection_shows_both_paragraphs(qtbot, compare):
    assert compare.old_doc.symbol == "A/RES/78/187"
    counts = compare.alignment.counts()
    assert (f"{counts['same']} same, {counts['changed']} changed, {counts['moved']} moved, "
            f"{counts['new']} new, {counts['dropped']} dropped") in compare.header.text()
    _click(qtbot, compare.findChild(QPushButton, "filterDropped"))
    assert set(visible_rows(compare.table, CompareModel.StatusRole)) == {"dropped"}
    _click(qtbot, compare.findChild(QPushButton, "filterNew"))
    assert set(visible_rows(compare.table, CompareModel.StatusRole)) == {"new"}
    _click(qtbot, compare.findChild(QPushButton, "filterAll"))
    assert len(visible_rows(compare.table, CompareModel.StatusRole)) == compare.model.rowCount()

    # The analyst clicks the row of PP 9 (was PP 8, reworded).
    table = compare.table
    row = compare.proxy.mapFromSource(compare.model.index(compare.model.row_of_new("PP9"),
                                                          CompareModel.NEW_TEXT))
    table.scrollTo(row)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(row).center())
    current = compare.current_row()
    assert (current.old.id, current.new.id, current.status) == ("PP8", "PP9", "changed")
    html = compare.detail.toHtml()
    assert "early childhood development" in html and "line-through" in html
    old_pdf = compare.findChild(PdfView, "oldPdfView")
    new_pdf = compare.findChild(PdfView, "newPdfView")
    assert len(old_pdf.highlighted()) == len(current.old.boxes) > 0
    assert len(new_pdf.highlighted()) == len(current.new.boxes) > 0


def test_carry_forward_same_in_one_step_changed_one_by_one_with_undo(qtbot, compare,
                                                                     two_versions):
    accept_same = compare.findChild(QPushButton, "acceptSameButton")
    proposals = compare.findChild(QListWidget, "proposalList")
    note = compare.findChild(QLineEdit, "proposalNote")
    accept = compare.findChild(QPushButton, "acceptProposalButton")
    reject = compare.findChild(QPushButton, "rejectProposalButton")
    assert _tags(two_versions, "A/RES/80/190") == []  # nothing without the analyst
    assert accept_same.text() == "Accept all unchanged (2)"
    assert "1 tag on dropped paragraphs" in compare.panel.summary.text()
    assert "children: PP 9 dropped" in compare.panel.summary.text()
    assert "children: PP 9 dropped" in compare.dropped_tags.text()

    _click(qtbot, accept_same)
    assert _tags(two_versions, "A/RES/80/190") == [("OP6", "detention", ""),
                                                   ("PP7", "children", "2030 Agenda")]
    assert not accept_same.isEnabled()
    qtbot.keyClick(compare, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _tags(two_versions, "A/RES/80/190") == []  # one undo takes both back
    assert accept_same.isEnabled() and accept_same.text() == "Accept all unchanged (2)"

    # The queue: OP 11 (from OP 13, remittances) and OP 58 (b) (from OP 66 (b), children).
    assert proposals.count() == 2
    assert proposals.item(0).text().startswith("OP 11  ←  OP 13   [remittances]")
    _click_item(qtbot, proposals, 0)
    assert compare.current_row().new.id == "OP11"   # the row is shown with both texts
    assert note.text() == "poverty"
    note.clear()
    qtbot.keyClicks(note, "poverty, early childhood")
    _click(qtbot, accept)
    assert _tags(two_versions, "A/RES/80/190") == [("OP11", "remittances",
                                                    "poverty, early childhood")]
    assert "accepted" in proposals.item(0).text()
    assert proposals.currentRow() == 1  # on to the next one to review
    _click(qtbot, reject)
    assert "rejected" in proposals.item(1).text()
    assert _tags(two_versions, "A/RES/80/190") == [("OP11", "remittances",
                                                    "poverty, early childhood")]
    qtbot.keyClick(compare, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _tags(two_versions, "A/RES/80/190") == []
    assert "to review" in proposals.item(0).text()


def test_no_predecessor_says_so_in_a_dialog(qtbot, tmp_path, dev_dir):
    path = tmp_path / "one.clausemark"
    with Library(path) as lib:
        import_all(lib, [dev_dir / OLD], workers=1)
    seen = []
    answer_dialog(QMessageBox, lambda box: (seen.append(box.text()), _click(
        qtbot, box.button(QMessageBox.StandardButton.Ok))))
    assert open_compare_window(path, "A/RES/78/187") is None
    assert seen and "no earlier version of A/RES/78/187" in seen[0]


def test_word_brief_from_the_window_lists_tagged_changes_first(qtbot, compare, tmp_path):
    """The analyst clicks "Word brief…", types a name in the file dialog and gets the brief
    the command line writes: the dropped tag and the edited tagged paragraphs come first."""
    import docx
    from PySide6.QtWidgets import QFileDialog
    button = compare.findChild(QPushButton, "saveBriefButton")
    target = tmp_path / "for the delegation"

    def answer(box: QFileDialog):
        name = box.findChild(QLineEdit, "fileNameEdit")
        name.clear()
        qtbot.keyClicks(name, str(target))
        qtbot.keyClick(name, Qt.Key.Key_Return)

    answer_dialog(QFileDialog, answer)
    _click(qtbot, button)
    saved = tmp_path / "for the delegation.docx"
    qtbot.waitUntil(lambda: compare.brief_export.last_path == saved, timeout=20000)
    assert button.isEnabled() and str(saved) in compare.statusBar().currentMessage()
    texts = [p.text for p in docx.Document(str(saved)).paragraphs]
    first = texts[texts.index("Tagged paragraphs (3)"):texts.index("Other changes")]
    assert "children: PP 9 dropped" in first
    assert "remittances — note: poverty" in first and "OP 11 (was OP 13) · edited" in first
