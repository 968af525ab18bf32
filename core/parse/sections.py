"""Resolutions in parts ("I", "II" or "A", "B"), each part with its own preamble and numbering.

A part is a `section` node only when the parts really stand apart: a later part numbers its
operative paragraphs from 1 again, or repeats "The General Assembly,". Parts of one continuous
numbering (the law of the sea, oceans and fisheries resolutions) stay plain headings, so their
paragraphs keep the citations diplomats use ("OP 25").
"""
from __future__ import annotations

import re

from clausemark.core.parse.blocks import Block
from clausemark.core.parse.metadata import BODY_LINE

# "II" or "B" alone on the heading's first line, or "II. Title" on one line.
SECTION_MARK = re.compile(r"^([IVXL]{1,6}|[A-Z])\.?(?:\s+(\S.*))?$")
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV"]
ANNEX_LINE = re.compile(r"^Annex(?:es)?\b")
MAX_DEPTH = 3  # parts A, B; their parts I, II; and theirs A., B.


def section_mark(block: Block) -> tuple[str, str] | None:
    """(numeral, heading title) when the block is a part heading such as "II" + its title."""
    if block.kind != "heading":
        return None
    m = SECTION_MARK.match(block.rows[0].text)
    if not m:
        return None
    if m[2] and not block.rows[0].text[len(m[1]):].startswith("."):
        return None  # "A new agenda": a word, not a part letter
    title = " ".join([m[2] or ""] + [r.text for r in block.rows[1:]])
    return m[1], re.sub(r"\s+", " ", title).strip()


def plan_sections(blocks: list[Block]) -> dict[int, int]:
    """Block index -> depth (1 for "I"/"A", 2 for a part inside it, ...) of the blocks that open
    a section node; empty for an undivided resolution."""
    plan: dict[int, int] = {}
    _plan(blocks, 0, len(blocks), 1, plan)
    return plan


def _plan(blocks: list[Block], start: int, end: int, depth: int, plan: dict[int, int]) -> None:
    marks = _marks(blocks, start, end)
    if len(marks) < 2 or not _stand_apart(blocks, marks, end):
        return
    for a, b in zip(marks, marks[1:] + [end]):
        plan[a] = depth
        if depth < MAX_DEPTH:
            _plan(blocks, a + 1, b, depth + 1, plan)


def _marks(blocks: list[Block], start: int, end: int) -> list[int]:
    """Part headings in sequence "I", "II" ... or "A", "B" ...; other marks are sub-parts."""
    marks: list[int] = []
    expected: str | None = None
    for i in range(start, end):
        block = blocks[i]
        if block.kind == "heading" and ANNEX_LINE.match(block.rows[0].text):
            break  # parts of an annex are its own business
        mark = section_mark(block)
        if mark is None or (expected is not None and mark[0] != expected):
            continue
        if expected is None and mark[0] not in ("I", "A"):
            continue
        if marks and _bare(block) != _bare(blocks[marks[0]]):
            continue  # "B" alone on its line and "B. Title" are marks of different levels
        marks.append(i)
        expected = next_mark(mark[0], section_mark(blocks[marks[0]])[0] == "A")
    return marks


def _stand_apart(blocks: list[Block], marks: list[int], end: int) -> bool:
    """A later part numbering from 1 again, a part whose text is not numbered at all or one
    that repeats "The General Assembly," cannot continue one numbering."""
    for a, b in zip(marks[1:], marks[2:] + [end]):
        texts = [x for x in blocks[a:b] if x.kind == "text"]
        numbers = [x.number for x in texts if x.number]
        own_body = any(BODY_LINE.match(x.text) for x in texts)
        if texts and (numbers[:1] == ["1"] or not numbers or own_body):
            return True
    return False


def _bare(block: Block) -> bool:
    return SECTION_MARK.match(block.rows[0].text)[2] is None


def next_mark(mark: str, letters: bool) -> str | None:
    """"I" -> "II" for parts in roman numerals, "H" -> "I" -> "J" for parts in letters."""
    if letters:
        return chr(ord(mark) + 1) if len(mark) == 1 and "A" <= mark < "Z" else None
    return ROMANS[ROMANS.index(mark) + 1] if mark in ROMANS[:-1] else None
