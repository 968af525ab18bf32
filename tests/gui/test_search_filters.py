"""Act as a user narrowing a search: Ctrl+F, a word, then the filters (theme, document,
document type, year, PP/OP) picked with the keyboard."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget

from clausemark.gui.panels.search_panel import HitRole
from tests.gui.conftest import activate, import_and_wait

FIRST, SECOND = "gate_A_RES_73_3-EN.pdf", "mp_A_RES_79_217-EN.pdf"


def _hits(window):
    results = window.findChild(QListWidget, "searchResults")
    return [results.item(i).data(HitRole) for i in range(results.count())]


def _pick(qtbot, window, name, text):
    combo = window.findChild(QComboBox, name)
    combo.setFocus()
    for key in [Qt.Key.Key_Home] + [Qt.Key.Key_Down] * combo.count():
        if combo.currentText() == text:
            break
        qtbot.keyClick(combo, key)
    assert combo.currentText() == text


def test_search_filters_narrow_the_hits(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / FIRST, dev_dir / SECOND])
    lib = window.library
    migration = lib.document_id("A/RES/79/217")
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.search_panel.box
    assert box.hasFocus()
    qtbot.keyClicks(box, "resolution")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    everything = _hits(window)
    assert {doc for doc, _ in everything} == {migration, lib.document_id("A/RES/73/3")}

    _pick(qtbot, window, "searchDocumentFilter", "A/RES/79/217")
    assert {doc for doc, _ in _hits(window)} == {migration}
    _pick(qtbot, window, "searchPartFilter", "OP")
    narrowed = _hits(window)
    assert narrowed and all(pid.startswith("OP") for _, pid in narrowed)
    _pick(qtbot, window, "searchPartFilter", "PP")
    assert all(pid.startswith("PP") for _, pid in _hits(window))
    _pick(qtbot, window, "searchPartFilter", "Any")
    _pick(qtbot, window, "searchDocumentFilter", "Any")
    _pick(qtbot, window, "searchYearFilter", "2018")
    assert {doc for doc, _ in _hits(window)} == {lib.document_id("A/RES/73/3")}
    assert "2018" in window.findChild(QLabel, "searchStatus").text()
    _pick(qtbot, window, "searchYearFilter", "Any")
    _pick(qtbot, window, "searchTypeFilter", "resolution")
    assert len(_hits(window)) == len(everything)
    # Tag one hit (Enter on it opens the paragraph), then only it is tagged with that theme.
    results = window.findChild(QListWidget, "searchResults")
    results.setFocus()
    results.setCurrentRow(0)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    target = results.item(0).data(HitRole)
    assert window.session.selected_ids() == [target[1]]
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_2)
    theme = window.session.theme_for_shortcut(2).name
    window.search_panel.filters.refresh()
    _pick(qtbot, window, "searchThemeFilter", theme)
    assert _hits(window) == [target]


def test_stop_words_are_not_highlighted(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / SECOND])
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_panel.box, "rights of migrants")
    qtbot.keyClick(window.search_panel.box, Qt.Key.Key_Return)
    results = window.findChild(QListWidget, "searchResults")
    assert results.count() > 0
    shown = [results.item(i).text().replace('"', "'") for i in range(results.count())]
    shown = next(s for s in shown if "background:#fff2a8; color:#1b1b1b'>migrants</b>" in s)
    assert "background:#fff2a8; color:#1b1b1b'>right" in shown  # rights, or right (its family)
    assert ">of</b>" not in shown and " of " in shown  # found, not marked as a hit
