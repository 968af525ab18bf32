"""Undo/redo as every window offers it: one step (or one new command) on the shared UndoStack,
a refusal from the library shown as a warning (never a crash), and the actions' labels."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from clausemark.core.errors import ClausemarkError


def step(parent: QWidget, stack, redo: bool = False, title: str = "Clausemark"):
    """Undo (or redo) one step; the command done, or None (nothing to do, or refused)."""
    if not (stack.can_redo if redo else stack.can_undo):
        return None
    try:
        return stack.redo() if redo else stack.undo()
    except ClausemarkError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None


def label_actions(stack, undo_action, redo_action) -> None:
    """Enable the actions and name the step they would take ("&Undo Tag OP 5")."""
    undo_action.setEnabled(stack.can_undo)
    redo_action.setEnabled(stack.can_redo)
    # Menus name the step; toolbar buttons stay short (the step is in their tooltip), so a
    # long citation never pushes the theme buttons off the toolbar.
    for action, word, can, text in ((undo_action, "Undo", stack.can_undo, stack.undo_text),
                                    (redo_action, "Redo", stack.can_redo, stack.redo_text)):
        action.setText(f"&{word} {text}" if can else f"&{word}")
        action.setIconText(word)
        action.setToolTip(f"{word} {text}" if can else f"Nothing to {word.lower()}")


def push(parent: QWidget, stack, command, title: str = "Clausemark") -> bool:
    """Do `command` as one undoable step; a refusal from the library is a warning."""
    try:
        stack.push(command)
    except ClausemarkError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    return True
