"""Align two versions of a resolution paragraph by paragraph.

For every paragraph of the newer version: the paragraph of the older one it comes from (or
none) and a status: `same` (identical after whitespace normalisation, or differing in typography
alone, then with `typography=True`: typography.py), `changed` (edited),
`moved` (its order relative to its neighbours changed, or it went to another parent; it may be
edited as well) or `new`; plus the older paragraphs that were dropped. Subparagraphs align as
paragraphs of their own, so they may move between parents.

How: identical texts are paired first, then texts identical but for typography; then the
remaining paragraphs are compared word by word
(rapidfuzz Indel similarity on word sequences, each word encoded as one character so the C++
scorer runs on whole paragraphs) and paired greedily, best first, with a little weight for
position and kind to break near-ties; chapeaux too short to compare ("Urges States:") follow
their subparagraphs. Moves are the matched pairs outside the longest increasing subsequence of
old positions taken in new order: renumbering after an insertion keeps that order and is no move.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Indel

from clausemark.core.compare.typography import typography_key
from clausemark.core.compare.word_changes import Segment, word_diff
from clausemark.core.parse.model import Paragraph, Resolution

__all__ = ["SAME", "CHANGED", "MOVED", "NEW", "AlignedPair", "Alignment", "Segment", "align",
           "normalise", "word_diff"]

SAME, CHANGED, MOVED, NEW = "same", "changed", "moved", "new"

MIN_SCORE = 0.45       # word similarity below which two paragraphs are not the same clause
MIN_CONTAINED = 0.75   # ... unless most of the shorter one is inside the longer (a merge)
MIN_CONTAINED_WORDS = 12  # containment says little about a short text
SHORT_WORDS = 6        # texts this short are paired only when near-identical or by structure

# For comparing only: punctuation (ASCII and typographic) becomes a space, so str.split()
# yields the words (several times faster than a regular expression on a slow laptop). Most
# paragraphs are ASCII once the few typographic marks are replaced: bytes.translate folds those
# in one table lookup a byte, where str.translate looks every character up in a dict.
_ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_TYPOGRAPHIC = "\u00ab\u00bb\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
_FOLD = str.maketrans(dict.fromkeys(_ASCII_PUNCTUATION + _TYPOGRAPHIC, " ")
                      | {"\u00ad": None})
_FOLD_ASCII = bytes.maketrans(_ASCII_PUNCTUATION.encode(), b" " * len(_ASCII_PUNCTUATION))
_TYPOGRAPHIC_REPLACE = [(c, " ") for c in _TYPOGRAPHIC] + [("\u00ad", "")]


def normalise(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class AlignedPair:
    new: Paragraph
    old: Paragraph | None
    status: str
    score: float  # word similarity 0..1 (1.0 for identical text, 0.0 for new)
    typography: bool = False  # the texts differ in typography only (hyphens, quotes, case...)
    _diff: list[Segment] | None = field(default=None, repr=False)

    @property
    def edited(self) -> bool:
        """The wording changed (typography alone is no edit)."""
        return self.old is not None and typography_key(self.old.text) != typography_key(
            self.new.text)

    @property
    def diff(self) -> list[Segment]:
        """Word diff old -> new when the text was edited, else []. Computed when first asked
        for: the alignment itself stays fast, and most callers only need the statuses."""
        if self._diff is None:
            self._diff = (word_diff(normalise(self.old.text), normalise(self.new.text))
                          if self.edited else [])
        return self._diff

    def to_dict(self) -> dict:
        return {"new": self.new.id, "old": self.old.id if self.old else None,
                "status": self.status, "score": round(self.score, 3),
                "typography": self.typography}


@dataclass
class Alignment:
    old_resolution: Resolution
    new_resolution: Resolution
    pairs: list[AlignedPair]      # one per paragraph of the newer version, in its order
    dropped: list[Paragraph]      # paragraphs of the older version with no successor

    def to_dict(self) -> dict:
        return {"pairs": [p.to_dict() for p in self.pairs],
                "dropped": [p.id for p in self.dropped]}

    def counts(self) -> dict[str, int]:
        counts = {SAME: 0, CHANGED: 0, MOVED: 0, NEW: 0}
        for pair in self.pairs:
            counts[pair.status] += 1
        counts["dropped"] = len(self.dropped)
        return counts



# -- flattening and encoding ---------------------------------------------------------------------

@dataclass
class _Node:
    index: int
    paragraph: Paragraph
    parent: int | None
    text: str              # whitespace-normalised
    # Left empty for paragraphs already paired when they would be computed (see align):
    key: str = ""          # typography folded away (typography.py)
    code: str = ""         # one character per word (folded), for the scorer
    children: list[int] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.code)


def _flatten(resolution: Resolution) -> list[_Node]:
    nodes: list[_Node] = []

    def visit(p: Paragraph, parent: int | None) -> None:
        node = _Node(len(nodes), p, parent, normalise(p.text))
        nodes.append(node)
        if parent is not None:
            nodes[parent].children.append(node.index)
        for child in p.children:
            visit(child, node.index)

    for top in resolution.paragraphs:
        visit(top, None)
    return nodes


class WordCodes(dict):
    """Word -> one character (from the supplementary planes: never a surrogate), so rapidfuzz
    compares word sequences as plain strings."""

    def __missing__(self, word: str) -> str:
        code = self[word] = chr(0x10000 + len(self))
        return code

    def encode(self, words: list[str]) -> str:
        return "".join(map(self.__getitem__, words))


def comparable_words(text: str) -> list[str]:
    text = text.lower()
    if not text.isascii():
        for mark, replacement in _TYPOGRAPHIC_REPLACE:
            if mark in text:
                text = text.replace(mark, replacement)
        if not text.isascii():
            return text.translate(_FOLD).split()
    return text.encode().translate(_FOLD_ASCII).decode().split()


# -- matching ------------------------------------------------------------------------------------

def _position(node: _Node, total: int) -> float:
    return node.index / max(total - 1, 1)


def _match_identical(old: list[_Node], new: list[_Node], links: dict[int, int],
                     attr: str = "text") -> None:
    """Pair paragraphs whose `attr` (the text, or its typography key) is identical."""
    by_text: dict[str, list[int]] = {}
    for o in old:
        if getattr(o, attr):
            by_text.setdefault(getattr(o, attr), []).append(o.index)
    taken = set(links.values())
    for n in new:
        if n.index in links:
            continue
        free = [i for i in by_text.get(getattr(n, attr), ()) if i not in taken]
        if free:  # several identical old paragraphs: the nearest in relative position
            best = min(free, key=lambda i: abs(_position(old[i], len(old))
                                               - _position(n, len(new))))
            links[n.index] = best
            taken.add(best)


def _candidates(old: list[_Node], new: list[_Node], links: dict[int, int]):
    """(rank, score, new index, old index) for every plausible pair of unmatched paragraphs."""
    taken = set(links.values())
    free_old = [o for o in old if o.index not in taken and o.code]
    choices = [o.code for o in free_old]
    found = []
    for n in new:
        if n.index in links or not n.code:
            continue
        for _, sim, k in process.extract(n.code, choices, scorer=Indel.normalized_similarity,
                                         limit=None, score_cutoff=0.3):
            o = free_old[k]
            shorter = min(n.words, o.words)
            # Longest common word sequence, from the similarity: sim = 2*lcs / (len_a + len_b).
            contained = sim * (n.words + o.words) / 2 / shorter
            if shorter <= SHORT_WORDS and sim < 0.8:
                continue
            if sim < MIN_SCORE and not (shorter >= MIN_CONTAINED_WORDS
                                        and contained >= MIN_CONTAINED):
                continue
            # Near-ties go to the pair in the same part and at a similar place in the text.
            rank = max(sim, 0.85 * contained if shorter >= MIN_CONTAINED_WORDS else 0.0)
            rank -= 0.1 * abs(_position(n, len(new)) - _position(o, len(old)))
            if n.paragraph.kind != o.paragraph.kind:
                rank -= 0.05
            found.append((rank, sim, n.index, o.index))
    found.sort(key=lambda c: (-c[0], c[2], c[3]))
    return found


def _match_similar(old: list[_Node], new: list[_Node], links: dict[int, int],
                   scores: dict[int, float]) -> None:
    taken = set(links.values())
    for _, sim, n, o in _candidates(old, new, links):
        if n in links or o in taken:
            continue
        links[n] = o
        taken.add(o)
        scores[n] = sim


def _match_by_children(old: list[_Node], new: list[_Node], links: dict[int, int],
                       scores: dict[int, float]) -> None:
    """An unmatched parent whose subparagraphs mostly come from the subparagraphs of one
    unmatched old parent comes from that parent (its chapeau may be too short to compare)."""
    taken = set(links.values())
    for n in new:
        if n.index in links or not n.children:
            continue
        parents = [old[links[c]].parent for c in n.children if c in links]
        if not parents:
            continue
        best = max(set(parents), key=parents.count)
        if (best is not None and best not in taken and parents.count(best) * 2 > len(n.children)
                and old[best].paragraph.kind == n.paragraph.kind):
            links[n.index] = best
            taken.add(best)
            scores[n.index] = Indel.normalized_similarity(n.code, old[best].code)


def _unpaired(old: list[_Node], new: list[_Node], links: dict[int, int]) -> list[_Node]:
    taken = set(links.values())
    return ([o for o in old if o.index not in taken]
            + [n for n in new if n.index not in links])


def _in_order(sequence: list[int]) -> set[int]:
    """Positions in `sequence` that form one longest strictly increasing subsequence."""
    tails: list[int] = []       # smallest tail value of an increasing run of each length
    tail_at: list[int] = []     # position of that tail
    before = [-1] * len(sequence)
    for i, value in enumerate(sequence):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[k] = value
            tail_at[k] = i
        before[i] = tail_at[k - 1] if k else -1
    keep, i = set(), tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(i)
        i = before[i]
    return keep


def align(old: Resolution, new: Resolution) -> Alignment:
    """Align `new` (the later version) against `old`."""
    old_nodes, new_nodes = _flatten(old), _flatten(new)
    links: dict[int, int] = {}      # new index -> old index
    _match_identical(old_nodes, new_nodes, links)
    # Only the paragraphs still unpaired need a typography key, then word codes: most of a
    # year-to-year pair is identical text, and folding and encoding are most of the time.
    for node in _unpaired(old_nodes, new_nodes, links):
        node.key = typography_key(node.text)
    _match_identical(old_nodes, new_nodes, links, "key")  # typography alone
    scores = dict.fromkeys(links, 1.0)
    codes = WordCodes()
    for node in _unpaired(old_nodes, new_nodes, links):
        node.code = codes.encode(comparable_words(node.text))
    _match_similar(old_nodes, new_nodes, links, scores)
    _match_by_children(old_nodes, new_nodes, links, scores)

    used = set(links.values())

    def reparented(n: _Node) -> bool:
        # Another parent: the old parent's successor is not the new parent (a subparagraph
        # that went to another paragraph, or became one); both parents unmatched says nothing.
        old_parent, new_parent = old_nodes[links[n.index]].parent, n.parent
        if (old_parent is not None and new_parent is not None and new_parent not in links
                and old_parent not in used):
            return False
        return (links.get(new_parent) if new_parent is not None else None) != old_parent

    moved = {n.index for n in new_nodes if n.index in links and reparented(n)}
    # The rest moved if outside the longest run kept in order (reparented ones, moved anyway,
    # do not get a say in which of their neighbours stayed).
    steady = [n.index for n in new_nodes if n.index in links and n.index not in moved]
    keep = _in_order([links[i] for i in steady])
    moved.update(i for k, i in enumerate(steady) if k not in keep)
    pairs = []
    for n in new_nodes:
        o = links.get(n.index)
        if o is None:
            pairs.append(AlignedPair(n.paragraph, None, NEW, 0.0))
            continue
        old_node = old_nodes[o]
        typography = old_node.text != n.text and old_node.key == n.key
        identical = old_node.text == n.text or typography
        status = MOVED if n.index in moved else SAME if identical else CHANGED
        score = 1.0 if identical else min(scores.get(n.index, 0.0), 0.999)
        pairs.append(AlignedPair(n.paragraph, old_node.paragraph, status, score, typography))
    dropped = [o.paragraph for o in old_nodes if o.index not in used]
    return Alignment(old, new, pairs, dropped)
