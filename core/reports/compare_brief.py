"""The comparison brief in Word: what changed between two versions of a resolution, for a head of
delegation. Built from the theme brief's parts (docx_parts, docx_fields): A4, the same styles,
page numbers in the footer, document properties.

Page 1: both versions (symbol, title, what each is, adopted or distributed, paragraphs) and a
summary table whose counts add up to each version's paragraphs, with what "edited" and "moved"
mean. Then the tagged paragraphs that changed or were dropped, with their themes and notes
(compare_changes.py), then every other change by kind."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from clausemark.core.compare.alignment import CHANGED, MOVED, NEW, SAME
from clausemark.core.output import atomic_output, xml_safe
from clausemark.core.reports.compare_changes import (
    DELETED,
    INSERTED,
    ChangeWriter,
    entries,
)
from clausemark.core.reports.docx_fields import page_footer
from clausemark.core.reports.docx_parts import (
    GREY,
    BodyWriter,
    add_run,
    define_styles,
    set_a4,
    set_language,
    set_widths,
    shade,
)
from clausemark.core.reports.docx_tables import HEADER_FILL, TOTAL_FILL
from clausemark.core.reports.select import counted
from clausemark.core.reports.wording import long_date

MEANING = ("Edited: the wording changed (typography alone, such as hyphens, quotes, dashes, "
           "spaces or a capital letter, is no edit). Moved: the paragraph changed its place "
           "among its neighbours or went under another paragraph; it may be edited as well, "
           "and counts once, as moved.")


def _name(resolution) -> str:
    return resolution.symbol or "(no symbol)"


def version_date(resolution) -> str:
    """"Adopted 19 December 2023", "Distributed 14 November 2025 (not adopted)"."""
    if resolution.adopted:
        return f"Adopted {long_date(resolution.adopted)}"
    if resolution.distributed:
        return f"Distributed {long_date(resolution.distributed)} (not adopted)"
    return "No date"


def summary_counts(alignment) -> list[tuple[str, int | None, int | None]]:
    """(what, earlier, later): each column sums to its version's paragraphs (the last row)."""
    typography = sum(1 for p in alignment.pairs if p.status == SAME and p.typography)
    c = alignment.counts()
    later = len(alignment.pairs)
    earlier = later - c[NEW] + c["dropped"]
    return [("Same wording", c[SAME] - typography, c[SAME] - typography),
            ("Same but for typography", typography, typography),
            ("Edited", c[CHANGED], c[CHANGED]),
            ("Moved", c[MOVED], c[MOVED]),
            ("New", None, c[NEW]),
            ("Dropped", c["dropped"], None),
            ("All paragraphs", earlier, later)]


