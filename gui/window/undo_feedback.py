"""Undo and redo in sight: after a step the window opens the document it touched, selects the
paragraph, and the status bar says what was undone or redone ("Undone: tag detention on
A/RES/78/217, OP 5 (a)"), so Ctrl+Z never changes another document without a sign."""
from __future__ import annotations

from collections.abc import Callable

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import (
    CommandGroup,
    RemoveDocumentCommand,
    SetNoteCommand,
    TagCommand,
    UntagCommand,
)

SHOW_MS = 8000


def _tags_of(command, library) -> list:
    """The tags a command changed (Tag records with document_id and paragraph)."""
    if isinstance(command, CommandGroup):
        return [tag for part in command.commands for tag in _tags_of(part, library)]
    if isinstance(command, (TagCommand, UntagCommand)) and command.tag is not None:
        return [command.tag]
    if isinstance(command, SetNoteCommand):
        try:
            return [library.tags.get(command.tag_id)]
        except ClausemarkError:
            return []
    return []


def place(command, library) -> tuple[int, list[str]] | None:
    """The document a step changed and its paragraphs there (None for theme edits)."""
    if isinstance(command, RemoveDocumentCommand):  # undone: the document is back, open it
        return (command.document_id, []) if command.document_id is not None else None
    tags = _tags_of(command, library)
    if not tags:
        return None
    document_id = tags[0].document_id
    paragraphs = list(dict.fromkeys(t.paragraph for t in tags if t.document_id == document_id))
    return document_id, paragraphs


def message(command, library, redo: bool) -> str:
    verb = "Redone" if redo else "Undone"
    tags = _tags_of(command, library)
    text = command.text
    if isinstance(command, CommandGroup) and tags and tags[0].symbol:
        text = f"{text} in {tags[0].symbol}"  # the group's text names no document
    return f"{verb}: {text}"


def report(command, library, *, redo: bool, show: Callable[[int, list[str]], None],
           status) -> None:
    """After an undo/redo step: `show(document_id, paragraph_ids)` opens the document and
    selects the paragraphs; `status` is the window's status bar."""
    where = place(command, library)
    if where is not None:
        show(*where)
    status.showMessage(message(command, library, redo), SHOW_MS)
