"""A document's series: the chain of its versions in the library, oldest first: drafts (L.,
Rev.1), the adopted resolution, and the previous and next sessions' resolutions on the same
subject.

Two documents are linked when they have the same title, or share most of their text, or one
names the other ("resolution 78/217") and they share some title or text, or they stand under
the same agenda item and share a fair part of their text. The series is every document reached
through such links from the one asked about.

    found = series(library, "A/RES/80/190")
    [(e.document.symbol, e.document_type, e.date, e.relation) for e in found.entries]
    # [("A/RES/78/187", "resolution", "2023-12-19", "previous session"),
    #  ("A/C.3/80/L.61", "draft resolution", "2025-11-05", "draft"), ("A/RES/80/190", ..., "this")]

What a document is comes from what its page 1 says (the parser's `document_type`: "draft
resolution", "amendment", ...), not from its symbol: an amendment's symbol (A/80/L.33) looks like
a draft's. The symbol decides only for documents imported before the parser read that.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from clausemark.core.compare.predecessor import _is_draft, _session, _title
from clausemark.core.library.records import DocumentInfo

SAME_TITLE = 0.9        # titles this close: one subject
MOST_TEXT = 0.5         # share of word triples that links two documents whatever their titles
REFERENCE_TEXT = 0.3    # with an explicit reference, this much shared text (or a like title):
REFERENCE_TITLE = 0.8   # resolutions cite related ones on other subjects all the time
AGENDA_TEXT = 0.25      # under the same agenda item, this much shared text
# "resolution 78/217", "resolutions 77/195 and 78/217", "Human Rights Council resolution 56/5"
_CITED = re.compile(r"\bresolutions?\b([^.;:]{0,160})", re.IGNORECASE)
_NUMBER = re.compile(r"\b(\d{1,3})/(\d{1,4})\b")
_REV = re.compile(r"/Rev\.(\d+)", re.IGNORECASE)


def document_type(doc: DocumentInfo) -> str:
    """The parser's type ("draft resolution", "amendment", "resolution", ...), else a guess
    from the symbol."""
    if doc.document_type:
        return doc.document_type
    symbol = doc.symbol or ""
    if _is_draft(symbol):
        return "draft"
    return "resolution" if "/RES/" in symbol.upper() else "document"


def _amendment(doc: DocumentInfo) -> bool:
    return doc.document_type == "amendment"


def _draft(doc: DocumentInfo) -> bool:
    """Not adopted: a draft or an amendment (by page 1, else by the L. symbol)."""
    return doc.is_draft or (doc.adopted is None and _is_draft(doc.symbol))


def _draft_relation(doc: DocumentInfo) -> str:
    if _amendment(doc):
        return "amendment"
    return "revised draft" if _REV.search(doc.symbol or "") else "draft"


def _numbers(symbol: str | None) -> tuple[int, int] | None:
    """(78, 217) for A/RES/78/217 and A/HRC/RES/56/5: how other texts cite a resolution."""
    match = re.search(r"/RES/(\d{1,3})/(\d{1,4})\b", symbol or "", re.IGNORECASE)
    return (int(match.group(1)), int(match.group(2))) if match else None


def references(texts: list[str]) -> set[tuple[int, int]]:
    """The resolutions a text cites, as (session, number)."""
    found = set()
    for match in _CITED.finditer(" ".join(texts)):
        found.update((int(a), int(b)) for a, b in _NUMBER.findall(match.group(1)))
    return found


@dataclass(frozen=True)
class SeriesEntry:
    document: DocumentInfo
    relation: str   # this, draft, revised draft, adopted, earlier draft, later draft,
                    # previous session, next session, earlier, later

    @property
    def document_type(self) -> str:
        return document_type(self.document)

    @property
    def date(self) -> str | None:
        """Adopted, or for a draft or an amendment the date it was distributed."""
        return self.document.date

    def to_dict(self) -> dict:
        return {"symbol": self.document.symbol, "document_type": self.document_type,
                "date": self.date, "relation": self.relation}


@dataclass(frozen=True)
class Series:
    document: DocumentInfo
    entries: list[SeriesEntry]   # oldest first, the document itself included

    def to_dict(self) -> dict:
        return {"series": [e.to_dict() for e in self.entries]}


class SeriesIndex:
    """Titles, word triples and cited resolutions of every document, read once."""

    def __init__(self, library):
        self.library = library
        self.documents = {d.id: d for d in library.documents()}
        self.triples: dict[int, set] = {}
        self.cites: dict[int, set[tuple[int, int]]] = {}
        for doc_id, texts in library.comparison.paragraph_texts().items():
            words = " ".join(texts).lower().split()
            self.triples[doc_id] = set(zip(words, words[1:], words[2:]))
            self.cites[doc_id] = references(texts)
        self.titles = {i: _title(d.title) for i, d in self.documents.items()}

    def shared_text(self, a: int, b: int) -> float:
        """The share of the longer document's word triples found in the other (a short text
        inside a long one, as boilerplate is, says little)."""
        ta, tb = self.triples.get(a, set()), self.triples.get(b, set())
        if not ta or not tb:
            return 0.0
        return len(ta & tb) / max(len(ta), len(tb))

    def title_similarity(self, a: int, b: int) -> float:
        if not self.titles[a] or not self.titles[b]:
            return 0.0
        return fuzz.token_sort_ratio(self.titles[a], self.titles[b]) / 100

    def cited(self, a: int, b: int) -> bool:
        na, nb = _numbers(self.documents[a].symbol), _numbers(self.documents[b].symbol)
        return (nb is not None and nb in self.cites.get(a, ())) or (
            na is not None and na in self.cites.get(b, ()))

    def linked(self, a: int, b: int) -> bool:
        title = self.title_similarity(a, b)
        if title >= SAME_TITLE:
            return True
        text = self.shared_text(a, b)
        if text >= MOST_TEXT:
            return True
        if self.cited(a, b) and (text >= REFERENCE_TEXT or title >= REFERENCE_TITLE):
            return True
        da, db = self.documents[a], self.documents[b]
        return bool(da.agenda_item and da.agenda_item == db.agenda_item
                    and text >= AGENDA_TEXT)

    def members(self, start: int) -> list[int]:
        seen, todo = {start}, [start]
        while todo:
            current = todo.pop()
            for other in self.documents:
                if other not in seen and self.linked(current, other):
                    seen.add(other)
                    todo.append(other)
        return sorted(seen)

    def series(self, ref) -> Series:
        target = self.library.document(ref)
        members = [self.documents[i] for i in self.members(target.id)]
        members.sort(key=lambda d: _order(d, members))
        return Series(target, [SeriesEntry(d, relation(d, target, members)) for d in members])


def _stage(doc: DocumentInfo) -> tuple:
    """Drafts and amendments in the order they were distributed (Rev.1 after its draft when
    dates are missing), then the adopted text."""
    rev = _REV.search(doc.symbol or "")
    if _draft(doc):
        return (0, doc.distributed or "", _amendment(doc), int(rev.group(1)) if rev else 0)
    return (1, "", False, 0)


def _year(doc: DocumentInfo) -> int:
    if doc.adopted:
        return int(doc.adopted[:4])
    session = _session(doc.symbol)
    if session and session[0] == "A":      # the General Assembly's session N opens in 1945 + N
        return 1945 + session[1]
    return doc.year or 0


def _order(doc: DocumentInfo, members: list[DocumentInfo]) -> tuple:
    bodies = {(_session(d.symbol) or ("?", 0))[0] for d in members}
    session = _session(doc.symbol)
    first = session[1] if len(bodies) == 1 and session else _year(doc)
    return (first, _stage(doc), doc.adopted or "", doc.symbol or "", doc.id)


def relation(doc: DocumentInfo, target: DocumentInfo, members: list[DocumentInfo]) -> str:
    """How `doc` stands to `target` in their series."""
    if doc.id == target.id:
        return "this"
    a, b = _session(doc.symbol), _session(target.symbol)
    if a and b and a == b:
        if _draft(doc) and (not _draft(target) or _amendment(doc) or _amendment(target)):
            return _draft_relation(doc)  # an amendment, or the draft an amendment amends
        if not _draft(doc) and _draft(target):
            return "adopted"
        if _draft(doc) and _draft(target):
            return "earlier draft" if _stage(doc) < _stage(target) else "later draft"
    if a and b and a[0] == b[0] and a[1] != b[1]:
        return "previous session" if a[1] < b[1] else "next session"
    earlier = _order(doc, members) < _order(target, members)
    return "earlier" if earlier else "later"


def series(library, ref) -> Series:
    return SeriesIndex(library).series(ref)
