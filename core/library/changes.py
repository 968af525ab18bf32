"""What changed in a library, as typed records. `Library.subscribe(callback)` calls
`callback(change)` with one of these after the change is committed (never for a write that was
rolled back), so a window can repaint just what the change touches:

    def on_change(change: Change) -> None:
        if isinstance(change, ThemesChanged): ...
        elif isinstance(change, TagsChanged): ...   # NoteChanged is a TagsChanged too

`action` names the edit, as the library's history does ("add", "remove", "tag", "untag",
"note", "theme_rename", "reject", ...)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentsChanged:
    """A document was imported ("add") or removed ("remove")."""
    document_id: int
    action: str


@dataclass(frozen=True)
class ThemesChanged:
    """A theme was added, edited, moved, retired, deleted or got new cue phrases."""
    theme_id: int
    action: str


@dataclass(frozen=True)
class TagsChanged:
    """Tags of a document changed: one tag ("tag", "untag") or all of them ("remove", when the
    document was removed; tag_id None)."""
    document_id: int
    action: str
    tag_id: int | None = None


@dataclass(frozen=True)
class NoteChanged(TagsChanged):
    """The note of a tag changed (a change to a tag: listeners of TagsChanged hear it too)."""
    action: str = "note"


@dataclass(frozen=True)
class SuggestionsChanged:
    """A theme suggestion was rejected ("reject") for a paragraph, or no longer ("unreject")."""
    document_id: int
    paragraph: str
    theme_id: int
    action: str


Change = DocumentsChanged | ThemesChanged | TagsChanged | SuggestionsChanged
