"""Full-text search over paragraph text (SQLite FTS5, words as written; each word widened to its
family in the library's vocabulary, word_families.py): `lib.search`.

What the analyst types is turned into a safe FTS5 query rather than passed through, so that
symbols, hyphens and stray quotes never cause a syntax error:
- words are all required (AND); "double quotes" make a phrase; a trailing * searches a prefix;
- OR and NOT in capitals are operators: `detention OR custody`, `migrants NOT children`;
- each plain word stands for its word family found in the library ("detained" also finds
  "detention" and "detainees"; word_families.py); quoted phrases and word* prefixes stay exact.
Snippets never mark stop words as hits ("rights of the child": "of" and "the" are not marked).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from clausemark.core.errors import ClausemarkError
from clausemark.core.library.records import SearchHit
from clausemark.core.library.word_families import Families, scan_prefixes

if TYPE_CHECKING:
    from clausemark.core.library.library import Library
    from clausemark.core.library.store import Store

_TOKEN = re.compile(r'"[^"]*"?|[^\s"]+')
_OPERATORS = {"OR", "NOT", "AND"}
RANK_WINDOW = 5_000
FILTER_FIRST = 2_000
FAMILY_CACHE = 2_000  # query words whose families are kept until the library changes
MARK = ("\x02", "\x03")  # snippet marks inside: control characters never in a resolution
# Words too common to count as hits: searched (phrases need them), never marked nor widened.
STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "will",
    "with"))
_MARKED = re.compile(f"{MARK[0]}(.*?){MARK[1]}", re.S)
_WORD = re.compile(r"[^\W_]+")


class SearchQueryError(ClausemarkError):
    """The query cannot mean what was typed (a NOT with nothing before it to exclude from)."""


def fts_query(text: str, family: Callable[[str], list[str]] | None = None) -> str | None:
    """The FTS5 MATCH expression for a typed query, or None when nothing searchable is left.
    `family(word)` gives the words a plain word stands for (an OR group); quoted phrases, word*
    prefixes and stop words stay as typed.
    A NOT with no search words before it (`NOT children`, `detention OR NOT custody`) is an
    error: dropping it would search for the very thing the analyst wanted left out."""
    parts: list[str] = []
    for token in _TOKEN.findall((text or "").replace("\x00", " ")):
        if token in _OPERATORS:
            if token == "NOT" and (not parts or parts[-1] in _OPERATORS):
                raise SearchQueryError(
                    f"search {text.strip()!r}: NOT needs words before it to exclude from "
                    "(e.g. migrants NOT children)")
            if parts and parts[-1] not in _OPERATORS:
                parts.append(token)
            continue
        prefix = token.endswith("*") and not token.startswith('"')
        inner = token.strip('"').rstrip("*")
        if not re.search(r"\w", inner):
            continue
        plain = not prefix and not token.startswith('"') and inner.isascii() and inner.isalpha()
        words = family(inner.lower()) if family and plain and inner.lower() not in STOP_WORDS \
            else []
        if len(words) > 1:
            parts.append("(" + " OR ".join(f'"{w}"' for w in words) + ")")
            continue
        if words:  # the one word of the library in its family ("remittance" -> remittances)
            inner = words[0]
        parts.append('"' + inner.replace('"', "") + '"' + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    # FTS5 takes no implicit AND beside a bracketed group: write every AND out
    joined = [f"AND {p}" if i and p not in _OPERATORS and parts[i - 1] not in _OPERATORS else p
              for i, p in enumerate(parts)]
    return " ".join(joined) or None


def unmark_stop_words(snippet: str, mark: tuple[str, str] = MARK) -> str:
    """The snippet (marked with MARK) with each hit word marked by `mark`, stop words not:
    a marked phrase "rights of the child" becomes "[rights] of the [child]"."""
    def marked(span: re.Match) -> str:
        return _WORD.sub(lambda w: w.group(0) if w.group(0).lower() in STOP_WORDS
                         else mark[0] + w.group(0) + mark[1], span.group(1))
    return _MARKED.sub(marked, snippet)


def _vocabulary_table(conn) -> None:
    """temp.paragraphs_words, the search index's vocabulary. It lives in the connection's own
    temporary schema, never in the file; a library opened read-only (query_only) lets it be
    made with query_only lifted for that one statement."""
    create = ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.paragraphs_words "
              "USING fts5vocab(main, paragraphs_fts, row)")
    if not conn.execute("PRAGMA query_only").fetchone()[0]:
        conn.execute(create)
        return
    conn.execute("PRAGMA query_only = OFF")
    try:
        conn.execute(create)
    finally:
        conn.execute("PRAGMA query_only = ON")


class SearchManager:
    """lib.search.paragraphs(query, *, theme=None, document=None, kind=None, year=None,
    limit=50, offset=0, mark=("[", "]")) -> list[SearchHit], best first."""

    def __init__(self, store: Store, library: Library):
        self._store = store
        self._library = library
        self._families: dict[str, list[str]] = {}
        self._families_of: tuple | None = None  # the library state the families were read at

    def family(self, word: str) -> list[str]:
        """The words of the library in `word`'s family ("detained" -> detained, detainees,
        detention, detentions), read from the search index's vocabulary; kept until the library
        changes (any commit, by this connection or another)."""
        conn = self._store.conn
        state = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
        if state != self._families_of:
            self._families, self._families_of = {}, state
        word = word.lower()
        if word not in self._families:
            if len(self._families) >= FAMILY_CACHE:
                self._families.clear()
            _vocabulary_table(conn)
            vocabulary: dict[str, int] = {}
            for prefix in scan_prefixes(word):
                above = prefix[:-1] + chr(ord(prefix[-1]) + 1)
                vocabulary.update(conn.execute(
                    "SELECT term, doc FROM temp.paragraphs_words WHERE term >= ? AND term < ?",
                    (prefix, above)).fetchall())
            self._families[word] = Families(vocabulary).family(word)
        return self._families[word]

    def paragraphs(self, query: str, *, theme=None, document=None, kind: str | list[str] | None = None,
               year: int | tuple[int, int] | None = None, part: str | None = None,
               document_type: str | None = None, limit: int = 50, offset: int = 0,
               mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Paragraphs matching `query`, best first (FTS5 bm25), with a snippet whose matches
        are wrapped in `mark`. When more than RANK_WINDOW paragraphs match (and no theme or
        document filter narrows them), the most recently imported RANK_WINDOW matches are ranked
        first, then the older ones. Filters: theme (tagged with it or a sub-theme), document
        (id or symbol), kind ("preambular", "operative", "subparagraph", ... or a list), year
        (or (first, last)), part ("PP": preambular paragraphs and their subparagraphs, "OP":
        operative ones), document_type ("resolution", "draft", ... as the document says)."""
        match = fts_query(query, self.family)
        if match is None:
            return []
        need = int(offset) + int(limit)
        # Filters on the FTS rowid come first: they run before a paragraph row is read.
        fts_where, fts_params = ["paragraphs_fts MATCH ?"], [match]
        where, params = [], []
        if theme is not None:
            ids = self._library.themes.subtree_ids(theme)
            fts_where.append("EXISTS (SELECT 1 FROM tags t WHERE t.paragraph_id = "
                             f"paragraphs_fts.rowid AND t.theme_id IN ({','.join('?' * len(ids))}))")
            fts_params += ids
        if document is not None:
            # A document's paragraph ids are one contiguous block (given at import): as a rowid
            # range, FTS5 itself skips everything outside the document.
            doc_id = self._library.document_id(document)
            low, high = self._store.one("SELECT min(id), max(id) FROM paragraphs WHERE document_id = ?",
                                  (doc_id,))
            fts_where.append("paragraphs_fts.rowid BETWEEN ? AND ?")
            fts_params += [low or 0, high or 0]
            where.append("p.document_id = ?")
            params.append(doc_id)
        if kind:
            kinds = [kind] if isinstance(kind, str) else list(kind)
            where.append(f"p.kind IN ({','.join('?' * len(kinds))})")
            params += kinds
        if part is not None:
            if part.upper() not in ("PP", "OP"):
                raise ValueError(f"part must be PP or OP, not {part!r}")
            where.append("p.pid LIKE ?")
            params.append(f"{part.upper()}%")
        if document_type is not None:
            where.append("d.document_type = ?")
            params.append(document_type)
        if year is not None:
            first, last = (year, year) if isinstance(year, int) else year
            where.append("d.year BETWEEN ? AND ?")
            params += [int(first), int(last)]
        sql = ("SELECT p.document_id, d.symbol, p.pid, p.label, p.kind, "
               "snippet(paragraphs_fts, 0, ?, ?, '…', 16), p.text, d.adopted, "
               "paragraphs_fts.rank "
               "FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid "
               "JOIN documents d ON d.id = p.document_id "
               f"WHERE {' AND '.join(fts_where + where)} {{window}} {{order}}")
        args = [MARK[0], MARK[1], *fts_params, *params]

        if theme is not None:
            # Tagged paragraphs are few: take them all unranked (FTS5 then ranks only those
            # rows) and sort here, instead of ranking every match of the query first.
            count = self._store.one("SELECT count(*) FROM paragraphs_fts WHERE "
                              + " AND ".join(fts_where), fts_params)[0]
            if count <= FILTER_FIRST:
                rows = self._store.execute(sql.format(window="", order=""), args).fetchall()
                rows.sort(key=lambda r: r[8])
                return [self._hit(r, mark) for r in rows[int(offset):need]]

        # FTS5 ranks every match before the LIMIT applies (about 1.5 µs each), so a word found
        # in most of a 5,000-document library would take 150 ms. Hence: rank the newest
        # RANK_WINDOW matches first (paragraph ids grow with import order), and only if they
        # do not fill the page, rank all older matches. Fewer matches: one exact ranking.
        row = None if theme is not None or document is not None else self._store.one(
            "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, RANK_WINDOW - 1))
        windows = [("AND paragraphs_fts.rowid >= ?", row[0]),
                   ("AND paragraphs_fts.rowid < ?", row[0])] if row else [("", None)]
        hits: list[SearchHit] = []
        for window, bound in windows:
            rows = self._store.execute(
                sql.format(window=window, order="ORDER BY paragraphs_fts.rank LIMIT ?"),
                [*args, *([bound] if window else []), need - len(hits)])
            hits += [self._hit(r, mark) for r in rows.fetchall()]
            if len(hits) >= need:
                break
        return hits[int(offset):need]

    def found(self, keys) -> list[tuple]:
        """(document id, paragraph id, label, kind, opening, text) of the paragraphs named by
        (document id, paragraph id) pairs, in document and reading order (a search's results
        for a report); pairs naming no paragraph are left out."""
        wanted: dict[int, set[str]] = {}
        for doc_id, pid in keys:
            wanted.setdefault(int(doc_id), set()).add(str(pid))
        rows = []
        for doc_id, pids in sorted(wanted.items()):
            rows += [r for r in self._store.execute(
                "SELECT document_id, pid, label, kind, opening, text FROM paragraphs "
                "WHERE document_id = ? ORDER BY position", (doc_id,)) if r[1] in pids]
        return rows

    @staticmethod
    def _hit(row, mark: tuple[str, str]) -> SearchHit:
        return SearchHit(*row[:5], unmark_stop_words(row[5], mark), *row[6:])
