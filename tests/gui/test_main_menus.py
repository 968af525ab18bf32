"""The main window's menus reach the theme editor, the reports dialog and version comparison,
and what is done there shows in the main window and lands in the library."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QToolButton

from clausemark.core.library.library import Library
from clausemark.gui.dialogs.theme_add_dialog import AddThemeDialog
from tests.gui.conftest import answer_dialog, import_and_wait


def test_add_a_theme_from_the_themes_menu_gives_it_a_key(qtbot, window, library_file):
    def in_theme_dialog(dialog):
        answer_dialog("addThemeDialog", fill_form)
        qtbot.mouseClick(dialog.findChild(QToolButton, "addThemeButton"), Qt.MouseButton.LeftButton)
        dialog.accept()

    def fill_form(form: AddThemeDialog):
        qtbot.keyClicks(form.name_edit, "trafficking")
        qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)

    seen = answer_dialog("themeDialog", in_theme_dialog)
    window.edit_themes_action.trigger()
    assert seen
    assert window.theme_model.theme_for_shortcut(5).name == "trafficking"
    assert any(a.iconText() == "5 trafficking" for a in window.tag_actions.theme_actions)
    with Library(library_file) as fresh:
        assert "trafficking" in [t.name for t in fresh.themes.list()]
    window.undo_action.trigger()  # the main window's undo covers theme edits
    assert window.theme_model.theme_for_shortcut(5) is None


def test_reports_dialog_opens_from_the_file_menu(qtbot, imported_window):
    seen = answer_dialog("reportsDialog", lambda dialog: dialog.reject())
    imported_window.report_action.trigger()
    assert seen and isinstance(seen[0], QDialog)


def test_compare_carries_tags_forward_into_the_main_window(qtbot, window, library_file, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_78_187-EN.pdf",
                                    dev_dir / "mp_A_RES_80_190-EN.pdf"])
    old = window.library.document("A/RES/78/187")
    new = window.library.document("A/RES/80/190")
    theme = window.theme_model.theme_for_shortcut(1)
    window.library.tags.add(old.id, "PP1", theme.id)
    window.select_document(new.id)
    chooser = answer_dialog("compareChooser", lambda dialog: dialog.accept())  # the proposed one
    window.compare_action.trigger()
    assert chooser
    compare = window.compare_window
    assert compare is not None and compare.isVisible()
    assert compare.old_doc.id == old.id  # the predecessor was found
    qtbot.waitUntil(lambda: compare.alignment is not None, timeout=20000)
    button = compare.findChild(QPushButton, "acceptSameButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with Library(library_file) as fresh:
        carried = [t.paragraph for t in fresh.tags.list(document=new.id)]
    assert carried  # PP 1 is unchanged or carried to its successor
    # The main window, open on the new version, shows the chip at once.
    chips = window.session.tag_chips()
    assert set(chips) == set(carried)
    with qtbot.waitSignal(compare.destroyed):  # closed and gone, as when the analyst closes it
        compare.close()
    window.undo_action.trigger()  # the shared undo stack no longer calls the closed window
    with Library(library_file) as fresh:
        assert fresh.tags.list(document=new.id) == []


def test_recolouring_a_theme_recolours_its_chips_and_tints(qtbot, imported_window):
    from clausemark.core.library.undo import RecolourThemeCommand
    window = imported_window
    pid = next(p.id for p in window.paragraph_model.resolution().walk() if p.id.startswith("OP"))
    window.paragraphs.select_paragraph(pid)
    window.paragraph_tree.setFocus()
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_1)
    theme = window.theme_model.theme_for_shortcut(1)
    window.undo_stack.push(RecolourThemeCommand(theme, "#123456"))
    assert window.session.tag_chips()[pid] == [(theme.name, "#123456")]
    assert window.session.theme_colours()[theme.id] == "#123456"
    window.undo_action.trigger()
    assert window.session.tag_chips()[pid] == [(theme.name, theme.colour)]
