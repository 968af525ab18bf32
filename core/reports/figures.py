"""The report's numbers, counted once: every table of every format (the Word summary, the CSV and
Excel matrices, the per-theme overview) reads them from here, so they cannot disagree.

What is counted, and the words the tables use for it:
- a **clause** is one paragraph of one document (PP 3, OP 5 (a));
- a theme's cell counts the clauses that carry the theme (a clause with two themes counts in
  both themes' cells);
- a document's **clauses** count each of its tagged clauses once, whatever its themes;
- **tags** count the tags themselves: more than the clauses when a clause carries two themes or
  several tagged passages of one theme (the CSV has one row per tag).
Every total is the sum of the rows above it."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from clausemark.core.reports.select import ReportData


@dataclass
class Figures:
    clauses: dict[tuple[int, int], int]  # (document id, theme id) -> clauses with that theme
    document_clauses: dict[int, int]  # document id -> its tagged clauses, each once
    document_tags: dict[int, int]  # document id -> its tags
    theme_tags: dict[int, int]  # theme id -> its tags
    together: dict[tuple[int, int], int]  # (theme, theme) -> clauses carrying both

    def cell(self, document_id: int, theme_id: int) -> int:
        return self.clauses.get((document_id, theme_id), 0)

    def theme_clauses(self, theme_id: int, documents) -> int:
        """A theme's clauses: the sum of its cells over `documents`."""
        return sum(self.cell(d.id, theme_id) for d in documents)

    def theme_documents(self, theme_id: int, documents) -> int:
        return sum(1 for d in documents if self.cell(d.id, theme_id))

    @property
    def total_tags(self) -> int:
        return sum(self.document_tags.values())

    @property
    def tags_differ(self) -> bool:
        """Whether a table needs a tags column beside the clauses column."""
        return self.document_tags != self.document_clauses


def figures(data: ReportData) -> Figures:
    """The counts of `data` (cached on it: the rows are a snapshot)."""
    cached = getattr(data, "_figures", None)
    if cached is not None:
        return cached
    paragraphs_of: dict[tuple[int, int], set[str]] = defaultdict(set)
    themes_of: dict[tuple[int, str], set[int]] = defaultdict(set)
    document_tags: dict[int, int] = defaultdict(int)
    theme_tags: dict[int, int] = defaultdict(int)
    for r in data.rows:
        paragraphs_of[(r.document_id, r.theme_id)].add(r.paragraph)
        themes_of[(r.document_id, r.paragraph)].add(r.theme_id)
        document_tags[r.document_id] += 1
        theme_tags[r.theme_id] += 1
    document_clauses: dict[int, int] = defaultdict(int)
    together: dict[tuple[int, int], int] = defaultdict(int)
    for (doc_id, _), ids in themes_of.items():
        document_clauses[doc_id] += 1
        for a in ids:
            together[(a, a)] += 1
        for a, b in combinations(sorted(ids), 2):
            together[(a, b)] += 1
            together[(b, a)] += 1
    result = Figures(clauses={k: len(v) for k, v in paragraphs_of.items()},
                     document_clauses=dict(document_clauses), document_tags=dict(document_tags),
                     theme_tags=dict(theme_tags), together=dict(together))
    data._figures = result
    return result


def counts_matrix(data: ReportData) -> tuple[list, list[list]]:
    """Rows = themes, columns = documents (+ total); a cell = clauses with that theme. The last
    row sums the rows above (a clause with two themes counts in each)."""
    fig = figures(data)
    header = ["theme"] + [d.display_name for d in data.documents] + ["total"]
    rows = []
    for theme in data.themes:
        cells = [fig.cell(d.id, theme.id) for d in data.documents]
        rows.append([theme.name] + cells + [sum(cells)])
    totals = [sum(r[i] for r in rows) for i in range(1, len(header))]
    return header, rows + [["total"] + totals]


def cooccurrence_matrix(data: ReportData) -> tuple[list, list[list]]:
    """Rows and columns = themes; a cell = clauses tagged with both (the diagonal: with that
    theme at all, the theme's total in the counts matrix)."""
    fig = figures(data)
    header = ["theme"] + [t.name for t in data.themes]
    rows = [[a.name] + [fig.together.get((a.id, b.id), 0) for b in data.themes]
            for a in data.themes]
    return header, rows
