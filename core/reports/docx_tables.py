"""Tables of the Word brief: the summary (clauses per document and theme) and the matrices.

Every number comes from `figures`, so the brief agrees with the CSV and the Excel workbook.
Columns are sized so that no header word has to break: a table too wide for a portrait page
turns its page sideways, and one too wide even then is split into several tables that repeat
the first columns."""
from __future__ import annotations

from dataclasses import dataclass

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from clausemark.core.reports.docx_parts import (
    A4_LONG_CM,
    A4_SHORT_CM,
    CELL_PADDING_CM,
    GREY,
    MARGIN_CM,
    add_run,
    cant_split,
    longest_word_cm,
    narrow_cell_margins,
    repeat_as_header,
    set_widths,
    shade,
    text_width_cm,
)
from clausemark.core.reports.figures import cooccurrence_matrix, counts_matrix, figures
from clausemark.core.reports.wording import heading_text as heading
from clausemark.core.reports.wording import short_date, short_title

SIZE = 8.5  # points, every cell
HEADER_FILL, TOTAL_FILL = "DCE6F0", "F2F2F2"
KEEP_TOGETHER_ROWS = 30
MAX_MATRIX_DOCUMENT_COLUMNS = 8  # more documents: the counts matrix lists them as rows


def usable_cm(landscape: bool) -> float:
    return (A4_LONG_CM if landscape else A4_SHORT_CM) - 2 * MARGIN_CM


@dataclass
class Column:
    title: str
    width: float  # cm: the widest header word or value, with the cell's padding
    key: bool = False  # repeated in every part of a split table
    grow: bool = False  # takes the width that is left


def column(title: str, values=(), key: bool = False, grow: bool = False, floor: float = 0.0):
    widest = max([longest_word_cm(title, SIZE, bold=True)]
                 + [text_width_cm(str(v), SIZE) for v in values])
    return Column(title, max(floor, widest + CELL_PADDING_CM), key, grow)


def needs_sideways(columns: list[Column]) -> bool:
    return sum(c.width for c in columns) > usable_cm(False)


def _parts(columns: list[Column], sideways: bool | None = None) -> tuple[bool, list[list[int]]]:
    """(landscape, column indexes of each table) so that every table fits the page width;
    `sideways` says the orientation when the caller has chosen it."""
    keys = [i for i, c in enumerate(columns) if c.key]
    rest = [i for i, c in enumerate(columns) if not c.key]
    need = sum(c.width for c in columns)
    if need <= usable_cm(False) and not sideways:
        return False, [keys + rest]
    if need <= usable_cm(True):
        return True, [keys + rest]
    room = usable_cm(True) - sum(columns[i].width for i in keys)
    parts, current, used = [], [], 0.0
    for i in rest:
        if current and used + columns[i].width > room:
            parts.append(keys + current)
            current, used = [], 0.0
        current.append(i)
        used += columns[i].width
    parts.append(keys + current)
    return True, parts


