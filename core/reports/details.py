"""What the Word brief says about a clause beyond its tag: the pages it is on and the footnotes
it cites; and, per theme, what changed since the earlier version of a document when the library
holds one (core/compare finds the earlier version and aligns the two paragraph by paragraph).

    details = gather(library, data)        # while the library is open
    details.clause(doc_id, "OP5")          # ClauseFacts(pages=(5,), footnotes=(("3", "See ..."),))
    details.changes[theme_id]              # [ThemeChange(...)], one per document with a predecessor
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from clausemark.core.compare import NEW, align
from clausemark.core.compare.predecessor import PredecessorIndex
from clausemark.core.library.records import DocumentInfo
from clausemark.core.output import Ticker
from clausemark.core.reports.select import ReportData

# Comparing versions costs tens of milliseconds a document; a brief is read by people, and one
# over this many documents gets its overview without the comparison (and says so).
MAX_COMPARED_DOCUMENTS = 60


@dataclass(frozen=True)
class ClauseFacts:
    pages: tuple[int, ...] = ()
    footnotes: tuple[tuple[str, str], ...] = ()  # (number as printed, text)


@dataclass
class ThemeChange:
    """For one theme and one document: its tagged clauses against the earlier version."""
    document: DocumentInfo
    earlier: DocumentInfo
    new: list[str] = field(default_factory=list)  # labels of clauses not in the earlier version
    edited: list[tuple[str, str]] = field(default_factory=list)  # (label now, label before)
    unchanged: int = 0
    # labels (in the earlier version) of its clauses with the theme that are gone; None when
    # the earlier version carries no tag of the theme, so nothing can be said
    dropped: list[str] | None = None


@dataclass
class Details:
    clauses: dict[tuple[int, str], ClauseFacts] = field(default_factory=dict)
    changes: dict[int, list[ThemeChange]] = field(default_factory=dict)
    compared: bool = True  # False when the brief had too many documents to compare

    def clause(self, document_id: int, paragraph: str) -> ClauseFacts:
        return self.clauses.get((document_id, paragraph), ClauseFacts())


def _paragraphs(resolution) -> dict:
    return {p.id: p for top in resolution.paragraphs for p in top.walk()}


def gather(library, data: ReportData, ticker: Ticker | None = None) -> Details:
    """Pages and footnotes of every reported clause; changes since earlier versions."""
    details = Details()
    tagged: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for r in data.rows:
        tagged[r.document_id][r.paragraph].add(r.theme_id)
    details.compared = len(tagged) <= MAX_COMPARED_DOCUMENTS
    index = PredecessorIndex(library) if details.compared and tagged else None
    for doc in data.documents:
        if doc.id not in tagged:
            continue
        resolution = library.resolution(doc.id)
        notes = {f.number: f.text for f in resolution.footnotes}
        paragraphs = _paragraphs(resolution)
        for pid in tagged[doc.id]:
            p = paragraphs.get(pid)
            if p is not None:
                details.clauses[(doc.id, pid)] = ClauseFacts(
                    tuple(p.pages), tuple((n, notes[n]) for n in p.footnote_refs if n in notes))
        if index is not None:
            _compare(library, index, doc, resolution, tagged[doc.id], details)
        if ticker is not None:
            ticker.step()
    return details


def _compare(library, index, doc, resolution, tagged: dict[str, set[int]],
             details: Details) -> None:
    found = index.candidates(doc.id, limit=1)
    if not found:
        return
    earlier = found[0].document
    alignment = align(library.resolution(earlier.id), resolution)
    pair_of = {pair.new.id: pair for pair in alignment.pairs}
    dropped = {p.id for p in alignment.dropped}
    earlier_tags: dict[int, list] = defaultdict(list)
    for tag in library.tags.list(document=earlier.id):
        earlier_tags[tag.theme_id].append(tag)
    themes = sorted({t for ids in tagged.values() for t in ids})
    for theme_id in themes:
        change = ThemeChange(doc, earlier)
        for pid, ids in tagged.items():
            pair = pair_of.get(pid)
            if theme_id not in ids or pair is None:
                continue
            if pair.status == NEW:
                change.new.append(pair.new.label)
            elif pair.edited:
                change.edited.append((pair.new.label, pair.old.label))
            else:
                change.unchanged += 1
        before = earlier_tags.get(theme_id)
        if before:
            seen = set()
            change.dropped = [t.label for t in before if t.paragraph in dropped
                              and not (t.paragraph in seen or seen.add(t.paragraph))]
        details.changes.setdefault(theme_id, []).append(change)
