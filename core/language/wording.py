"""Wording of paragraphs for the agreed-language lookup.

- `words(text)`: the comparable words (lower case, punctuation and soft hyphens dropped).
- `signature(text)`: the shingle hashes the library stores for a paragraph: every word 5-gram
  whose hash falls in a fixed 1-in-4 sample (low two bits zero), plus the two smallest
  hashes (so a short paragraph is never without one). Fixed sampling keeps containment: a
  sampled 5-gram of a query is sampled in every paragraph that has it, so paragraphs sharing
  wording share stored hashes, while paragraphs that only share common words share none or one.
- `similarity(query, candidate)`: 0..1, the mean of how much of the query's words the candidate
  holds in order (an added clause costs little) and the overall edit similarity (a formula such
  as "Requests the Secretary-General to submit a report" inside a paragraph three times as long
  on another subject is not the same language).
- `phrase_similarity(phrase, candidate)`: 0..1, how well the phrase occurs inside the candidate.
- `diff_words(selected, other)`: word diff segments from the selected text to another one.
"""
from __future__ import annotations

import heapq
import zlib
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq

SHINGLE = 5
MIN_WORDS = 4         # shorter paragraphs ("Urges States:") are not language anyone looks up
MIN_SCORE = 0.72      # paragraph mode: below this, a candidate is not the same language
MIN_PHRASE_SCORE = 0.85

_PUNCTUATION = ("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00ab\u00bb"
                "\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u2026")
_FOLD = str.maketrans(dict.fromkeys(_PUNCTUATION, " ") | {"\u00ad": None})


def words(text: str | None) -> list[str]:
    return (text or "").lower().translate(_FOLD).split()


def _hashes(ws: list[str]) -> list[int]:
    """A 32-bit hash (CRC-32, stable across processes) per word 5-gram, or of the whole text
    when it is shorter."""
    if len(ws) < SHINGLE:
        return [zlib.crc32(" ".join(ws).encode())] if ws else []
    return [zlib.crc32(" ".join(ws[i:i + SHINGLE]).encode()) for i in range(len(ws) - SHINGLE + 1)]


def signature(text: str | None) -> set[int]:
    """The hashes stored for a paragraph (empty for text too short to look up)."""
    ws = words(text)
    if len(ws) < MIN_WORDS:
        return set()
    hashes = _hashes(ws)
    chosen = {h for h in hashes if not h & 3}
    chosen.update(heapq.nsmallest(2, set(hashes)))
    return chosen


def query_hashes(text: str | None) -> set[int]:
    """The hashes to look up for a query: its sampled ones and its smallest (which a paragraph
    of the same short wording stores too)."""
    ws = words(text)
    if not ws:
        return set()
    hashes = _hashes(ws)
    return {h for h in hashes if not h & 3} | set(heapq.nsmallest(2, set(hashes)))


def tokens(hashes) -> str:
    """Hashes as the FTS5 terms the library indexes ("k1f3a9c0b2d ...")."""
    return " ".join(f"k{h:x}" for h in sorted(hashes))


class _Codes(dict):
    """Each distinct word as one character, so rapidfuzz compares whole word sequences fast."""

    def __missing__(self, word: str) -> str:
        self[word] = code = chr(0x4E00 + len(self))
        return code

    def encode(self, ws: list[str]) -> str:
        return "".join(self[w] for w in ws)


class Scorer:
    """Scores many candidates against one query (the query's words encoded once)."""

    def __init__(self, query: str):
        self._codes = _Codes()
        self._query = self._codes.encode(words(query))

    def __call__(self, candidate: str) -> float:
        a = self._query
        ws = words(candidate)
        if not a or not ws:
            return 0.0
        codes = self._codes
        for w in set(ws).difference(codes):
            codes[w] = chr(0x4E00 + len(codes))
        b = "".join(map(codes.__getitem__, ws))
        coverage = LCSseq.similarity(a, b) / len(a)
        return round((coverage + Indel.normalized_similarity(a, b)) / 2, 4)


def similarity(query: str, candidate: str) -> float:
    """Paragraph similarity 0..1: the mean of how much of the query the candidate holds, in
    order, and the overall word edit similarity (so an added clause costs a little, and a
    formula shared by a much longer paragraph on another subject does not reach MIN_SCORE)."""
    return Scorer(query)(candidate)


def phrase_similarity(phrase: str, candidate: str) -> float:
    """How well `phrase` occurs in `candidate` (0..1), characters compared after folding."""
    p, c = " ".join(words(phrase)), " ".join(words(candidate))
    if not p or not c:
        return 0.0
    if len(c) < len(p):
        return round(fuzz.ratio(p, c) / 100, 4)
    return round(fuzz.partial_ratio(p, c) / 100, 4)


@dataclass(frozen=True)
class DiffSegment:
    """A run of the word diff: op is "equal", "delete" (in the selected text only) or "insert"
    (in the other text only); text is the run's words as written."""
    op: str
    text: str

    def to_dict(self) -> dict:
        return {"op": self.op, "text": self.text}


def diff_words(selected: str, other: str) -> list[DiffSegment]:
    """Word diff from `selected` to `other` (words compared folded, shown as written)."""
    old, new = (selected or "").split(), (other or "").split()
    codes = _Codes()
    a = codes.encode([w.lower().translate(_FOLD).strip() or w for w in old])
    b = codes.encode([w.lower().translate(_FOLD).strip() or w for w in new])
    segments: list[DiffSegment] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            segments.append(DiffSegment("equal", " ".join(new[op.dest_start:op.dest_end])))
        else:
            if op.src_end > op.src_start:
                segments.append(DiffSegment("delete", " ".join(old[op.src_start:op.src_end])))
            if op.dest_end > op.dest_start:
                segments.append(DiffSegment("insert", " ".join(new[op.dest_start:op.dest_end])))
    return segments
