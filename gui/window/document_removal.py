"""Remove the open document from the library (Document > Remove from library, or Delete in the
library list): a confirmation that counts its tags, then one undoable step (Ctrl+Z imports its
PDF again and puts its tags back, while the window is open)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from clausemark.core.library import RemoveDocumentCommand
from clausemark.gui.window import undo_steps


def confirm_text(name: str, tags: int, notes: int) -> str:
    counted = "no tags" if tags == 0 else f"its {tags} tag{'s' if tags != 1 else ''}"
    if notes:
        counted += f" ({notes} with a note)"
    return (f"Remove {name} from the library, with {counted}?\n\nYou can undo this with Ctrl+Z "
            "while Clausemark stays open; after that it is gone (a backup of the library "
            "keeps it).")


def remove_open_document(window) -> bool:
    """Ask, then remove the session's document; the next one in the list opens."""
    session = window.session
    doc = session.document
    if doc is None:
        window.statusBar().showMessage("Open a document to remove it.", 4000)
        return False
    tags = session.tags()
    notes = sum(1 for t in tags if t.note.strip())
    answer = QMessageBox.question(
        window, "Remove the document", confirm_text(doc.display_name, len(tags), notes),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    row = window.library_view.currentIndex().row()
    window.note_panel.save()
    if not undo_steps.push(window, window.undo_stack, RemoveDocumentCommand(doc.id)):
        return False
    window.library_panel.refresh()
    model = window.library_view.model()
    if model.rowCount():
        window.library_view.selectRow(min(max(row, 0), model.rowCount() - 1))
    else:
        window.open_document(None)
    window.statusBar().showMessage(
        f"Removed {doc.display_name} and its {len(tags)} tags (Ctrl+Z puts them back).", 8000)
    return True
