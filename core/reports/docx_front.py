"""The front of the Word brief: the title page (title, the selection in words, author and date;
no file names), the table of contents (a TOC field Word fills in when the brief is opened, with
the headings already listed for viewers that do not update fields) and an overview per theme:
how many clauses in how many documents, the operative verbs used, and what changed since the
earlier version of a document."""
from __future__ import annotations

from collections import Counter

from docx.shared import Cm

from clausemark.core.reports.docx_fields import (
    field_end,
    field_start,
    internal_link,
)
from clausemark.core.reports.docx_parts import (
    GREY,
    add_run,
    set_widths,
)
from clausemark.core.reports.figures import figures
from clausemark.core.reports.select import counted, included
from clausemark.core.reports.wording import heading_text, in_words, long_date

SUBTITLE_THEMES = 6
NAMED_DOCUMENTS = 6  # in the sentence that says what the brief covers
TOC_SECOND_LEVEL_UP_TO = 80  # document headings; more, and the contents list only the themes
_VERB_PREFIXES = ("also ", "further ", "once again ", "again ")
VIEWER_NOTE = ("Word adds the page numbers to this list when the brief is opened (answer Yes "
               "when it asks to update fields). Other viewers show the headings without page "
               "numbers; each is a link to its section.")


def operative_verb(opening: str | None) -> str | None:
    """"urges" from "Also urges"; None for an empty opening."""
    verb = (opening or "").strip().lower()
    for prefix in _VERB_PREFIXES:
        if verb.startswith(prefix):
            verb = verb[len(prefix):]
    return verb or None


def covers(data) -> str:
    """The selection in one sentence: which themes, which documents, which dates."""
    themes = in_words([t.name for t in data.themes], "or")
    docs = data.documents
    names = [d.display_name for d in docs]
    if len(names) <= NAMED_DOCUMENTS:
        where = in_words(names)
    else:
        where = f"{len(names)} documents"
    dates = sorted(d.adopted for d in docs if d.adopted)
    drafts = sum(1 for d in docs if not d.adopted)
    if dates and dates[0] != dates[-1]:
        when = f"adopted between {long_date(dates[0])} and {long_date(dates[-1])}"
    elif dates:
        when = f"adopted on {long_date(dates[0])}"
    else:
        when = ""
    if drafts:
        when += (" and " if when else "") + f"{counted(drafts, 'draft')} not yet adopted"
    if data.search is not None:
        found = f"Paragraphs found by the search “{data.search}”" if data.search else \
            "Paragraphs found by a search"
        return f"{found} in {where}" + (f" ({when})." if when else ".")
    return f"Clauses tagged {themes} in {where}" + (f" ({when})." if when else ".")


