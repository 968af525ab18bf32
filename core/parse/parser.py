"""Parse a UN resolution PDF into a Resolution: metadata, paragraph tree, footnotes.

Rules are about layout and the drafting conventions of UN resolutions, never about one file.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pymupdf

from clausemark.core.errors import ParseError
from clausemark.core.parse import metadata as meta
from clausemark.core.parse.blocks import make_blocks
from clausemark.core.parse.model import HEADING, Footnote, Resolution
from clausemark.core.parse.pdf_lines import Page, read_pages
from clausemark.core.parse.tree import TreeBuilder

pymupdf.TOOLS.mupdf_display_errors(False)  # damaged files are reported by us, not on stderr

MIN_TEXT_CHARS = 40


# What pymupdf raises for a damaged file: RuntimeError/ValueError from its Python layer, and
# MuPDF's own errors (e.g. "cycle in page tree"), which are not RuntimeErrors (found by fuzzing).
_DAMAGE = (RuntimeError, ValueError, pymupdf.mupdf.FzErrorBase)


def parse_pdf(path: str | os.PathLike, data: bytes | None = None) -> Resolution:
    """Parse the PDF at `path` (or its bytes in `data`, with `path` naming it in messages)."""
    name = os.fspath(path)
    doc = _open(name, data)
    try:
        try:  # a damaged page tree fails already here (found by fuzzing)
            encrypted, page_count = doc.needs_pass, doc.page_count
        except _DAMAGE as exc:
            raise ParseError(name, f"the PDF is damaged ({_short(exc)})") from None
        if encrypted:
            raise ParseError(name, "the PDF is encrypted (password-protected)")
        if page_count == 0:
            raise ParseError(name, "the PDF has no pages")
        try:
            pages, size = read_pages(doc)
        except _DAMAGE as exc:
            raise ParseError(name, f"the PDF is damaged ({_short(exc)})") from None
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
    try:
        return pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises several types for broken files
        raise ParseError(name, f"not a readable PDF ({_short(exc)})") from None


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _build(name: str, pages: list[Page], size: float, page_count: int) -> Resolution:
    chars = sum(len(r.text) for p in pages for r in p.rows + p.footnote_rows + p.furniture)
    if chars < MIN_TEXT_CHARS:
        raise ParseError(name, "no text layer (an image-only scan?); it needs OCR first")
    first = pages[0]
    start = meta.find_body_start(first.rows, size)
    header = sorted(first.furniture + first.rows[:start], key=lambda r: (r.y0, r.x0))
    info = meta.header_metadata(header + first.rows[start:start + 1], first.rows[:start], size)
    body_rows = first.rows[start:] + [r for p in pages[1:] for r in p.rows]
    if body_rows and meta.BODY_LINE.match(body_rows[0].text):
        body_rows = body_rows[1:]
    widths = {p.number: p.width for p in pages}
    blocks = make_blocks(body_rows, size, widths)
    res = Resolution(pages=page_count, **{k: info[k] for k in (
        "symbol", "title", "body", "session", "agenda_item", "adopted", "meeting")})
    tree = TreeBuilder(res, size)
    tree.build(blocks)
    res.footnotes = _footnotes(pages) + tree.notes
    all_text = " ".join(p.text for p in res.walk())
    res.language = meta.detect_language(all_text)
    if not res.symbol or not any(p.kind != HEADING for p in res.walk()):
        missing = "document symbol" if not res.symbol else "paragraphs"
        raise ParseError(name, f"not a UN resolution (no {missing} found)")
    return res


def _footnotes(pages: list[Page]) -> list[Footnote]:
    notes: list[Footnote] = []
    for page in pages:
        for row in page.footnote_rows:
            spans = [s for s in row.spans if s.text.strip()]
            first = spans[0].text.strip()
            rest = " ".join(s.text.strip() for s in spans[1:])
            sizes = [s.size for s in spans[1:]]
            starts = first.isdigit() and (bool(spans[0].flags & 1) or
                                          (sizes and spans[0].size < 0.85 * max(sizes)))
            if starts:
                notes.append(Footnote(first, rest.strip(), page.number))
            elif notes:
                notes[-1].text = f"{notes[-1].text} {row.text}".strip()
    for note in notes:
        note.text = re.sub(r"\s+", " ", note.text)
    return notes
