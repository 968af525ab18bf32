"""CSV reports for analysis: one row per tag, or a theme-by-document count matrix, or a theme
co-occurrence matrix. UTF-8 with a byte-order mark (Excel then reads accents correctly), and
cells that a spreadsheet would run as a formula are neutralised (OWASP, "CSV injection")."""
from __future__ import annotations

import csv
import os
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from clausemark.core.output import CancelCheck, ProgressCallback, Ticker, atomic_output
from clausemark.core.reports.select import ReportData, ReportRow

TAG_COLUMNS = ["symbol", "title", "adopted", "paragraph_id", "citation", "kind", "opening",
               "theme", "text", "note", "author", "tagged", "excerpt", "document_type",
               "committee"]  # new columns at the end: scripts reading by position keep working
MATRICES = ("counts", "cooccurrence")
# OWASP: a cell starting with one of these is a formula to Excel, LibreOffice or Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_FORMULA_CHARS = frozenset(FORMULA_START)


def neutralise(value):
    """A text cell that starts like a formula gets a leading apostrophe, so it stays text."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in _FORMULA_CHARS:
        return "'" + value
    return value


def _tag_cells(row: ReportRow) -> list:
    return [row.symbol, row.title, row.adopted, row.paragraph, row.citation, row.kind,
            row.opening, row.theme, row.text, row.note, row.author, row.tagged, row.excerpt,
            row.document_type, row.committee]


def _write(path: str | os.PathLike, header: list, body, ticker: Ticker) -> Path:
    with atomic_output(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            # Text quoted, numbers bare: spreadsheets read the counts as numbers.
            writer = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC)
            writer.writerow([neutralise(c) for c in header])
            for cells in body:
                writer.writerow([neutralise(c) for c in cells])
                ticker.step()
        ticker.finish()
    return Path(path)


def write_tags_csv(data: ReportData, path: str | os.PathLike, *,
                   progress: ProgressCallback | None = None,
                   cancelled: CancelCheck | None = None) -> Path:
    """One row per tag, in document and paragraph order."""
    ticker = Ticker(len(data.rows), progress, cancelled, every=500)
    return _write(path, TAG_COLUMNS, (_tag_cells(r) for r in data.rows), ticker)


def _paragraphs_by_theme(data: ReportData) -> dict[int, set[tuple[int, str]]]:
    """theme id -> the (document, paragraph) pairs it tags: a paragraph counts once per theme
    even when several spans of it carry the theme."""
    found: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for r in data.rows:
        found[r.theme_id].add((r.document_id, r.paragraph))
    return found


def counts_matrix(data: ReportData) -> tuple[list, list[list]]:
    """Rows = themes, columns = documents (+ total); a cell = tagged paragraphs."""
    found = _paragraphs_by_theme(data)
    header = ["theme"] + [d.display_name for d in data.documents] + ["total"]
    rows = []
    for theme in data.themes:
        per_doc = defaultdict(int)
        for doc_id, _ in found.get(theme.id, ()):
            per_doc[doc_id] += 1
        cells = [per_doc.get(d.id, 0) for d in data.documents]
        rows.append([theme.name] + cells + [sum(cells)])
    totals = [sum(r[i] for r in rows) for i in range(1, len(header))]
    return header, rows + [["total"] + totals]


def cooccurrence_matrix(data: ReportData) -> tuple[list, list[list]]:
    """Rows and columns = themes; a cell = paragraphs tagged with both (the diagonal: with
    that theme at all)."""
    themes_of: dict[tuple[int, str], set[int]] = defaultdict(set)
    for r in data.rows:
        themes_of[(r.document_id, r.paragraph)].add(r.theme_id)
    pair_count: dict[tuple[int, int], int] = defaultdict(int)
    for ids in themes_of.values():
        for a in ids:
            pair_count[(a, a)] += 1
        for a, b in combinations(sorted(ids), 2):
            pair_count[(a, b)] += 1
            pair_count[(b, a)] += 1
    header = ["theme"] + [t.name for t in data.themes]
    rows = [[a.name] + [pair_count.get((a.id, b.id), 0) for b in data.themes]
            for a in data.themes]
    return header, rows


def write_matrix_csv(data: ReportData, path: str | os.PathLike, matrix: str, *,
                     progress: ProgressCallback | None = None,
                     cancelled: CancelCheck | None = None) -> Path:
    if matrix not in MATRICES:
        raise ValueError(f"matrix is one of {MATRICES}, not {matrix!r}")
    header, rows = (counts_matrix if matrix == "counts" else cooccurrence_matrix)(data)
    return _write(path, header, rows, Ticker(len(rows), progress, cancelled, every=50))


def write_csv(data: ReportData, path: str | os.PathLike, matrix: str | None = None, *,
              progress: ProgressCallback | None = None,
              cancelled: CancelCheck | None = None) -> Path:
    """The tags CSV, or with `matrix` ("counts" or "cooccurrence") that matrix."""
    if matrix:
        return write_matrix_csv(data, path, matrix, progress=progress, cancelled=cancelled)
    return write_tags_csv(data, path, progress=progress, cancelled=cancelled)