class TableWriter:
    """Writes fitted tables into a brief (`brief.doc`, `brief.out`, `brief.styles`)."""

    def __init__(self, brief):
        self.brief = brief

    def section(self, landscape: bool) -> None:
        section = self.brief.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        wide, tall = Cm(A4_LONG_CM), Cm(A4_SHORT_CM)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (wide, tall) if landscape else (tall, wide)

    def table(self, columns: list[Column], rows: list[list], total_rows: int = 1,
              before=None, intro=None, sideways: bool | None = None) -> int:
        """Fitted table(s) of `rows` (cells: str, int, or (bold text, grey text)); the last
        `total_rows` rows are shaded as totals. `intro()` writes the heading and lines above the
        table, on the sideways page when the table needs one (not alone on the page before it);
        `before(part, parts)` may write a line above each part. With `sideways` None the table
        turns its own pages as needed; True or False: the caller has set the page.
        Returns how many tables were written."""
        landscape, parts = _parts(columns, sideways)
        own = sideways is None and landscape
        if own:
            self.section(landscape=True)
        if intro is not None:
            intro()
        for n, indexes in enumerate(parts):
            if before is not None:
                before(n, len(parts))
            self._one(columns, indexes, rows, total_rows, usable_cm(landscape))
        if own:
            self.section(landscape=False)
        return len(parts)

    def _one(self, columns, indexes, rows, total_rows, room) -> None:
        doc = self.brief.doc
        table = doc.add_table(rows=1, cols=len(indexes))
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        narrow_cell_margins(table)
        header = table.rows[0]
        repeat_as_header(header)
        cant_split(header)
        for cell, i in zip(header.cells, indexes):
            shade(cell, HEADER_FILL)
            add_run(cell.paragraphs[0], columns[i].title, bold=True, size=SIZE)
        for r, values in enumerate(rows):
            row = table.add_row()
            cant_split(row)
            total = r >= len(rows) - total_rows
            keep = len(rows) <= KEEP_TOGETHER_ROWS and r < len(rows) - 1
            for cell, i in zip(row.cells, indexes):
                para = cell.paragraphs[0]
                if keep:  # a short table is not split over two pages
                    para.paragraph_format.keep_with_next = True
                value = values[i]
                if total:
                    shade(cell, TOTAL_FILL)
                if isinstance(value, tuple):
                    add_run(para, value[0], bold=True, size=SIZE)
                    if value[1]:
                        add_run(para, f"  {value[1]}", colour=GREY, size=SIZE - 0.5)
                elif isinstance(value, int):
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    add_run(para, str(value) if value else "–", size=SIZE, bold=total or None)
                else:
                    add_run(para, str(value), size=SIZE, bold=(total and not columns[i].grow) or None)
            self.brief.ticker.step(0)
        widths = [columns[i].width for i in indexes]
        spare = max(0.0, room - sum(widths))
        growers = [k for k, i in enumerate(indexes) if columns[i].grow] or []
        for k in growers:
            widths[k] += spare / len(growers)
        set_widths(table, [Cm(w) for w in widths])


def summary_rows(data) -> tuple[list[Column], list[list]]:
    """The summary: a row per document (and the total), a column per theme (clauses with that
    theme), then the document's clauses counted once, and its tags when they differ."""
    fig = figures(data)
    docs, themes = data.documents, data.themes
    rows = []
    for d in docs:
        row = [(d.display_name, short_title(d.title, 40)), short_date(d.adopted)]
        row += [fig.cell(d.id, t.id) for t in themes]
        row.append(fig.document_clauses.get(d.id, 0))
        if fig.tags_differ:
            row.append(fig.document_tags.get(d.id, 0))
        rows.append(row)
    total = [("All documents", ""), ""]
    total += [sum(r[2 + k] for r in rows) for k in range(len(themes) + 1 + fig.tags_differ)]
    rows.append(total)
    columns = [column("Document", [d.display_name for d in docs], key=True, grow=True,
                      floor=2.6),
               column("Adopted", [r[1] for r in rows], key=True)]
    columns += [column(heading(t.name), ["000"]) for t in themes]
    columns.append(column("Clauses", ["0000"]))
    if fig.tags_differ:
        columns.append(column("Tags", ["0000"]))
    return columns, rows


def matrix_rows(data, matrix: str) -> tuple[str, list[Column], list[list]]:
    """(what the table shows, columns, rows) for "counts" or "cooccurrence", the same numbers
    as the CSV matrix of that name."""
    if matrix == "cooccurrence":
        header, rows = cooccurrence_matrix(data)
        what = ("Clauses tagged with both themes of a row and a column; the diagonal counts the "
                "clauses of each theme.")
        cols = [column("Theme", [r[0] for r in rows], key=True, grow=True)]
        cols += [column(heading(h), ["000"]) for h in header[1:]]
        rows = [[heading(r[0])] + r[1:] for r in rows]
        return what, cols, rows
    header, rows = counts_matrix(data)
    if len(data.documents) <= MAX_MATRIX_DOCUMENT_COLUMNS:
        what = ("Clauses per theme (rows) and document (columns); the last row and column are "
                "the sums.")
        cols = [column("Theme", [r[0] for r in rows], key=True, grow=True)]
        cols += [column(h, ["0000"]) for h in header[1:-1]] + [column("Total", ["0000"])]
        rows = [[heading(r[0])] + r[1:] for r in rows]
        return what, cols, rows
    what = ("Clauses per document (rows) and theme (columns), the counts matrix turned on its side "
            "for the number of documents; the last row and column are the sums.")
    names = header[1:-1] + ["Total"]
    flipped = [[names[j]] + [r[1 + j] for r in rows] for j in range(len(names))]
    cols = [column("Document", names, key=True, grow=True)]
    cols += [column(heading(r[0]), ["0000"]) for r in rows[:-1]] + [column("Total", ["0000"])]
    return what, cols, flipped
