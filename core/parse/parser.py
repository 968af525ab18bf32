"""Parse a UN resolution PDF into a Resolution: metadata, paragraph tree, footnotes.

Rules are about layout and the drafting conventions of UN resolutions, never about one file.
"""
from __future__ import annotations

import gc
import os
import re
from pathlib import Path

import pymupdf

from clausemark.core.errors import ParseError
from clausemark.core.parse import metadata as meta
from clausemark.core.parse.amendments import structure_amendment
from clausemark.core.parse.blocks import Block, make_blocks
from clausemark.core.parse.decisions import structure_decision
from clausemark.core.parse.facts import document_facts
from clausemark.core.parse.model import (
    ANNEX,
    ANNEX_PARAGRAPH,
    HEADING,
    OPERATIVE,
    PREAMBULAR,
    SUBPARAGRAPH,
    Footnote,
    Paragraph,
    Resolution,
)
from clausemark.core.parse.openings import fallback_opening, is_operative_opening
from clausemark.core.parse.pdf_lines import Page, read_pages
from clausemark.core.parse.text_clean import join_lines, repair_hyphens, span_text, tidy

pymupdf.TOOLS.mupdf_display_errors(False)  # damaged files are reported by us, not on stderr

ANNEX_HEADING = re.compile(r"^Annex(?:es)?(?:\s+([IVXLC]+|\d+|[A-Z]))?\s*\**(?:\s*[–—:-]\s*(.+))?$")
ROMAN = re.compile(r"^(?=[ivxlc]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
MIN_TEXT_CHARS = 40
NOT_RESOLUTIONS = ("note", "report", "letter")  # document types (facts.py) refused by name


# What pymupdf raises for a damaged file: RuntimeError/ValueError from its Python layer, and
# MuPDF's own errors (e.g. "cycle in page tree"), which are not RuntimeErrors (found by fuzzing).
_DAMAGE = (RuntimeError, ValueError, pymupdf.mupdf.FzErrorBase)


def parse_pdf(path: str | os.PathLike, data: bytes | None = None) -> Resolution:
    """Parse the PDF at `path` (or its bytes in `data`, with `path` naming it in messages)."""
    # Parsing makes tens of thousands of small objects and no reference cycles: the cyclic
    # collector would only walk them again and again (about 5% of the parse time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(os.fspath(path), data)
    finally:
        if collecting:
            gc.enable()


def _parse(name: str, data: bytes | None) -> Resolution:
    doc = _open(name, data)
    try:
        try:  # a damaged page tree fails already here (found by fuzzing)
            encrypted, page_count = doc.needs_pass, doc.page_count
        except _DAMAGE as exc:
            raise ParseError(name, f"the PDF is damaged ({_short(exc)})") from None
        if encrypted:
            raise ParseError(name, "the PDF is encrypted (password-protected)")
        _refuse_repaired(name, doc)
        if page_count == 0:
            raise ParseError(name, "the PDF has no pages")
        try:
            pages, size = read_pages(doc)
        except _DAMAGE as exc:
            raise ParseError(name, f"the PDF is damaged ({_short(exc)})") from None
        _refuse_repaired(name, doc)  # MuPDF may repair only when it meets a broken page
        return _build(name, pages, size, page_count)
    finally:
        doc.close()


def _open(name: str, data: bytes | None) -> pymupdf.Document:
    if data is None:
        p = Path(name)
        if not p.exists():
            raise ParseError(name, "no such file")
        if p.is_dir():
            raise ParseError(name, "is a folder, not a PDF file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise ParseError(name, f"cannot be read ({exc.strerror})") from None
    if not data:
        raise ParseError(name, "the file is empty")
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise ParseError(name, "not a PDF file")
    pymupdf.TOOLS.reset_mupdf_warnings()
    try:
        return pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises several types for broken files
        raise ParseError(name, f"not a readable PDF: damaged or incomplete ({_short(exc)})") \
            from None


def _refuse_repaired(name: str, doc: pymupdf.Document) -> None:
    """A truncated or corrupted file opens only after MuPDF rebuilt its cross-reference table,
    and then yields part of the document: refused, never imported as half a resolution."""
    if not doc.is_repaired:
        return
    warnings = [w for w in pymupdf.TOOLS.mupdf_warnings().splitlines()
                if w.strip() and not w.startswith("...")]
    detail = f"; MuPDF: {warnings[0][:80]}" if warnings else ""
    raise ParseError(name, f"the PDF is damaged or incomplete (truncated or corrupted, it had "
                           f"to be repaired{detail})")


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _build(name: str, pages: list[Page], size: float, page_count: int) -> Resolution:
    if not _has_text(pages):
        raise ParseError(name, "no text layer (an image-only scan?); it needs OCR first")
    first = pages[0]
    start = meta.find_body_start(first.rows, size)
    header = sorted(first.furniture + first.rows[:start], key=lambda r: (r.y0, r.x0))
    info = meta.header_metadata(header + first.rows[start:start + 1], first.rows[:start], size)
    info.update(document_facts(header, first.rows[:start], size, info["symbol"],
                               adopted_line=info["adopted"] is not None))
    if info["document_type"] in NOT_RESOLUTIONS:
        raise ParseError(name, f"a {info['document_type']}, not a resolution, decision, draft or "
                               "amendment, which are what Clausemark reads")
    body_rows = first.rows[start:] + [r for p in pages[1:] for r in p.rows]
    if body_rows and meta.BODY_LINE.match(body_rows[0].text):
        body_rows = body_rows[1:]
    widths = {p.number: p.width for p in pages}
    blocks = make_blocks(body_rows, size, widths)
    res = Resolution(pages=page_count, **{k: info[k] for k in (
        "symbol", "title", "body", "session", "agenda_item", "adopted", "meeting",
        "document_type", "committee", "distributed", "sponsors", "original")})
    _TreeBuilder(res, size).build(blocks)
    if res.document_type == "amendment":
        structure_amendment(res)  # instructions, each with the paragraphs it quotes
    elif res.document_type in ("draft decision", "decision"):
        structure_decision(res)  # what is decided is the operative part
    res.footnotes = _footnotes(pages)
    sample, n = [], 0
    for p in res.walk():  # the first paragraphs are enough to tell the language
        sample.append(p.text)
        n += len(p.text)
        if n >= meta.LANGUAGE_SAMPLE:
            break
    res.language = meta.detect_language(" ".join(sample))
    if not res.symbol or not any(p.kind != HEADING for p in res.walk()):
        missing = "document symbol" if not res.symbol else "paragraphs"
        raise ParseError(name, f"not a UN resolution (no {missing} found)")
    return res


def _has_text(pages: list[Page]) -> bool:
    chars = 0
    for p in pages:
        for r in p.rows + p.footnote_rows + p.furniture:
            chars += len(r.text)
            if chars >= MIN_TEXT_CHARS:
                return True
    return False


class _TreeBuilder:
    """Places blocks in the tree: preamble, operative part, subparagraphs, annexes."""

    def __init__(self, res: Resolution, size: float):
        self.res, self.size = res, size
        self.ids: set[str] = set()
        self.pp = 0
        self.operative_started = False
        self.last_top: Paragraph | None = None   # last PP/OP (or annex paragraph)
        self.last_sub: Paragraph | None = None   # last lettered subparagraph
        self.last_deep: Paragraph | None = None  # last (i), (ii) under it
        self.annex: Paragraph | None = None
        self.annex_pending = False  # saw "Annex"; next headings are its title
        self.annex_unnumbered = 0
        self.annex_headings = 0

    def build(self, blocks: list[Block]) -> None:
        self.italic_doc = any(b.opening_italic for b in blocks if b.kind == "text")
        for block in blocks:
            if block.kind == "meeting":
                self.res.meeting = self.res.meeting or block.first.text.rstrip(".")
            elif block.kind == "heading":
                self._heading(block)
            elif block.kind == "text":
                self._text(block)
        texts = repair_hyphens([p.text for p in self.res.walk()])
        for p, t in zip(self.res.walk(), texts):
            p.text = t

    # -- headings and annexes -------------------------------------------------------------
    def _heading(self, block: Block) -> None:
        text = block.text
        if self.annex is not None and not self.annex.children:
            _extend(self.annex, block)  # the annex's own lines: its heading
        m = ANNEX_HEADING.match(block.rows[0].text)
        if m:
            self._open_annex(m[1], text)
            _extend(self.annex, block)
            self.annex_pending = True
            rest = text[text.find(m[2]):] if m[2] else " ".join(r.text for r in block.rows[1:])
            rest = re.sub(r"\s+", " ", rest).strip()
            if not rest:
                return
            text = rest
        has_body = self.last_top is not None
        if self.annex is not None and (self.annex_pending or not self.annex.children):
            self.annex.opening = f"{self.annex.opening} {text}".strip() if \
                self.annex.opening else text
            self.annex.text = self.annex.opening
            self.annex_pending = False
            return
        adopts_text = (self.last_top is not None and self.last_top.kind == OPERATIVE
                       and self.last_top.number is None)  # "Adopts the following ...:"
        if self.annex is None and has_body and (
                adopts_text or max(r.size for r in block.rows) >= 1.1 * self.size):
            self._open_annex(None, "Annex")
            self.annex.opening = self.annex.text = text
            _extend(self.annex, block)
            return
        if not has_body:
            return  # a heading above the text belongs to the header block
        parent = self.annex
        self.annex_headings += 1
        pid = f"{parent.id}.H{self.annex_headings}" if parent else f"H{self.annex_headings}"
        label = f"{parent.label}, heading {self.annex_headings}" if parent \
            else f"Heading {self.annex_headings}"
        node = self._node(pid, HEADING, None, label, block, text=text, opening=None)
        (parent.children if parent else self.res.paragraphs).append(node)

    def _open_annex(self, numeral: str | None, heading: str) -> None:
        pid = f"ANNEX_{numeral}" if numeral else "ANNEX"
        node = Paragraph(id=self._unique(pid), kind=ANNEX, number=numeral,
                         label=f"Annex {numeral}" if numeral else "Annex", text="")
        self.res.paragraphs.append(node)
        self.annex, self.last_top, self.last_sub, self.last_deep = node, None, None, None
        self.annex_unnumbered = self.annex_headings = 0

    # -- paragraphs -------------------------------------------------------------------------
    def _text(self, block: Block) -> None:
        if _is_italic_heading(block):
            self._heading(block)
            return
        opening = self._opening(block)
        cue = opening or fallback_opening(block.text)  # tells preambular from operative
        if block.letter is not None:
            self._subparagraph(block, opening)
        elif self.annex is not None:
            self._annex_paragraph(block, opening)
        elif block.number is not None:
            self.operative_started = True
            self._top(f"OP{block.number}", OPERATIVE, block.number, f"OP {block.number}",
                      block, opening)
        elif not self.operative_started and is_operative_opening(cue) is not True:
            self.pp += 1
            self._top(f"PP{self.pp}", PREAMBULAR, None, f"PP {self.pp}", block, opening)
        elif is_operative_opening(cue) or self.last_top is None:
            # An unnumbered operative paragraph: the sole one of a short resolution.
            self.operative_started = True
            self._top("OP", OPERATIVE, None, "OP", block, opening)
        else:
            self._continue(self.last_top, block)

    def _opening(self, block: Block) -> str | None:
        italic = block.opening_italic
        if italic and len(italic.split()) <= 10 and block.text.startswith(italic):
            return italic
        # A document set with italic openings has none here: none is invented from a word list.
        return None if self.italic_doc else fallback_opening(block.text)

    def _top(self, pid, kind, number, label, block, opening) -> None:
        node = self._node(pid, kind, number, label, block, opening=opening)
        self.res.paragraphs.append(node)
        self.last_top, self.last_sub, self.last_deep = node, None, None

    def _annex_paragraph(self, block: Block, opening) -> None:
        annex = self.annex
        if block.number is not None:
            pid, label = f"{annex.id}.{block.number}", f"{annex.label}, para. {block.number}"
        else:
            self.annex_unnumbered += 1
            n = self.annex_unnumbered
            pid, label = f"{annex.id}.P{n}", f"{annex.label}, unnumbered para. {n}"
        node = self._node(pid, ANNEX_PARAGRAPH, block.number, label, block, opening=opening)
        annex.children.append(node)
        self.annex_pending = False
        self.last_top, self.last_sub, self.last_deep = node, None, None

    def _subparagraph(self, block: Block, opening) -> None:
        letter = block.letter
        parent = self.last_top
        if parent is None:
            self._top(f"PP{self.pp + 1}", PREAMBULAR, None, f"PP {self.pp + 1}", block, opening)
            self.pp += 1
            return
        if self._is_roman(letter) and self.last_sub is not None:
            parent = self.last_sub
        node = self._node(f"{parent.id}({letter})", SUBPARAGRAPH, letter,
                          f"{parent.label} ({letter})", block, opening=opening)
        parent.children.append(node)
        if parent is self.last_top:
            self.last_sub, self.last_deep = node, None
        else:
            self.last_deep = node

    def _is_roman(self, letter: str) -> bool:
        """(i) after (h) is a letter; (i) after (b) opens a nested list; (c) after (b)(v) is
        the next letter again."""
        if not ROMAN.match(letter) or self.last_sub is None:
            return False
        if self.last_deep is not None and letter == _next_roman(self.last_deep.number or ""):
            return True
        if letter == _next_letter(self.last_sub.number or ""):
            return False
        return self.last_deep is not None or letter == "i"

    def _continue(self, node: Paragraph, block: Block) -> None:
        """Unnumbered text inside the operative part belongs to the paragraph before it."""
        node.text = join_lines([node.text, block.text])
        node.boxes.extend(block.boxes)
        node.pages = sorted(set(node.pages) | set(block.pages))
        node.footnote_refs.extend(block.footnote_refs)

    def _node(self, pid, kind, number, label, block, *, opening, text=None) -> Paragraph:
        return Paragraph(id=self._unique(pid), kind=kind, number=number, label=label,
                         opening=opening, text=block.text if text is None else text,
                         pages=block.pages, footnote_refs=list(block.footnote_refs),
                         boxes=block.boxes)

    def _unique(self, pid: str) -> str:
        candidate, n = pid, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{pid}-{n}"
        self.ids.add(candidate)
        return candidate


def _next_letter(prev: str) -> str | None:
    """(a) -> (b), (z) -> (aa), (aa) -> (bb)."""
    if not prev or not prev.isalpha():
        return None
    if prev[-1] == "z":
        return "aa" if len(prev) == 1 else None
    return chr(ord(prev[0]) + 1) * len(prev)


def _extend(node: Paragraph, block: Block) -> None:
    node.boxes.extend(b for b in block.boxes if b not in node.boxes)
    node.pages = sorted(set(node.pages) | set(block.pages))


def _is_italic_heading(block: Block) -> bool:
    """A short all-italic line without closing punctuation is a section heading."""
    text = block.text
    return (block.number is None and block.letter is None and block.opening_italic == text
            and len(text.split()) <= 12 and not text.endswith((",", ";", ".", ":")))


ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"]


def _next_roman(prev: str) -> str | None:
    return ROMANS[ROMANS.index(prev) + 1] if prev in ROMANS[:-1] else None


def _footnotes(pages: list[Page]) -> list[Footnote]:
    notes: list[Footnote] = []
    lines: list[list[str]] = []  # each note's lines
    for page in pages:
        for row in page.footnote_rows:
            spans = row.spans
            lead = next(i for i, s in enumerate(spans) if s.text.strip())
            first = spans[lead].text.strip()
            sizes = [s.size for s in spans[lead + 1:] if s.text.strip()]
            starts = first.isdigit() and (bool(spans[lead].flags & 1) or
                                          (sizes and spans[lead].size < 0.8 * max(sizes)))
            if starts:  # the note's text as printed: spans carry their own spaces
                notes.append(Footnote(first, "", page.number))
                lines.append([span_text([s.text for s in spans[lead + 1:]])])
            elif notes:
                lines[-1].append(span_text([s.text for s in spans]))
    texts = repair_hyphens([join_lines(parts) for parts in lines])
    for note, text in zip(notes, texts):
        note.text = tidy(text)
    return notes