class CompareBrief:
    def __init__(self, alignment, old_tags, new_tags, author: str):
        self.alignment, self.author = alignment, author
        self.old, self.new = alignment.old_resolution, alignment.new_resolution
        self.old_name, self.new_name = _name(self.old), _name(self.new)
        self.title = f"{self.new_name} compared with {self.old_name}"
        self.tagged, self.rest = entries(alignment, old_tags, new_tags)
        self.doc = docx.Document()
        self.styles = define_styles(self.doc)
        self.out = BodyWriter(self.doc)
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def setup(self) -> None:
        set_a4(self.doc.sections[0])
        page_footer(self.doc, self.doc.sections[0], self.title)
        set_language(self.doc)
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = self.title, self.author, self.author
        props.subject = f"{self.new.title or ''}: {self.old_name} to {self.new_name}".strip(": ")
        props.category = "Comparison brief"
        props.comments = "Made with Clausemark"
        props.created = props.modified = self.now.replace(tzinfo=None)
        props.revision = 1

    def _table(self, rows, widths, header=True, total=False):
        table = self.doc.add_table(rows=0, cols=len(widths))
        table.style = self.doc.styles["Table Grid"]
        for k, values in enumerate(rows):
            cells = table.add_row().cells
            first, last = header and k == 0, total and k == len(rows) - 1
            for i, value in enumerate(values):
                para = cells[i].paragraphs[0]
                if i and not first:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if total else None
                add_run(para, value, bold=first or last or (i == 0 and not total),
                        colour=GREY if i == 0 and not (first or last) else None)
                if first or last:
                    shade(cells[i], HEADER_FILL if first else TOTAL_FILL)
        set_widths(table, [Cm(w) for w in widths])
        return table

    def front(self) -> None:
        out, st = self.out, self.styles
        out.paragraph(st["meta"], "COMPARISON BRIEF")
        out.paragraph(st["title"], self.title)
        if self.new.title:
            out.paragraph(st["subtitle"], self.new.title)
        rows = [("", "Earlier version", "Later version")]
        for label, get in (("Symbol", _name), ("Title", lambda r: r.title or "—"),
                           ("Document", lambda r: r.document_type or "—"),
                           ("Date", version_date)):
            rows.append((label, get(self.old), get(self.new)))
        self._table(rows, [2.6, 6.9, 6.9])

    def summary(self) -> None:
        out, st = self.out, self.styles
        out.paragraph(st["h1"], "Summary of changes")
        counts = summary_counts(self.alignment)
        rows = [("", f"{self.old_name} (earlier)", f"{self.new_name} (later)")]
        rows += [(what, "—" if a is None else str(a), "—" if b is None else str(b))
                 for what, a, b in counts]
        self._table(rows, [6.0, 5.2, 5.2], total=True)
        out.paragraph(st["meta"], MEANING, italic=True).paragraph_format.space_before = Pt(4)
        self._main_changes()
        legend = out.paragraph(st["meta"], "In the texts below, insertions are ")
        add_run(legend, "underlined", underline=True, colour=INSERTED)
        add_run(legend, " and deletions ")
        add_run(legend, "struck through", strike=True, colour=DELETED)
        add_run(legend, "; opening phrases are in italics, as in the resolutions.")

    def _main_changes(self) -> None:
        """The headline in words: how much was rewritten, and which tagged paragraphs."""
        c = self.alignment.counts()
        moved = sum(p.edited for p in self.alignment.pairs if p.status == MOVED)
        text = f"In short: {counted(c[CHANGED] + moved, 'paragraph')} reworded"
        if moved:
            text += f" ({c[CHANGED]} edited in place, {moved} moved and edited)"
        text += f", {c[NEW]} new and {c['dropped']} dropped; "
        lost = sum(1 for e in self.tagged if e.pair is None)
        if self.tagged:
            text += (f"{counted(len(self.tagged), 'tagged paragraph')} changed or dropped "
                     f"({lost} dropped), listed first.")
        else:
            text += "no tagged paragraph changed or was dropped."
        self.out.paragraph(self.styles["lead"], text)

    def changes(self) -> None:
        out, st = self.out, self.styles
        writer = ChangeWriter(self)
        if self.tagged:
            out.paragraph(st["h1"], f"Tagged paragraphs ({len(self.tagged)})")
            out.paragraph(st["meta_next"], "Paragraphs carrying a theme in either version that "
                                           "were edited, moved, added or dropped, with their "
                                           "themes and notes.")
            for entry in self.tagged:
                writer.paragraph(entry)
        out.paragraph(st["h1"], "Other changes" if self.tagged else "Changes")
        c = self.alignment.counts()
        for status, title, what in (
                (CHANGED, "Edited", "Paragraphs whose wording changed, in place."),
                (MOVED, "Moved", "Paragraphs in another place, edited or not."),
                (NEW, "New", f"Paragraphs of {self.new_name} with no earlier version."),
                ("dropped", "Dropped", f"Paragraphs of {self.old_name} with no successor.")):
            todo = [e for e in self.rest if e.status == status]
            if c[status]:  # no empty sections: the summary table has the zeros
                writer.section(title, todo, c[status], what)
        typography = [p.new.label for p in self.alignment.pairs
                      if p.status == SAME and p.typography]
        if typography:
            out.paragraph(st["h2"], f"Same but for typography ({len(typography)})")
            out.paragraph(st["meta"], ", ".join(typography) + ".")

    def build(self):
        self.setup()
        self.front()
        self.summary()
        self.changes()
        return self.doc


def write_compare_brief(alignment, path: str | Path, *, old_tags=(), new_tags=(),
                        author: str = "") -> Path:
    """The comparison brief of `alignment` (compare.align) at `path` (.docx). `old_tags` and
    `new_tags`: the two versions' tags (library Tag records), to list the tagged paragraphs
    that changed or were dropped first."""
    # U+FFFE and control characters from a PDF: not in Word
    alignment, old_tags, new_tags = xml_safe((alignment, list(old_tags), list(new_tags)))
    doc = CompareBrief(alignment, old_tags, new_tags, xml_safe(author)).build()
    # Written beside and swapped in: a failure never leaves half a file (as for reports).
    with atomic_output(path) as tmp:
        doc.save(str(tmp))
    return Path(path).expanduser()
