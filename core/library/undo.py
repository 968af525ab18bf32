"""Undo and redo for the analyst's edits: tagging, untagging, notes, theme edits and decisions on
shared tags waiting for review, as command objects on a stack the GUI drives (Ctrl+Z /
Ctrl+Shift+Z).

    stack = UndoStack(library)
    stack.push(TagCommand("A/RES/78/217", "OP5(a)", "detention"))   # does it
    stack.undo(); stack.redo()

Each command's do/undo is one library transaction, so an undo is as atomic as the edit. Commands
refer to tags and themes by id and restore them with the same id, so a redo after an undo leaves
later commands on the stack pointing at the right rows. The library's history records undos and
redos as the changes they are.
"""
from __future__ import annotations

from collections.abc import Callable

from clausemark.core.errors import LibraryError
from clausemark.core.library.records import Tag, Theme


class Command:
    """One undoable edit. `do` may be called again after `undo` (redo)."""
    text = "edit"

    def do(self, lib) -> None:
        raise NotImplementedError

    def undo(self, lib) -> None:
        raise NotImplementedError


class TagCommand(Command):
    def __init__(self, document, paragraph: str, theme, *, note: str = "",
                 span: tuple[int, int] | None = None):
        self.args = (document, paragraph, theme)
        self.note, self.span = note, span
        self.tag: Tag | None = None  # the tag made, kept for redo with the same id

    def do(self, lib) -> None:
        if self.tag is None:
            self.tag = lib.tags.add(*self.args, note=self.note, span=self.span)
        else:
            lib.tags.restore(self.tag)
        self.text = f"tag {self.tag.theme} on {self.tag.citation}"

    def undo(self, lib) -> None:
        # Keep the state at undo time: a note edited later and undone again is already back.
        self.tag = lib.tags.remove(self.tag.id)


class UntagCommand(Command):
    def __init__(self, tag_id: int):
        self.tag_id = tag_id
        self.tag: Tag | None = None

    def do(self, lib) -> None:
        self.tag = lib.tags.remove(self.tag_id)
        self.text = f"remove {self.tag.theme} from {self.tag.citation}"

    def undo(self, lib) -> None:
        lib.tags.restore(self.tag)


class SetNoteCommand(Command):
    def __init__(self, tag_id: int, note: str):
        self.tag_id, self.note = tag_id, note
        self.old: str | None = None

    def do(self, lib) -> None:
        self.old = lib.tags.get(self.tag_id).note
        tag = lib.tags.set_note(self.tag_id, self.note)
        self.text = f"note on {tag.citation}"

    def undo(self, lib) -> None:
        lib.tags.set_note(self.tag_id, self.old)


class AddThemeCommand(Command):
    def __init__(self, name: str, colour: str | None = None, *, parent=None, description=""):
        self.name, self.colour, self.parent, self.description = name, colour, parent, description
        self.theme: Theme | None = None

    def do(self, lib) -> None:
        if self.theme is None:
            self.theme = lib.themes.add(self.name, self.colour, parent=self.parent,
                                        description=self.description)
        else:  # redo: the same id, colour and key (if still free), not the next free ones
            key = self.theme.shortcut if self.theme.shortcut in lib.themes.free_keys() else None
            self.theme = lib.themes.add(self.name, self.colour, parent=self.parent,
                                        description=self.description, key=key,
                                        reuse_id=self.theme.id)
        self.colour = self.theme.colour
        self.text = f"add theme {self.theme.name}"

    def undo(self, lib) -> None:
        lib.themes.delete(self.theme.id)


class ThemeEditCommand(Command):
    """rename / recolour / describe / retire / restore: one field, old value kept for undo."""
    _METHODS = {"name": "rename", "colour": "recolour", "description": "describe",
                "retired": "retire"}  # field -> method of lib.themes

    def __init__(self, theme, field: str, value):
        if field not in self._METHODS:
            raise ValueError(f"cannot edit theme field {field!r}")
        self.theme, self.field, self.value = theme, field, value
        self.theme_id: int | None = None
        self.old = None

    def _set(self, lib, value) -> Theme:
        return getattr(lib.themes, self._METHODS[self.field])(self.theme_id, value)

    def do(self, lib) -> None:
        before = lib.themes.get(self.theme if self.theme_id is None else self.theme_id)
        self.theme_id, self.old = before.id, getattr(before, self.field)
        self._set(lib, self.value)
        self.text = f"{'retire' if self.field == 'retired' else 'change'} theme {before.name}"

    def undo(self, lib) -> None:
        self._set(lib, self.old)


def RenameThemeCommand(theme, name: str) -> ThemeEditCommand:
    return ThemeEditCommand(theme, "name", name)


def RecolourThemeCommand(theme, colour: str) -> ThemeEditCommand:
    return ThemeEditCommand(theme, "colour", colour)


def RetireThemeCommand(theme, retired: bool = True) -> ThemeEditCommand:
    return ThemeEditCommand(theme, "retired", retired)


