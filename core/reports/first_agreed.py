"""The "first agreed in" line of a report: for each clause, the oldest paragraph in the library
with the same or nearly the same wording (`lib.precedents`, core/language), so a brief can say
where its language comes from. Asked for with `Selection(first_agreed=True)` (the command line's
`--first-agreed`); one lookup per clause, a few milliseconds each."""
from __future__ import annotations

from clausemark.core.library.library import Library


def first_agreed_text(precedent) -> str:
    """"A/RES/78/221, PP 39 (2023-12-19)"."""
    return f"{precedent.citation} ({precedent.date or 'undated'})"


def annotate(lib: Library, rows) -> None:
    """Set `row.first_agreed` on every report row (the same text for all tags of a clause)."""
    lib.precedents.ensure_index()
    found: dict[tuple[int, str], str | None] = {}
    for row in rows:
        key = (row.document_id, row.paragraph)
        if key not in found:
            first = lib.precedents.first_agreed(row.document_id, row.paragraph)
            found[key] = first_agreed_text(first) if first is not None else None
        row.first_agreed = found[key]
