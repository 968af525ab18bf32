"""`lib.suggestions`: the suggestion data of a library: theme cue phrases, remembered
rejections, and the analyst's own tags as training data."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clausemark.core.errors import LibraryError
from clausemark.core.library import schema
from clausemark.core.library.changes import SuggestionsChanged, ThemesChanged
from clausemark.core.library.records import Theme, citation

if TYPE_CHECKING:
    from clausemark.core.library.library import Library
    from clausemark.core.library.store import Store

MAX_CUES = 200
MAX_CUE_LENGTH = 120


@dataclass(frozen=True)
class TrainingClause:
    """One paragraph of a document the analyst has worked on: its text, the themes tagged on it
    and the themes whose suggestion was rejected for it."""
    paragraph_row: int
    document_id: int
    text: str
    tagged: frozenset[int]
    rejected: frozenset[int]


def clean_cues(cues) -> list[str]:
    """Strip, drop blanks and repeats (case-insensitive), keep the analyst's order."""
    out, seen = [], set()
    for cue in cues or []:
        text = " ".join(str(cue).split())
        if not text or text.lower() in seen:
            continue
        if len(text) > MAX_CUE_LENGTH:
            raise LibraryError(f"cue phrase longer than {MAX_CUE_LENGTH} characters: {text[:40]}...")
        seen.add(text.lower())
        out.append(text)
    if len(out) > MAX_CUES:
        raise LibraryError(f"more than {MAX_CUES} cue phrases for one theme")
    return out


class SuggestionManager:
    """Cue phrases, remembered rejections and training data (ref = theme id or name):

        set_cues(theme, cues: list[str]) -> Theme          cue phrases (Theme.cues)
        reject(document, paragraph, theme) -> bool         remembered; False if already
        unreject(document, paragraph, theme) -> bool       forget it (undo)
        rejected(document=None) -> set[(document_id, paragraph id, theme_id)]
        training_clauses(exclude_document=None) -> list[TrainingClause]   paragraphs of tagged
            documents with their tagged and rejected theme ids (for core/suggest/model.py)
    (core/suggest/suggestions.py suggest_for_document(lib, ref) computes the suggestions.)
    """

    def __init__(self, store: Store, library: Library):
        self._store = store
        self._library = library

    # -- cues ----------------------------------------------------------------------------------

    def set_cues(self, ref, cues) -> Theme:
        cues = clean_cues(cues)
        with self._store.transaction():
            before = self._library.themes.get(ref)
            self._store.execute("UPDATE themes SET cues = ? WHERE id = ?",
                          (json.dumps(cues, ensure_ascii=False), before.id))
            self._store.record("theme_cues", f"theme {before.name} cue phrases changed",
                         theme=before.id, old=list(before.cues), new=cues)
            self._store.announce(ThemesChanged(before.id, "theme_cues"))
        return self._library.themes.get(before.id)

    # -- rejections ----------------------------------------------------------------------------

    def reject(self, document, paragraph: str, theme) -> bool:
        """Remember that `theme` was rejected for this paragraph; False if it already was."""
        with self._store.transaction():
            row_id, doc_id = self._library.paragraph_row(document, paragraph)
            th = self._library.themes.get(theme)
            cur = self._store.execute("INSERT OR IGNORE INTO suggestion_rejections (paragraph_id, "
                                "theme_id, author, created) VALUES (?, ?, ?, ?)",
                                (row_id, th.id, self._store.author, schema.now()))
            if not cur.rowcount:
                return False
            label = self._store.one("SELECT label FROM paragraphs WHERE id = ?", (row_id,))[0]
            where = citation(self._library.document(doc_id).symbol, label)
            self._store.record("suggestion_reject", f"{where}: suggestion {th.name} rejected",
                         document=doc_id, paragraph=paragraph, theme=th.id)
            self._store.announce(SuggestionsChanged(doc_id, paragraph, th.id, "reject"))
        return True

    def unreject(self, document, paragraph: str, theme) -> bool:
        """Forget a rejection (undo); False if there was none."""
        with self._store.transaction():
            row_id, doc_id = self._library.paragraph_row(document, paragraph)
            th = self._library.themes.get(theme)
            cur = self._store.execute("DELETE FROM suggestion_rejections WHERE paragraph_id = ? "
                                "AND theme_id = ?", (row_id, th.id))
            if not cur.rowcount:
                return False
            self._store.record("suggestion_unreject", f"suggestion {th.name} no longer rejected",
                         document=doc_id, paragraph=paragraph, theme=th.id)
            self._store.announce(SuggestionsChanged(doc_id, paragraph, th.id, "unreject"))
        return True

    def rejected(self, document=None) -> set[tuple[int, str, int]]:
        """{(document id, paragraph id, theme id)} of remembered rejections."""
        where, params = "", ()
        if document is not None:
            where, params = "WHERE p.document_id = ?", (self._library.document_id(document),)
        rows = self._store.execute("SELECT p.document_id, p.pid, r.theme_id FROM suggestion_rejections "
                             f"r JOIN paragraphs p ON p.id = r.paragraph_id {where}", params)
        return {tuple(r) for r in rows}

    # -- training data -------------------------------------------------------------------------

    def training_clauses(self, exclude_document=None) -> list[TrainingClause]:
        """Every paragraph of every document with at least one tag (the documents the analyst
        has worked through), with its tagged and rejected themes. `exclude_document` leaves one
        document out (the one being suggested for)."""
        skip = self._library.document_id(exclude_document) if exclude_document is not None else -1
        tagged: dict[int, set[int]] = {}
        for row, theme in self._store.execute("SELECT paragraph_id, theme_id FROM tags"):
            tagged.setdefault(row, set()).add(theme)
        rejected: dict[int, set[int]] = {}
        for row, theme in self._store.execute("SELECT paragraph_id, theme_id FROM suggestion_rejections"):
            rejected.setdefault(row, set()).add(theme)
        rows = self._store.execute(
            "SELECT p.id, p.document_id, p.text FROM paragraphs p WHERE p.document_id IN "
            "(SELECT DISTINCT p2.document_id FROM tags t JOIN paragraphs p2 "
            "ON p2.id = t.paragraph_id) AND p.document_id != ? ORDER BY p.id", (skip,))
        return [TrainingClause(row, doc, text or "", frozenset(tagged.get(row, ())),
                               frozenset(rejected.get(row, ()))) for row, doc, text in rows]
