"""Group body rows into blocks (one per paragraph, heading or closing line) and build their text.

A block starts where the layout says so: a vertical gap wider than the line pitch, or a first
line indented past the text's left margin. A row at the left margin at the top of a page
continues the paragraph of the previous page.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from clausemark.core.parse.metadata import DATE_ONLY, MEETING, VOTE_NOTE
from clausemark.core.parse.pdf_lines import SUPERSCRIPT, Row
from clausemark.core.parse.text_clean import (
    SOFT,
    join_lines,
    line_text,
    reference_gap,
    repair_hyphens,
)

__all__ = ["Block", "make_blocks", "repair_hyphens", "SOFT"]

NUMBER = re.compile(r"^(\d{1,3})\.(?=\s|$)\s*")
LETTER = re.compile(r"^\(([a-z]{1,4})\)(?=\s|$)\s*")
FOOTNOTE_REF = re.compile(r"^\d{1,3}(?:\s*,\s*\d{1,3})*$")


@dataclass
class Block:
    kind: str  # "text", "heading", "meeting", "date", "vote"
    rows: list[Row] = field(default_factory=list)
    number: str | None = None   # "5" for a numbered paragraph
    letter: str | None = None   # "a" or "ii" for a (sub)subparagraph
    text: str = ""
    opening_italic: str | None = None
    footnote_refs: list[str] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return sorted({r.page for r in self.rows})

    @property
    def boxes(self):
        return [r.box for r in self.rows]

    @property
    def first(self) -> Row:
        return self.rows[0]


def layout_grid(rows: list[Row], size: float) -> tuple[float, float]:
    """(left margin of running text, usual line pitch) measured on the document itself."""
    lefts = Counter(round(r.x0) for r in rows if abs(r.size - size) < 1.5)
    # Continuation lines sit at the left margin; first lines are indented. The margin is the
    # leftmost x that a fair share of rows start at (OCR scans have few rows per position).
    total = sum(lefts.values())
    common = [x for x, n in lefts.items() if n >= max(2, 0.1 * total)]
    left = float(min(common)) if common else (float(min(lefts)) if lefts else 0.0)
    steps = Counter()
    for a, b in zip(rows, rows[1:]):
        step = b.y0 - a.y0
        if a.page == b.page and 0.8 * size < step < 2.2 * size:
            steps[round(step)] += 1
    pitch = float(steps.most_common(1)[0][0]) if steps else 1.2 * size
    return left, pitch


def closing_kind(row: Row, prev_kind: str | None, width: float) -> str | None:
    text = row.text
    if not (text[:1].isdigit() or text[:1] == "["):  # every closing line starts so
        return None
    if MEETING.match(text):
        return "meeting"
    if VOTE_NOTE.match(text):
        return "vote"
    if DATE_ONLY.match(text) and (prev_kind == "meeting" or row.x0 > 0.5 * width):
        return "date"
    return None


def make_blocks(rows: list[Row], size: float, width_of: dict[int, float]) -> list[Block]:
    left, pitch = layout_grid(rows, size)
    blocks: list[Block] = []
    prev: Row | None = None
    for row in rows:
        closing = closing_kind(row, blocks[-1].kind if blocks else None, width_of[row.page])
        heading = row.bold and not closing
        if closing:
            blocks.append(Block(closing, [row]))
        elif heading:
            last = blocks[-1] if blocks else None
            if last and last.kind == "heading" and prev is last.rows[-1] \
                    and row.page == prev.page and row.y0 - prev.y0 <= 1.6 * pitch:
                last.rows.append(row)
            else:
                blocks.append(Block("heading", [row]))
        elif _starts_paragraph(row, prev, blocks, left, pitch):
            blocks.append(Block("text", [row]))
        else:
            blocks[-1].rows.append(row)
        prev = row
    for block in blocks:
        _fill_text(block, size)
    return blocks


def _starts_paragraph(row: Row, prev: Row | None, blocks: list[Block], left: float,
                      pitch: float) -> bool:
    if prev is None or not blocks or blocks[-1].kind != "text":
        return True
    indented = row.x0 > left + 5
    if row.page != prev.page:
        return indented
    return indented or row.y0 - prev.y0 > 1.35 * pitch


def _fill_text(block: Block, size: float) -> None:
    spans = []  # (text, span) without footnote references; None marks a line end
    for row in block.rows:
        for span in row.spans:
            if _is_ref(span, size) and spans:
                block.footnote_refs.extend(x.strip() for x in span.text.split(","))
                if gap := reference_gap(span.text):
                    spans.append((gap, None))
                continue
            spans.append((span.text, span))
        spans.append(None)
    lines, current = [], []
    for item in spans:
        if item is None:
            lines.append(line_text(current))
            current = []
        else:
            current.append(item[0])
    text = join_lines(lines)
    label = 0
    if block.kind == "text":
        if m := NUMBER.match(text):
            block.number, label, text = m[1], len(m[0].strip()), text[m.end():]
        elif m := LETTER.match(text):
            block.letter, label, text = m[1], len(m[0].strip()), text[m.end():]
    block.text = text.strip()
    block.opening_italic = _italic_opening(spans, label)


def _italic_opening(spans: list, label: int) -> str | None:
    """The leading italic words after the paragraph's number or letter."""
    seen, italic = 0, []
    for item in spans:
        if item is None:
            if italic:
                break
            continue
        t, span = item  # italics asked only here, for the first words, not for every span
        if seen < label:  # still inside the label ("12." or "(a)")
            bare = t.lstrip()
            take = min(len(bare.replace(" ", "")), label - seen)
            seen += take
            t = bare[take:]
        if not t.strip():
            if italic:  # a roman space between italic words ("Looking" " " "forward")
                italic.append(" ")
            continue
        if span is None or not span.italic:
            break
        italic.append(t)
    opening = re.sub(r"\s+", " ", "".join(italic)).strip().rstrip(",;:")
    return opening or None


def _is_ref(span, size: float) -> bool:
    # Size and flags first: they rule out almost every span without a regex.
    return (bool(span.flags & SUPERSCRIPT) or span.size < 0.8 * size) \
        and bool(FOOTNOTE_REF.match(span.text.strip()))
