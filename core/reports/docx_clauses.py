"""The body of the Word brief: a Heading 1 per theme, a Heading 2 per document, and each clause
under its citation: the document's short title and date and the source page, the full text with
the opening phrase in italics and the tagged passages highlighted, the footnotes the clause cites
(numbered as in the resolution, directly under the quote) and the analysts' notes.

A clause tagged with two themes is quoted in full under the first and referred to from the
other (a link to the quotation, with its page)."""
from __future__ import annotations

from clausemark.core.library.records import Theme
from clausemark.core.reports.docx_fields import (
    bookmark,
    internal_link,
    page_reference,
)
from clausemark.core.reports.docx_parts import (
    GREY,
    add_run,
    clean,
    superscript,
)
from clausemark.core.reports.select import ReportRow, counted
from clausemark.core.reports.wording import (
    draft_facts,
    heading_text,
    long_date,
    pages_text,
    short_title,
)


def segments(text: str, opening: str | None, spans: list[tuple[int, int]]):
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


class ClauseWriter:
    def __init__(self, brief):
        self.brief = brief
        self.quoted: dict[tuple[int, str], tuple[str, str]] = {}  # clause -> (bookmark, theme)
        self.documents = {d.id: d for d in brief.data.documents}

    def theme_section(self, theme: Theme, rows: list[ReportRow]) -> None:
        b = self.brief
        out, st = b.out, b.styles
        b.heading(1, heading_text(theme.name))
        if theme.description:
            out.paragraph(st["meta_next"], theme.description, italic=True)
        by_doc: dict[int, dict[str, list[ReportRow]]] = {}
        for r in rows:
            by_doc.setdefault(r.document_id, {}).setdefault(r.paragraph, []).append(r)
        if not rows:
            out.paragraph(st["normal"], "No clause in the selected documents carries this theme.")
            return
        clauses = sum(len(p) for p in by_doc.values())
        out.paragraph(st["meta_next"], f"{counted(clauses, 'clause')} in "
                                       f"{counted(len(by_doc), 'document')}")
        for doc_id, paragraphs in by_doc.items():
            doc = self.documents[doc_id]
            title = f"{doc.display_name} — {doc.title}" if doc.title else doc.display_name
            b.heading(2, title)
            adopted = f"Adopted {long_date(doc.adopted)}" if doc.adopted else "Not adopted (draft)"
            facts = [adopted, doc.body, *draft_facts(doc)]
            out.paragraph(st["meta_next"], " · ".join(x for x in facts if x))
            for group in paragraphs.values():
                self.clause(theme, group)
                b.ticker.step(len(group))

    def _citation(self, theme: Theme, first: ReportRow):
        b = self.brief
        doc = self.documents[first.document_id]
        cite = b.out.paragraph(b.styles["citation"], first.citation)
        facts = b.details.clause(first.document_id, first.paragraph) if b.details else None
        distributed = getattr(doc, "distributed", None)
        when = long_date(doc.adopted) if doc.adopted else \
            f"draft of {long_date(distributed)}" if distributed else "draft"
        where = [short_title(doc.title), when,
                 pages_text(facts.pages) if facts else ""]
        add_run(cite, "   " + " · ".join(w for w in where if w), colour=GREY, size=8.5,
                bold=False)
        others = [n for n in b.themes_of[(first.document_id, first.paragraph)]
                  if n != theme.name]
        if others:
            add_run(cite, "   also: " + ", ".join(others), colour=GREY, size=8.5, bold=False)
        if first.first_agreed:
            add_run(cite, "   first agreed in " + first.first_agreed, colour=GREY, size=8.5,
                    bold=False)
        return cite, facts

    def clause(self, theme: Theme, group: list[ReportRow]) -> None:
        first = group[0]
        key = (first.document_id, first.paragraph)
        cite, facts = self._citation(theme, first)
        if key in self.quoted:
            self._refer(group, *self.quoted[key])
        else:
            name = f"clause_{len(self.quoted) + 1}"
            bookmark(cite, name, len(self.quoted) + 1)
            self.quoted[key] = (name, theme.name)
            self._quote(group, facts)
        for r in group:
            if r.note:
                self._note(r)

    def _quote(self, group: list[ReportRow], facts) -> None:
        b = self.brief
        first = group[0]
        text = clean(first.text)
        spans = [r.span for r in group if r.span]
        para = b.out.paragraph(b.styles["text"])
        for piece, italic, marked in segments(text, first.opening, spans):
            add_run(para, piece, italic=italic, highlight=marked)
        if facts is None or not facts.footnotes:
            return
        for number, note in facts.footnotes:
            foot = b.out.paragraph(b.styles["footnote"])
            superscript(add_run(foot, number))
            add_run(foot, " " + note)

    def _refer(self, group: list[ReportRow], anchor: str, theme_name: str) -> None:
        b = self.brief
        para = b.out.paragraph(b.styles["reference"])
        add_run(para, "Quoted in full under ")
        internal_link(para, anchor, heading_text(theme_name), italic=True)
        add_run(para, ", page ")
        page_reference(para, anchor)
        add_run(para, ".")
        passages = [r.excerpt for r in group if r.span and r.excerpt]
        if passages:
            add_run(para, " Tagged here: " + " … ".join(f"“{clean(p)}”" for p in passages) + ".")

    def _note(self, r: ReportRow) -> None:
        b = self.brief
        note = b.out.paragraph(b.styles["note"])
        add_run(note, "Note", bold=True)
        add_run(note, f" ({r.author}, {long_date(r.tagged)}): ", colour=GREY)
        for i, line in enumerate(r.note.splitlines() or [""]):
            if i:
                note.add_run().add_break()
            add_run(note, line)
