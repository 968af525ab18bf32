"""Parsed trees of real UN documents compared, paragraph by paragraph, with gold trees.

The gold files in tests/core/gold/ were checked by hand against the PDFs (pymupdf span dumps
and the rendered pages): counts, numbers, openings, text, pages, footnote references. They cover
the layouts of the corpus: GA resolution with footnotes (78/187), 1-page resolution (78/186),
title without number prefix (79/9), annexed political declaration without an "Annex" line
(73/3) and with one (80/9), Human Rights Council A4 with drawn footnote rule (HRC/RES/59/25),
Security Council (S/RES/2768), a committee amendment without preamble (A/C.3/80/L.61) and an
OCR'd 1971 scan without italics (A/L.632).

The `more_*` gold files come from ../shared/corpus/more (key "folder"), one or more for each
layout of issue 13, each checked against pymupdf span dumps of the PDF:
1. indented blocks: the Court's findings quoted in a preambular paragraph, items (a)(i)-(vi)
   with their lines at the item's indent (A/RES/80/116, PP 12);
2. numbered paragraphs at the left margin starting a page (A/RES/79/314 para. 8 on p. 3;
   A/C.3/80/L.8 para. 23 on p. 8);
3. a draft in parts A, B, C, each with "The General Assembly," and its own numbering, with
   tables (A/C.5/80/L.6);
4. a scale of assessments table of 199 rows across five pages, inside OP 12 (A/RES/79/249);
5. paragraph numbers printed without a full stop ("25 Condemns", A/C.3/80/L.2);
6. a provisional agenda numbered 1-7 inside OP 11 (A/RES/78/223);
7. a footnote set in body-size type (A/RES/78/270, note 1) and a note under a boxed text with
   its letter reference in a heading (A/C.3/80/L.8, note "a");
8. a title that goes on with "resolution 2719 (2023)" (A/RES/80/230);
9. "Reiterates its appreciation ...," inside the preamble stays preambular and the bold line
   "Countries in special situations" is a heading, not an annex (A/C.2/80/L.15);
12. an amendment: numbered instructions, each "... reading:" instruction with the paragraphs it
   quotes as its children (kind "quoted"), a quoted preambular paragraph included (A/80/L.28,
   OP 3 "Stressing ...", OP 5 two quoted operative paragraphs); and a draft decision whose
   preamble ends in a colon before items (a), (b), the operative part "OP (a)", "OP (b)", with
   its footnote (A/80/L.1).
Labels and table rows are compared too where the gold file has them.
"""
import json
from pathlib import Path

import pytest

from clausemark.core.parse.parser import parse_pdf
from tests.conftest import CORPUS, need_corpus

GOLD = Path(__file__).parent / "gold"
GOLD_FILES = sorted(GOLD.glob("*.json"))
META = ("symbol", "title", "body", "session", "agenda_item", "adopted", "meeting", "language",
        "pages")


def _flatten(nodes, out=None):
    out = [] if out is None else out
    for n in nodes:
        out.append(n)
        _flatten(n["children"], out)
    return out


@pytest.mark.timeout(60)
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_tree_matches_gold(gold_file, dev_dir):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    folder = need_corpus(CORPUS / gold["folder"]) if "folder" in gold else dev_dir
    res = parse_pdf(folder / gold["file"]).to_dict()
    for key in META:
        assert res[key] == gold[key], key
    got, want = _flatten(res["paragraphs"]), _flatten(gold["paragraphs"])
    assert [p["id"] for p in got] == [p["id"] for p in want]
    for g, w in zip(got, want):
        for key in ("kind", "number", "opening", "text", "pages", "footnote_refs"):
            assert g[key] == w[key], f"{w['id']}.{key}"
        for key in ("label", "rows"):
            if key in w:
                assert g.get(key) == w[key], f"{w['id']}.{key}"
        assert g["boxes"] and all(b[0] in g["pages"] for b in g["boxes"]), w["id"]
    assert res["footnotes"] == gold["footnotes"]


def test_gold_covers_six_layouts_and_the_nine_of_issue_13():
    assert len(GOLD_FILES) >= 6
    assert len([f for f in GOLD_FILES if f.name.startswith("more_")]) >= 9


def test_known_facts_of_a_ga_resolution(dev_dir):
    """Facts read off the PDF of A/RES/78/187, independent of the gold files."""
    res = parse_pdf(dev_dir / "mp_A_RES_78_187-EN.pdf")
    assert (res.symbol, res.title, res.adopted) == ("A/RES/78/187", "Rights of the child",
                                                     "2023-12-19")
    assert res.meeting == "50th plenary meeting" and res.agenda_item == "67"
    pp1 = res.find("PP1")
    assert pp1.opening == "Reaffirming"
    assert pp1.text.startswith("Reaffirming the importance of its resolution 44/25")
    # The reference "1" after "Rights of the Child," is removed from the text, kept as a ref.
    assert "Rights of the Child, which constitutes" in pp1.text and pp1.footnote_refs == ["1"]
    assert res.footnotes[0].number == "1" and "Treaty Series" in res.footnotes[0].text
    # The preambular paragraph that runs from page 1 to page 2 is one paragraph.
    split = next(p for p in res.paragraphs if p.pages == [1, 2])
    assert "leave no one behind" in split.text
    assert res.find("OP3").opening == "Calls upon"
    header_bits = ("A/RES/78/187 Rights", "23-26041", "2/19", "Distr.")
    for p in res.walk():
        assert not any(bit in p.text for bit in header_bits), p.id


def test_boxes_cover_the_paragraph_lines(dev_dir):
    res = parse_pdf(dev_dir / "aiun_S_RES_2768_2025-EN.pdf")
    op5 = res.find("OP5")
    assert op5.pages == [2]
    page, x0, y0, x1, y1 = op5.boxes[0]
    assert page == 2 and 140 < x0 < 150 and 70 < y0 < 76  # "5." at the top of page 2
    assert len(op5.boxes) == 4  # four lines
