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


def plan_sections(blocks: list[Block]) -> set[int]:
    """Indices of the blocks that open a section node (empty for an undivided resolution)."""
    marks: list[int] = []
    expected: str | None = None  # parts run "I", "II" or "A", "B"; other marks are sub-parts
    for i, block in enumerate(blocks):
        if block.kind == "heading" and ANNEX_LINE.match(block.rows[0].text):
            break  # parts of an annex are its own business
        mark = section_mark(block)
        if mark is None or (expected is not None and mark[0] != expected):
            continue
        if expected is None and mark[0] not in ("I", "A"):
            continue
        marks.append(i)
        letters = section_mark(blocks[marks[0]])[0] == "A"
        expected = next_mark(mark[0], letters)
    if len(marks) < 2:
        return set()
    first_mark = marks[0]
    starts_again = False
    for a, b in zip(marks, marks[1:] + [len(blocks)]):
        texts = [x for x in blocks[a:b] if x.kind == "text"]
        numbers = [x.number for x in texts if x.number]
        own_body = any(BODY_LINE.match(x.text) for x in texts)
        # A later part numbering from 1 again, or a part whose text is not numbered at all,
        # cannot continue one numbering.
        if a != first_mark and texts and (numbers[:1] == ["1"] or not numbers or own_body):
            starts_again = True
    return set(marks) if starts_again else set()


def next_mark(mark: str, letters: bool) -> str | None:
    """"I" -> "II" for parts in roman numerals, "H" -> "I" -> "J" for parts in letters."""
    if letters:
        return chr(ord(mark) + 1) if len(mark) == 1 and "A" <= mark < "Z" else None
    return ROMANS[ROMANS.index(mark) + 1] if mark in ROMANS[:-1] else None
