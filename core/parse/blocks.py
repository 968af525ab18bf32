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
from clausemark.core.parse.openings import fallback_opening
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
# "25    Condemns": a number without its full stop; taken only when it is the next one.
BARE_NUMBER = re.compile(r"^(\d{1,3})\s+(?=[A-Z])")
LETTER = re.compile(r"^\(([a-z]{1,4})\)\.?(?=\s|$)\s*")  # "(b)" and, mistyped, "(b)."
FOOTNOTE_REF = re.compile(r"^\d{1,3}(?:\s*,\s*\d{1,3})*$")


@dataclass
class Block:
    kind: str  # "text", "heading", "table", "meeting", "date", "vote"
    rows: list[Row] = field(default_factory=list)
    number: str | None = None   # "5" for a numbered paragraph
    letter: str | None = None   # "a" or "ii" for a (sub)subparagraph
    bare_number: str | None = None  # "25" printed without its full stop
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


def is_tabular(row: Row, size: float) -> bool:
    """Cells far apart on one baseline: a row of a table (scales, appropriations, posts)."""
    cells = row.cells
    return any(b[0] - a[1] > 2.5 * size for a, b in zip(cells, cells[1:]))


def make_blocks(rows: list[Row], size: float, width_of: dict[int, float]) -> list[Block]:
    left, pitch = layout_grid(rows, size)
    blocks: list[Block] = []
    prev: Row | None = None
    last_number = 0  # of the last numbered paragraph: "6." after "5." always starts one
    for row in rows:
        closing = closing_kind(row, blocks[-1].kind if blocks else None, width_of[row.page])
        heading = row.bold and not closing
        in_table = bool(blocks) and blocks[-1].kind == "table"
        number = NUMBER.match(row.text)
        if closing:
            blocks.append(Block(closing, [row]))
        elif not in_table and _note_mark(row, size):
            blocks.append(Block("note", [row]))
        elif blocks and blocks[-1].kind == "note" and row.size < 0.93 * size \
                and row.page == prev.page and row.y0 - prev.y0 <= 1.35 * pitch:
            blocks[-1].rows.append(row)  # the note goes on
        elif is_tabular(row, size) or (in_table and row.size < 0.93 * size):
            if in_table:
                blocks[-1].rows.append(row)
            else:
                blocks.append(Block("table", _table_head(blocks, row, size, pitch) + [row]))
        elif heading:
            last = blocks[-1] if blocks else None
            if last and last.kind == "heading" and prev is last.rows[-1] \
                    and row.page == prev.page and row.y0 - prev.y0 <= 1.6 * pitch:
                last.rows.append(row)
            else:
                blocks.append(Block("heading", [row]))
        elif _starts_paragraph(row, prev, blocks, left, pitch) or (
                number and int(number[1]) == last_number + 1):
            blocks.append(Block("text", [row]))
            if number:
                last_number = int(number[1])
        else:
            blocks[-1].rows.append(row)
        prev = row
    for block in blocks:
        if block.kind == "note":
            block.number = _note_mark(block.first, size)
            text = " ".join(r.text for r in block.rows)
            block.text = re.sub(r"\s+", " ", text[len(block.number):]).strip()
        elif block.kind == "table":
            block.text = "; ".join(" | ".join(c[2] for c in r.cells) for r in block.rows)
        else:
            _fill_text(block, size)
    return blocks


def _note_mark(row: Row, size: float) -> str | None:
    """"a" of a note in small type inside the text ("a See sect. E." under a boxed text):
    its mark is set smaller still, like a footnote number."""
    if row.size >= 0.93 * size:
        return None
    spans = [s for s in row.spans if s.text.strip()]
    mark = spans[0].text.strip() if spans else ""
    if len(spans) < 2 or not re.fullmatch(r"[a-z]|\d{1,3}", mark):
        return None
    return mark if spans[0].size < 0.85 * max(s.size for s in spans[1:]) else None


def _table_head(blocks: list[Block], first: Row, size: float, pitch: float) -> list[Row]:
    """Column headings in small type stacked just above a table's first row ("Amount",
    "(United States dollars)") belong to the table, not to the text."""
    head: list[Row] = []
    while blocks and blocks[-1].kind in ("text", "heading") and all(
            r.size < 0.93 * size and r.page == first.page and r.y0 > first.y0 - 4 * pitch
            for r in blocks[-1].rows):
        head = blocks.pop().rows + head
    return head


def _starts_paragraph(row: Row, prev: Row | None, blocks: list[Block], left: float,
                      pitch: float) -> bool:
    if prev is None or not blocks or blocks[-1].kind != "text":
        return True
    indented = row.x0 > left + 5
    if indented and _runs_on(row, prev, blocks[-1], pitch):
        return False
    if row.page != prev.page:
        # At the left margin the paragraph of the previous page goes on, unless that one
        # ended its sentence and this row opens in italics (a heading such as "Article 12").
        first = next((s for s in row.spans if s.text.strip()), None)
        return indented or (prev.text.endswith((".", ";", ":")) and first is not None
                            and first.italic)
    return indented or row.y0 - prev.y0 > 1.35 * pitch


LABEL = re.compile(r"^(?:\d{1,3}\.?|\([a-z]{1,4}\)|[a-z]\)|[•–-])(?:\s|$)")


def _runs_on(row: Row, prev: Row, block: Block, pitch: float) -> bool:
    """An indented block (a quotation, an item of a list, an annexed text) keeps its lines at
    its own indent: a row at that indent, at line pitch or at the top of the next page, goes
    on with it unless a number, a letter or an italic opening starts a new paragraph."""
    rows = block.rows
    indent = rows[1].x0 if len(rows) > 1 else rows[0].x0
    if abs(row.x0 - indent) > 2 or LABEL.match(row.text):
        return False
    if row.page == prev.page and row.y0 - prev.y0 > 1.2 * pitch:
        return False
    first = next((s for s in row.spans if s.text.strip()), None)
    if prev.text.endswith((",", ";", ".", ":")) and first is not None and (
            first.italic or fallback_opening(row.text)):
        return False  # an opening phrase (in italics, or a known one in a scan) starts anew
    # One line so far on the previous page: its indent may be a first-line indent.
    return row.page == prev.page or len(rows) > 1


def _fill_text(block: Block, size: float) -> None:
    spans = []  # (text, span) without footnote references; None marks a line end
    for row in block.rows:
        for span in row.spans:
            if _is_ref(span, size) and spans and not (
                    span.text.strip().isalpha() and spans[-1] and spans[-1][0][-1:].isalpha()):
                # (a letter mark glued to a word is a stray superscript: "th" + "e")
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
        elif m := BARE_NUMBER.match(text):
            block.bare_number, label = m[1], len(m[1])  # the text keeps it until accepted
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
    if not (span.flags & SUPERSCRIPT or span.size < 0.8 * size):
        return False
    t = span.text.strip()
    if len(t) == 1 and "a" <= t <= "z" and span.flags & SUPERSCRIPT and span.size < 0.8 * size:
        return True  # "a" referring to a note under a box or a table
    return bool(FOOTNOTE_REF.match(t))
