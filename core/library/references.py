"""`lib.references`: the citation web. The references to other UN documents found in every
paragraph and footnote at import (core/language/references.py, stored by
core/library/language_index.py), read per document: what it cites (and whether the library holds
it) and what cites it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clausemark.core.language.references import symbol_key
from clausemark.core.library import language_index

if TYPE_CHECKING:
    from clausemark.core.library.library import Library
    from clausemark.core.library.store import Store


@dataclass(frozen=True)
class Citation:
    """One document cited by (or citing) another, with the paragraphs where."""
    symbol: str
    where: tuple[str, ...]          # paragraph ids ("PP1", "OP5"); "footnote 3" if no paragraph
    document_id: int | None         # the document in the library, None when not there

    @property
    def in_library(self) -> bool:
        return self.document_id is not None

    def to_dict(self, *, cited: bool = True) -> dict:
        d = {"symbol": self.symbol, "in": list(self.where)}
        if cited:
            d["in_library"] = self.in_library
        return d


@dataclass(frozen=True)
class DocumentReferences:
    symbol: str | None
    cites: tuple[Citation, ...]      # in order of first mention
    cited_by: tuple[Citation, ...]   # the citing documents, in natural symbol order

    def to_dict(self) -> dict:
        return {"symbol": self.symbol, "cites": [c.to_dict() for c in self.cites],
                "cited_by": [c.to_dict(cited=False) for c in self.cited_by]}


@dataclass(frozen=True)
class Link:
    """A reference inside a paragraph's text: characters start..end name `symbol`."""
    start: int
    end: int
    symbol: str
    document_id: int | None


class ReferenceManager:
    """lib.references.of_document(ref, build=True) -> DocumentReferences
    lib.references.links(document, paragraph, build=True) -> list[Link]   in a paragraph's text
    lib.references.resolve(symbol) -> document id or None         a cited symbol in the library"""

    def __init__(self, store: Store, library: Library):
        self._store = store
        self._library = library

    def _by_key(self) -> dict[str, int]:
        keys: dict[str, int] = {}
        for doc_id, symbol in self._store.execute(
                "SELECT id, symbol FROM documents WHERE symbol IS NOT NULL ORDER BY id"):
            keys.setdefault(symbol_key(symbol), doc_id)
        return keys

    def resolve(self, symbol: str) -> int | None:
        return self._by_key().get(symbol_key(symbol))

    def _footnote_paragraphs(self, document_id: int) -> dict[str, list[str]]:
        """Footnote number -> the paragraphs that cite it, in document order."""
        found: dict[str, list[str]] = {}
        for pid, refs in self._store.execute(
                "SELECT pid, footnote_refs FROM paragraphs WHERE document_id = ? "
                "AND footnote_refs != '[]' ORDER BY position", (document_id,)):
            for number in json.loads(refs):
                found.setdefault(str(number), []).append(pid)
        return found

    def of_document(self, ref, *, build: bool = True) -> DocumentReferences:
        """`build=False` reads what is indexed without indexing older documents first (the app
        indexes them in the background)."""
        if build:
            language_index.build_missing(self._store)
        info = self._library.document(ref)
        keys = self._by_key()
        footnote_paragraphs = self._footnote_paragraphs(info.id)
        cites: dict[str, tuple[str, list[str]]] = {}
        for target, key, pid, footnote in self._store.execute(
                "SELECT r.target, r.target_key, r.paragraph, r.footnote FROM document_references r "
                "LEFT JOIN paragraphs p ON p.document_id = r.document_id AND p.pid = r.paragraph "
                "LEFT JOIN footnotes f ON f.document_id = r.document_id AND f.number = r.footnote "
                "WHERE r.document_id = ? ORDER BY coalesce(p.position, 1e9 + f.position), r.start",
                (info.id,)):
            where = [pid] if pid else footnote_paragraphs.get(str(footnote)) or [f"footnote {footnote}"]
            entry = cites.setdefault(key, (target, []))
            entry[1].extend(w for w in where if w not in entry[1])
        cited = tuple(Citation(target, tuple(where), keys.get(key))
                      for key, (target, where) in cites.items())
        by: dict[int, list[str]] = {}
        own = symbol_key(info.symbol) if info.symbol else None
        if own:
            notes: dict[int, dict[str, list[str]]] = {}
            for doc_id, pid, footnote in self._store.execute(
                    "SELECT document_id, paragraph, footnote FROM document_references "
                    "WHERE target_key = ? AND document_id != ? ORDER BY document_id, start",
                    (own, info.id)):
                where = by.setdefault(doc_id, [])
                if pid:
                    labels = [pid]
                else:
                    if doc_id not in notes:
                        notes[doc_id] = self._footnote_paragraphs(doc_id)
                    labels = notes[doc_id].get(str(footnote)) or [f"footnote {footnote}"]
                where.extend(label for label in labels if label not in where)
        symbols = dict(self._store.execute(
            f"SELECT id, symbol FROM documents WHERE id IN ({','.join('?' * len(by))})",
            list(by)).fetchall()) if by else {}
        from clausemark.core.library.library import natural_key
        citing = sorted((Citation(symbols.get(d) or f"document {d}", tuple(w), d)
                         for d, w in by.items()), key=lambda c: natural_key(c.symbol))
        return DocumentReferences(info.symbol, cited, tuple(citing))

    def links(self, document, paragraph: str, *, build: bool = True) -> list[Link]:
        if build:
            language_index.build_missing(self._store)
        row_id, doc_id = self._library.paragraph_row(document, paragraph)
        pid = self._store.one("SELECT pid FROM paragraphs WHERE id = ?", (row_id,))[0]
        keys = self._by_key()
        rows = self._store.execute(
            'SELECT start, "end", target, target_key FROM document_references '
            "WHERE document_id = ? AND paragraph = ? ORDER BY start", (doc_id, pid))
        return [Link(s, e, t, keys.get(k)) for s, e, t, k in rows]