class FrontMatter:
    def __init__(self, brief):
        self.brief = brief

    def title_page(self) -> None:
        b = self.brief
        data, out, st = b.data, b.out, b.styles
        for _ in range(4):
            out.paragraph(st["normal"])
        out.paragraph(st["meta"], "SEARCH REPORT" if data.search is not None else "THEME BRIEF")
        out.paragraph(st["title"], b.title)
        names = [heading_text(t.name) for t in data.themes]
        shown = " · ".join(names[:SUBTITLE_THEMES])
        if len(names) > SUBTITLE_THEMES:
            shown += f" and {len(names) - SUBTITLE_THEMES} more"
        out.paragraph(st["subtitle"], shown)
        out.paragraph(st["lead"], covers(data))
        fig = figures(data)
        tags = f" ({counted(fig.total_tags, 'tag')})" if fig.tags_differ else ""
        facts = [*data.description.items(), ("Included", included(data) + tags),
                 ("Prepared by", data.author or "—"), ("Date", b.today)]
        table = b.doc.add_table(rows=0, cols=2)
        for label, value in facts:
            cells = table.add_row().cells
            add_run(cells[0].paragraphs[0], label, bold=True, colour=GREY)
            add_run(cells[1].paragraphs[0], value)
        set_widths(table, [Cm(3.5), Cm(12.9)])

    def contents(self) -> None:
        """A TOC heading now; the field and its entries are filled in by `finish_contents`
        once every heading is written."""
        b = self.brief
        heading = b.out.paragraph(b.styles["toc_heading"], "Contents")
        heading.paragraph_format.page_break_before = True
        self._anchor = heading
        b.out.paragraph(b.styles["meta"], VIEWER_NOTE, italic=True)

    def finish_contents(self, headings: list[tuple[int, str, str]]) -> None:
        """The TOC field after the Contents heading. Its result, what shows until Word updates
        it (LibreOffice and other viewers never do), is already the list of headings, each a
        link to its heading."""
        b = self.brief
        second = sum(1 for level, _, _ in headings if level == 2) <= TOC_SECOND_LEVEL_UP_TO
        shown = [h for h in headings if h[0] == 1 or second]
        levels = "1-2" if second else "1-1"
        anchor = self._anchor._p
        paragraphs = []
        for level, text, name in shown or [(1, "", "")]:
            para = b.out.detached(b.styles[f"toc{level}"])
            paragraphs.append(para)
            if para is paragraphs[0]:
                field_start(para, f'TOC \\o "{levels}" \\h \\z \\u')
            if name:  # no page number: LibreOffice keeps a TOC's text as it is, and the
                internal_link(para, name, text)  # empty numbers after dot leaders looked broken
        field_end(paragraphs[-1])
        for para in reversed(paragraphs):
            anchor.addnext(para._p)

    # -- overview -------------------------------------------------------------------------------

    def overview(self) -> None:
        b = self.brief
        data, out, st = b.data, b.out, b.styles
        b.heading(1, "Overview")
        fig = figures(data)
        for theme in data.themes:
            rows = b.rows_of.get(theme.id, [])
            out.paragraph(st["overview_theme"], heading_text(theme.name))
            clauses = fig.theme_clauses(theme.id, data.documents)
            documents = fig.theme_documents(theme.id, data.documents)
            if not clauses:
                out.paragraph(st["overview"], "No clause in the selected documents carries "
                                              "this theme.")
                continue
            kinds = Counter(r.kind for r in {(r.document_id, r.paragraph): r
                                             for r in rows}.values())
            parts = [f"{n} {kind}" for kind, n in
                     (("preambular", kinds["preambular"]),
                      ("operative", kinds["operative"] + kinds["subparagraph"])) if n]
            line = f"{counted(clauses, 'clause')} in {counted(documents, 'document')}"
            out.paragraph(st["overview"], line + (f" ({', '.join(parts)})." if parts else "."))
            verbs = self._verbs(rows)
            if verbs:
                para = out.paragraph(st["overview"])
                add_run(para, "Operative verbs: ", bold=True)
                add_run(para, ", ".join(f"“{v}” {n}" for v, n in verbs) + ".")
            for change in b.details.changes.get(theme.id, []) if b.details else []:
                self._change(change, theme)
        if b.details is not None and not b.details.compared:
            out.paragraph(st["meta"], "Changes since earlier versions are not shown: the brief "
                                      "covers too many documents to compare them all.", italic=True)

    @staticmethod
    def _verbs(rows) -> list[tuple[str, int]]:
        seen, verbs = set(), Counter()
        for r in rows:
            key = (r.document_id, r.paragraph)
            if key in seen or r.kind not in ("operative", "subparagraph"):
                continue
            seen.add(key)
            verb = operative_verb(r.opening)
            if verb:
                verbs[verb] += 1
        return sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))

    def _change(self, change, theme) -> None:
        b = self.brief
        para = b.out.paragraph(b.styles["overview"])
        add_run(para, f"{change.document.display_name}", bold=True)
        add_run(para, f" against its earlier version {change.earlier.display_name}"
                      f" ({long_date(change.earlier.adopted)}): ")
        parts = []
        if change.new:
            parts.append(f"{len(change.new)} new ({', '.join(change.new)})")
        if change.edited:
            edited = [now if now == before else f"{now}, was {before}"
                      for now, before in change.edited]
            parts.append(f"{len(change.edited)} edited ({'; '.join(edited)})")
        if change.unchanged:
            parts.append(f"{change.unchanged} unchanged")
        if change.dropped:
            parts.append(f"{len(change.dropped)} dropped ({', '.join(change.dropped)})")
        elif change.dropped is not None:
            parts.append("none dropped")
        text = "; ".join(parts) + "."
        if change.dropped is None:
            text += (f" {change.earlier.display_name} carries no “{theme.name}” tag, so clauses "
                     "dropped since then are not known.")
        add_run(para, text)
