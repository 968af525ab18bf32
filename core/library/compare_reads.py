"""`lib.comparison`: reads for version comparison: the texts of many documents at once, so
that finding a predecessor does not rebuild every paragraph tree."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clausemark.core.library.library import Library
    from clausemark.core.library.store import Store


class ComparisonReads:
    def __init__(self, store: Store, library: Library):
        self._store = store
        self._library = library

    def paragraph_texts(self, documents=None) -> dict[int, list[str]]:
        """{document id: [paragraph texts in document order]} for the given documents (ids or
        symbols), or for every document when None."""
        if documents is None:
            rows = self._store.execute("SELECT document_id, text FROM paragraphs "
                                 "ORDER BY document_id, position")
        else:
            ids = [self._library.document_id(d) for d in documents]
            if not ids:
                return {}
            rows = self._store.execute(f"SELECT document_id, text FROM paragraphs WHERE document_id "
                                 f"IN ({','.join('?' * len(ids))}) ORDER BY document_id, "
                                 "position", ids)
        texts: dict[int, list[str]] = {}
        for doc_id, text in rows:
            texts.setdefault(doc_id, []).append(text or "")
        return texts
