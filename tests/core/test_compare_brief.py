"""The comparison brief in Word, opened again with python-docx as a reader would: A4, page
numbers in the footer, document properties, both versions named and dated on page 1, a summary
whose counts add up to each version's paragraphs, the tagged paragraphs that changed or were
dropped first with their themes and notes, opening phrases in italics."""
from __future__ import annotations

import datetime as dt

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from clausemark.core.cli.main import main
from clausemark.core.compare.alignment import align
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.core.library.paths import analyst_name
from clausemark.core.parse.model import Paragraph
from clausemark.core.reports.compare_changes import diff_runs

pytestmark = pytest.mark.timeout(120)
OLD, NEW = "mp_A_RES_78_187-EN.pdf", "mp_A_RES_80_190-EN.pdf"
DRAFT, ADOPTED = "A_C.3_80_L.13.pdf", "A_RES_80_183.pdf"


@pytest.fixture(scope="module")
def made(dev_dir, more_dir, tmp_path_factory):
    """A library with two sessions of the rights of the child (tagged) and a draft with its
    adopted text; the brief of each pair."""
    folder = tmp_path_factory.mktemp("brief")
    db = folder / "b.clausemark"
    with Library(db) as lib:
        import_all(lib, [dev_dir / OLD, dev_dir / NEW, more_dir / DRAFT, more_dir / ADOPTED],
                   workers=1)
        alignment = align(lib.resolution("A/RES/78/187"), lib.resolution("A/RES/80/190"))
        dropped = alignment.dropped[0]
        edited = next(p for p in alignment.pairs if p.status == "changed" and p.new.opening)
        same = next(p for p in alignment.pairs if p.status == "same")
        for theme in ("consular rights", "education", "watch"):
            if theme not in {t.name for t in lib.themes.list()}:
                lib.themes.add(theme)
        lib.tags.add("A/RES/78/187", dropped.id, "consular rights", note="keep it")
        lib.tags.add("A/RES/78/187", edited.old.id, "education")
        lib.tags.add("A/RES/78/187", same.old.id, "watch")  # unchanged: not listed first
    brief, draft = folder / "brief.docx", folder / "draft.docx"
    assert main(["compare", "A/RES/78/187", "A/RES/80/190", "--db", str(db), "--format", "docx",
                 "--out", str(brief)]) == 0
    assert main(["compare", "A/C.3/80/L.13", "A/RES/80/183", "--db", str(db), "--format",
                 "docx", "--out", str(draft)]) == 0
    return {"doc": docx.Document(str(brief)), "draft": docx.Document(str(draft)),
            "alignment": alignment, "dropped": dropped, "edited": edited, "same": same}


def _texts(document):
    return [p.text for p in document.paragraphs]


def test_a4_with_page_numbers_in_the_footer(made):
    section = made["doc"].sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    footer = section.footer.paragraphs[0]
    fields = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("A/RES/80/190 compared with A/RES/78/187")


def test_document_properties_are_filled_in(made):
    props = made["doc"].core_properties
    assert props.title == "A/RES/80/190 compared with A/RES/78/187"
    assert props.author and props.author == analyst_name()  # as on the analyst's tags
    assert props.created is not None
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs(props.created.replace(tzinfo=None) - now) < dt.timedelta(minutes=10)


def test_page_one_names_both_versions_with_titles_and_dates(made):
    facts = [[c.text for c in row.cells] for row in made["doc"].tables[0].rows]
    assert facts[0][1:] == ["Earlier version", "Later version"]
    assert ["Symbol", "A/RES/78/187", "A/RES/80/190"] in facts
    assert ["Title", "Rights of the child", "Rights of the child"] in facts
    assert ["Date", "Adopted 19 December 2023", "Adopted 15 December 2025"] in facts
    draft = [[c.text for c in row.cells] for row in made["draft"].tables[0].rows]
    assert ["Document", "draft resolution", "resolution"] in draft
    assert ["Date", "Distributed 14 October 2025 (not adopted)", "Adopted 18 December 2025"] \
        in draft
    # Page 1: both tables come before the first paragraph text of the brief.
    assert _texts(made["doc"]).index("Summary of changes") < _texts(made["doc"]).index(
        "Tagged paragraphs (2)")


