"""Turn a PDF into visual rows of styled spans, and sort out what is page furniture.

One `get_text("dict")` pass per page; everything after that is plain Python on small lists,
so parsing costs little more than the extraction itself.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pymupdf

# Span flag bits of pymupdf
SUPERSCRIPT, ITALIC, BOLD = 1, 2, 16

# No images: we never look at them, and they slow extraction down.
TEXT_FLAGS = (pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES
              | pymupdf.TEXT_MEDIABOX_CLIP)

JOB_NUMBER = re.compile(r"^(GE\.)?\d{2}-\d{5}\b")
PAGE_NUMBER = re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$|^\d{1,4}$")
SEPARATOR = re.compile(r"^_{5,}$")


@dataclass(slots=True)
class Span:
    text: str
    size: float
    flags: int
    font: str

    @property
    def bold(self) -> bool:
        return bool(self.flags & BOLD) or "Bold" in self.font

    @property
    def italic(self) -> bool:
        return bool(self.flags & ITALIC) or "Italic" in self.font or "Oblique" in self.font


@dataclass(slots=True)
class Row:
    """Text on one baseline of one page (pymupdf may split it into several lines)."""
    page: int  # from 1
    x0: float
    y0: float
    x1: float
    y1: float
    spans: list[Span] = field(default_factory=list)
    # (x0, x1, text) of the pieces pymupdf found on this baseline: table cells keep apart.
    cells: list[tuple[float, float, str]] = field(default_factory=list)
    _text: str | None = field(default=None, repr=False, compare=False)
    _size: float | None = field(default=None, repr=False, compare=False)
    _bold: bool | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        # Read many times per row by the rules; spans never change after extraction.
        if self._text is None:
            self._text = "".join(s.text for s in self.spans).strip()
        return self._text

    @property
    def size(self) -> float:
        """The size that carries most of the row's characters (a stray glyph in another size
        does not change what the row is)."""
        if self._size is None:
            if len(self.spans) == 1:  # most rows: one span, one size
                self._size = self.spans[0].size if self.spans[0].text.strip() else 0.0
                return self._size
            weight: dict[float, int] = {}
            for s in self.spans:
                n = len(s.text.strip())
                if n:
                    weight[s.size] = weight.get(s.size, 0) + n
            self._size = max(weight, key=lambda k: (weight[k], k)) if weight else 0.0
        return self._size

    @property
    def bold(self) -> bool:
        # Superscript footnote references are set in regular weight even in headings.
        if self._bold is None:
            if len(self.spans) == 1:
                s = self.spans[0]
                self._bold = bool(s.text.strip()) and not s.flags & SUPERSCRIPT and s.bold
            else:
                spans = [s for s in self.spans if s.text.strip() and not s.flags & SUPERSCRIPT]
                self._bold = bool(spans) and all(s.bold for s in spans)
        return self._bold

    @property
    def box(self) -> tuple[int, float, float, float, float]:
        return (self.page, self.x0, self.y0, self.x1, self.y1)


@dataclass
class Page:
    number: int
    width: float
    height: float
    rows: list[Row]          # body rows in reading order
    footnote_rows: list[Row]  # the footnote area at the bottom
    furniture: list[Row]     # running headers, footers, job numbers, barcodes


def extract_rows(page: pymupdf.Page, number: int) -> list[Row]:
    """All text of a page as rows sorted top to bottom, spans left to right."""
    data = page.get_text("dict", flags=TEXT_FLAGS)
    lines = []
    for block in data["blocks"]:
        for line in block.get("lines", ()):
            raw = line["spans"]
            if len(raw) == 1:  # the common line: one span
                s = raw[0]
                if not s["text"].strip():
                    continue  # blank lines make no row
                spans = [Span(s["text"], s["size"], s["flags"], s["font"])]
            elif any(s["text"].strip() for s in raw):
                spans = [Span(s["text"], s["size"], s["flags"], s["font"])
                         for s in raw if s["text"]]
            else:
                continue
            x0, y0, x1, y1 = line["bbox"]
            lines.append((x0, y0, x1, y1, spans))
    lines.sort(key=lambda ln: (ln[3], ln[0]))
    # Same baseline (within a few points) means the same visual row: this joins a
    # paragraph number "1." that pymupdf returns as its own line with its text.
    groups: list[list] = []  # [x0, y0, x1, y1, [(x0, spans), ...]]
    for x0, y0, x1, y1, spans in lines:
        for g in reversed(groups[-3:]):
            if abs(g[3] - y1) <= 2.5 and _overlaps(g[1], g[3], y0, y1):
                g[0], g[1], g[2], g[3] = min(g[0], x0), min(g[1], y0), max(g[2], x1), max(g[3], y1)
                g[4].append((x0, x1, spans))
                break
        else:
            groups.append([x0, y0, x1, y1, [(x0, x1, spans)]])
    rows = []
    for x0, y0, x1, y1, parts in groups:
        if len(parts) == 1:  # most rows: one pymupdf line, one cell, its text known
            a, b, spans = parts[0]
            text = "".join(s.text for s in spans).strip()
            rows.append(Row(number, x0, y0, x1, y1, spans, [(a, b, text)], text))
            continue
        flat: list[Span] = []
        parts.sort(key=lambda p: p[0])
        cells = [(a, b, t) for a, b, spans in parts
                 if (t := "".join(s.text for s in spans).strip())]
        for _, _, spans in parts:
            if flat and not flat[-1].text.endswith(" ") and not spans[0].text.startswith(" "):
                flat.append(Span(" ", spans[0].size, spans[0].flags, spans[0].font))
            flat.extend(spans)
        rows.append(Row(number, x0, y0, x1, y1, flat, cells))
    rows.sort(key=lambda r: (r.y0, r.x0))
    return rows


def _overlaps(a0: float, a1: float, b0: float, b1: float) -> bool:
    return min(a1, b1) - max(a0, b0) > 0.3 * min(a1 - a0, b1 - b0)


def body_size(pages_rows: list[list[Row]]) -> float:
    """The size of running text: the size that carries the most characters."""
    exact: dict[float, int] = {}  # a few distinct sizes: round them once, not once per span
    for rows in pages_rows:
        for row in rows:
            for s in row.spans:
                exact[s.size] = exact.get(s.size, 0) + len(s.text)
    weight: Counter[float] = Counter()
    for size, n in exact.items():
        weight[round(size * 2) / 2] += n
    return weight.most_common(1)[0][0] if weight else 10.0


def split_page(rows: list[Row], number: int, width: float, height: float,
               size: float) -> Page:
    """Separate running headers/footers and the footnote area from the body rows."""
    body, furniture = [], []
    for row in rows:
        if _is_furniture(row, width, height, size):
            furniture.append(row)
        else:
            body.append(row)
    # Below a separator rule followed by a note, everything is footnotes, even notes set in
    # the body's size; above it, the footnote area is the run of small rows at the bottom.
    tail: list[Row] = []
    rule = next((i for i in range(len(body) - 2, -1, -1) if SEPARATOR.match(body[i].text)
                 and _starts_note(body[i + 1], size)), None)
    if rule is not None:
        body, tail = body[:rule], body[rule:]
    cut = len(body)
    while cut > 0 and _is_small(body[cut - 1], size):
        cut -= 1
    notes = body[cut:] + tail
    body = body[:cut]
    # Small rows before the first note: a "* Reissued ..." line is furniture, a note that
    # runs on from the previous page follows the separator; anything else (a table, a quote
    # in small type) is body, never dropped.
    starts = [i for i, r in enumerate(notes) if _starts_note(r, size)]
    lead = starts[0] if starts else len(notes)
    rule = next((i for i, r in enumerate(notes[:lead]) if SEPARATOR.match(r.text)), None)
    kept = notes[:lead] if rule is None else notes[:rule]
    star = next((i for i, r in enumerate(kept) if r.text.startswith("*")), len(kept))
    body.extend(kept[:star])
    furniture.extend(kept[star:])
    notes = [r for r in notes[lead if rule is None else rule:] if not SEPARATOR.match(r.text)]
    body = [r for r in body if not SEPARATOR.match(r.text)]
    return Page(number, width, height, body, notes, furniture)


def _is_furniture(row: Row, width: float, height: float, size: float) -> bool:
    # Cheapest tests first: most rows are body text in the middle of the page.
    if row.y1 < 0.09 * height or row.y0 > 0.93 * height:  # header band; footer band
        return True
    if row.y0 > 0.85 * height and (JOB_NUMBER.match(row.text) or PAGE_NUMBER.match(row.text)):
        return True  # page numbers, job numbers
    return any("Barcode" in s.font for s in row.spans)


def _is_small(row: Row, size: float) -> bool:
    return row.size < 0.93 * size or bool(SEPARATOR.match(row.text))


def _starts_note(row: Row, size: float) -> bool:
    """A footnote starts with its number set smaller than the note text (or superscript)."""
    spans = [s for s in row.spans if s.text.strip()]
    first = spans[0]
    if not first.text.strip().isdigit():
        return False
    rest = [s.size for s in spans[1:]]
    return bool(first.flags & SUPERSCRIPT) or (bool(rest) and first.size < 0.85 * max(rest))


def read_pages(doc: pymupdf.Document) -> tuple[list[Page], float]:
    raw = [(p.number + 1, p.rect.width, p.rect.height, extract_rows(p, p.number + 1)) for p in doc]
    size = body_size([rows for *_, rows in raw])
    return [split_page(rows, n, w, h, size) for n, w, h, rows in raw], size
