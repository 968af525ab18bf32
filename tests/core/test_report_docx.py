"""The Word brief read back with python-docx: front matter (title page without file names, the
selection in words, a TOC field updated on opening, an overview per theme), a summary whose
numbers add up and agree with the CSV and the matrices, each clause once with its citation,
title, date, page, footnotes and notes, layout (A4, headings kept with what follows, header
words unbroken) and document properties."""
from __future__ import annotations

import csv
import datetime as dt
from collections import Counter

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from clausemark.core.output import ReportCancelled
from clausemark.core.parse.model import Paragraph
from clausemark.core.reports.csv_report import write_csv
from clausemark.core.reports.docx_parts import CELL_MARGIN_TWIPS, longest_word_cm
from clausemark.core.reports.docx_report import write_docx
from clausemark.core.reports.select import Selection, select
from tests.core import report_helpers
from tests.core.library_helpers import fake_pdf, sample_resolution

lib = report_helpers.lib  # the fixture: the tagged library, open

pytestmark = pytest.mark.timeout(60)


def _write(lib, path, selection=None, **kwargs):
    data = select(lib, selection or Selection())
    return docx.Document(str(write_docx(data, path, library=lib, **kwargs)))


@pytest.fixture
def brief(lib, tmp_path):
    return _write(lib, tmp_path / "brief.docx", title="Migrants brief")


def _styled(doc, style):
    return [p.text for p in doc.paragraphs if p.style.name == style]


def _after(doc, text, style="Heading 1"):
    """The paragraphs after the first `style` paragraph whose text is `text`, up to the next
    paragraph of that style."""
    paragraphs = doc.paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text == text and p.style.name == style)
    rest = paragraphs[i + 1:]
    end = next((k for k, p in enumerate(rest) if p.style.name == style), len(rest))
    return rest[:end]


def _summary(doc):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "Document")


def test_headings_make_the_navigation_pane(brief):
    assert _styled(brief, "Heading 1") == ["Summary", "Overview", "Children", "Detention",
                                           "Child detention", "Remittances", "Consular rights"]
    h2 = _styled(brief, "Heading 2")
    assert "A/RES/78/217 — Protection of migrants" in h2
    assert "A/C.3/80/L.52 — Draft on migrants" in h2
    assert _styled(brief, "Title") == ["Migrants brief"]


def test_title_page_says_what_was_selected_by_whom_without_file_names(brief):
    facts = {row.cells[0].text: row.cells[1].text for row in brief.tables[0].rows}
    assert "Library" not in facts
    assert facts["Themes"] == "all themes" and facts["Adopted"] == "any date"
    assert facts["Included"] == "7 clauses from 3 documents (8 tags)"
    assert facts["Prepared by"] == "M. Haddad"
    assert facts["Date"] == f"{dt.date.today().day} {dt.date.today():%B %Y}"
    lead = _styled(brief, "Report Lead")[0]
    assert lead == ("Clauses tagged children, detention, child detention, remittances or consular "
                    "rights in A/C.3/80/L.52, A/RES/78/217 and A/RES/79/300 (adopted between "
                    "19 December 2023 and 17 December 2024 and 1 draft not yet adopted).")
    first_page = []
    for p in brief.paragraphs:
        if p.text == "Contents":
            break
        first_page.append(p.text)
    text = "\n".join(first_page + [c.text for r in brief.tables[0].rows for c in r.cells])
    assert ".clausemark" not in text and "r.clausemark" not in text and ".pdf" not in text


def test_document_properties_are_set_now(brief):
    props = brief.core_properties
    assert props.title == "Migrants brief" and props.author == "M. Haddad"
    assert "Themes: all themes" in props.subject
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for stamp in (props.created, props.modified):
        assert abs((stamp.replace(tzinfo=None) - now).total_seconds()) < 120
    assert props.last_modified_by == "M. Haddad"


