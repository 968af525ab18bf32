"""The Excel workbook (openpyxl): a sheet of tags, a sheet per matrix, and a sheet that says what
was selected and what the numbers count.

The tags sheet has the CSV's columns, with real date cells (adopted) and date-time cells (tagged,
UTC), a frozen header row, filters on every column, widths that fit, and the citations. Every
text cell is written as text, never as a formula, whatever it starts with: formula injection is
impossible (unlike CSV, no apostrophe is needed). Written in openpyxl's write-only mode, which
streams rows to the file instead of holding a cell object for each."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from clausemark.core.output import CancelCheck, ProgressCallback, Ticker, atomic_output
from clausemark.core.reports.csv_report import TAG_COLUMNS, tag_cells
from clausemark.core.reports.figures import cooccurrence_matrix, counts_matrix, figures
from clausemark.core.reports.select import ReportData, counted, included

SHEETS = ("Tags", "Counts", "Co-occurrence", "About")
EXCEL_CELL_LIMIT = 32_767  # characters; Excel cuts longer cells
# Characters XML 1.0 (so an .xlsx) cannot hold; a stray one from a PDF would stop the save.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
WIDTHS = {"symbol": 16, "title": 32, "adopted": 11, "paragraph_id": 11, "citation": 24,
          "kind": 13, "opening": 20, "theme": 18, "text": 80, "note": 40, "author": 16,
          "tagged": 17, "excerpt": 50}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")


def _text(ws, value: str) -> WriteOnlyCell | str:
    """A text cell that stays text: openpyxl would store "=..." as a formula."""
    value = _NOT_XML.sub("", value)[:EXCEL_CELL_LIMIT]
    if value[:1] in ("=", "+", "-", "@"):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def _header(ws, names) -> list:
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=_NOT_XML.sub("", str(name)))
        cell.data_type = "s"
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="top")
        cells.append(cell)
    return cells


def _date(ws, iso: str | None):
    """A date (or, with a time, a UTC date-time) cell; openpyxl gives it a date format
    (yyyy-mm-dd, or yyyy-mm-dd h:mm:ss)."""
    if not iso:
        return None
    try:
        if "T" in iso:
            return dt.datetime.fromisoformat(iso).astimezone(dt.UTC).replace(tzinfo=None,
                                                                             microsecond=0)
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return _text(ws, iso)


def _tags_sheet(wb, data: ReportData, ticker: Ticker) -> None:
    ws = wb.create_sheet("Tags")
    ws.freeze_panes = "A2"
    for i, name in enumerate(TAG_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 14)
    last = get_column_letter(len(TAG_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{len(data.rows) + 1}"
    ws.append(_header(ws, TAG_COLUMNS))
    adopted, tagged = TAG_COLUMNS.index("adopted"), TAG_COLUMNS.index("tagged")
    for r in data.rows:
        cells = tag_cells(r)
        row = [_text(ws, v) if isinstance(v, str) and v else (v or None) for v in cells]
        row[adopted] = _date(ws, r.adopted)
        row[tagged] = _date(ws, r.tagged)  # the full time stamp, not the CSV's text
        ws.append(row)
        ticker.step()


def _matrix_sheet(wb, title: str, header: list, rows: list[list], total_row: bool) -> None:
    ws = wb.create_sheet(title)
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = max([len(str(r[0])) for r in rows] + [12]) + 2
    for i, name in enumerate(header[1:], start=2):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(24, len(str(name)) + 2))
    ws.append(_header(ws, header))
    for n, row in enumerate(rows):
        first = _header(ws, [row[0]])[0] if total_row and n == len(rows) - 1 else \
            _text(ws, str(row[0]))
        ws.append([first, *row[1:]])


_TAGS_SHEET = ("One row per tag. A clause (one paragraph) with two themes has a row for each; "
               "excerpt is the tagged words (the whole text unless the tag covers a passage). "
               "Dates: adopted is the adoption date, tagged the time the tag was made (UTC).")
_TAGS_SHEET_SEARCH = ("One row per paragraph the search found, tagged or not; theme lists the "
                      "themes it is tagged with. Dates: adopted is the adoption date.")


def _about_sheet(wb, data: ReportData, title: str) -> None:
    ws = wb.create_sheet("About")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    fig = figures(data)
    lines = [("Report", title), *data.description.items(),
             ("Included", f"{included(data)} ({counted(fig.total_tags, 'tag')})"),
             ("Prepared by", data.author or ""),
             ("Made", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
             ("Tags", _TAGS_SHEET_SEARCH if data.search is not None else _TAGS_SHEET),
             ("Counts", "Clauses per theme and document; a clause with two themes counts under "
                        "each. The total row and column are the sums."),
             ("Co-occurrence", "Clauses tagged with both themes; the diagonal is the theme's "
                               "total in Counts.")]
    for label, value in lines:
        ws.append([_header(ws, [label])[0], _text(ws, value)])


def write_xlsx(data: ReportData, path: str | os.PathLike, *, title: str = "Theme report",
               progress: ProgressCallback | None = None,
               cancelled: CancelCheck | None = None) -> Path:
    """The workbook for `data`: sheets Tags, Counts, Co-occurrence and About."""
    ticker = Ticker(len(data.rows) + 1, progress, cancelled, every=500)
    wb = Workbook(write_only=True)
    _tags_sheet(wb, data, ticker)
    header, rows = counts_matrix(data)
    _matrix_sheet(wb, "Counts", header, rows, total_row=True)
    header, rows = cooccurrence_matrix(data)
    _matrix_sheet(wb, "Co-occurrence", header, rows, total_row=False)
    _about_sheet(wb, data, title)
    props = wb.properties
    props.title, props.creator = title, data.author or None
    props.subject = "; ".join(f"{k}: {v}" for k, v in data.description.items())
    with atomic_output(path) as tmp:
        wb.save(str(tmp))
        ticker.finish()
    return Path(path)
