"""Tagging as the analyst does it: a theme toggled on the selected paragraphs (keys 1-9, the
toolbar, the Themes menu, the context menu, the theme panel), every change one undoable step."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QMessageBox

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import CommandGroup, SetNoteCommand, TagCommand, Theme, UntagCommand


def swatch(colour: str, size: int = 14) -> QIcon:
    """A filled square of the theme's colour with a thin dark border (visible on white too)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#555555"))
    inner = QPixmap(size - 2, size - 2)
    inner.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.drawPixmap(1, 1, inner)
    painter.end()
    return QIcon(pixmap)


class TagActions(QObject):
    """Owns the per-theme actions and turns them into undo commands for the window's selection.
    `window` provides: library, undo_stack, theme_model, document_id,
    selected_paragraph_ids(), statusBar()."""
    actionsChanged = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.theme_actions: list[QAction] = []
        self.rebuild()

    # -- actions ---------------------------------------------------------------------------------

    def rebuild(self) -> None:
        for action in self.theme_actions:
            action.deleteLater()
        self.theme_actions = []
        for theme in self.window.theme_model.themes():
            key = f"\t{theme.shortcut}" if theme.shortcut else ""  # menus show it as the key
            action = QAction(swatch(theme.colour), f"{theme.name}{key}", self)
            action.setIconText(f"{theme.shortcut} {theme.name}" if theme.shortcut else theme.name)
            action.setCheckable(True)
            action.setToolTip(f"Tag or untag the selected paragraphs with “{theme.name}”"
                              + (f" — key {theme.shortcut}" if theme.shortcut else ""))
            action.setData(theme.id)
            action.triggered.connect(lambda _checked=False, t=theme: self.toggle(t))
            self.theme_actions.append(action)
        self.update_checks()
        self.actionsChanged.emit()

    def update_checks(self) -> None:
        """Check a theme's action when every selected paragraph carries it."""
        selected = self.window.selected_paragraph_ids()
        doc = self.window.document_id
        tagged: dict[int, int] = {}
        if doc is not None and selected:
            wanted = set(selected)
            for tag in self.window.document_tags():
                if tag.paragraph in wanted:
                    tagged[tag.theme_id] = tagged.get(tag.theme_id, 0) + 1
        writable = not getattr(self.window.library, "read_only", False)
        for action in self.theme_actions:
            action.setEnabled(bool(selected) and writable)
            action.setChecked(bool(selected) and tagged.get(action.data(), 0) == len(selected))

    def context_menu(self, parent) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName("tagMenu")
        selected = self.window.selected_paragraph_ids()
        header = menu.addAction(f"Tag {len(selected)} paragraphs" if len(selected) > 1
                                else "Tag paragraph")
        header.setEnabled(False)
        menu.addActions(self.theme_actions)
        menu.addSeparator()
        menu.addAction(self.window.note_action)
        menu.addAction(self.window.copy_citation_action)
        return menu

    # -- changes ---------------------------------------------------------------------------------

    def toggle_shortcut(self, key: int) -> None:
        theme = self.window.theme_model.theme_for_shortcut(key)
        if theme is not None:
            self.toggle(theme)

    def toggle(self, theme: Theme) -> None:
        """Tag the selection with `theme`; if every selected paragraph has it, untag them."""
        win = self.window
        paragraphs = win.selected_paragraph_ids()
        if win.document_id is None or not paragraphs:
            win.statusBar().showMessage("Select one or more paragraphs first.", 4000)
            return
        lib = win.library
        existing = {p: lib.tags.find(win.document_id, p, theme.id) for p in paragraphs}
        if all(existing.values()):
            commands = [UntagCommand(tag.id) for tag in existing.values()]
            verb = "removed from"
        else:
            commands = [TagCommand(win.document_id, p, theme.id)
                        for p, tag in existing.items() if tag is None]
            verb = "tagged on"
        what = f"{theme.name} {verb} {_count(commands)}"
        self.push(CommandGroup(what, commands) if len(commands) > 1 else commands[0])
        win.statusBar().showMessage(what, 4000)

    def set_note(self, tag_id: int, note: str) -> None:
        self.push(SetNoteCommand(tag_id, note))

    def push(self, command) -> bool:
        """Do `command` as one undoable step; a refusal from the library is a warning."""
        try:
            self.window.undo_stack.push(command)
        except ClausemarkError as exc:
            QMessageBox.warning(self.window, "Clausemark", str(exc))
            return False
        return True


def _count(commands) -> str:
    return "1 paragraph" if len(commands) == 1 else f"{len(commands)} paragraphs"
