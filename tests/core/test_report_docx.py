"""The Word brief read back with python-docx: title page, summary table, a Heading 1 per theme,
each clause quoted in full under its citation with the opening phrase in italics, notes, and
page numbers as a PAGE field in the footer."""
from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from clausemark.core.output import ReportCancelled
from clausemark.core.reports.docx_report import write_docx
from clausemark.core.reports.select import Selection, select
from tests.core.report_helpers import lib  # noqa: F401 (a fixture)


@pytest.fixture
def brief(lib, tmp_path):
    path = write_docx(select(lib, Selection()), tmp_path / "brief.docx", title="Migrants brief")
    return docx.Document(str(path))


def _styled(doc, style):
    return [p.text for p in doc.paragraphs if p.style.name == style]


def _after(doc, text):
    """The paragraphs that follow the first paragraph whose text is `text`."""
    paragraphs = doc.paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text == text)
    return paragraphs[i + 1:]


def test_headings_make_the_navigation_pane(brief):
    assert _styled(brief, "Heading 1") == ["Summary", "Children", "Detention", "Child detention",
                                           "Remittances", "Consular rights"]
    h2 = _styled(brief, "Heading 2")
    assert "A/RES/78/217 — Protection of migrants" in h2
    assert "A/C.3/80/L.52 — Draft on migrants" in h2
    assert _styled(brief, "Title") == ["Migrants brief"]


def test_title_page_says_what_was_selected_by_whom(brief):
    facts = {row.cells[0].text: row.cells[1].text for row in brief.tables[0].rows}
    assert facts["Library"] == "r.clausemark"
    assert facts["Themes"] == "all themes" and facts["Adopted"] == "any date"
    assert facts["Included"] == "7 clauses from 3 documents (8 tags)"
    assert facts["Prepared by"] == "M. Haddad"
    assert brief.core_properties.author == "M. Haddad"
    assert brief.core_properties.title == "Migrants brief"


def test_summary_table_counts_per_document_and_theme(brief):
    table = brief.tables[1]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Document", "Adopted", "Children", "Detention", "Child detention",
                      "Remittances", "Consular rights", "Total"]
    rows = {r.cells[0].text.split("  ")[0]: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert rows["A/RES/78/217"] == ["2023-12-19", "1", "1", "1", "1", "1", "5"]
    assert rows["A/C.3/80/L.52"] == ["—", "–", "1", "–", "–", "–", "1"]
    assert rows["All documents"] == ["", "2", "2", "1", "2", "1", "7"]
    # The header row repeats on every page of a long table.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_clause_quoted_in_full_under_its_citation_with_italic_opening(brief):
    detention = _after(brief, "Detention")
    cites = [p for p in detention if p.style.name == "Clause Citation"]
    assert cites[0].text.startswith("A/C.3/80/L.52, OP 2 (b)")
    pp2 = _after(brief, "Child detention")
    cite = next(p for p in pp2 if p.style.name == "Clause Citation")
    assert cite.text == "A/RES/78/217, PP 2"
    quote = pp2[pp2.index(cite) + 1]
    assert quote.style.name == "Clause Text"
    assert quote.text == "Deeply concerned about the detention of migrant children"
    assert [r.text for r in quote.runs if r.italic] == ["Deeply concerned"]
    assert not any(r.italic for r in quote.runs if r.text != "Deeply concerned")


def test_notes_follow_their_clause_and_other_themes_are_named(brief):
    consular = _after(brief, "Consular rights")
    notes = [p for p in consular if p.style.name == "Clause Note"]
    assert len(notes) == 1
    assert "Compare with 77/1." in notes[0].text and "Ask legal." in notes[0].text
    assert "M. Haddad" in notes[0].text
    children = _after(brief, "Children")
    cite = next(p for p in children if p.text.startswith("A/RES/78/217, OP 2 (b)"))
    assert "also: detention" in cite.text
    detention = _after(brief, "Detention")
    assert any(p.text.startswith("Note") and "Key clause for the statement." in p.text
               for p in detention)


def test_a_span_tag_highlights_its_words(brief):
    remittances = _after(brief, "Remittances")
    quote = next(p for p in remittances if p.text.startswith("Calls upon all States to lower"))
    marked = [r.text for r in quote.runs if r.font.highlight_color is not None]
    assert marked == ["lower the cost of remittances"]


def test_footer_numbers_pages_with_fields_and_title_page_has_none(brief):
    section = brief.sections[0]
    instructions = [el.text.strip() for el in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert section.different_first_page_header_footer
    assert "Migrants brief" in section.footer.paragraphs[0].text
    assert abs(section.page_width - Cm(21)) < Cm(0.01)  # A4


def test_selection_limits_the_brief_and_named_theme_without_clauses_says_so(lib, tmp_path):
    data = select(lib, Selection(themes=("remittances", "consular rights"), since="2024"))
    doc = docx.Document(str(write_docx(data, tmp_path / "small.docx")))
    assert _styled(doc, "Heading 1") == ["Summary", "Remittances", "Consular rights"]
    assert any("No clause in the selected documents" in p.text
               for p in _after(doc, "Consular rights"))
    assert "A/RES/78/217" not in "\n".join(p.text for p in doc.paragraphs)


def test_many_themes_turn_the_summary_sideways(lib, tmp_path):
    for name in ("education", "health", "labour"):
        lib.themes.add(name)
        lib.tags.add("A/RES/79/300", "OP2", name)
    doc = docx.Document(str(write_docx(select(lib, Selection()), tmp_path / "wide.docx")))
    widths = [s.page_width > s.page_height for s in doc.sections]
    assert widths == [False, True, False]  # title page, summary, theme sections


def test_control_characters_from_a_pdf_do_not_break_the_file(lib, tmp_path):
    tag = lib.tags.find("A/RES/79/300", "PP1", "children")
    lib.tags.set_note(tag.id, "odd\x02character\x1fhere")
    doc = docx.Document(str(write_docx(select(lib, Selection()), tmp_path / "odd.docx")))
    assert any("oddcharacterhere" in p.text for p in doc.paragraphs)


def test_cancel_mid_way_writes_nothing(lib, tmp_path):
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 1  # let the first check pass, stop at the next

    with pytest.raises(ReportCancelled):
        write_docx(select(lib, Selection()), tmp_path / "c.docx", cancelled=cancelled)
    assert list(tmp_path.glob("*.docx")) == [] and list(tmp_path.glob("*.part")) == []