class SetThemeKeyCommand(Command):
    """Give a theme its key 1-9 (or none); a theme that held the key gets it back on undo."""

    def __init__(self, theme, key: int | None):
        self.theme, self.key = theme, key
        self.theme_id: int | None = None
        self.old: int | None = None
        self.displaced: int | None = None

    def do(self, lib) -> None:
        before = lib.themes.get(self.theme if self.theme_id is None else self.theme_id)
        self.theme_id, self.old = before.id, before.shortcut
        _, self.displaced = lib.themes.set_key(before.id, self.key)
        self.text = (f"key {self.key} for theme {before.name}" if self.key
                     else f"no key for theme {before.name}")

    def undo(self, lib) -> None:
        with lib.transaction():
            lib.themes.set_key(self.theme_id, self.old)
            if self.displaced is not None:
                lib.themes.set_key(self.displaced, self.key)


class MoveThemeCommand(Command):
    """Nest under another parent and/or reorder among siblings."""

    def __init__(self, theme, parent=..., position: int | None = None):
        self.theme, self.parent, self.position = theme, parent, position
        self.theme_id: int | None = None
        self.old: tuple[int | None, int] | None = None

    def do(self, lib) -> None:
        before = lib.themes.get(self.theme if self.theme_id is None else self.theme_id)
        self.theme_id, self.old = before.id, (before.parent_id, before.position)
        if self.parent is ...:
            lib.themes.move(before.id, self.position if self.position is not None else 0)
        else:
            lib.themes.nest(before.id, self.parent, self.position)
        self.text = f"move theme {before.name}"

    def undo(self, lib) -> None:
        lib.themes.nest(self.theme_id, self.old[0], self.old[1])


class AcceptReviewCommand(Command):
    """Accept a shared tag waiting for review (`lib.team`): on its aligned paragraph, on `span`
    of the text here (None: the whole paragraph), with `note` (default: its own). Undo puts it
    back in the review as it was; redo gives the tag the same id again."""

    def __init__(self, review_id: int, note: str | None = None,
                 span: tuple[int, int] | None = None, text: str = "accept shared tag"):
        self.review_id, self.note, self.span, self.text = review_id, note, span, text
        self.decision = None

    def do(self, lib) -> None:
        reuse = self.decision.tag_id if self.decision and self.decision.created else None
        review_id = lib.team.review_id(self.decision.uid) if self.decision else self.review_id
        self.decision = lib.team.accept_review(review_id, self.note, span=self.span,
                                               reuse_id=reuse)

    def undo(self, lib) -> None:
        lib.team.reopen_review(self.decision)


class RejectReviewCommand(Command):
    """Reject a shared tag waiting for review; undo puts it back in the review."""

    def __init__(self, review_id: int, text: str = "reject shared tag"):
        self.review_id, self.text = review_id, text
        self.decision = None

    def do(self, lib) -> None:  # on redo, found by identity (a merge redone renumbers)
        review_id = lib.team.review_id(self.decision.uid) if self.decision else self.review_id
        self.decision = lib.team.reject_review(review_id)

    def undo(self, lib) -> None:
        lib.team.reopen_review(self.decision)


class CommandGroup(Command):
    """Several commands as one step (e.g. tag five paragraphs at once), all or nothing."""

    def __init__(self, text: str, commands: list[Command]):
        self.text, self.commands = text, list(commands)

    def do(self, lib) -> None:
        with lib.transaction():
            for command in self.commands:
                command.do(lib)

    def undo(self, lib) -> None:
        with lib.transaction():
            for command in reversed(self.commands):
                command.undo(lib)


class UndoStack:
    """push() does a command and makes it undoable; a new push clears what could be redone.
    `on_change` callbacks run after every push/undo/redo/clear (the GUI updates its actions);
    on_change returns a function that removes the callback (a dialog stops listening on close)."""

    def __init__(self, library, limit: int = 500):
        self.library, self.limit = library, limit
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._listeners: list[Callable[[], None]] = []

    def on_change(self, callback: Callable[[], None]) -> Callable[[], None]:
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback()

    def push(self, command: Command) -> Command:
        command.do(self.library)  # raises before anything is recorded if the edit fails
        self._done.append(command)
        del self._done[:-self.limit]
        self._undone.clear()
        self._notify()
        return command

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_text(self) -> str | None:
        return self._done[-1].text if self._done else None

    @property
    def redo_text(self) -> str | None:
        return self._undone[-1].text if self._undone else None

    def undo(self) -> Command:
        if not self._done:
            raise LibraryError("nothing to undo")
        command = self._done[-1]
        command.undo(self.library)  # on failure the command stays where it was
        self._undone.append(self._done.pop())
        self._notify()
        return command

    def redo(self) -> Command:
        if not self._undone:
            raise LibraryError("nothing to redo")
        command = self._undone[-1]
        command.do(self.library)
        self._done.append(self._undone.pop())
        self._notify()
        return command

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._notify()
