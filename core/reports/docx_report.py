"""The Word brief for a head of delegation (python-docx): a title page, a summary table of
clauses per document and theme, then one section per theme (Heading 1, so Word's navigation pane
lists the themes; Heading 2 per document) quoting each clause in full under its citation, with
the opening phrase in italics as in the original and the analyst's notes. Page numbers in the
footer are PAGE/NUMPAGES fields, so they stay right however the reader's Word paginates."""
from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from clausemark.core.library.records import DocumentInfo, Theme
from clausemark.core.output import CancelCheck, ProgressCallback, Ticker, atomic_output, xml_safe
from clausemark.core.reports.docx_parts import (
    A4_LONG_CM,
    A4_SHORT_CM,
    GREY,
    MARGIN_CM,
    BodyWriter,
    add_field,
    add_run,
    cant_split,
    clean,
    define_styles,
    repeat_as_header,
    set_a4,
    set_widths,
    shade,
)
from clausemark.core.reports.select import ReportData, ReportRow, counted, included

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
LANDSCAPE_SUMMARY_FROM = 6  # themes; a wider summary table turns its page sideways
TOTAL_CM = 1.4  # the summary's last column
SUBTITLE_THEMES = 6


def long_date(iso: str | None) -> str:
    """"19 December 2023" (English whatever the desktop's locale, like the resolutions)."""
    if not iso:
        return "no date"
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def heading_text(name: str) -> str:
    return name[:1].upper() + name[1:]


def _segments(text: str, opening: str | None, spans: list[tuple[int, int]]):
    """(piece, italic, highlighted) runs: the opening phrase italic, tagged spans highlighted."""
    cuts = {0, len(text)}
    italic_end = len(opening) if opening and text.startswith(opening) else 0
    cuts.add(italic_end)
    for start, end in spans:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        if a < b:
            yield (text[a:b], b <= italic_end,
                   any(start <= a and b <= end for start, end in spans))


