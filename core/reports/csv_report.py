"""CSV reports for analysis: one row per tag, or a theme-by-document count matrix, or a theme
co-occurrence matrix. UTF-8 with a byte-order mark (Excel then reads accents correctly), and
cells that a spreadsheet would run as a formula are neutralised (OWASP, "CSV injection")."""
from __future__ import annotations

import csv
import os
from pathlib import Path

from clausemark.core.output import CancelCheck, ProgressCallback, Ticker, atomic_output
from clausemark.core.reports.figures import cooccurrence_matrix, counts_matrix
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


def sheet_time(iso: str | None) -> str:
    """"2026-12-01 11:56:45" from the library's "2026-12-01T11:56:45.123+00:00" (UTC): the ISO
    form with a space, which Excel, LibreOffice and Sheets read as a date and time."""
    return (iso or "")[:19].replace("T", " ")


def tag_cells(row: ReportRow) -> list:
    """The TAG_COLUMNS of one tag. `excerpt` is always the tagged words: the passage of a
    span tag, else the whole text."""
    return [row.symbol, row.title, row.adopted, row.paragraph, row.citation, row.kind,
            row.opening, row.theme, row.text, row.note, row.author, sheet_time(row.tagged),
            row.excerpt or row.text, row.document_type, row.committee]


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
    if any(r.first_agreed for r in data.rows):  # asked for: one more column at the end
        return _write(path, [*TAG_COLUMNS, "first_agreed_in"],
                      ([*tag_cells(r), r.first_agreed] for r in data.rows), ticker)
    return _write(path, TAG_COLUMNS, (tag_cells(r) for r in data.rows), ticker)


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
