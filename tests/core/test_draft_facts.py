"""Drafts carry their own facts (issue 13, item 11): type, committee, distribution date,
sponsors, agenda item and original language, read off page 1 of real drafts; stored in the
library; shown in `clausemark parse --json`, the CSV report and the Word brief's document line."""
import csv
import json

import docx
import pytest

from clausemark.core.cli.main import main
from clausemark.core.library.library import Library
from clausemark.core.parse.facts import split_sponsors
from clausemark.core.parse.parser import parse_pdf

DRAFT_KINDS = ("draft resolution", "draft decision", "amendment")


@pytest.fixture(scope="module")
def more_dir(corpus_required):
    return corpus_required / "more"


@pytest.mark.timeout(10)
def test_sponsor_lists_split_at_commas_and_the_last_and_but_not_inside_names():
    assert split_sponsors("Honduras and Mexico") == ["Honduras", "Mexico"]
    assert split_sponsors("Azerbaijan,* Bangladesh, Philippines,* Samoa* and Viet Nam") == \
        ["Azerbaijan", "Bangladesh", "Philippines", "Samoa", "Viet Nam"]
    assert split_sponsors("Mexico and Trinidad and Tobago") == ["Mexico", "Trinidad and Tobago"]
    assert split_sponsors("Bosnia and Herzegovina") == ["Bosnia and Herzegovina"]
    assert split_sponsors("Uganda, on behalf of the Group of 77 and China") == \
        ["Uganda, on behalf of the Group of 77 and China"]


@pytest.mark.corpus
@pytest.mark.timeout(60)
def test_hrc_draft_facts(dev_dir):
    res = parse_pdf(dev_dir / "aiun_A_HRC_59_L.17-EN.pdf")
    assert (res.symbol, res.document_type, res.adopted, res.meeting) == \
        ("A/HRC/59/L.17", "draft resolution", None, None)
    assert res.sponsors == ["Azerbaijan", "Bangladesh", "Philippines", "Samoa", "Viet Nam"]
    assert (res.distributed, res.agenda_item, res.original, res.committee) == \
        ("2025-07-02", "3", "English", None)  # the Council has no Main Committees
    assert res.body == "Human Rights Council"


@pytest.mark.corpus
@pytest.mark.timeout(60)
def test_committee_draft_decision_and_amendment_facts(more_dir, monkeypatch):
    """Facts read by eye off page 1 of each PDF."""
    l11 = parse_pdf(more_dir / "A_C.3_80_L.11.pdf")
    assert (l11.document_type, l11.committee, l11.distributed, l11.agenda_item) == \
        ("draft resolution", "Third Committee", "2025-10-14", "25")
    assert l11.sponsors == ["Brazil", "Kuwait", "Qatar", "Spain"] and l11.adopted is None
    # Sponsors over two lines, the last a name with a space; agenda "Item 35 of the
    # provisional agenda".
    l1 = parse_pdf(more_dir / "A_80_L.1.pdf")
    assert (l1.document_type, l1.committee, l1.agenda_item, l1.distributed) == \
        ("draft decision", None, "35", "2025-09-09")
    assert l1.sponsors[-1] == "State of Palestine" and len(l1.sponsors) == 7
    amendment = parse_pdf(more_dir / "A_80_L.19.pdf")
    assert (amendment.document_type, amendment.sponsors, amendment.agenda_item) == \
        ("amendment", ["Russian Federation"], "72 (a)")
    # "Draft decision submitted by the Bureau": a programme of work, refused on import as mostly
    # a list (test_amendments_and_decisions.py); its page-1 facts are read all the same.
    monkeypatch.setattr("clausemark.core.parse.parser.MAX_BEYOND_DECISION", 1.0)
    bureau = parse_pdf(more_dir / "A_C.2_80_L.60.pdf")
    assert (bureau.document_type, bureau.sponsors, bureau.committee) == \
        ("draft decision", None, "Second Committee")
    fourth = parse_pdf(more_dir / "A_C.4_80_L.10.pdf")  # "Special Political and Decolonization"
    assert fourth.committee == "Fourth Committee"


