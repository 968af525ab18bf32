"""Parse a UN resolution PDF into a Resolution: metadata, paragraph tree, footnotes.

Rules are about layout and the drafting conventions of UN resolutions, never about one file.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

import pymupdf

from clausemark.core.errors import ParseError
from clausemark.core.parse import metadata as meta
from clausemark.core.parse.amendments import structure_amendment
from clausemark.core.parse.blocks import make_blocks
from clausemark.core.parse.decisions import (
    MAX_BEYOND_DECISION,
    beyond_decision_share,
    structure_decision,
)
from clausemark.core.parse.facts import document_facts
from clausemark.core.parse.model import HEADING, Footnote, Resolution
from clausemark.core.parse.pdf_lines import Page, read_pages
from clausemark.core.parse.text_clean import join_lines, repair_hyphens, span_text, tidy
from clausemark.core.parse.tree import TreeBuilder

pymupdf.TOOLS.mupdf_display_errors(False)  # damaged files are reported by us, not on stderr

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
    tree = TreeBuilder(res, size)
    tree.build(blocks)
    if res.document_type == "amendment":
        structure_amendment(res)  # instructions, each with the paragraphs it quotes
    elif res.document_type in ("draft decision", "decision"):
        structure_decision(res)  # what is decided is the operative part
        share = beyond_decision_share(res)
        if share > MAX_BEYOND_DECISION:
            raise ParseError(name, f"{res.symbol or 'this decision'} is mostly tables, lists "
                                   f"and headings beyond what it decides ({share:.0%} of its "
                                   "text; a programme of work or a timetable), not a "
                                   "resolution or decision text: not imported")
    res.footnotes = _footnotes(pages) + tree.notes
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
                                          (sizes and spans[lead].size < 0.85 * max(sizes)))
            if starts:  # the note's text as printed: spans carry their own spaces
                notes.append(Footnote(first, "", page.number))
                lines.append([span_text([s.text for s in spans[lead + 1:]])])
            elif notes:
                lines[-1].append(span_text([s.text for s in spans]))
    texts = repair_hyphens([join_lines(parts) for parts in lines])
    for note, text in zip(notes, texts):
        note.text = tidy(text)
    return notes