@pytest.mark.parametrize("which", ["doc", "draft"])
def test_summary_counts_add_up_to_each_versions_paragraphs(made, which, dev_dir, more_dir):
    rows = [[c.text for c in row.cells] for row in made[which].tables[1].rows]
    assert [r[0] for r in rows] == ["", "Same wording", "Same but for typography", "Edited",
                                    "Moved", "New", "Dropped", "All paragraphs"]
    numbers = [[int(v) if v.isdigit() else 0 for v in r[1:]] for r in rows[1:]]
    *parts, total = numbers
    assert [sum(col) for col in zip(*parts)] == total
    if which == "doc":
        alignment = made["alignment"]
        old, new = alignment.old_resolution, alignment.new_resolution
        assert total == [len(list(old.walk())), len(list(new.walk()))]
        c = alignment.counts()
        typography = sum(p.typography for p in alignment.pairs)
        assert typography > 0  # "States parties" / "States Parties"
        assert numbers[0] == [c["same"] - typography] * 2 and numbers[1] == [typography] * 2
        assert numbers[2:6] == [[c["changed"]] * 2, [c["moved"]] * 2, [0, c["new"]],
                                [c["dropped"], 0]]
    texts = _texts(made[which])
    meaning = next(t for t in texts if t.startswith("Edited: "))
    assert "Moved: " in meaning and "typography" in meaning


def test_tagged_paragraphs_that_changed_or_were_dropped_come_first(made):
    texts = _texts(made["doc"])
    dropped, edited = made["dropped"], made["edited"]
    start, other = texts.index("Tagged paragraphs (2)"), texts.index("Other changes")
    first = texts[start:other]
    assert f"consular rights: {dropped.label} dropped (note: keep it)" in first
    assert f"{dropped.label} of A/RES/78/187 · dropped" in first
    assert "education" in first
    assert any(t.startswith(f"{edited.new.label}") and t.endswith("· edited") for t in first)
    assert made["same"].new.label not in " ".join(first)  # unchanged: not a change
    # The rest by kind, each tagged one once: not repeated under its kind.
    assert texts.count(f"{dropped.label} of A/RES/78/187 · dropped") == 1
    assert texts.index("Edited ({})".format(made["alignment"].counts()["changed"])) > other


def test_opening_phrases_are_italic(made):
    document, edited = made["doc"], made["edited"]
    texts = _texts(document)
    at = next(i for i, t in enumerate(texts) if t.startswith(edited.new.label)
              and t.endswith("· edited"))
    text = next(p for p in document.paragraphs[at + 1:] if p.style.name == "Clause Text")
    italic = "".join(r.text for r in text.runs if r.italic and not r.font.strike)
    assert italic == edited.new.opening
    struck = next(p for p in document.paragraphs if p.style.name == "Clause Text"
                  and all(r.font.strike for r in p.runs if r.text.strip()))
    assert struck.runs[0].italic  # a dropped paragraph's opening too


def _para(opening, text):
    return Paragraph("OP1", "operative", "1", "OP 1", opening, text)


def test_diff_runs_put_each_versions_opening_in_italics():
    old = _para("Also invites", "Also invites States to act on climate change")
    new = _para("Invites", "Invites States to act now on climate change")
    runs = list(diff_runs(old, new))

    def spelled(skip):  # a space may be added between a deleted and a kept word
        return " ".join("".join(t for t, op, _ in runs if op != skip).split())
    assert spelled("delete") == new.text
    assert spelled("insert").lower() == old.text.lower()  # kept words spelled as now
    assert [(t, op) for t, op, italic in runs if italic] == [("Also", "delete"),
                                                             ("Invites", "equal")]
    runs = list(diff_runs(old, _para("Encourages", "Encourages States to act")))
    assert [(t.strip(), op) for t, op, italic in runs if italic] == [
        ("Also invites", "delete"), ("Encourages", "insert")]
