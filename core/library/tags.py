"""`lib.tags`: the tags of a library.

A tag puts a theme on a paragraph, optionally on a character span inside its text (with the
quoted text kept beside it), with a note and the analyst's name. Every change is written to the
history in the same transaction as the change itself."""
from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from clausemark.core.errors import ConflictError, LibraryError, NotFoundError
from clausemark.core.library import schema
from clausemark.core.library.changes import NoteChanged, TagsChanged
from clausemark.core.library.records import Tag, citation

if TYPE_CHECKING:
    from clausemark.core.library.library import Library
    from clausemark.core.library.store import Store

_SELECT = """SELECT t.id, d.id, d.symbol, p.pid, p.label, th.id, th.name, t.note, t.author,
    t.created, t.modified, t.span_start, t.span_end, t.quote, p.kind, p.text, p.opening
    FROM tags t JOIN paragraphs p ON p.id = t.paragraph_id
    JOIN documents d ON d.id = p.document_id JOIN themes th ON th.id = t.theme_id"""


class TagManager:
    """Tags (document = id or symbol, paragraph = id such as "OP5(a)", theme = id or name):

        list(*, theme=None, document=None, paragraph=None, author=None,
             include_subthemes=True) -> list[Tag]          in document order
        get(tag_id) -> Tag
        find(document, paragraph, theme, span=None) -> Tag | None
        add(document, paragraph, theme, *, note="", span=None) -> Tag   span = (start, end)
        remove(tag_id) -> Tag                              the removed tag
        set_note(tag_id, note) -> Tag
        restore(tag) -> Tag                                put a removed tag back (undo)
    """

    def __init__(self, store: Store, library: Library):
        self._store = store
        self._library = library

    def _tags_query(self, where: str = "", params=()) -> list[Tag]:
        rows = self._store.execute(f"{_SELECT} {where} ORDER BY d.id, p.position, th.position, "
                             "t.span_start, t.id", params).fetchall()
        return [Tag(*row) for row in rows]

    def get(self, tag_id: int) -> Tag:
        found = self._tags_query("WHERE t.id = ?", (tag_id,))
        if not found:
            raise NotFoundError(f"no tag {tag_id}")
        return found[0]

    def list(self, *, theme=None, document=None, paragraph: str | None = None,
             author: str | None = None, include_subthemes: bool = True) -> list[Tag]:
        """Tags in document order. `theme` includes its sub-themes unless told otherwise."""
        clauses, params = [], []
        if theme is not None:
            themes = self._library.themes
            ids = themes.subtree_ids(theme) if include_subthemes else [themes.id_of(theme)]
            clauses.append(f"th.id IN ({','.join('?' * len(ids))})")
            params += ids
        if paragraph is not None:
            if document is None:
                raise LibraryError("a paragraph is named within a document")
            row_id, _ = self._library.paragraph_row(document, paragraph)
            clauses.append("p.id = ?")
            params.append(row_id)
        elif document is not None:
            clauses.append("d.id = ?")
            params.append(self._library.document_id(document))
        if author is not None:
            clauses.append("t.author = ?")
            params.append(author)
        return self._tags_query("WHERE " + " AND ".join(clauses) if clauses else "", params)

    def find(self, document, paragraph: str, theme,
                 span: tuple[int, int] | None = None) -> Tag | None:
        row_id, _ = self._library.paragraph_row(document, paragraph)
        start, end = span if span else (None, None)
        found = self._tags_query("WHERE t.paragraph_id = ? AND t.theme_id = ? "
                                 "AND t.span_start IS ? AND t.span_end IS ?",
                                 (row_id, self._library.themes.id_of(theme), start, end))
        return found[0] if found else None

    def _summary(self, tag: Tag, what: str) -> str:
        where = citation(tag.symbol, tag.label)
        if tag.quote is not None:
            where += f' "{tag.quote[:40]}"'
        return f"{where}: {what}"

    def add(self, document, paragraph: str, theme, *, note: str = "",
            span: tuple[int, int] | None = None) -> Tag:
        """Put `theme` on a paragraph (or on `span` = (start, end) of its text)."""
        with self._store.transaction():
            row_id, _ = self._library.paragraph_row(document, paragraph)
            th = self._library.themes.get(theme)
            if th.retired:
                raise ConflictError(f"theme {th.name} is retired; restore it to tag with it")
            quote = start = end = None
            if span is not None:
                text = self._store.one("SELECT text FROM paragraphs WHERE id = ?", (row_id,))[0]
                start, end = int(span[0]), int(span[1])
                if not 0 <= start < end <= len(text):
                    raise LibraryError(f"span {start}-{end} is outside the paragraph "
                                       f"(0-{len(text)})")
                quote = text[start:end]
            if self.find(document, paragraph, th.id, span) is not None:
                raise ConflictError(f"{paragraph} is already tagged {th.name}"
                                    + (f" on {start}-{end}" if span else ""))
            stamp = schema.now()
            tag_id = self._store.execute(
                "INSERT INTO tags (paragraph_id, theme_id, note, author, created, modified, "
                "span_start, span_end, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row_id, th.id, note or "", self._store.author, stamp, stamp, start, end,
                 quote)).lastrowid
            tag = self.get(tag_id)
            self._store.record("tag", self._summary(tag, f"tagged {th.name}"), tag=tag_id,
                         document=tag.document_id, paragraph=tag.paragraph, theme=th.id,
                         note=tag.note, span=tag.span)
            self._store.announce(TagsChanged(tag.document_id, "tag", tag_id))
        return tag

    def remove(self, tag_id: int) -> Tag:
        """Remove a tag; returns what was removed (enough for `restore`)."""
        with self._store.transaction():
            tag = self.get(tag_id)
            self._store.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
            self._store.record("untag", self._summary(tag, f"untagged {tag.theme}"), tag=tag_id,
                         document=tag.document_id, paragraph=tag.paragraph, theme=tag.theme_id,
                         note=tag.note, span=tag.span)
            self._store.announce(TagsChanged(tag.document_id, "untag", tag_id))
        return tag

    def set_note(self, tag_id: int, note: str) -> Tag:
        with self._store.transaction():
            before = self.get(tag_id)
            self._store.execute("UPDATE tags SET note = ?, modified = ? WHERE id = ?",
                          (note or "", schema.now(), tag_id))
            self._store.record("note", self._summary(before, f"note on {before.theme} changed"),
                         tag=tag_id, old=before.note, new=note or "")
            self._store.announce(NoteChanged(before.document_id, tag_id=tag_id))
        return self.get(tag_id)

    def restore(self, tag: Tag) -> Tag:
        """Put back a removed tag exactly as it was (same id, author, times, note, span)."""
        with self._store.transaction():
            row_id, _ = self._library.paragraph_row(tag.document_id, tag.paragraph)
            if self._store.one("SELECT 1 FROM tags WHERE id = ?", (tag.id,)):
                raise ConflictError(f"tag {tag.id} exists already")
            try:
                self._store.execute(
                    "INSERT INTO tags (id, paragraph_id, theme_id, note, author, created, "
                    "modified, span_start, span_end, quote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (tag.id, row_id, self._library.themes.id_of(tag.theme_id), tag.note, tag.author,
                     tag.created, tag.modified, tag.span_start, tag.span_end, tag.quote))
            except sqlite3.IntegrityError:  # someone tagged the same paragraph meanwhile
                raise ConflictError(f"{tag.citation} is already tagged {tag.theme}") from None
            restored = self.get(tag.id)
            self._store.record("tag", self._summary(restored, f"tagged {restored.theme} (restored)"),
                         tag=tag.id, document=restored.document_id,
                         paragraph=restored.paragraph, theme=restored.theme_id,
                         note=restored.note, span=restored.span)
            self._store.announce(TagsChanged(restored.document_id, "tag", tag.id))
        return restored
