"""Find the earlier documents a document most likely updates: last year's resolution on the same
subject, or the draft an adopted text came from.

Candidates are the documents that came before (adoption date; otherwise session number and
draft-before-adopted within one body's symbols) with the same title, ranked by text overlap: the
share of the document's three-word sequences that the candidate also contains. Without a
same-title candidate, any earlier document sharing enough text is proposed.

    index = PredecessorIndex(library)         # reads every text once; reuse for many queries
    index.candidates("A/RES/80/190")          # -> [Candidate(document, score, title, overlap)]
    best_predecessor(library, "A/RES/80/190") # -> DocumentInfo | None
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from clausemark.core.errors import NotFoundError
from clausemark.core.library.records import DocumentInfo

MIN_TITLE = 0.9     # titles this close count as the same subject
MIN_OVERLAP = 0.2   # or, whatever the title, this much shared text
SAMPLE = 256        # word triples of a document tried against every other one
_SESSION = re.compile(r"/(\d{1,3})/")
_COMMITTEE = re.compile(r"^(RES|C\.\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    document: DocumentInfo
    score: float    # 0..1, what the list is sorted by
    title: float    # title similarity 0..1
    overlap: float  # share of the newer document's word triples found in this one


def _session(symbol: str | None) -> tuple[str, int] | None:
    """("A", 78) for A/RES/78/187 and A/C.3/78/L.5; ("A/HRC", 59) for A/HRC/59/L.17."""
    match = _SESSION.search(symbol or "")
    if not match:
        return None
    body = "/".join(p for p in symbol[:match.start()].split("/") if not _COMMITTEE.match(p))
    return body.upper(), int(match.group(1))


def _is_draft(symbol: str | None) -> bool:
    return "/L." in (symbol or "").upper()


def came_before(candidate: DocumentInfo, target: DocumentInfo) -> bool:
    """Whether `candidate` can be an earlier version of `target`. When nothing tells the order
    (no dates, symbols of different bodies), it may be: the text overlap decides."""
    draft_first = _is_draft(candidate.symbol) and not _is_draft(target.symbol)
    if candidate.adopted and target.adopted:
        if candidate.adopted != target.adopted:
            return candidate.adopted < target.adopted
        return draft_first
    a, b = _session(candidate.symbol), _session(target.symbol)
    if a and b and a[0] == b[0]:
        return a[1] < b[1] or (a[1] == b[1] and draft_first)
    return True


def _title(text: str | None) -> str:
    # "78/187. Rights of the child" and "Rights of the child" are the same title.
    return re.sub(r"^\s*\d+/\d+\.\s*", "", text or "").lower()


class PredecessorIndex:
    """Documents of the library with their word triples, read when first needed and kept:
    build one for many queries (the comparison window, the benchmark)."""

    def __init__(self, library):
        self.library = library
        self.documents = {d.id: d for d in library.documents()}
        self._triples: dict[int, set[tuple[str, str, str]]] = {}

    def _load(self, ids) -> None:
        missing = [i for i in ids if i not in self._triples]
        for doc_id, texts in self.library.comparison.paragraph_texts(missing).items():
            words = " ".join(texts).lower().split()
            self._triples[doc_id] = set(zip(words, words[1:], words[2:]))
        for i in missing:
            self._triples.setdefault(i, set())

    def _overlap(self, target: int, other: int) -> float:
        mine = self._triples[target]
        return len(mine & self._triples[other]) / len(mine) if mine else 0.0

    def _likely(self, target: int, pool: list[DocumentInfo]) -> list[DocumentInfo]:
        """The documents of `pool` that may share MIN_OVERLAP of the target's text, judged on a
        sample of its triples (exact overlaps of every document would cost seconds)."""
        sample = set(heapq.nsmallest(SAMPLE, self._triples[target], key=hash))
        need = MIN_OVERLAP / 2 * len(sample)  # generous: the exact figure decides
        return [d for d in pool if sample and len(sample & self._triples[d.id]) >= need]

    def candidates(self, ref, limit: int = 5, *, also_shared_text: bool = False
                   ) -> list[Candidate]:
        """Earlier documents with the same title, most shared text first; when there are none,
        earlier documents sharing at least MIN_OVERLAP of the text (a renamed resolution).
        `also_shared_text`: those sharing text even when same-title ones exist (reads every
        earlier text: for the chooser, on a worker)."""
        target = self.library.document(ref)
        self.documents.setdefault(target.id, target)
        title = _title(target.title)
        earlier = [d for d in self.documents.values()
                   if d.id != target.id and came_before(d, target)]
        titles = {d.id: fuzz.token_sort_ratio(title, _title(d.title)) / 100 if title else 0.0
                  for d in earlier}
        pool = [d for d in earlier if titles[d.id] >= MIN_TITLE]
        self._load([target.id] + [d.id for d in (earlier if also_shared_text else pool)
                                  or earlier])
        if not pool or also_shared_text:
            ids = {d.id for d in pool}
            pool += [d for d in self._likely(target.id, earlier) if d.id not in ids]
        found = []
        for doc in pool:
            overlap = self._overlap(target.id, doc.id)
            if titles[doc.id] < MIN_TITLE and overlap < MIN_OVERLAP:
                continue
            found.append(Candidate(doc, round((titles[doc.id] + overlap) / 2, 3),
                                   round(titles[doc.id], 3), round(overlap, 3)))
        # Best first; among equals the most recent, the version an analyst would compare with.
        found.sort(key=lambda c: c.document.adopted or "", reverse=True)
        found.sort(key=lambda c: -c.score)
        return found[:limit]


def predecessors(library, ref, limit: int = 5) -> list[Candidate]:
    return PredecessorIndex(library).candidates(ref, limit)


def best_predecessor(library, ref) -> DocumentInfo:
    """The most likely earlier version; NotFoundError when the library holds none."""
    found = predecessors(library, ref, limit=1)
    if not found:
        name = library.document(ref).display_name
        raise NotFoundError(f"no earlier version of {name} in the library (same title or "
                            "shared text); name the older document")
    return found[0].document
