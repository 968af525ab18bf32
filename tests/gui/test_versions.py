"""Versions of a resolution as the analyst meets them: the series timeline in the document pane
(click opens, right-click compares) and Document > Compare with… choosing an earlier version
that is not the one proposed first, then carrying a tag forward from it; the comparison window
switches the earlier version in place and aligns on a worker without stalling the GUI thread."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QListWidget, QPushButton

from clausemark.core.library.library import Library
from clausemark.gui.compare.compare_view import CompareWindow
from clausemark.gui.panels.series_timeline import SeriesTimeline
from tests.gui.conftest import activate, answer_dialog, import_and_wait

pytestmark = [pytest.mark.corpus, pytest.mark.timeout(180)]

SERIES = ["mp_A_RES_78_187-EN.pdf", "mp_A_C.3_80_L.61-EN.pdf", "mp_A_RES_80_190-EN.pdf"]


def _timeline_buttons(window):
    timeline = window.findChild(SeriesTimeline, "seriesTimeline")
    return timeline, [b.text() for b in timeline.buttons] if timeline.isVisible() else []


def test_series_timeline_click_opens_right_click_compares(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / f for f in SERIES])
    new = window.library.document("A/RES/80/190")
    window.select_document(new.id)
    qtbot.waitUntil(lambda: _timeline_buttons(window)[1] == [
        "A/RES/78/187", "A/C.3/80/L.61", "A/RES/80/190"]
        and _timeline_buttons(window)[0].document_id == new.id
        and [b.isChecked() for b in _timeline_buttons(window)[0].buttons] == [False, False, True],
        timeout=20000)
    timeline, _ = _timeline_buttons(window)
    assert "previous session" in timeline.buttons[0].toolTip()
    # L.61 amends the draft: page 1 says so, though its symbol looks like a draft's.
    assert timeline.buttons[1].toolTip().startswith("amendment, distributed 2025-11-14 — ")

    qtbot.mouseClick(timeline.buttons[0], Qt.MouseButton.LeftButton)  # open last year's
    qtbot.waitUntil(lambda: window.document_id == window.library.document("A/RES/78/187").id)
    qtbot.waitUntil(lambda: [b.isChecked() for b in _timeline_buttons(window)[0].buttons]
                    == [True, False, False], timeout=20000)

    timeline = _timeline_buttons(window)[0]
    button = timeline.buttons[2]  # right-click this year's: compare last year's with it
    button.customContextMenuRequested.emit(QPoint(2, 2))
    compare = window.compare_window
    assert isinstance(compare, CompareWindow) and compare.isVisible()
    assert (compare.old_doc.symbol, compare.new_doc.symbol) == ("A/RES/78/187", "A/RES/80/190")
    qtbot.waitUntil(lambda: compare.alignment is not None, timeout=20000)
    compare.close()


def _pick_in_chooser(qtbot, text, seen):
    """Answer the chooser as the analyst does: wait for the proposals, type to filter, press
    Enter on the first match."""
    def act(dialog):
        deadline = time.monotonic() + 20

        def when_ready():
            if not dialog.is_ready and time.monotonic() < deadline:
                QTimer.singleShot(30, when_ready)
                return
            try:
                pick(dialog)
            finally:
                if dialog.isVisible():  # something went wrong: close it, the test fails
                    dialog.reject()
        when_ready()

    def pick(dialog):
        listing = dialog.findChild(QListWidget, "chooserList")
        seen.append([listing.item(r).text() for r in range(listing.count())])
        qtbot.keyClicks(dialog.filter, text)
        visible = [listing.item(r).text() for r in range(listing.count())
                   if not listing.item(r).isHidden()
                   and listing.item(r).data(Qt.ItemDataRole.UserRole) is not None]
        assert visible and text in visible[0], visible
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)  # the first match is chosen
    return act


THREE = ["A_RES_79_150.pdf", "A_C.3_80_L.13.pdf", "A_RES_80_183.pdf"]


def test_compare_with_a_version_not_proposed_first_and_carry_a_tag(qtbot, window, more_dir,
                                                                   library_file):
    import_and_wait(qtbot, window, [more_dir / f for f in THREE])
    lib = window.library
    last_year, draft, new = (lib.document(s) for s in ("A/RES/79/150", "A/C.3/80/L.13",
                                                       "A/RES/80/183"))
    theme = window.theme_model.theme_for_shortcut(1)
    tagged = next(p for p in lib.resolution(last_year.id).walk() if p.id.startswith("OP"))
    lib.tags.add(last_year.id, tagged.id, theme.id, note="carried from last year")
    window.select_document(new.id)
    activate(qtbot, window)

    seen = []
    answer_dialog("compareChooser", _pick_in_chooser(qtbot, "79/150", seen))
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    listing = seen[0]
    assert listing[0] == "Proposed earlier versions"
    assert listing[1].startswith("A/C.3/80/L.13") and "draft of this resolution" in listing[1]
    assert f"distributed {draft.distributed}" in listing[1] and draft.distributed  # its date
    assert listing[2].startswith("A/RES/79/150") and "shared text" in listing[2]
    assert listing[3] == "All other documents" and len(listing) == 4  # (no other document)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "compare_window", None), CompareWindow),
                    timeout=10000)
    compare = window.compare_window
    assert compare.old_doc.id == last_year.id  # the one not proposed first
    qtbot.waitUntil(lambda: compare.alignment is not None, timeout=20000)
    assert compare.earlier_button.text().startswith("Earlier version: A/RES/79/150")

    # Carry last year's tag forward: all unchanged paragraphs in one step, or one by one.
    accept_same = compare.findChild(QPushButton, "acceptSameButton")
    if accept_same.isEnabled():
        qtbot.mouseClick(accept_same, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(compare.findChild(QPushButton, "acceptProposalButton"),
                         Qt.MouseButton.LeftButton)
    with Library(library_file) as fresh:
        carried = [(t.theme, t.note) for t in fresh.tags.list(document=new.id)]
    assert carried == [(theme.name, "carried from last year")]

    # Switch in place to the draft: the window stays open, the rows are the draft's.
    seen.clear()
    answer_dialog("compareChooser", _pick_in_chooser(qtbot, "L.13", seen))
    qtbot.mouseClick(compare.earlier_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: compare.old_doc.id == draft.id and compare.alignment is not None,
                    timeout=20000)
    assert compare.isVisible() and "A/C.3/80/L.13" in compare.header.text()
    compare.close()


def test_the_compare_window_aligns_on_a_worker(qtbot, window, dev_dir):
    """The window shows at once and the alignment arrives later from a worker: right after the
    window is built it has none (a result can only come back through the event loop). How long
    the GUI thread stalls meanwhile is measured in tests/bench/test_bench_gui_stalls.py."""
    import_and_wait(qtbot, window, [dev_dir / f for f in SERIES])
    new = window.library.document("A/RES/80/190")
    old = window.library.document("A/RES/78/187")
    from clausemark.gui.compare.compare_view import open_compare_window
    compare = open_compare_window(window.library.path, new.id, old.id, window,
                                  library=window.library, undo_stack=window.undo_stack)
    assert compare.alignment is None
    qtbot.waitUntil(lambda: compare.alignment is not None, timeout=20000)
    assert compare.isVisible() and len(compare.alignment.pairs) > 100
    compare.close()
