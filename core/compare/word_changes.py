"""The word diff of two versions of a paragraph, as delegates read track changes.

- Whole words are compared (a hyphenated word such as "follow-up" is one word), by their
  typography keys: "States parties" / "States Parties" or a non-breaking hyphen is no change.
- A deletion and the insertion at the same place are grouped (deletion first), and a stray run
  between two changes joins the change around it instead of splitting it: one or two words or
  punctuation marks no longer than either change ("... take *to* adopt ..."), or one or two
  common words ("of the") whatever the size of the changes.
- Each segment carries the whitespace before it, so equal + delete segments spell the old text
  (`Segment.old_text` for an equal run) and equal + insert segments the new one.
  `track_changes` gives the segments for one inline text, where a deleted word is never glued
  to the inserted one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from clausemark.core.compare.typography import token_key

# A word: letters or digits (a number glued to a word, "111of", is two words: a missing space is
# typography), joined by hyphens and apostrophes ("follow-up", "COVID-19", "States'"); or one
# punctuation mark.
_PART = r"(?:\d+|[^\W\d]+)"
_TOKEN = re.compile(rf"{_PART}(?:[-'\u2010\u2011\u2019]{_PART})*|[^\w\s]")
_WORD = re.compile(r"\w")
STRAY_WORDS = 2   # an equal run of at most this many words between two changes may be stray
# Words that say nothing alone: a run of only these (and punctuation) between two changes is
# stray whatever the size of the changes ("~~agreed conclusions~~ of the ~~sixty-seventh~~").
COMMON_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "these", "this", "those", "to",
    "was", "were", "which", "with"))


@dataclass(frozen=True)
class Segment:
    """A run of the word diff: op is "equal", "delete" (old only) or "insert" (new only).
    For an equal run, `text` is spelled as in the newer text and `old_text` as in the older
    one (they differ only in typography)."""
    op: str
    text: str
    old_text: str | None = None


def _codes(tokens, table: dict[str, str]) -> str:
    out = []
    for token in tokens:
        key = token_key(token.group())
        code = table.get(key)
        if code is None:
            code = table[key] = chr(0x10000 + len(table))
        out.append(code)
    return "".join(out)


def _runs(a: str, b: str) -> list[list]:
    """[equal?, old start, old end, new start, new end], consecutive changes merged."""
    runs: list[list] = []
    for op in Indel.opcodes(a, b):
        equal = op.tag == "equal"
        if runs and not equal and not runs[-1][0]:
            runs[-1][2], runs[-1][4] = op.src_end, op.dest_end
        else:
            runs.append([equal, op.src_start, op.src_end, op.dest_start, op.dest_end])
    return runs


def _size(run) -> int:
    return max(run[2] - run[1], run[4] - run[3])


def _absorb_stray(runs: list[list], old_tokens) -> list[list]:
    """Merge an equal run squeezed between two changes into them when it is no longer than
    either change and holds at most STRAY_WORDS words (as diff-match-patch's semantic cleanup)."""
    changed = True
    while changed:
        changed = False
        for k in range(1, len(runs) - 1):
            left, mid, right = runs[k - 1], runs[k], runs[k + 1]
            if not mid[0] or left[0] or right[0]:
                continue
            words = [t.group().lower() for t in old_tokens[mid[1]:mid[2]]
                     if _WORD.match(t.group())]
            if len(words) <= STRAY_WORDS and (_size(mid) <= min(_size(left), _size(right))
                                               or COMMON_WORDS.issuperset(words)):
                runs[k - 1:k + 2] = [[False, left[1], right[2], left[3], right[4]]]
                changed = True
                break
    return runs


def word_diff(old_text: str, new_text: str) -> list[Segment]:
    """Word-level diff old -> new (see the module docstring)."""
    old_tokens = list(_TOKEN.finditer(old_text))
    new_tokens = list(_TOKEN.finditer(new_text))

    def shown(text: str, tokens, i: int, j: int) -> str:
        if i >= j:
            return ""
        start = tokens[i - 1].end() if i else 0
        return text[start:tokens[j - 1].end()] if j < len(tokens) else text[start:]

    table: dict[str, str] = {}
    a, b = _codes(old_tokens, table), _codes(new_tokens, table)
    segments: list[Segment] = []
    for equal, i1, i2, j1, j2 in _absorb_stray(_runs(a, b), old_tokens):
        if equal:
            segments.append(Segment("equal", shown(new_text, new_tokens, j1, j2),
                                    shown(old_text, old_tokens, i1, i2)))
        else:
            segments.append(Segment("delete", shown(old_text, old_tokens, i1, i2)))
            segments.append(Segment("insert", shown(new_text, new_tokens, j1, j2)))
    return [s for s in segments if s.text]


def track_changes(segments: list[Segment]) -> list[Segment]:
    """The segments for one inline text (deletions struck, insertions underlined): a space
    goes between two segments that would otherwise glue one word to another."""
    out: list[Segment] = []
    for segment in segments:
        text = segment.text
        if out and _WORD.match(text[:1]) and _WORD.match(out[-1].text[-1:]):
            text = " " + text
        out.append(Segment(segment.op, text, segment.old_text))
    return out
