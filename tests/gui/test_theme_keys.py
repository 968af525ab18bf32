"""Theme keys that do not move: an analyst's muscle memory keeps tagging the right theme after
themes are added, nested, reordered or retired; the key is shown wherever the theme is."""
from __future__ import annotations

from PySide6.QtCore import Qt

from clausemark.core.library.library import Library


def _press(qtbot, window, paragraph_id, key):
    window.paragraphs.select_paragraph(paragraph_id)
    window.paragraph_tree.setFocus()
    qtbot.keyClick(window.paragraph_tree, key)


def test_keys_stay_with_their_themes_through_edits(qtbot, imported_window, library_file):
    window = imported_window
    lib = window.library
    lib.themes.add("statelessness")                       # key 5
    lib.themes.add("birth registration", parent="children", position=0)  # key 6, placed first
    lib.themes.move("consular rights", 0)
    lib.themes.retire("children")
    paragraph = next(p.id for p in window.paragraph_model.resolution().walk()
                     if p.id.startswith("OP"))
    _press(qtbot, window, paragraph, Qt.Key.Key_2)
    _press(qtbot, window, paragraph, Qt.Key.Key_4)
    _press(qtbot, window, paragraph, Qt.Key.Key_5)
    with Library(library_file) as fresh:
        assert sorted(t.theme for t in fresh.tags.list()) == [
            "consular rights", "detention", "statelessness"]
    # Key 1 still belongs to the retired "children": it tags nothing and says why.
    _press(qtbot, window, paragraph, Qt.Key.Key_1)
    assert "children, which is retired" in window.statusBar().currentMessage()
    _press(qtbot, window, paragraph, Qt.Key.Key_8)
    assert "Key 8 is free" in window.statusBar().currentMessage()
    assert len(lib.tags.list()) == 3


def test_the_key_is_shown_wherever_the_theme_is(qtbot, imported_window):
    window = imported_window
    window.library.themes.set_key("remittances", 7)
    texts = {
        "toolbar": [a.iconText() for a in window.tag_actions.theme_actions],
        "menu": [a.text() for a in window.themes_menu.actions()],
        "panel": [window.theme_model.index(r).data() for r in range(window.theme_model.rowCount())],
        "filter": [window.filter_combo.itemText(i) for i in range(window.filter_combo.count())],
    }
    assert "7 remittances" in texts["toolbar"]
    assert "remittances\t7" in texts["menu"]
    assert any(t.startswith("7 ") and "remittances" in t for t in texts["panel"])
    assert "Tagged: remittances  (7)" in texts["filter"]
