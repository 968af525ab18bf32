"""The GUI thread reads the library once per change, not once per key press: tagging reads the
session's tags (no query per selected paragraph), the references pane reads once the cursor
rests, the suggestions read the rejections once per document (and again after a rejection), the
Precedents panel checks its index once, and the series timeline follows the session."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTextBrowser

from tests.gui.conftest import (
    activate,
    answer_dialog,
    click_paragraph,
    import_and_wait,
    open_with_suggestions,
)

MIGRATION = "mp_A_RES_79_217-EN.pdf"
OLD, NEW = "mp_A_RES_78_187-EN.pdf", "mp_A_RES_80_190-EN.pdf"


def _count_calls(monkeypatch, owner, name) -> list:
    calls: list = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_tagging_a_selection_reads_no_tag_per_paragraph(qtbot, monkeypatch, imported_window):
    window = imported_window
    tree = window.paragraph_tree
    ids = [p.id for p in window.session.resolution.walk()][:6]
    finds = _count_calls(monkeypatch, window.library.tags, "find")
    click_paragraph(qtbot, tree, ids[0])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     pos=tree.visualRect(tree.model().index_of(ids[-1])).center())
    assert sorted(window.session.selected_ids()) == sorted(ids)
    qtbot.keyClick(tree, Qt.Key.Key_1)
    assert sorted(t.paragraph for t in window.library.tags.list()) == sorted(ids)
    assert len(finds) == len(ids)  # only tags.add's own check for a duplicate, one per tag
    qtbot.keyClick(tree, Qt.Key.Key_1)  # all of them have it: untag
    assert window.library.tags.list() == []
    assert len(finds) == len(ids)  # the toggle itself read the session's tags


def _open_the_newer(qtbot, window, dev_dir) -> None:
    import_and_wait(qtbot, window, [dev_dir / OLD, dev_dir / NEW])
    window.select_document(window.library.document_id("A/RES/80/190"))
    qtbot.waitUntil(lambda: window.session.document.symbol == "A/RES/80/190")


def test_references_are_read_once_the_cursor_rests(qtbot, monkeypatch, window, dev_dir):
    _open_the_newer(qtbot, window, dev_dir)
    links = _count_calls(monkeypatch, window.library.references, "links")
    tree = window.paragraph_tree
    click_paragraph(qtbot, tree, "PP1")
    for _ in range(12):  # the analyst holds Down through the preamble
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    last = window.session.selected_ids()[0]
    text = window.findChild(QTextBrowser, "paragraphLinks")
    label = window.session.paragraph(last).label
    qtbot.waitUntil(lambda: text.toPlainText().startswith(label), timeout=5000)
    assert len(links) <= 2, links  # not one query per key press
    assert links[-1][1] == last


def test_rejections_are_read_once_per_document_and_after_a_rejection(qtbot, monkeypatch, window,
                                                                      dev_dir):
    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    rejected = _count_calls(monkeypatch, window.library.suggestions, "rejected")
    for pid in ("OP1", "OP2", "OP3"):  # three tags: the suggestions are recomputed three times
        click_paragraph(qtbot, tree, pid)
        qtbot.keyClick(tree, Qt.Key.Key_1)
    assert rejected == []
    click_paragraph(qtbot, tree, "OP15(g)")
    qtbot.keyClick(tree, Qt.Key.Key_F8)  # review; X rejects the focused suggestion
    qtbot.keyClick(tree, Qt.Key.Key_X)
    assert len(rejected) == 1  # the rejection's change record dropped the cached rejections
    suggested = [s.theme for s in window.suggestions.suggestions.get("OP15(g)", [])]
    assert suggested == ["detention"]  # children, rejected, is no longer suggested


def test_precedents_check_their_index_once(qtbot, monkeypatch, window, dev_dir):
    _open_the_newer(qtbot, window, dev_dir)
    missing = _count_calls(monkeypatch, window.library.precedents, "missing")
    panel = window.precedents_panel
    activate(qtbot, window)
    tree = window.paragraph_tree
    click_paragraph(qtbot, tree, "PP1")
    qtbot.keyClick(tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.results.count() >= 1, timeout=5000)
    for pid in ("PP2", "PP3", "PP4"):
        click_paragraph(qtbot, tree, pid)
        qtbot.waitUntil(lambda pid=pid: pid in _shown_targets(panel), timeout=5000)
    assert len(missing) <= 1, missing


def _shown_targets(panel) -> set:
    from clausemark.gui.panels.precedents_panel import TargetRole
    return {panel.results.item(i).data(TargetRole)[1] for i in range(panel.results.count())}


def test_the_series_timeline_follows_the_session(qtbot, window, sample_pdf):
    import_and_wait(qtbot, window, [sample_pdf])
    timeline = window.series_timeline
    qtbot.waitUntil(lambda: timeline.document_id == window.document_id is not None)
    answer_dialog(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    activate(qtbot, window)
    window.library_view.setFocus()
    qtbot.keyClick(window.library_view, Qt.Key.Key_Delete)  # remove the only document
    qtbot.waitUntil(lambda: window.library_view.model().rowCount() == 0, timeout=5000)
    assert window.document_id is None
    assert timeline.document_id is None and not timeline.isVisible()
