"""The earlier versions proposed for a comparison, ranked, each with why it is proposed ("draft
of this resolution, 96% shared text"; "same title, 64% shared text, cited in the text").

    for p in propose_earlier(library, "A/RES/80/190"):
        print(p.document.symbol, p.reason)
"""
from __future__ import annotations

from dataclasses import dataclass

from clausemark.core.compare.predecessor import PredecessorIndex, _is_draft, _session
from clausemark.core.compare.versions import _numbers, references
from clausemark.core.library.records import DocumentInfo


@dataclass(frozen=True)
class ProposedVersion:
    document: DocumentInfo
    score: float
    reason: str


def reason(candidate, target: DocumentInfo, cited: set[tuple[int, int]]) -> str:
    """Why `candidate` (a predecessor.Candidate) is proposed as the earlier version of target."""
    doc = candidate.document
    shared = f"{candidate.overlap:.0%} shared text"
    same_session = _session(doc.symbol) is not None and _session(doc.symbol) == _session(
        target.symbol)
    if _is_draft(doc.symbol) and not _is_draft(target.symbol) and same_session:
        parts = ["draft of this resolution", shared]
    elif _is_draft(doc.symbol) and _is_draft(target.symbol) and same_session:
        parts = ["earlier draft", shared]
    elif candidate.title >= 0.9:
        parts = ["same title", shared]
    else:
        parts = ["similar title" if candidate.title >= 0.6 else "other title", shared]
    if _numbers(doc.symbol) in cited:
        parts.append("cited in the text")
    return ", ".join(parts)


def propose_earlier(library, ref, limit: int = 8, index: PredecessorIndex | None = None
                    ) -> list[ProposedVersion]:
    """The likely earlier versions of `ref`, best first (predecessor.py ranks them)."""
    target = library.document(ref)
    index = index or PredecessorIndex(library)
    texts = library.comparison.paragraph_texts([target.id]).get(target.id, [])
    cited = references(texts)
    return [ProposedVersion(c.document, c.score, reason(c, target, cited))
            for c in index.candidates(target.id, limit, also_shared_text=True)]
