"""A report of a search's results: the paragraphs a search found, tagged or not, one row each.

The report has one heading, "Search: <query>", under which every paragraph found is quoted (a
pseudo-theme, id SEARCH_THEME_ID, so that the Word brief, the workbook and the CSV writers need
no second shape); each row's `theme` column lists the themes the paragraph is tagged with.
The front matter says which search produced it ("Search", "Search filters"). The paragraphs
come from the caller (exactly what the app showed), or, with none given, from running the
search over the whole library; themes, documents and dates of the Selection narrow them."""
from __future__ import annotations

from pathlib import Path

from clausemark.core.library.library import Library
from clausemark.core.library.records import Theme, theme_subtree
from clausemark.core.reports.select import (
    ReportData,
    ReportRow,
    Selection,
    _describe,
    _resolve_documents,
    date_range,
)

SEARCH_THEME_ID = 0
SEARCH_LIMIT = 100_000  # a search run for a report takes every paragraph it finds


def search_theme(query: str | None) -> Theme:
    name = f"Search: {query}" if query else "Search results"
    return Theme(id=SEARCH_THEME_ID, name=name, colour="#777777", position=0, parent_id=None,
                 description="Paragraphs found by the search, tagged or not; each row's theme "
                             "column lists the themes it is tagged with.",
                 retired=False, created="")


def _keys(lib: Library, selection: Selection) -> list[tuple[int, str]]:
    if selection.paragraphs:
        return [(int(d), str(p)) for d, p in selection.paragraphs]
    hits = lib.search.paragraphs(selection.search or "", limit=SEARCH_LIMIT)
    return [(h.document_id, h.paragraph) for h in hits]


def build_search(lib: Library, selection: Selection) -> ReportData:
    since, until = date_range(selection)
    docs, named_docs = _resolve_documents(lib, selection, since, until)
    doc_by_id = {d.id: d for d in docs}
    keys = [k for k in _keys(lib, selection) if k[0] in doc_by_id]
    all_themes = lib.themes.list()
    themes_of: dict[tuple[int, str], list[str]] = {}
    theme_ids_of: dict[tuple[int, str], set[int]] = {}
    for doc_id in sorted({k[0] for k in keys}):
        for tag in lib.tags.list(document=doc_id):
            key = (tag.document_id, tag.paragraph)
            if tag.theme not in themes_of.setdefault(key, []):
                themes_of[key].append(tag.theme)
            theme_ids_of.setdefault(key, set()).add(tag.theme_id)
    if selection.themes:  # only paragraphs tagged with a chosen theme
        chosen: set[int] = set()
        for ref in selection.themes:
            theme_id = lib.themes.get(ref).id
            chosen |= theme_subtree(all_themes, theme_id) if selection.include_subthemes \
                else {theme_id}
        keys = [k for k in keys if theme_ids_of.get(k, set()) & chosen]
    order = {d.id: i for i, d in enumerate(docs)}
    found = sorted(lib.search.found(keys), key=lambda r: order[r[0]])  # stable: reading order
    rows = [ReportRow(
        tag_id=0, document_id=doc_id, symbol=doc_by_id[doc_id].symbol,
        title=doc_by_id[doc_id].title, adopted=doc_by_id[doc_id].adopted, paragraph=pid,
        label=label, kind=kind, opening=opening, theme_id=SEARCH_THEME_ID,
        theme="; ".join(themes_of.get((doc_id, pid), [])), text=text, note="", author="",
        tagged="", document_type=doc_by_id[doc_id].document_type,
        committee=doc_by_id[doc_id].committee)
        for doc_id, pid, label, kind, opening, text in found]
    if selection.first_agreed:
        from clausemark.core.reports.first_agreed import annotate
        annotate(lib, rows)
    used_docs = {r.document_id for r in rows}
    theme = search_theme(selection.search)
    description = {"Search": f"“{selection.search}”" if selection.search else "(not given)"}
    if selection.search_filters:
        description["Search filters"] = selection.search_filters
    chosen_themes = [t for t in all_themes if selection.themes and
                     (t.id in {lib.themes.get(r).id for r in selection.themes})]
    description.update(_describe(selection, chosen_themes, docs, named_docs, since, until))
    if not selection.themes:
        description["Themes"] = "tagged or not"
    return ReportData(rows=rows, themes=[theme],
                      documents=docs if named_docs else [d for d in docs if d.id in used_docs],
                      description=description, library=Path(lib.path), author=lib.author,
                      search=selection.search or "")
