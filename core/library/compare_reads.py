"""Reads for version comparison, a mixin of `Library`: the texts of many documents at once, so
that finding a predecessor does not rebuild every paragraph tree."""
from __future__ import annotations


class CompareOps:
    def paragraph_texts(self, documents=None) -> dict[int, list[str]]:
        """{document id: [paragraph texts in document order]} for the given documents (ids or
        symbols), or for every document when None."""
        if documents is None:
            rows = self._execute("SELECT document_id, text FROM paragraphs "
                                 "ORDER BY document_id, position")
        else:
            ids = [self._document_id(d) for d in documents]
            if not ids:
                return {}
            rows = self._execute(f"SELECT document_id, text FROM paragraphs WHERE document_id "
                                 f"IN ({','.join('?' * len(ids))}) ORDER BY document_id, "
                                 "position", ids)
        texts: dict[int, list[str]] = {}
        for doc_id, text in rows:
            texts.setdefault(doc_id, []).append(text or "")
        return texts
