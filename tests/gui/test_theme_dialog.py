"""Act as an analyst in the theme dialog: add, rename, recolour, describe, nest, reorder, retire,
restore, then undo through the shared stack; check what the tree shows and what the file holds."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QTreeWidgetItemIterator,
)

from clausemark.core.library.library import Library
from clausemark.core.library.undo import UndoStack
from clausemark.gui.dialogs.theme_add_dialog import AddThemeDialog
from clausemark.gui.dialogs.theme_dialog import ThemeDialog
from tests.core.library_helpers import library_with_document
from tests.gui.conftest import answer_dialog

DOC = "A/RES/78/217"


@pytest.fixture(autouse=True)
def stray_dialogs(qtbot):
    """A modal dialog no test answers would hang the run: close it after a few seconds and fail."""
    stray, seen = [], {}

    def check():
        widget = QApplication.activeModalWidget()
        if widget is not None:
            seen[id(widget)] = seen.get(id(widget), 0) + 1
            if seen[id(widget)] >= 5:
                stray.append(widget.windowTitle())
                widget.reject()

    watchdog = QTimer(interval=1000, timeout=check)
    watchdog.start()
    yield
    watchdog.stop()
    assert not stray, f"dialogs left unanswered: {stray}"


@pytest.fixture
def lib(tmp_path):
    with library_with_document(tmp_path / "themes.clausemark", author="ana") as lib:
        yield lib


@pytest.fixture
def dialog(qtbot, lib):
    dlg = ThemeDialog(lib, UndoStack(lib))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    yield dlg
    dlg.close()


def on_disk(lib) -> list[tuple]:
    """The taxonomy as another program opening the file sees it."""
    with Library(lib.path) as fresh:
        names = {t.id: t.name for t in fresh.themes.list()}
        return [(t.name, names.get(t.parent_id), t.shortcut, t.colour, t.retired)
                for t in fresh.themes.list()]


def rows(dlg) -> list[tuple]:
    """What the user sees: (indent, name, key, tags) per row, top to bottom."""
    seen, it = [], QTreeWidgetItemIterator(dlg.tree)
    while it.value():
        item, depth, up = it.value(), 0, it.value().parent()
        while up:
            depth, up = depth + 1, up.parent()
        seen.append((depth, item.text(0), item.text(1), item.text(2)))
        it += 1
    return seen


def item_of(dlg, name):
    found = dlg.tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    return found[0] if found else None


def click_theme(qtbot, dlg, name):
    item = item_of(dlg, name)
    dlg.tree.scrollToItem(item)
    rect = dlg.tree.visualItemRect(item)
    qtbot.mouseClick(dlg.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dlg.current_theme().name == name
    dlg.tree.setFocus()


def answer(kind, act, seen: list):
    """When a `kind` dialog comes up, record it in `seen` and let `act` answer it like a user."""
    answer_dialog(kind, lambda widget: (seen.append(widget), act(widget)))


def ok_warning(seen: list):
    answer(QMessageBox, lambda box: (seen.append(box.text()),
                                     box.button(QMessageBox.StandardButton.Ok).click()), seen)


def test_tree_shows_nesting_colours_keys_counts_and_retired_only_on_request(qtbot, lib):
    lib.themes.add("unaccompanied minors", "#E67E22", parent="children")
    lib.themes.add("old scope", parent="remittances")
    lib.themes.add("older detail", parent="old scope")  # hidden with its retired parent
    lib.tags.add(DOC, "PP2", "children")
    lib.tags.add(DOC, "OP1", "old scope")
    lib.themes.retire("old scope")
    dlg = ThemeDialog(lib, UndoStack(lib))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.objectName() == "themeDialog"
    assert rows(dlg) == [(0, "children", "1", "1"), (1, "unaccompanied minors", "5", "0"),
                         (0, "detention", "2", "0"), (0, "remittances", "3", "0"),
                         (0, "consular rights", "4", "0")]
    swatch = item_of(dlg, "unaccompanied minors").icon(0).pixmap(14, 14).toImage()
    assert swatch.pixelColor(7, 7) == QColor("#E67E22")

    qtbot.mouseClick(dlg.show_retired, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dlg.show_retired.height() // 2))  # on the box
    assert dlg.show_retired.isChecked()
    # Retired (and hidden under a retired theme), they keep their keys for their return.
    assert rows(dlg)[4:6] == [(1, "old scope", "6 retired", "1"), (2, "older detail", "7", "0")]
    grey = dlg.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert item_of(dlg, "old scope").foreground(0).color() == grey
    assert item_of(dlg, "older detail").foreground(0).color() == grey
    assert item_of(dlg, "remittances").foreground(0).color() != grey


def test_add_a_theme_through_the_form_then_undo_and_redo(qtbot, dialog, lib):
    proposed = lib.themes.next_colour()
    warnings, forms = [], []

    def fill_form(form: AddThemeDialog):
        assert form.colour_button.colour() == proposed  # the colour core would pick
        qtbot.keyClicks(form.name_edit, "Detention")  # taken: core refuses, the form stays
        ok_warning(warnings)
        qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
        assert form.isVisible()
        form.name_edit.clear()
        qtbot.keyClicks(form.name_edit, "alternatives to detention")
        form.parent_combo.setFocus()
        qtbot.keyClicks(form.parent_combo, "detention")
        qtbot.keyClicks(form.description_edit, "community-based alternatives")
        qtbot.keyClick(form.description_edit, Qt.Key.Key_Return)  # Enter means Add

    answer(AddThemeDialog, fill_form, forms)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Insert)
    assert forms and not forms[0].isVisible()
    assert len(warnings) == 2 and "already exists" in warnings[1]
    assert ("alternatives to detention", "detention", 5, proposed, False) in on_disk(lib)
    assert lib.themes.get("alternatives to detention").description == "community-based alternatives"
    assert (1, "alternatives to detention", "5", "0") in rows(dialog)
    assert dialog.current_theme().name == "alternatives to detention"

    dialog.undo_stack.undo()
    assert "alternatives to detention" not in [row[0] for row in on_disk(lib)]
    assert item_of(dialog, "alternatives to detention") is None
    dialog.undo_stack.redo()
    assert item_of(dialog, "alternatives to detention").parent().text(0) == "detention"


def test_ctrl_n_opens_the_form_and_cancel_adds_nothing(qtbot, dialog, lib):
    before, forms = on_disk(lib), []
    answer(AddThemeDialog, lambda form: form.buttons.button(
        QDialogButtonBox.StandardButton.Cancel).click(), forms)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(forms) == 1
    assert on_disk(lib) == before


def test_rename_inline_with_f2_and_a_taken_name_is_refused(qtbot, dialog, lib):
    children = lib.themes.get("children").id
    click_theme(qtbot, dialog, "children")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "children"
    editor.selectAll()
    qtbot.keyClicks(editor, "minors")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lib.themes.get(children).name == "minors")
    assert on_disk(lib)[0][0] == "minors"
    assert rows(dialog)[0] == (0, "minors", "1", "0")

    # A name already used: a warning, the old name back in the tree, nothing written.
    warnings = []
    ok_warning(warnings)
    dialog.rename_action.trigger()  # the Rename button
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "DETENTION")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(warnings) == 2)
    assert "already exists" in warnings[1]
    qtbot.waitUntil(lambda: rows(dialog)[0][1] == "minors")
    assert [row[0] for row in on_disk(lib)].count("detention") == 1

    dialog.undo_stack.undo()
    assert on_disk(lib)[0][0] == "children"
    assert rows(dialog)[0][1] == "children"


def test_recolour_by_answering_the_colour_dialog(qtbot, dialog, lib):
    click_theme(qtbot, dialog, "detention")
    old = lib.themes.get("detention").colour
    seen = []

    def choose(picker: QColorDialog):
        assert picker.objectName() == "themeColourDialog"
        assert picker.currentColor() == QColor(old)
        picker.setCurrentColor(QColor("#123456"))
        picker.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    answer(QColorDialog, choose, seen)
    qtbot.mouseClick(dialog.findChild(QToolButton, "recolourThemeButton"),
                     Qt.MouseButton.LeftButton)
    assert seen
    assert lib.themes.get("detention").colour == "#123456"
    icon = item_of(dialog, "detention").icon(0).pixmap(14, 14).toImage()
    assert icon.pixelColor(7, 7) == QColor("#123456")
    assert dialog.colour_button.text() == "#123456"

    # The swatch button under the tree opens the same picker; cancelling it changes nothing.
    answer(QColorDialog, lambda picker: picker.reject(), seen)
    qtbot.mouseClick(dialog.colour_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 2 and lib.themes.get("detention").colour == "#123456"

    dialog.undo_stack.undo()
    assert lib.themes.get("detention").colour == old
    assert dialog.colour_button.text() == old


def test_describe_a_theme(qtbot, dialog, lib):
    click_theme(qtbot, dialog, "remittances")
    old = lib.themes.get("remittances").description
    assert old and dialog.description_edit.text() == old
    qtbot.mouseClick(dialog.description_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.description_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.description_edit, "money sent home by migrants")
    qtbot.keyClick(dialog.description_edit, Qt.Key.Key_Return)
    assert lib.themes.get("remittances").description == "money sent home by migrants"
    assert dialog.isVisible() and QApplication.activeModalWidget() is None  # Enter just saves
    assert item_of(dialog, "remittances").toolTip(0) == "money sent home by migrants"
    dialog.undo_stack.undo()
    assert lib.themes.get("remittances").description == old
    assert dialog.description_edit.text() == old


def test_a_description_being_typed_is_kept_when_leaving_it(qtbot, dialog, lib):
    click_theme(qtbot, dialog, "children")
    qtbot.mouseClick(dialog.description_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.description_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.description_edit, " Includes adolescents.")
    click_theme(qtbot, dialog, "detention")  # no Enter: clicking elsewhere saves it
    assert lib.themes.get("children").description.endswith("Includes adolescents.")
    assert lib.themes.get("detention").description != lib.themes.get("children").description
    qtbot.mouseClick(dialog.description_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.description_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.description_edit, " Also border facilities.")
    qtbot.keyClick(dialog.description_edit, Qt.Key.Key_Escape)  # closes the dialog
    assert not dialog.isVisible()
    assert lib.themes.get("detention").description.endswith("Also border facilities.")


def test_nest_under_another_theme_and_back_to_top_level(qtbot, dialog, lib):
    lib.themes.add("family separation", parent="remittances")
    click_theme(qtbot, dialog, "remittances")
    combo = dialog.parent_combo
    offered = [combo.itemText(i).strip() for i in range(combo.count())]
    # Not under itself nor under its own sub-theme.
    assert offered == ["(top level)", "children", "detention", "consular rights"]
    combo.setFocus()
    qtbot.keyClicks(combo, "children")
    qtbot.waitUntil(lambda: lib.themes.get("remittances").parent_id == lib.themes.get("children").id)
    assert [r[:2] for r in rows(dialog)][:3] == [(0, "children"), (1, "remittances"),
                                                  (2, "family separation")]
    assert dialog.current_theme().name == "remittances"
    assert combo.currentText().strip() == "children"

    qtbot.keyClick(combo, Qt.Key.Key_Home)  # the first entry: "(top level)"
    qtbot.waitUntil(lambda: lib.themes.get("remittances").parent_id is None)
    assert (0, "remittances") in [r[:2] for r in rows(dialog)]
    dialog.undo_stack.undo()
    assert lib.themes.get("remittances").parent_id == lib.themes.get("children").id
    dialog.undo_stack.undo()
    assert [(name, parent) for name, parent, *_ in on_disk(lib)] == [
        ("children", None), ("detention", None), ("remittances", None),
        ("family separation", "remittances"), ("consular rights", None)]


def test_reorder_with_ctrl_arrows_keeps_every_key(qtbot, dialog, lib):
    click_theme(qtbot, dialog, "remittances")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [(name, key) for name, _, key, *_ in on_disk(lib)] == [
        ("children", 1), ("remittances", 3), ("detention", 2), ("consular rights", 4)]
    assert [r[1:3] for r in rows(dialog)][:3] == [("children", "1"), ("remittances", "3"),
                                                   ("detention", "2")]
    assert dialog.current_theme().name == "remittances"
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [name for name, *_ in on_disk(lib)][0] == "remittances"
    assert lib.themes.get("remittances").shortcut == 3 and lib.themes.get("children").shortcut == 1
    assert not dialog.up_action.isEnabled() and dialog.down_action.isEnabled()

    qtbot.mouseClick(dialog.findChild(QToolButton, "moveDownButton"), Qt.MouseButton.LeftButton)
    assert [name for name, *_ in on_disk(lib)][:2] == ["children", "remittances"]

    qtbot.keyClick(dialog.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [name for name, *_ in on_disk(lib)][0] == "remittances"
    dialog.undo_stack.undo()
    dialog.undo_stack.undo()
    assert [(name, key) for name, _, key, *_ in on_disk(lib)][:3] == [
        ("children", 1), ("detention", 2), ("remittances", 3)]


def test_choose_a_key_in_the_dialog_takes_it_from_its_holder_and_undo_gives_it_back(
        qtbot, dialog, lib):
    click_theme(qtbot, dialog, "consular rights")
    combo = dialog.findChild(QComboBox, "themeKeyCombo")
    assert combo.currentText() == "4"
    assert combo.itemText(combo.findData(1)) == "1 (now children)"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_1)  # the analyst types "1" on the Key field
    qtbot.waitUntil(lambda: lib.themes.get("consular rights").shortcut == 1, timeout=3000)
    assert lib.themes.get("children").shortcut is None
    assert item_of(dialog, "consular rights").text(1) == "1"
    assert item_of(dialog, "children").text(1) == ""
    assert "Key 1 tags with consular rights" in dialog.status.text()
    dialog.undo_stack.undo()
    assert lib.themes.get("children").shortcut == 1 and lib.themes.get("consular rights").shortcut == 4


def test_moving_steps_over_a_hidden_retired_theme(qtbot, dialog, lib):
    lib.themes.retire("remittances")
    click_theme(qtbot, dialog, "consular rights")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [r[1] for r in rows(dialog)] == ["children", "consular rights", "detention"]
    assert lib.themes.get("consular rights").shortcut == 4

def test_retire_keeps_tags_and_restore_brings_the_key_back(qtbot, dialog, lib):
    lib.tags.add(DOC, "PP2", "detention")
    lib.tags.add(DOC, "OP2(b)", "detention")
    click_theme(qtbot, dialog, "detention")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    assert lib.themes.get("detention").retired
    assert len(lib.tags.list(theme="detention")) == 2
    assert item_of(dialog, "detention") is None  # hidden until "Show retired"
    assert "2 tags are kept" in dialog.status.text()
    assert lib.themes.get("remittances").shortcut == 3  # the others keep their keys

    dialog.show_retired.setChecked(True)
    click_theme(qtbot, dialog, "detention")
    assert item_of(dialog, "detention").text(1) == "2 retired"  # held for its return
    assert dialog.retire_action.text().replace("&", "") == "Restore"
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    assert not lib.themes.get("detention").retired and lib.themes.get("detention").shortcut == 2

    dialog.undo_stack.undo()
    assert lib.themes.get("detention").retired
    dialog.undo_stack.undo()
    assert not lib.themes.get("detention").retired
    assert len(lib.tags.list(theme="detention")) == 2


def test_delete_in_a_text_field_does_not_retire(qtbot, dialog, lib):
    click_theme(qtbot, dialog, "children")
    dialog.description_edit.setFocus()
    qtbot.keyClick(dialog.description_edit, Qt.Key.Key_Delete)
    assert not lib.themes.get("children").retired


def test_follows_changes_made_elsewhere_and_stops_listening_when_closed(qtbot, dialog, lib):
    lib.themes.add("statelessness")
    assert rows(dialog)[-1][1] == "statelessness"
    lib.tags.add(DOC, "OP1", "statelessness")
    assert rows(dialog)[-1] == (0, "statelessness", "5", "1")
    def listening():
        return len(lib._store._listeners), len(dialog.undo_stack._listeners)

    before = listening()
    dialog.close()
    assert listening() == (before[0] - 1, before[1] - 1)
    lib.themes.add("trafficking")  # nothing listens to it any more: no error
    dialog.show()  # opened again: catches up and listens again
    assert rows(dialog)[-1][1] == "trafficking"
    assert listening() == before


def test_the_main_window_undoes_what_the_dialog_did(qtbot, window):
    dlg = ThemeDialog(window.library, window.undo_stack, window)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    click_theme(qtbot, dlg, "consular rights")
    qtbot.keyClick(dlg.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    order = [t.name for t in window.theme_model.themes()]
    assert order.index("consular rights") == 2
    assert window.theme_model.theme_for_shortcut(4).name == "consular rights"  # key kept
    qtbot.keyClick(dlg.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # in the dialog
    assert [t.name for t in window.theme_model.themes()].index("consular rights") == 3
    assert "Undone: move theme consular rights" in dlg.status.text()
    qtbot.keyClick(dlg.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert [t.name for t in window.theme_model.themes()].index("consular rights") == 2
    dlg.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.paragraph_tree.setFocus()
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.name for t in window.theme_model.themes()].index("consular rights") == 3
    assert window.library.themes.get("consular rights").shortcut == 4


def test_edit_cue_phrases_in_the_theme_dialog(qtbot, dialog, lib):
    click_theme(qtbot, dialog, "remittances")
    old = lib.themes.get("remittances").cues
    assert dialog.cues_edit.text() == "; ".join(old) and "remittance" in old
    qtbot.mouseClick(dialog.cues_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.cues_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.cues_edit, "; diaspora investment ;")
    qtbot.keyClick(dialog.cues_edit, Qt.Key.Key_Return)
    assert lib.themes.get("remittances").cues == old + ("diaspora investment",)
    assert dialog.cues_edit.text().endswith("; diaspora investment")
    dialog.undo_stack.undo()
    assert lib.themes.get("remittances").cues == old
    assert dialog.cues_edit.text() == "; ".join(old)