def test_a_real_toc_field_updated_on_opening_with_a_note_for_other_viewers(brief):
    body = brief.element.body
    instructions = [t.text.strip() for t in body.iter(qn("w:instrText"))]
    assert 'TOC \\o "1-2" \\h \\z \\u' in instructions
    settings = brief.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    # The field's cached result already lists the headings (what a non-updating viewer shows).
    entries = _styled(brief, "toc 1")
    assert entries == ["Summary", "Overview", "Children", "Detention", "Child detention",
                       "Remittances", "Consular rights"]
    assert "A/RES/78/217 — Protection of migrants" in _styled(brief, "toc 2")
    contents = _after(brief, "Contents", style="TOC Heading")
    assert any("Other viewers show the headings" in p.text for p in contents)
    # The field ends: one begin, one end around the entries.
    kinds = [f.get(qn("w:fldCharType")) for p in brief.paragraphs
             if p.style.name.startswith("toc") for f in p._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_summary_counts_one_thing_per_column_and_totals_add_up(brief):
    table = _summary(brief)
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Document", "Adopted", "Children", "Detention", "Child detention",
                      "Remittances", "Consular rights", "Clauses", "Tags"]
    rows = {r.cells[0].text.split("  ")[0]: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert rows["A/RES/78/217"] == ["19 Dec 2023", "1", "1", "1", "1", "1", "4", "5"]
    assert rows["A/C.3/80/L.52"] == ["—", "–", "1", "–", "–", "–", "1", "1"]
    assert rows["All documents"] == ["", "2", "2", "1", "2", "1", "7", "8"]

    def n(text):
        return 0 if text in ("–", "") else int(text)
    body = [v for k, v in rows.items() if k != "All documents"]
    for col in range(1, len(header) - 1):
        assert n(rows["All documents"][col]) == sum(n(v[col]) for v in body)
    summary_text = " ".join(_after(brief, "Summary")[0].text.split())
    assert "once under Clauses" in summary_text and "Tags counts the tags" in summary_text
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_summary_agrees_with_the_csv_and_both_matrices(lib, tmp_path):
    data = select(lib, Selection())
    doc = _write(lib, tmp_path / "b.docx", matrices=("counts", "cooccurrence"))

    def read(path):
        with open(path, encoding="utf-8-sig", newline="") as f:
            return list(csv.reader(f))
    tags = read(write_csv(data, tmp_path / "t.csv"))[1:]
    counts = read(write_csv(data, tmp_path / "c.csv", "counts"))
    co = read(write_csv(data, tmp_path / "o.csv", "cooccurrence"))
    table = _summary(doc)
    header = [c.text for c in table.rows[0].cells]
    total = {h: c.text for h, c in zip(header, table.rows[-1].cells)}
    assert int(total["Tags"]) == len(tags)  # one CSV row per tag
    assert int(total["Clauses"]) == len({(r[0], r[3]) for r in tags})
    per_theme = {r[0]: int(r[-1]) for r in counts[1:]}
    names = co[0][1:]
    for name, row in zip(names, co[1:]):
        shown = total[name[:1].upper() + name[1:]]
        assert int(shown) == per_theme[name] == int(row[1 + names.index(name)])
    # Each document's cells equal the counts matrix column of that document.
    for r in table.rows[1:-1]:
        symbol = r.cells[0].text.split("  ")[0]
        col = counts[0].index(symbol)
        for theme_row in counts[1:-1]:
            cell = r.cells[header.index(theme_row[0][:1].upper() + theme_row[0][1:])].text
            assert (0 if cell == "–" else int(cell)) == int(theme_row[col])
    # --matrix adds the matrices as Word tables with the same numbers.
    assert _styled(doc, "Heading 1")[-1] == "Matrices"
    word_counts = next(t for t in doc.tables if t.rows[0].cells[0].text == "Theme"
                       and t.rows[0].cells[-1].text == "Total")
    assert [c.text for c in word_counts.rows[-1].cells][1:] == \
        [v if v != "0" else "–" for v in counts[-1][1:]]
    word_co = [t for t in doc.tables if t.rows[0].cells[0].text == "Theme"][-1]
    assert [c.text for c in word_co.rows[2].cells][1:3] == ["1", "2"]  # detention: children, itself


def test_overview_counts_clauses_verbs_and_kinds_per_theme(brief):
    overview = _after(brief, "Overview")
    text = [p.text for p in overview]
    remittances = text.index("Remittances")
    assert text[remittances + 1] == "2 clauses in 2 documents (2 operative)."
    assert text[remittances + 2] == "Operative verbs: “calls upon” 2."
    children = text.index("Children")
    assert text[children + 1] == "2 clauses in 2 documents (1 preambular, 1 operative)."


def _versions(lib):
    """A/RES/79/301, a newer version of A/RES/78/217: OP 1 edited, PP 2 dropped, OP 3 new."""
    new = sample_resolution("A/RES/79/301", "2024-12-17", extra=" by 2030")
    new.paragraphs = [p for p in new.paragraphs if p.id != "PP2"]
    new.paragraphs.append(Paragraph("OP3", "operative", "3", "OP 3", "Requests",
                                    "Requests the Secretary-General to report on children in "
                                    "immigration detention at its next session", pages=[3]))
    lib.add_resolution(new, fake_pdf("79/301"))
    lib.tags.add("A/RES/78/217", "OP1", "children")
    lib.tags.add("A/RES/78/217", "PP2", "children")
    for pid in ("OP1", "OP3", "OP2(b)"):
        lib.tags.add("A/RES/79/301", pid, "children")


def test_overview_says_what_changed_since_the_earlier_version(lib, tmp_path):
    _versions(lib)
    doc = _write(lib, tmp_path / "v.docx", Selection(themes=("children",),
                                                    documents=("A/RES/79/301",)))
    lines = [p.text for p in _after(doc, "Overview")]
    assert ("A/RES/79/301 against its earlier version A/RES/78/217 (19 December 2023): "
            "1 new (OP 3); 1 edited (OP 1); 1 unchanged; 1 dropped (PP 2).") in lines
    # An earlier version without the theme's tags cannot say what was dropped, and says so.
    lib.themes.add("health")
    lib.tags.add("A/RES/79/301", "OP3", "health")
    doc = _write(lib, tmp_path / "h.docx", Selection(themes=("health",),
                                                    documents=("A/RES/79/301",)))
    lines = " ".join(p.text for p in _after(doc, "Overview"))
    assert ("A/RES/79/301 against its earlier version A/RES/78/217 (19 December 2023): 1 new "
            "(OP 3). A/RES/78/217 carries no “health” tag, so clauses dropped since then are "
            "not known.") in lines


def test_clause_under_its_citation_with_title_date_page_and_italic_opening(brief):
    pp2 = _after(brief, "Child detention")
    cite = next(p for p in pp2 if p.style.name == "Clause Citation")
    assert cite.text.startswith("A/RES/78/217, PP 2")
    assert "Protection of migrants · 19 December 2023 · pp. 1–2" in cite.text
    quote = pp2[pp2.index(cite) + 1]
    assert quote.style.name == "Clause Text"
    assert quote.text == "Deeply concerned about the detention of migrant children"
    assert [r.text for r in quote.runs if r.italic] == ["Deeply concerned"]
    draft = _after(brief, "Detention")
    cite = next(p for p in draft if p.style.name == "Clause Citation")
    assert cite.text.startswith("A/C.3/80/L.52, OP 2 (b)") and "draft · p. 3" in cite.text


def test_footnotes_the_clause_cites_are_printed_under_the_quote(brief):
    consular = _after(brief, "Consular rights")
    styles = [p.style.name for p in consular]
    quote = styles.index("Clause Text")
    foot = consular[quote + 1]
    assert foot.style.name == "Clause Footnote" and foot.text == "2 See A/78/100."
    assert foot.runs[0].font.superscript
    children = _after(brief, "Children")
    assert any(p.text == "1 Resolution 77/1." for p in children)  # PP 1 of A/RES/79/300


def test_a_clause_under_two_themes_is_quoted_once_and_referred_to(brief):
    quotes = Counter(p.text for p in brief.paragraphs if p.style.name == "Clause Text")
    assert quotes["To end the immigration detention of children"] == 2  # 78/217 and the draft
    detention = _after(brief, "Detention")
    i = next(i for i, p in enumerate(detention) if p.text.startswith("A/RES/78/217, OP 2 (b)"))
    ref = detention[i + 1]
    assert ref.style.name == "Clause Reference"
    assert ref.text.startswith("Quoted in full under Children")
    link = ref._p.find(qn("w:hyperlink"))
    anchor = link.get(qn("w:anchor"))
    targets = [b.get(qn("w:name")) for b in brief.element.body.iter(qn("w:bookmarkStart"))]
    assert anchor in targets
    assert any(f"PAGEREF {anchor}" in t.text for t in ref._p.iter(qn("w:instrText")))
    # the note of the second theme's tag still follows
    assert "Key clause for the statement." in detention[i + 2].text


def test_notes_follow_their_clause_and_other_themes_are_named(brief):
    consular = _after(brief, "Consular rights")
    notes = [p for p in consular if p.style.name == "Clause Note"]
    assert len(notes) == 1
    assert "Compare with 77/1." in notes[0].text and "Ask legal." in notes[0].text
    assert "M. Haddad" in notes[0].text
    children = _after(brief, "Children")
    cite = next(p for p in children if p.text.startswith("A/RES/78/217, OP 2 (b)"))
    assert "also: detention" in cite.text


def test_a_span_tag_highlights_its_words(brief):
    remittances = _after(brief, "Remittances")
    quote = next(p for p in remittances if p.text.startswith("Calls upon all States to lower"))
    marked = [r.text for r in quote.runs if r.font.highlight_color is not None]
    assert marked == ["lower the cost of remittances"]


def test_layout_a4_headings_keep_with_next_and_no_page_break_per_theme(brief):
    for section in brief.sections:
        short, long = sorted((section.page_width, section.page_height))
        assert abs(short - Cm(21)) < Cm(0.01) and abs(long - Cm(29.7)) < Cm(0.01)
    themes = [p for p in brief.paragraphs if p.style.name == "Heading 1"]
    assert not any(p.paragraph_format.page_break_before for p in themes)
    assert brief.styles["Heading 1"].paragraph_format.keep_with_next
    assert brief.styles["Heading 2"].paragraph_format.keep_with_next
    assert brief.styles["Clause Citation"].paragraph_format.keep_with_next
    # Only the title page ends with a page break (before the contents).
    breaks = [p.text for p in brief.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == ["Contents"]


def test_table_header_words_fit_their_columns(lib, tmp_path):
    for name in ("education", "health", "labour", "internally displaced persons"):
        lib.themes.add(name)
        lib.tags.add("A/RES/79/300", "OP2", name)
    doc = _write(lib, tmp_path / "wide.docx")
    for table in doc.tables[1:]:
        grid = [int(w.get(qn("w:w"))) for w in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        for cell, twips in zip(table.rows[0].cells, grid):
            room_cm = (twips - 2 * CELL_MARGIN_TWIPS) / 567
            assert longest_word_cm(cell.text, 8.5, bold=True) <= room_cm, cell.text


def test_many_themes_turn_the_summary_sideways(lib, tmp_path):
    for name in ("education", "health", "labour", "housing", "water"):
        lib.themes.add(name)
        lib.tags.add("A/RES/79/300", "OP2", name)
    doc = _write(lib, tmp_path / "wide.docx")
    widths = [s.page_width > s.page_height for s in doc.sections]
    assert widths == [False, True, False]  # title and contents, summary, the rest
    # The summary's heading and explanation are on the sideways page with its table.
    paragraphs = doc.paragraphs
    heading = next(i for i, p in enumerate(paragraphs)
                   if p.text == "Summary" and p.style.name == "Heading 1")
    ends_portrait = [i for i, p in enumerate(paragraphs) if p._p.pPr is not None
                     and p._p.pPr.find(qn("w:sectPr")) is not None]
    assert ends_portrait[0] < heading < ends_portrait[1]


def test_footer_numbers_pages_with_fields_and_title_page_has_none(brief):
    section = brief.sections[0]
    instructions = [el.text.strip() for el in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert section.different_first_page_header_footer
    assert "Migrants brief" in section.footer.paragraphs[0].text


def test_selection_limits_the_brief_and_named_theme_without_clauses_says_so(lib, tmp_path):
    doc = _write(lib, tmp_path / "small.docx",
                 Selection(themes=("remittances", "consular rights"), since="2024"))
    assert _styled(doc, "Heading 1") == ["Summary", "Overview", "Remittances", "Consular rights"]
    assert any("No clause in the selected documents" in p.text
               for p in _after(doc, "Consular rights"))
    body = "\n".join(p.text for p in doc.paragraphs if not p.style.name.startswith("Overview"))
    assert "A/RES/78/217, " not in body


def test_without_the_library_the_brief_still_writes(lib, tmp_path):
    doc = docx.Document(str(write_docx(select(lib, Selection()), tmp_path / "plain.docx")))
    assert "Clause Footnote" not in {p.style.name for p in doc.paragraphs}
    assert _styled(doc, "Heading 1")[:2] == ["Summary", "Overview"]


def test_control_characters_from_a_pdf_do_not_break_the_file(lib, tmp_path):
    tag = lib.tags.find("A/RES/79/300", "PP1", "children")
    lib.tags.set_note(tag.id, "odd\x02character\x1fhere")
    doc = _write(lib, tmp_path / "odd.docx")
    assert any("oddcharacterhere" in p.text for p in doc.paragraphs)


def test_cancel_mid_way_writes_nothing(lib, tmp_path):
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 1  # let the first check pass, stop at the next

    with pytest.raises(ReportCancelled):
        write_docx(select(lib, Selection()), tmp_path / "c.docx", library=lib,
                   cancelled=cancelled)
    assert list(tmp_path.glob("*.docx")) == [] and list(tmp_path.glob("*.part")) == []


@pytest.mark.corpus
@pytest.mark.timeout(180)
def test_real_versions_of_the_rights_of_the_child_resolution(dev_dir, tmp_path):
    """A/RES/78/187 and its next version A/RES/80/190, parsed from the real PDFs: the overview
    of a theme says what changed; pages and footnotes come from the parse."""
    from clausemark.core.library.importer import import_all
    from clausemark.core.library.library import Library

    with Library(tmp_path / "real.clausemark", author="analyst") as lib:
        import_all(lib, [dev_dir / "mp_A_RES_78_187-EN.pdf", dev_dir / "mp_A_RES_80_190-EN.pdf"],
                   workers=1)
        for pid in ("PP1", "OP15", "OP5"):
            lib.tags.add("A/RES/78/187", pid, "children")
        for pid in ("PP1", "OP15", "OP2"):
            lib.tags.add("A/RES/80/190", pid, "children")
        doc = _write(lib, tmp_path / "real.docx", Selection(documents=("A/RES/80/190",)))
    lines = [p.text for p in _after(doc, "Overview")]
    change = next(t for t in lines if t.startswith("A/RES/80/190 against its earlier version"))
    assert change.startswith("A/RES/80/190 against its earlier version A/RES/78/187 "
                             "(19 December 2023): ")
    assert "edited (OP 2, was OP 3" in change and "dropped (OP 5)" in change
    children = _after(doc, "Children")
    cite = next(p.text for p in children if p.text.startswith("A/RES/80/190, PP 1"))
    assert "Rights of the child · 15 December 2025 · p. 1" in cite
    foot = next(p for p in children if p.style.name == "Clause Footnote")
    assert foot.text.startswith("1 United Nations, Treaty Series")


def test_wide_matrices_share_one_sideways_section_at_the_end(lib, tmp_path):
    for name in ("education", "health", "labour", "housing", "water"):
        lib.themes.add(name)
        lib.tags.add("A/RES/79/300", "OP2", name)
    doc = _write(lib, tmp_path / "m.docx", matrices=("counts", "cooccurrence"))
    # title and contents, summary sideways, themes, matrices sideways (no empty page after)
    assert [s.page_width > s.page_height for s in doc.sections] == [False, True, False, True]
    matrices = [t for t in doc.tables if t.rows[0].cells[0].text == "Theme"]
    assert len(matrices) == 2
    for table in matrices:  # short tables keep their rows together
        assert all(r.cells[0].paragraphs[0].paragraph_format.keep_with_next
                   for r in table.rows[1:-1])


def test_draft_facts_are_shown_when_the_library_holds_them():
    from types import SimpleNamespace

    from clausemark.core.reports.wording import draft_facts
    draft = SimpleNamespace(document_type="draft resolution", committee="Third Committee",
                            distributed="2025-11-03", adopted=None,
                            sponsors=["Honduras", "Mexico"])
    assert draft_facts(draft) == ["Draft resolution", "Third Committee",
                                  "distributed 3 November 2025", "sponsors: Honduras and Mexico"]
    assert draft_facts(SimpleNamespace(adopted="2023-12-19")) == []


def test_a_long_brief_lists_only_the_themes_in_its_contents(lib, tmp_path, monkeypatch):
    from clausemark.core.reports import docx_front
    monkeypatch.setattr(docx_front, "TOC_SECOND_LEVEL_UP_TO", 3)
    doc = _write(lib, tmp_path / "long.docx")
    instructions = [t.text.strip() for t in doc.element.body.iter(qn("w:instrText"))]
    assert 'TOC \\o "1-1" \\h \\z \\u' in instructions
    assert _styled(doc, "toc 2") == [] and "Children" in _styled(doc, "toc 1")
