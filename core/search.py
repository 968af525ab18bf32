"""Full-text search over paragraph text (SQLite FTS5, porter stemming), a mixin of `Library`.

What the analyst types is turned into a safe FTS5 query rather than passed through, so that
symbols, hyphens and stray quotes never cause a syntax error:
- words are all required (AND); "double quotes" make a phrase; a trailing * searches a prefix;
- OR and NOT in capitals are operators: `detention OR custody`, `migrants NOT children`.
"""
from __future__ import annotations

import re

from core.records import SearchHit

_TOKEN = re.compile(r'"[^"]*"?|[^\s"]+')
_OPERATORS = {"OR", "NOT", "AND"}


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for a typed query, or None when nothing searchable is left."""
    parts: list[str] = []
    for token in _TOKEN.findall(text or ""):
        if token in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(token)
            continue
        prefix = token.endswith("*") and not token.startswith('"')
        inner = token.strip('"').rstrip("*")
        if not re.search(r"\w", inner):
            continue
        parts.append('"' + inner.replace('"', "") + '"' + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    return " ".join(parts) or None


class SearchOps:
    def search(self, query: str, *, theme=None, document=None, kind: str | list[str] | None = None,
               year: int | tuple[int, int] | None = None, limit: int = 50, offset: int = 0,
               mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Paragraphs matching `query`, best first, with a snippet whose matches are wrapped in
        `mark`. Filters: theme (tagged with it or a sub-theme), document (id or symbol), kind
        ("preambular", "operative", "subparagraph", ... or a list), year (or (first, last))."""
        match = fts_query(query)
        if match is None:
            return []
        where, params = ["paragraphs_fts MATCH ?"], [match]
        if theme is not None:
            ids = self._subtheme_ids(self._theme_id(theme))
            where.append("EXISTS (SELECT 1 FROM tags t WHERE t.paragraph_id = p.id AND "
                         f"t.theme_id IN ({','.join('?' * len(ids))}))")
            params += ids
        if document is not None:
            where.append("p.document_id = ?")
            params.append(self._document_id(document))
        if kind:
            kinds = [kind] if isinstance(kind, str) else list(kind)
            where.append(f"p.kind IN ({','.join('?' * len(kinds))})")
            params += kinds
        if year is not None:
            first, last = (year, year) if isinstance(year, int) else year
            where.append("d.year BETWEEN ? AND ?")
            params += [int(first), int(last)]
        sql = ("SELECT p.document_id, d.symbol, p.pid, p.label, p.kind, "
               "snippet(paragraphs_fts, 0, ?, ?, '…', 16), p.text, d.adopted, "
               "paragraphs_fts.rank "
               "FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid "
               "JOIN documents d ON d.id = p.document_id "
               f"WHERE {' AND '.join(where)} ORDER BY paragraphs_fts.rank LIMIT ? OFFSET ?")
        rows = self._execute(sql, [mark[0], mark[1], *params, int(limit), int(offset)])
        return [SearchHit(*row) for row in rows.fetchall()]
