"""`lib.precedents`: the agreed-language lookup. Where else the library holds the wording of a
paragraph (or a phrase): every paragraph with the same or nearly the same words, oldest first,
with its citation, date, similarity and a word diff against the selected text; the oldest is
where the language was first agreed.

How: each paragraph's sampled word 5-gram hashes are stored at import (core/language/wording.py,
core/library/language_index.py). A lookup takes the query's hashes, leaves out the few that half
the library shares (unless nothing else is left), counts the shared hashes per paragraph in one
indexed query, and verifies the best few hundred candidates with rapidfuzz. A phrase also takes
the paragraphs that hold it exactly (FTS5, the oldest 400 of them), since a short phrase has few
hashes."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clausemark.core.language.wording import (
    MIN_PHRASE_SCORE,
    MIN_SCORE,
    DiffSegment,
    Scorer,
    diff_words,
    phrase_similarity,
    query_hashes,
    words,
)
from clausemark.core.library import language_index
from clausemark.core.library.records import citation
from clausemark.core.library.search import fts_query

if TYPE_CHECKING:
    from clausemark.core.library.library import Library
    from clausemark.core.library.store import Store

COMMON = 8_000        # a hash shared by more paragraphs than this says little (unless alone)
CANDIDATES = 600      # candidates verified per lookup
PHRASE_MATCHES = 400   # a phrase's oldest exact holders, scored with the near ones
MAX_TERMS = 48
SHARED = 0.25     # share of the query's hashes a candidate must have


@dataclass(frozen=True)
class Precedent:
    document_id: int
    symbol: str | None
    paragraph: str          # paragraph id ("OP5(a)")
    label: str              # "OP 5 (a)"
    citation: str
    date: str | None        # adoption date (ISO); None for an undated draft
    score: float            # 0..1 similarity to the selected text
    first: bool             # where the language was first agreed (the oldest)
    text: str
    is_query: bool = False  # the selected paragraph itself
    diff: tuple[DiffSegment, ...] = field(default=(), repr=False)  # selected text -> this text

    def to_dict(self) -> dict:
        return {"symbol": self.symbol, "id": self.paragraph, "citation": self.citation,
                "date": self.date, "score": self.score, "first": self.first, "text": self.text,
                "self": self.is_query, "diff": [s.to_dict() for s in self.diff]}


@dataclass(frozen=True)
class PrecedentResult:
    query: str                          # the selected text
    precedents: tuple[Precedent, ...]   # date ascending; exactly one first when not empty
    symbol: str | None = None           # the selected paragraph, when one was selected
    paragraph: str | None = None
    total: int = 0                      # matches before the limit

    @property
    def first(self) -> Precedent | None:
        return next((p for p in self.precedents if p.first), None)

    def to_dict(self) -> dict:
        query = self.query if self.paragraph is None else {
            "symbol": self.symbol, "id": self.paragraph, "text": self.query}
        return {"query": query, "total": self.total,
                "precedents": [p.to_dict() for p in self.precedents]}


def _date_key(p: Precedent, position: int) -> tuple:
    from clausemark.core.library.library import natural_key
    return (p.date is None, p.date or "", natural_key(p.symbol), position)


class PrecedentManager:
    """lib.precedents.of_paragraph(document, paragraph, limit=50) -> PrecedentResult
    lib.precedents.of_text(text, limit=50) -> PrecedentResult
    lib.precedents.first_agreed(document, paragraph) -> Precedent | None
    lib.precedents.ensure_index(progress=None) -> int   index documents imported before the
        index existed (progress(done, total)); lookups call it themselves
    lib.precedents.missing() -> int                      documents not indexed yet"""

    def __init__(self, store: Store, library: Library):
        self._store = store
        self._library = library

    def missing(self) -> int:
        return len(language_index.missing(self._store))

    def ensure_index(self, progress: language_index.Progress | None = None) -> int:
        return language_index.build_missing(self._store, progress)

    def of_paragraph(self, document, paragraph: str, *, limit: int = 50) -> PrecedentResult:
        row_id, doc_id = self._library.paragraph_row(document, paragraph)
        pid, text = self._store.one("SELECT pid, text FROM paragraphs WHERE id = ?", (row_id,))
        symbol = self._library.document(doc_id).symbol
        found = self._lookup(text, phrase=False, limit=limit, own=row_id)
        return PrecedentResult(text, found[0], symbol, pid, found[1])

    def of_text(self, text: str, *, limit: int = 50) -> PrecedentResult:
        found = self._lookup(text or "", phrase=True, limit=limit)
        return PrecedentResult(text or "", found[0], total=found[1])

    def first_agreed(self, document, paragraph: str) -> Precedent | None:
        """The oldest paragraph in the library with this paragraph's wording (possibly itself)."""
        return self.of_paragraph(document, paragraph, limit=1).first

    # -- the lookup ------------------------------------------------------------------------

    def _candidates(self, text: str, phrase: bool) -> list[int]:
        counts: Counter[int] = Counter()
        common: list[list[int]] = []
        terms = sorted(query_hashes(text))[:MAX_TERMS]  # a bottom-k sample of a long text
        for h in terms:
            rows = [r[0] for r in self._store.execute(
                "SELECT rowid FROM language_fts WHERE language_fts MATCH ? LIMIT ?",
                (f'"k{h:x}"', COMMON + 1))]
            if len(rows) > COMMON:
                common.append(rows)
            else:
                counts.update(rows)
        if not counts:  # only common wording: the few hashes read are all there is
            for rows in common[:3]:
                counts.update(rows)
        # near-identical wording shares most sampled hashes; one or two shared is chance
        least = max(1, int(SHARED * (len(terms) - len(common))))
        found = [pid for pid, n in sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0]))
                 [:CANDIDATES] if n >= least]
        if phrase and len(words(text)) >= 2:
            match = fts_query('"' + " ".join(words(text)) + '"')
            if match:
                seen = set(found)
                # the oldest holders of the phrase (a common one is in thousands of paragraphs)
                found += [r[0] for r in self._store.execute(
                    "SELECT f.rowid FROM paragraphs_fts f JOIN paragraphs p ON p.id = f.rowid "
                    "JOIN documents d ON d.id = p.document_id WHERE paragraphs_fts MATCH ? "
                    "ORDER BY d.adopted IS NULL, d.adopted, f.rowid LIMIT ?",
                    (match, PHRASE_MATCHES)) if r[0] not in seen]
        return found

    def _lookup(self, text: str, *, phrase: bool, limit: int,
                own: int | None = None) -> tuple[tuple[Precedent, ...], int]:
        self.ensure_index()
        if not words(text):
            return (), 0
        ids = self._candidates(text, phrase)
        if own is not None and own not in ids:
            ids.append(own)
        rows = []
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            rows += self._store.execute(
                "SELECT p.id, p.document_id, p.pid, p.label, p.text, d.symbol, d.adopted, "
                f"p.position FROM paragraphs p JOIN documents d ON d.id = p.document_id "
                f"WHERE p.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        if phrase:
            def score(candidate: str) -> float:
                return phrase_similarity(text, candidate)
        else:
            score = Scorer(text)
        threshold = MIN_PHRASE_SCORE if phrase else MIN_SCORE
        matches = []
        for row_id, doc_id, pid, label, ptext, symbol, adopted, position in rows:
            s = 1.0 if row_id == own else score(ptext)
            if s >= threshold:
                matches.append((Precedent(doc_id, symbol, pid, label, citation(symbol, label),
                                          adopted, min(1.0, s), False, ptext,
                                          is_query=row_id == own), position))
        if not matches:
            return (), 0
        matches.sort(key=lambda m: _date_key(*m))
        oldest = matches[0][0]
        if limit and len(matches) > limit:  # the oldest always, then the closest
            rest = sorted(matches[1:], key=lambda m: (-m[0].score, _date_key(*m)))
            keep = {id(m[0]) for m in rest[:max(0, limit - 1)]}
            kept = [matches[0]] + [m for m in matches[1:] if id(m[0]) in keep]
        else:
            kept = matches
        out = []
        for p, _ in kept:
            out.append(Precedent(p.document_id, p.symbol, p.paragraph, p.label, p.citation,
                                 p.date, round(p.score, 3), p is oldest, p.text, p.is_query,
                                 tuple(diff_words(text, p.text))))
        return tuple(out), len(matches)
