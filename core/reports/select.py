"""Which tags a report covers: themes, documents and a range of adoption dates -> report rows.

Both report writers (CSV, Word) and the Reports dialog's preview start here. Rows come from
`lib.tags.list()`; document metadata (title, adoption date) from `Library.documents()`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from clausemark.core.library.library import Library
from clausemark.core.library.records import DocumentInfo, Tag, Theme, citation, theme_subtree
from clausemark.core.output import EmptySelectionError, ReportError
from clausemark.core.reports.wording import long_date

PER_DOCUMENT_QUERIES = 20  # up to this many chosen documents: ask per document, else filter all
NAMED_DOCUMENTS_SHOWN = 12  # in the description of a selection


@dataclass(frozen=True)
class Selection:
    """What to report on. Empty tuples mean everything; dates bound the adoption date."""
    themes: tuple = ()  # theme names or ids
    documents: tuple = ()  # symbols or document ids
    since: str | None = None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY", inclusive
    until: str | None = None
    include_subthemes: bool = True  # a chosen theme brings its sub-themes along
    first_agreed: bool = False  # each clause says where its wording was first agreed
    # A report of a search's results (search_select.py): the query as typed, the paragraphs it
    # found ((document id, paragraph id) pairs; empty: search now) and its filters in words.
    search: str | None = None
    paragraphs: tuple = ()
    search_filters: str = ""


@dataclass(slots=True)  # not frozen: 10,000 frozen rows take twice as long to build
class ReportRow:
    """One tag with everything a report shows about it (a snapshot; do not change it)."""
    tag_id: int
    document_id: int
    symbol: str | None
    title: str | None
    adopted: str | None
    paragraph: str  # paragraph id, e.g. "OP5(a)"
    label: str  # "OP 5 (a)"
    kind: str
    opening: str | None
    theme_id: int
    theme: str
    text: str
    note: str
    author: str
    tagged: str  # when the tag was made (ISO 8601, UTC)
    excerpt: str | None = None  # the tagged words when the tag covers only part of the text
    span: tuple[int, int] | None = None
    first_agreed: str | None = None  # "A/RES/78/221, PP 39 (2023-12-19)" (Selection.first_agreed)
    document_type: str | None = None  # "resolution", "draft resolution", ...
    committee: str | None = None

    @property
    def citation(self) -> str:
        return citation(self.symbol, self.label)


@dataclass
class ReportData:
    rows: list[ReportRow]
    themes: list[Theme]  # the report's themes, taxonomy order
    documents: list[DocumentInfo]  # the report's documents, library order
    description: dict[str, str]  # "Themes", "Documents", "Adopted" -> what was chosen
    library: Path = field(default_factory=Path)
    author: str = ""
    search: str | None = None  # the query, when the report holds a search's results

    @property
    def clause_count(self) -> int:
        """Distinct paragraphs (a paragraph with two themes is one clause)."""
        return len({(r.document_id, r.paragraph) for r in self.rows})


def date_bound(text: str | None, *, end: bool = False, what: str = "date") -> str | None:
    """ISO date from "2023-12-19", "2023-12" or "2023"; a month or year counts from its first
    day (`end=False`) or to its last day (`end=True`)."""
    if text is None or not str(text).strip():
        return None
    value = str(text).strip()
    try:
        if len(value) == 4 and value.isdigit():
            day = dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
        elif len(value) == 7 and value[4] == "-":
            first = dt.date(int(value[:4]), int(value[5:]), 1)
            after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            day = after - dt.timedelta(days=1) if end else first
        else:
            day = dt.date.fromisoformat(value)
    except ValueError:
        raise ReportError(f"{what}: not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)") \
            from None
    return day.isoformat()


def _resolve_themes(lib: Library, selection: Selection, all_themes: list[Theme]) -> set[int] | None:
    if not selection.themes:
        return None
    chosen: set[int] = set()
    for ref in selection.themes:
        theme_id = lib.themes.get(ref).id  # NotFoundError names the known themes
        chosen |= theme_subtree(all_themes, theme_id) if selection.include_subthemes else {theme_id}
    return chosen


def _resolve_documents(lib: Library, selection: Selection, since: str | None,
                       until: str | None) -> tuple[list[DocumentInfo], bool]:
    """(documents in library order that the selection allows, whether they were named)."""
    docs = lib.documents()
    if selection.documents:
        wanted = {lib.document(ref).id for ref in selection.documents}
        docs = [d for d in docs if d.id in wanted]
    if since or until:  # an undated document (a draft) cannot be placed in a date range
        docs = [d for d in docs if d.adopted and (not since or d.adopted >= since)
                and (not until or d.adopted <= until)]
    return docs, bool(selection.documents)


def _describe(selection: Selection, themes: list[Theme], docs: list[DocumentInfo],
              named_docs: bool, since: str | None, until: str | None) -> dict[str, str]:
    theme_text = ", ".join(t.name for t in themes) if selection.themes else "all themes"
    if named_docs:
        names = [d.display_name for d in docs]
        doc_text = ", ".join(names[:NAMED_DOCUMENTS_SHOWN]) or "none in the date range"
        if len(names) > NAMED_DOCUMENTS_SHOWN:
            doc_text += f" and {len(names) - NAMED_DOCUMENTS_SHOWN} more"
    else:
        doc_text = "all documents"
    if since and until:
        dates = (f"on {long_date(since)}" if since == until
                 else f"from {long_date(since)} to {long_date(until)}")
    elif since or until:
        dates = f"on or after {long_date(since)}" if since else f"on or before {long_date(until)}"
    else:
        dates = "any date"
    return {"Themes": theme_text, "Documents": doc_text, "Adopted": dates}


def _fetch(lib: Library, doc_ids: set[int], named_docs: bool, dated: bool) -> list[Tag]:
    if (named_docs or dated) and len(doc_ids) <= PER_DOCUMENT_QUERIES:
        return [t for doc_id in sorted(doc_ids) for t in lib.tags.list(document=doc_id)]
    return [t for t in lib.tags.list() if t.document_id in doc_ids]


def _build(lib: Library, selection: Selection) -> ReportData:
    if selection.search is not None or selection.paragraphs:
        from clausemark.core.reports.search_select import build_search
        return build_search(lib, selection)
    since, until = date_range(selection)
    all_themes = lib.themes.list()
    theme_ids = _resolve_themes(lib, selection, all_themes)
    docs, named_docs = _resolve_documents(lib, selection, since, until)
    doc_by_id = {d.id: d for d in docs}
    tags = _fetch(lib, set(doc_by_id), named_docs, bool(since or until))
    if theme_ids is not None:
        tags = [t for t in tags if t.theme_id in theme_ids]
    order = {d.id: i for i, d in enumerate(docs)}
    tags.sort(key=lambda t: order[t.document_id])  # stable: paragraph order within a document
    rows = [ReportRow(
        tag_id=t.id, document_id=t.document_id, symbol=t.symbol,
        title=doc_by_id[t.document_id].title, adopted=doc_by_id[t.document_id].adopted,
        paragraph=t.paragraph, label=t.label, kind=t.kind, opening=t.opening,
        theme_id=t.theme_id, theme=t.theme, text=t.text, note=t.note, author=t.author,
        tagged=t.created, excerpt=t.quote, span=t.span,
        document_type=doc_by_id[t.document_id].document_type,
        committee=doc_by_id[t.document_id].committee) for t in tags]
    if selection.first_agreed:
        from clausemark.core.reports.first_agreed import annotate
        annotate(lib, rows)
    used_themes = {r.theme_id for r in rows}
    used_docs = {r.document_id for r in rows}
    # Themes and documents the analyst named stay in the report even with no clause (a zero
    # is an answer); otherwise only those that occur.
    themes = [t for t in all_themes if (t.id in theme_ids if theme_ids is not None
                                        else t.id in used_themes)]
    report_docs = docs if named_docs else [d for d in docs if d.id in used_docs]
    return ReportData(rows=rows, themes=themes, documents=report_docs,
                      description=_describe(selection, themes, docs, named_docs, since, until),
                      library=Path(lib.path), author=lib.author)


def preview(lib: Library, selection: Selection) -> ReportData:
    """The report's rows without the empty-selection check (for a live count in the GUI; the
    "first agreed in" lines are left for the report itself)."""
    return _build(lib, replace(selection, first_agreed=False))


def select(lib: Library, selection: Selection) -> ReportData:
    """The rows a report covers; EmptySelectionError with a clear message when there are none."""
    data = _build(lib, selection)
    if data.rows:
        return data
    if data.search is not None:
        raise EmptySelectionError(f"the search {data.search!r} found no paragraph in this "
                                  "selection; nothing was written")
    if not any(t.tag_count for t in lib.themes.list()):
        raise EmptySelectionError("the library has no tags yet; tag some clauses first, then "
                                  "make a report (nothing was written)")
    described = "; ".join(f"{k.lower()}: {v}" for k, v in data.description.items())
    raise EmptySelectionError(f"no tagged clause matches this selection ({described}); "
                              "nothing was written")


def date_range(selection: Selection) -> tuple:
    """The selection's (since, until) dates, refused when the range is empty."""
    since = date_bound(selection.since, what="start date")
    until = date_bound(selection.until, end=True, what="end date")
    if since and until and since > until:
        raise ReportError(f"the date range is empty: {since} is after {until}")
    return since, until


def preview_text(data: ReportData) -> str:
    """"12 clauses from 3 documents will be included" (+ the tag count when it differs)."""
    if not data.rows:
        return "No paragraph found" if data.search is not None else \
            "No tagged clause matches this selection"
    text = f"{included(data)} will be included"
    if len(data.rows) != data.clause_count:
        text += f" ({counted(len(data.rows), 'tag')})"
    return text


def counted(n: int, word: str) -> str:
    """"1 clause", "2 clauses"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def included(data: ReportData) -> str:
    """"12 clauses from 3 documents" ("12 paragraphs …" for a search's results, tagged or not)."""
    docs = len({r.document_id for r in data.rows})
    what = "paragraph" if data.search is not None else "clause"
    return f"{counted(data.clause_count, what)} from {counted(docs, 'document')}"