@pytest.mark.corpus
@pytest.mark.timeout(60)
def test_adopted_resolutions_keep_adoption_and_meeting(dev_dir):
    res = parse_pdf(dev_dir / "mp_A_RES_78_187-EN.pdf")
    assert (res.document_type, res.adopted, res.meeting, res.committee) == \
        ("resolution", "2023-12-19", "50th plenary meeting", "Third Committee")
    assert res.sponsors is None and res.distributed is not None


@pytest.mark.corpus
@pytest.mark.timeout(600)
def test_every_draft_in_more_states_its_kind_and_date(more_dir, monkeypatch):
    # The facts of page 1, also of the programmes of work refused on import (tested in
    # test_amendments_and_decisions.py): the refusal comes after the facts are read.
    monkeypatch.setattr("clausemark.core.parse.parser.MAX_BEYOND_DECISION", 1.0)
    kinds = dict(line.split("\t") for line in
                 (more_dir / "kinds.tsv").read_text(encoding="utf-8").splitlines()[1:] if line)
    drafts = {name: kind for name, kind in kinds.items() if kind in DRAFT_KINDS}
    assert len(drafts) >= 90
    wrong = {}
    for name, kind in drafts.items():
        res = parse_pdf(more_dir / name)
        got = (res.document_type, res.adopted is None, bool(res.distributed), bool(res.agenda_item))
        if got != (kind, True, True, True):
            wrong[name] = got
    assert not wrong, wrong


@pytest.mark.corpus
@pytest.mark.timeout(120)
def test_draft_facts_are_stored_listed_and_reported(dev_dir, tmp_path, capsys):
    db = tmp_path / "d.clausemark"
    draft, adopted = dev_dir / "aiun_A_HRC_59_L.17-EN.pdf", dev_dir / "mp_A_RES_78_187-EN.pdf"
    assert main(["import", str(draft), str(adopted), "--db", str(db)]) == 0
    with Library(db) as lib:
        doc = lib.document("A/HRC/59/L.17")
        assert (doc.document_type, doc.distributed, doc.adopted, doc.date) == \
            ("draft resolution", "2025-07-02", None, "2025-07-02")
        assert doc.sponsors == ("Azerbaijan", "Bangladesh", "Philippines", "Samoa", "Viet Nam")
        assert lib.resolution(doc.id).to_dict()["sponsors"] == list(doc.sponsors)
        res = lib.document("A/RES/78/187")
        assert (res.date, res.committee, res.document_type) == \
            ("2023-12-19", "Third Committee", "resolution")
        lib.tags.add(doc.id, "OP1", "children")
        lib.tags.add(res.id, "OP1", "children")
    capsys.readouterr()
    assert main(["documents", "--json", "--db", str(db)]) == 0
    listed = {d["symbol"]: d for d in json.loads(capsys.readouterr().out)}
    assert listed["A/HRC/59/L.17"]["committee"] is None
    assert listed["A/RES/78/187"]["committee"] == "Third Committee"
    out = tmp_path / "r.csv"
    assert main(["report", "--out", str(out), "--db", str(db)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    by_symbol = {r["symbol"]: r for r in rows}
    assert by_symbol["A/HRC/59/L.17"]["document_type"] == "draft resolution"
    assert by_symbol["A/RES/78/187"]["committee"] == "Third Committee"
    brief = tmp_path / "r.docx"
    assert main(["report", "--out", str(brief), "--db", str(db)]) == 0
    text = "\n".join(p.text for p in docx.Document(brief).paragraphs)
    # The document line under each document's heading.
    assert "Draft resolution · distributed 2 July 2025 · sponsors: Azerbaijan, Bangladesh" in text
    assert "Adopted 19 December 2023 · General Assembly · Third Committee" in text
