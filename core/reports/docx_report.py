"""The Word brief for a head of delegation (python-docx), put together from its parts:

- docx_front.py: title page (the selection in words, author, date), contents (a TOC field),
  and, after the summary, an overview per theme (counts, operative verbs, changes since
  earlier versions);
- docx_tables.py: the summary table and, when asked for, the matrices (at the end), from
  `figures`, so they agree with the CSV and the Excel workbook;
- docx_clauses.py: a Heading 1 per theme and a Heading 2 per document, each clause quoted once
  with its citation, title, date, page, footnotes and notes;
- docx_parts.py: page set-up, styles, fields, and a fast way to append paragraphs.

A4 throughout; headings keep with what follows instead of starting pages; PAGE/NUMPAGES in the
footer; the TOC and page references are updated when the brief is opened (w:updateFields)."""
from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import Path

import docx

from clausemark.core.output import CancelCheck, ProgressCallback, Ticker, atomic_output, xml_safe
from clausemark.core.reports import details as report_details
from clausemark.core.reports.docx_clauses import ClauseWriter
from clausemark.core.reports.docx_fields import (
    bookmark,
    page_footer,
    update_fields_on_open,
)
from clausemark.core.reports.docx_front import FrontMatter
from clausemark.core.reports.docx_parts import (
    BodyWriter,
    define_styles,
    set_a4,
    set_language,
)
from clausemark.core.reports.docx_tables import (
    TableWriter,
    matrix_rows,
    needs_sideways,
    summary_rows,
)
from clausemark.core.reports.figures import figures
from clausemark.core.reports.select import ReportData, ReportRow
from clausemark.core.reports.wording import long_date

HEADING_BOOKMARKS = 1_000_000  # bookmark ids of headings start here (clauses count from 1)
MATRIX_TITLES = {"counts": "Counts: clauses per theme and document",
                 "cooccurrence": "Co-occurrence: clauses carrying two themes"}


class Brief:
    def __init__(self, data: ReportData, title: str, ticker: Ticker, details=None,
                 matrices: tuple[str, ...] = ()):
        self.data, self.title, self.ticker = data, title, ticker
        self.details, self.matrices = details, matrices
        self.doc = docx.Document()
        self.styles = define_styles(self.doc)
        self.out = BodyWriter(self.doc)
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.today = long_date(self.now.date().isoformat())
        self.headings: list[tuple[int, str, str]] = []  # (level, text, bookmark)
        self.rows_of: dict[int, list[ReportRow]] = defaultdict(list)
        for r in data.rows:
            self.rows_of[r.theme_id].append(r)
        # paragraph -> its themes in this report, in report order (the "also" line)
        self.themes_of: dict[tuple[int, str], list[str]] = defaultdict(list)
        for theme in data.themes:
            for r in self.rows_of.get(theme.id, ()):
                names = self.themes_of[(r.document_id, r.paragraph)]
                if theme.name not in names:
                    names.append(theme.name)

    def heading(self, level: int, text: str):
        """A Heading 1 or 2 with a bookmark, which the contents link to and take pages from."""
        name = f"_Toc_cm{len(self.headings) + 1}"  # "_": a hidden bookmark, as Word's own
        self.headings.append((level, text, name))
        para = self.out.paragraph(self.styles[f"h{level}"], text)
        bookmark(para, name, HEADING_BOOKMARKS + len(self.headings))
        return para

    def setup(self) -> None:
        section = self.doc.sections[0]
        set_a4(section)
        section.different_first_page_header_footer = True  # no page number on the title page
        page_footer(self.doc, section, self.title)
        set_language(self.doc)
        update_fields_on_open(self.doc)
        props = self.doc.core_properties
        props.title, props.author = self.title, self.data.author
        props.last_modified_by = self.data.author
        props.subject = "; ".join(f"{k}: {v}" for k, v in self.data.description.items())
        props.keywords = ", ".join(t.name for t in self.data.themes)
        props.category = "Theme brief"
        props.comments = "Made with Clausemark"
        props.created = props.modified = self.now.replace(tzinfo=None)
        props.revision = 1

    def summary(self) -> None:
        fig = figures(self.data)
        what = ("Clauses per document and theme. A clause is one paragraph (PP 3, OP 5 (a)); "
                "one tagged with two themes counts under each theme, and once under Clauses.")
        if fig.tags_differ:
            what += (" Tags counts the tags themselves (one row each in the CSV): more than the "
                     "clauses where a clause carries two themes or several tagged passages.")

        def intro():
            self.heading(1, "Summary")
            self.out.paragraph(self.styles["meta_next"], what)
        columns, rows = summary_rows(self.data)
        TableWriter(self).table(columns, rows, before=self._part_line, intro=intro)

    def _part_line(self, part: int, parts: int) -> None:
        if parts > 1:
            self.out.paragraph(self.styles["meta_next"], f"Part {part + 1} of {parts}")

    def matrices_at_end(self) -> None:
        """The matrices as tables, last. When one needs a sideways page, all of them go on
        sideways pages (one turn of the page, and none back at the end of the document)."""
        tables = [(name, *matrix_rows(self.data, name)) for name in self.matrices]
        if not tables:
            return
        writer = TableWriter(self)
        sideways = any(needs_sideways(columns) for _, _, columns, _ in tables)
        if sideways:
            writer.section(landscape=True)
        self.heading(1, "Matrices")
        for name, what, columns, rows in tables:
            def intro(name=name, what=what):
                self.heading(2, MATRIX_TITLES[name])
                self.out.paragraph(self.styles["meta_next"], what)
            writer.table(columns, rows, total_rows=1 if name == "counts" else 0,
                         before=self._part_line, intro=intro, sideways=sideways)

    def build(self):
        self.setup()
        front = FrontMatter(self)
        front.title_page()
        front.contents()
        # The summary straight after the contents: when it needs a sideways page, that page
        # starts where a page ends anyway, not after a few lines of the overview.
        self.summary()
        front.overview()
        clauses = ClauseWriter(self)
        for theme in self.data.themes:
            clauses.theme_section(theme, self.rows_of.get(theme.id, []))
        self.matrices_at_end()
        front.finish_contents(self.headings)
        return self.doc


def write_docx(data: ReportData, path: str | os.PathLike, *, title: str = "Theme report",
               library=None, matrices: tuple[str, ...] = (),
               progress: ProgressCallback | None = None,
               cancelled: CancelCheck | None = None) -> Path:
    """Write the brief for `data` (from select.select) to `path` (.docx). With the open
    `library`, each clause shows its pages and footnotes and each theme what changed since
    earlier versions; `matrices` ("counts", "cooccurrence") adds them as tables."""
    data, title = xml_safe(data), xml_safe(title)  # a stray control character in a note
    documents = len({r.document_id for r in data.rows})
    total = len(data.rows) + (documents if library is not None else 0) + 1
    ticker = Ticker(total, progress, cancelled, every=100)
    details = report_details.gather(library, data, ticker) if library is not None else None
    details = xml_safe(details)  # footnotes and texts from the PDFs
    if details is not None and data.search is not None:
        details.changes.clear()  # changes are said of themes; a search's results have none
    with atomic_output(path) as tmp:
        doc = Brief(data, title, ticker, details, tuple(matrices)).build()
        doc.save(str(tmp))
        ticker.finish()
    return Path(path)
