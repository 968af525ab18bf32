"""Tagging as the analyst does it: a theme toggled on the selected paragraphs (keys 1-9, the
toolbar, the Themes menu, the context menu, the theme panel), every change one undoable step."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from clausemark.core.library import CommandGroup, SetNoteCommand, TagCommand, Theme, UntagCommand
from clausemark.gui.swatches import swatch
from clausemark.gui.window import undo_steps


class TagActions(QObject):
    """Owns the per-theme actions and turns them into undo commands for the session's
    selection. `parent` is the window that owns the actions and hosts the warnings."""
    actionsChanged = Signal()  # the theme actions were rebuilt (menus show the new ones)
    message = Signal(str, int)  # for the status bar: text, milliseconds

    def __init__(self, library, session, undo_stack, parent: QWidget):
        super().__init__(parent)
        self._library, self._session, self._undo_stack = library, session, undo_stack
        self._parent = parent
        self.theme_actions: list[QAction] = []
        self.rebuild()
        session.themesChanged.connect(self.rebuild)
        for signal in (session.selectionChanged, session.tagsChanged):
            signal.connect(self.update_checks)

    # -- actions ---------------------------------------------------------------------------------

    def rebuild(self) -> None:
        for action in self.theme_actions:
            action.deleteLater()
        self.theme_actions = []
        for theme in self._session.themes():
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

    def update_checks(self, *_args) -> None:
        """Check a theme's action when every selected paragraph carries it."""
        selected = self._session.selected_ids()
        tagged: dict[int, int] = {}
        if self._session.document is not None and selected:
            wanted = set(selected)
            for tag in self._session.tags():
                if tag.paragraph in wanted:
                    tagged[tag.theme_id] = tagged.get(tag.theme_id, 0) + 1
        writable = not getattr(self._library, "read_only", False)
        for action in self.theme_actions:
            action.setEnabled(bool(selected) and writable)
            action.setChecked(bool(selected) and tagged.get(action.data(), 0) == len(selected))

    def context_menu(self, parent: QWidget, more: list[QAction] = ()) -> QMenu:
        """The paragraphs' context menu: the theme actions, then `more` (note, citation)."""
        menu = QMenu(parent)
        menu.setObjectName("tagMenu")
        count = len(self._session.selected_ids())
        header = menu.addAction(f"Tag {count} paragraphs" if count > 1 else "Tag paragraph")
        header.setEnabled(False)
        menu.addActions(self.theme_actions)
        menu.addSeparator()
        menu.addActions(list(more))
        return menu

    # -- changes ---------------------------------------------------------------------------------

    def toggle_shortcut(self, key: int) -> None:
        theme = self._session.theme_for_shortcut(key)
        if theme is not None:
            self.toggle(theme)
            return
        holder = next((t for t in self._library.themes.list() if t.shortcut == key), None)
        self.message.emit(
            f"Key {key} belongs to {holder.name}, which is retired or under a retired theme."
            if holder else f"Key {key} is free: give it to a theme in Themes > Edit themes "
            "(Ctrl+T).", 6000)

    def toggle(self, theme: Theme) -> None:
        """Tag the selection with `theme`; if every selected paragraph has it, untag them."""
        session = self._session
        paragraphs, document_id = session.selected_ids(), session.document_id
        if document_id is None or not paragraphs:
            self.message.emit("Select one or more paragraphs first.", 4000)
            return
        # From the session's tags of the document (read once per change), not a query each.
        whole = {t.paragraph: t for t in session.tags()
                 if t.theme_id == theme.id and t.span is None}
        existing = {p: whole.get(p) for p in paragraphs}
        if all(existing.values()):
            commands = [UntagCommand(tag.id) for tag in existing.values()]
            verb = "removed from"
        else:
            commands = [TagCommand(document_id, p, theme.id)
                        for p, tag in existing.items() if tag is None]
            verb = "tagged on"
        what = f"{theme.name} {verb} {_count(commands)}"
        self.push(CommandGroup(what, commands) if len(commands) > 1 else commands[0])
        self.message.emit(what, 4000)

    def set_note(self, tag_id: int, note: str) -> None:
        self.push(SetNoteCommand(tag_id, note))

    def push(self, command) -> bool:
        return undo_steps.push(self._parent, self._undo_stack, command)


def _count(commands) -> str:
    return "1 paragraph" if len(commands) == 1 else f"{len(commands)} paragraphs"
