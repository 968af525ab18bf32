"""Report selection: themes (with sub-themes), documents, adoption dates, clear empty messages."""
from __future__ import annotations

import pytest

from clausemark.core.errors import NotFoundError
from clausemark.core.library.library import Library
from clausemark.core.output import EmptySelectionError, ReportError
from clausemark.core.reports.select import Selection, date_bound, preview, preview_text, select
from tests.core import report_helpers
from tests.core.library_helpers import library_with_document
from tests.core.report_helpers import tagged_library

lib = report_helpers.lib  # the fixture: the tagged library, open


def _keys(data):
    return [(r.symbol, r.paragraph, r.theme) for r in data.rows]


def test_everything_in_library_and_paragraph_order_with_full_row(lib):
    data = select(lib, Selection())
    assert _keys(data) == [
        ("A/C.3/80/L.52", "OP2(b)", "detention"),
        ("A/RES/78/217", "PP2", "child detention"),
        ("A/RES/78/217", "OP1", "remittances"),
        ("A/RES/78/217", "OP2(a)", "consular rights"),
        ("A/RES/78/217", "OP2(b)", "children"),
        ("A/RES/78/217", "OP2(b)", "detention"),
        ("A/RES/79/300", "PP1", "children"),
        ("A/RES/79/300", "OP1", "remittances"),
    ]
    row = next(r for r in data.rows if r.paragraph == "OP2(a)")
    assert row.citation == "A/RES/78/217, OP 2 (a)"
    assert (row.title, row.adopted, row.kind) == ("Protection of migrants", "2023-12-19",
                                                  "subparagraph")
    assert row.text == "To ensure consular access for detained migrants"
    assert row.note == "Compare with 77/1.\nAsk legal." and row.author == "M. Haddad"
    assert row.tagged[:4].isdigit() and "T" in row.tagged
    pp2 = next(r for r in data.rows if r.paragraph == "PP2")
    assert pp2.opening == "Deeply concerned" and pp2.citation == "A/RES/78/217, PP 2"
    span = next(r for r in data.rows if r.paragraph == "OP1" and r.symbol == "A/RES/78/217")
    assert span.excerpt == "lower the cost of remittances"
    assert data.clause_count == 7  # OP2(b) of 78/217 carries two themes
    assert [d.symbol for d in data.documents] == ["A/C.3/80/L.52", "A/RES/78/217",
                                                  "A/RES/79/300"]
    assert [t.name for t in data.themes] == ["children", "detention", "child detention",
                                             "remittances", "consular rights"]


def test_theme_brings_its_subthemes_unless_told_not_to(lib):
    with_sub = select(lib, Selection(themes=("Detention",)))
    assert {r.theme for r in with_sub.rows} == {"detention", "child detention"}
    assert len(with_sub.rows) == 3
    only = select(lib, Selection(themes=("detention",), include_subthemes=False))
    assert {r.theme for r in only.rows} == {"detention"}
    assert [t.name for t in only.themes] == ["detention"]


def test_documents_by_symbol_or_id_and_named_ones_stay_even_without_tags(lib):
    first = lib.document("A/RES/78/217").id
    data = select(lib, Selection(documents=(first, "a/res/79/300"), themes=("consular rights",)))
    assert _keys(data) == [("A/RES/78/217", "OP2(a)", "consular rights")]
    # Both named documents are in the report (79/300 with a zero in the summary).
    assert [d.symbol for d in data.documents] == ["A/RES/78/217", "A/RES/79/300"]
    assert data.description["Documents"] == "A/RES/78/217, A/RES/79/300"
    assert data.description["Themes"] == "consular rights"


def test_date_range_on_adoption_date_leaves_undated_drafts_out(lib):
    data = select(lib, Selection(since="2024"))
    assert {r.symbol for r in data.rows} == {"A/RES/79/300"}
    data = select(lib, Selection(until="2023-12"))
    assert {r.symbol for r in data.rows} == {"A/RES/78/217"}
    data = select(lib, Selection(since="2023-12-19", until="2023-12-19"))
    assert {r.symbol for r in data.rows} == {"A/RES/78/217"}
    assert data.description["Adopted"] == "on 19 December 2023"
    data = select(lib, Selection(since="2023", until="2024-06"))
    assert data.description["Adopted"] == "from 1 January 2023 to 30 June 2024"
    assert preview(lib, Selection(since="2023-12-20", until="2024-12-16")).rows == []


def test_date_bounds():
    assert date_bound("2024") == "2024-01-01"
    assert date_bound("2024", end=True) == "2024-12-31"
    assert date_bound("2024-02", end=True) == "2024-02-29"
    assert date_bound("2023-12", end=True) == "2023-12-31"
    assert date_bound(" 2023-05-07 ") == "2023-05-07"
    assert date_bound("") is None and date_bound(None) is None
    with pytest.raises(ReportError, match="not a date: '2024-13'"):
        date_bound("2024-13")
    with pytest.raises(ReportError, match="YYYY-MM-DD"):
        date_bound("last year")


def test_empty_selection_says_why_instead_of_an_empty_file(lib):
    with pytest.raises(EmptySelectionError) as exc:
        select(lib, Selection(themes=("consular rights",), since="2024"))
    message = str(exc.value)
    assert "no tagged clause matches this selection" in message
    assert "consular rights" in message and "on or after 1 January 2024" in message
    assert "nothing was written" in message
    with pytest.raises(ReportError, match="2025-01-01 is after 2024-12-31"):
        select(lib, Selection(since="2025", until="2024"))


def test_library_without_tags_says_so(tmp_path):
    with (library_with_document(tmp_path / "empty.clausemark") as lib,
          pytest.raises(EmptySelectionError, match="the library has no tags yet")):
        select(lib, Selection())


def test_unknown_theme_or_document_is_named(lib):
    with pytest.raises(NotFoundError, match="no theme 'migration'"):
        select(lib, Selection(themes=("migration",)))
    with pytest.raises(NotFoundError, match="A/RES/1/1"):
        select(lib, Selection(documents=("A/RES/1/1",)))


def test_preview_text_counts_clauses_documents_and_tags(lib):
    assert preview_text(preview(lib, Selection())) == \
        "7 clauses from 3 documents will be included (8 tags)"
    assert preview_text(preview(lib, Selection(themes=("consular rights",)))) == \
        "1 clause from 1 document will be included"
    assert preview_text(preview(lib, Selection(since="2030"))) == \
        "No tagged clause matches this selection"


def test_many_named_documents_use_one_query_and_same_rows(tmp_path, monkeypatch):
    import clausemark.core.reports.select as rs
    with tagged_library(tmp_path / "m.clausemark") as lib:
        ids = tuple(d.id for d in lib.documents())
        few = select(lib, Selection(documents=ids))
        monkeypatch.setattr(rs, "PER_DOCUMENT_QUERIES", 1)
        many = select(lib, Selection(documents=ids))
        assert _keys(few) == _keys(many) and len(few.rows) == 8


def test_rows_reflect_the_library_at_selection_time(tmp_path):
    path = tmp_path / "t.clausemark"
    with tagged_library(path) as lib:
        before = len(select(lib, Selection()).rows)
    with Library(path) as other:
        other.tags.add("A/RES/79/300", "OP2(a)", "consular rights")
    with Library(path) as lib:
        assert len(select(lib, Selection()).rows) == before + 1
