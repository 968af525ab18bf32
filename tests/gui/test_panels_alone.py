"""Each panel and the tag actions work given only their constructor arguments (the library, a
DocumentSession, the undo stack): no main window is built. What the user does on the widget
reaches the session and the library, and what the library reports reaches the widget."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from clausemark.core.library import UndoStack
from clausemark.gui.panels.library_panel import LibraryPanel
from clausemark.gui.panels.note_panel import NotePanel
from clausemark.gui.panels.paragraph_panel import ParagraphPanel
from clausemark.gui.panels.theme_panel import ThemePanel
from clausemark.gui.window.document_session import DocumentSession
from clausemark.gui.window.tag_actions import TagActions
from tests.core.library_helpers import library_with_document
from tests.gui.conftest import visible_paragraph_ids, visible_rows

pytestmark = pytest.mark.timeout(60)

DOC = "A/RES/78/217"


@pytest.fixture
def lib(tmp_path):
    with library_with_document(tmp_path / "alone.clausemark") as lib:
        yield lib


@pytest.fixture
def session(lib):
    session = DocumentSession(lib)
    yield session
    session.stop()


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _click_row(qtbot, tree, paragraph_id, modifier=Qt.KeyboardModifier.NoModifier):
    index = tree.model().index_of(paragraph_id)
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier,
                     tree.visualRect(index).center())


def test_paragraph_panel_shows_the_session_document_and_reports_the_selection(qtbot, lib,
                                                                               session):
    panel = _shown(qtbot, ParagraphPanel(session))
    with qtbot.waitSignal(session.documentOpened):
        session.open(lib.document(DOC).id)
    assert panel.findChild(QWidget, "paragraphTree") is panel.tree
    assert DOC in panel.title.text()
    assert panel.model.rowCount() == 4  # PP 1, PP 2, OP 1, OP 2
    with qtbot.waitSignal(session.selectionChanged) as changed:
        _click_row(qtbot, panel.tree, "OP1")
    assert changed.args == [["OP1"]] and session.selected_ids() == ["OP1"]
    _click_row(qtbot, panel.tree, "PP2", Qt.KeyboardModifier.ControlModifier)
    assert sorted(session.selected_ids()) == ["OP1", "PP2"]

    # A tag written elsewhere shows as a chip; the filter follows the session.
    theme = session.theme_for_shortcut(2)
    lib.tags.add(session.document_id, "OP1", theme.id)
    chips = panel.model.index_of("OP1").siblingAtColumn(panel.model.THEMES)
    assert chips.data() == theme.name
    combo = panel.filter_combo
    combo.setCurrentIndex(combo.findData(theme.name))
    assert session.filter == theme.name
    assert visible_paragraph_ids(panel.tree) == ["OP1"]
    combo.setCurrentIndex(combo.findData("untagged"))
    assert "OP1" not in visible_paragraph_ids(panel.tree)
    assert panel.show_paragraph("OP1")  # hidden by the filter: shown again and selected
    assert session.filter is None and session.selected_ids() == ["OP1"]


def test_tag_actions_tag_the_session_selection_and_undo(qtbot, lib, session):
    host = _shown(qtbot, QWidget())
    stack = UndoStack(lib)
    actions = TagActions(lib, session, stack, host)
    session.open(lib.document(DOC).id)
    assert not any(a.isEnabled() for a in actions.theme_actions)  # nothing selected yet
    session.set_selection(["PP1", "OP2(b)"])
    messages = []
    actions.message.connect(lambda text, _ms: messages.append(text))
    theme = session.theme_for_shortcut(1)
    actions.toggle_shortcut(1)
    assert sorted(t.paragraph for t in lib.tags.list(theme=theme.id)) == ["OP2(b)", "PP1"]
    assert messages == [f"{theme.name} tagged on 2 paragraphs"]
    assert actions.theme_actions[0].isChecked()  # every selected paragraph carries it
    stack.undo()
    assert lib.tags.list() == []
    assert not actions.theme_actions[0].isChecked()


def test_note_panel_edits_the_note_of_the_selected_paragraph(qtbot, lib, session):
    panel = _shown(qtbot, NotePanel(session))
    session.open(lib.document(DOC).id)
    session.set_selection(["OP1"])
    assert not panel.editor.isEnabled() and panel.tag_choice.isHidden()  # nothing to note yet
    theme = session.theme_for_shortcut(3)
    tag_id = lib.tags.add(session.document_id, "OP1", theme.id)
    session.set_selection(["OP1"])
    assert panel.editor.isEnabled() and panel.tag_choice.currentText() == theme.name
    assert panel.tag_choice.isVisible()
    assert "OP 1" in panel.title.text()
    panel.editor.setFocus()
    with qtbot.waitSignal(panel.noteEdited, timeout=5000) as edited:
        qtbot.keyClicks(panel.editor, "check the footnote")  # saved when typing pauses
    assert edited.args[1] == "check the footnote"
    assert edited.args[0] == getattr(tag_id, "id", tag_id)
    session.set_selection(["OP1", "PP1"])
    assert not panel.editor.isEnabled()


def test_library_and_theme_panels_follow_the_library(qtbot, lib, session):
    library = _shown(qtbot, LibraryPanel(lib, session))
    themes = _shown(qtbot, ThemePanel(lib, session))
    assert visible_rows(library.view) == [DOC]
    with qtbot.waitSignal(library.documentChanged) as chosen:
        library.view.selectRow(0)
    assert chosen.args == [lib.document(DOC).id]
    first = themes.model.themes()[0]
    lib.themes.rename(first.id, "minors")  # reported by the library, heard through the session
    assert themes.model.themes()[0].name == "minors"
    activated = []
    themes.themeActivated.connect(activated.append)
    themes.view.setCurrentIndex(themes.model.index(0, 0))
    themes.view.setFocus()
    qtbot.keyClick(themes.view, Qt.Key.Key_Return)
    assert [t.name for t in activated] == ["minors"]
