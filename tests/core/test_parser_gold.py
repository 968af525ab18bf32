"""Parsed trees of real UN documents compared, paragraph by paragraph, with gold trees.

The gold files in tests/core/gold/ were checked by hand against the PDFs (pymupdf span dumps
and the rendered pages): counts, numbers, openings, text, pages, footnote references. They cover
the layouts of the corpus: GA resolution with footnotes (78/187), 1-page resolution (78/186),
title without number prefix (79/9), annexed political declaration without an "Annex" line
(73/3) and with one (80/9), Human Rights Council A4 with drawn footnote rule (HRC/RES/59/25),
Security Council (S/RES/2768), a committee amendment without preamble (A/C.3/80/L.61) and an
OCR'd 1971 scan without italics (A/L.632).
"""
import json
from pathlib import Path

import pytest

from clausemark.core.parse.parser import parse_pdf

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


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_tree_matches_gold(gold_file, dev_dir):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    res = parse_pdf(dev_dir / gold["file"]).to_dict()
    for key in META:
        assert res[key] == gold[key], key
    got, want = _flatten(res["paragraphs"]), _flatten(gold["paragraphs"])
    assert [p["id"] for p in got] == [p["id"] for p in want]
    for g, w in zip(got, want):
        for key in ("kind", "number", "opening", "text", "pages", "footnote_refs"):
            assert g[key] == w[key], f"{w['id']}.{key}"
        assert g["boxes"] and all(b[0] in g["pages"] for b in g["boxes"]), w["id"]
    assert res["footnotes"] == gold["footnotes"]


def test_gold_covers_six_layouts():
    assert len(GOLD_FILES) >= 6


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