class _Brief:
    def __init__(self, data: ReportData, title: str, ticker: Ticker):
        self.data, self.title, self.ticker = data, title, ticker
        self.doc = docx.Document()
        self.styles = define_styles(self.doc)
        self.out = BodyWriter(self.doc)
        self.today = long_date(dt.date.today().isoformat())
        # paragraph -> its themes in this report, for the "also tagged" line
        self.themes_of: dict[tuple[int, str], list[str]] = defaultdict(list)
        order = {t.id: i for i, t in enumerate(data.themes)}
        for r in sorted(data.rows, key=lambda r: order.get(r.theme_id, len(order))):
            names = self.themes_of[(r.document_id, r.paragraph)]
            if r.theme not in names:
                names.append(r.theme)

    # -- page set-up, title page, footer --------------------------------------------------------

    def setup(self) -> None:
        section = self.doc.sections[0]
        set_a4(section)
        section.different_first_page_header_footer = True  # no page number on the title page
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.style = self.doc.styles["Footer"]
        add_run(footer, f"{self.title}  ·  page ")
        add_field(footer, "PAGE")
        add_run(footer, " of ")
        add_field(footer, "NUMPAGES")
        props = self.doc.core_properties
        props.title, props.author = self.title, self.data.author
        props.subject = "; ".join(f"{k}: {v}" for k, v in self.data.description.items())
        props.comments = "Made with Clausemark"

    def title_page(self) -> None:
        data, out, st = self.data, self.out, self.styles
        for _ in range(5):
            out.paragraph(st["normal"])
        out.paragraph(st["meta"], "CLAUSEMARK  ·  THEME REPORT")
        out.paragraph(st["title"], self.title)
        names = [heading_text(t.name) for t in data.themes]
        shown = " · ".join(names[:SUBTITLE_THEMES])
        if len(names) > SUBTITLE_THEMES:
            shown += f" and {len(names) - SUBTITLE_THEMES} more"
        out.paragraph(st["subtitle"], shown)
        out.paragraph(st["normal"])
        tags = f" ({counted(len(data.rows), 'tag')})" if len(data.rows) != data.clause_count else ""
        facts = [("Library", data.library.name), *data.description.items(),
                 ("Included", included(data) + tags),
                 ("Prepared by", data.author or "—"), ("Date", self.today)]
        table = self.doc.add_table(rows=0, cols=2)
        for label, value in facts:
            cells = table.add_row().cells
            add_run(cells[0].paragraphs[0], label, bold=True, colour=GREY)
            add_run(cells[1].paragraphs[0], value)
        set_widths(table, [Cm(3.5), Cm(12.9)])

    # -- summary --------------------------------------------------------------------------------

    def _new_section(self, landscape: bool) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        wide, tall = Cm(A4_LONG_CM), Cm(A4_SHORT_CM)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (wide, tall) if landscape else (tall, wide)

    def summary(self) -> None:
        data, out, st = self.data, self.out, self.styles
        wide = len(data.themes) >= LANDSCAPE_SUMMARY_FROM
        if wide:
            self._new_section(landscape=True)
        heading = out.paragraph(st["h1"], "Summary")
        heading.paragraph_format.page_break_before = not wide
        out.paragraph(st["normal"], "Tagged clauses per document and theme. A clause tagged "
                                    "with two themes counts under each.")
        counts: dict[tuple[int, int], set[str]] = defaultdict(set)
        for r in data.rows:
            counts[(r.document_id, r.theme_id)].add(r.paragraph)
        table = self.doc.add_table(rows=1, cols=len(data.themes) + 3)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        repeat_as_header(header)
        for cell, text in zip(header.cells, ["Document", "Adopted"]
                              + [heading_text(t.name) for t in data.themes] + ["Total"]):
            shade(cell, "DCE6F0")
            add_run(cell.paragraphs[0], text, bold=True, size=8.5)
        totals = [0] * len(data.themes)
        for doc in data.documents:
            values = [len(counts.get((doc.id, t.id), ())) for t in data.themes]
            self._summary_row(table, doc, values)
            totals = [a + b for a, b in zip(totals, values)]
        self._summary_row(table, None, totals, data.clause_count)
        usable = (A4_LONG_CM if wide else A4_SHORT_CM) - 2 * MARGIN_CM
        fixed = [4.8, 2.0]
        theme_cm = (usable - sum(fixed) - TOTAL_CM) / max(1, len(data.themes))
        set_widths(table, [Cm(w) for w in fixed + [theme_cm] * len(data.themes) + [TOTAL_CM]])
        if wide:
            self._new_section(landscape=False)

    def _summary_row(self, table, doc: DocumentInfo | None, values: list[int],
                     total: int | None = None) -> None:
        row = table.add_row()
        cant_split(row)
        cells = row.cells
        first = cells[0].paragraphs[0]
        if doc is None:
            add_run(first, "All documents", bold=True, size=8.5)
            for cell in cells:
                shade(cell, "F2F2F2")
        else:
            add_run(first, doc.display_name, bold=True, size=8.5)
            if doc.title:
                add_run(first, f"  {doc.title}", colour=GREY, size=8)
            add_run(cells[1].paragraphs[0], doc.adopted or "—", size=8.5)
        total = sum(values) if total is None else total
        for cell, value in zip(cells[2:], values + [total]):
            para = cell.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_run(para, str(value) if value else "–", size=8.5, bold=doc is None)
        self.ticker.step()

    # -- one section per theme ------------------------------------------------------------------

    def theme_section(self, theme: Theme, rows: list[ReportRow]) -> None:
        out, st = self.out, self.styles
        heading = out.paragraph(st["h1"], heading_text(theme.name))
        heading.paragraph_format.page_break_before = True
        if theme.description:
            out.paragraph(st["meta"], theme.description, italic=True)
        by_doc: dict[int, dict[str, list[ReportRow]]] = {}
        for r in rows:
            by_doc.setdefault(r.document_id, {}).setdefault(r.paragraph, []).append(r)
        clauses = sum(len(p) for p in by_doc.values())
        if not rows:
            out.paragraph(st["normal"], "No clause in the selected documents carries this theme.")
            return
        out.paragraph(st["meta"], f"{counted(clauses, 'clause')} in "
                                  f"{counted(len(by_doc), 'document')}")
        docs = {d.id: d for d in self.data.documents}
        for doc_id, paragraphs in by_doc.items():
            doc = docs[doc_id]
            title = f"{doc.display_name} — {doc.title}" if doc.title else doc.display_name
            out.paragraph(st["h2"], title)
            adopted = f"Adopted {long_date(doc.adopted)}" if doc.adopted else "Not adopted (draft)"
            out.paragraph(st["meta"], " · ".join(x for x in (adopted, doc.body) if x))
            for group in paragraphs.values():
                self.clause(theme, group)
                self.ticker.step(len(group))

    def clause(self, theme: Theme, group: list[ReportRow]) -> None:
        out, st, first = self.out, self.styles, group[0]
        cite = out.paragraph(st["citation"], first.citation)
        others = [n for n in self.themes_of[(first.document_id, first.paragraph)]
                  if n != theme.name]
        if others:
            add_run(cite, "   also: " + ", ".join(others), colour=GREY, size=8.5)
        text = clean(first.text)
        spans = [r.span for r in group if r.span]
        para = out.paragraph(st["text"])
        for piece, italic, marked in _segments(text, first.opening, spans):
            add_run(para, piece, italic=italic, highlight=marked)
        for r in group:
            if not r.note:
                continue
            note = out.paragraph(st["note"])
            add_run(note, "Note", bold=True)
            add_run(note, f" ({r.author}, {r.tagged[:10]}): ", colour=GREY)
            for i, line in enumerate(r.note.splitlines() or [""]):
                if i:
                    note.add_run().add_break()
                add_run(note, line)

    def build(self):
        self.setup()
        self.title_page()
        self.summary()
        by_theme: dict[int, list[ReportRow]] = defaultdict(list)
        for r in self.data.rows:
            by_theme[r.theme_id].append(r)
        for theme in self.data.themes:
            self.theme_section(theme, by_theme.get(theme.id, []))
        return self.doc


def write_docx(data: ReportData, path: str | os.PathLike, *, title: str = "Theme report",
               progress: ProgressCallback | None = None,
               cancelled: CancelCheck | None = None) -> Path:
    """Write the brief for `data` (from report_select.select) to `path` (.docx)."""
    data, title = xml_safe(data), xml_safe(title)  # a stray control character in a note
    total = len(data.rows) + len(data.documents) + 1
    ticker = Ticker(total, progress, cancelled, every=100)
    with atomic_output(path) as tmp:
        doc = _Brief(data, title, ticker).build()
        doc.save(str(tmp))
        ticker.finish()
    return Path(path)
