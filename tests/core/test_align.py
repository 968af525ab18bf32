"""Paragraph alignment: statuses on small hand-built versions, the word diff, and the
hand-built gold alignments of real pairs (tests/core/gold_align/), link by link."""
from __future__ import annotations

import pytest

from clausemark.core.compare.alignment import align, normalise, word_diff
from clausemark.core.parse.model import Paragraph, Resolution
from tests.core.gold_pairs import TARGET, extra_moves, gold_files, load, wrong_links


def _p(pid, text, children=(), kind=None):
    kind = kind or ("subparagraph" if "(" in pid else
                    "preambular" if pid.startswith("PP") else "operative")
    return Paragraph(pid, kind, None, pid, None, text, children=list(children))


def _res(*paragraphs):
    return Resolution(symbol="X", paragraphs=list(paragraphs))


TEXTS = ["Recalling its resolution on the protection of migrants and their families",
         "Deeply concerned about the detention of migrant children in many countries",
         "Calls upon all States to lower the cost of remittances sent by migrant workers",
         "Urges States to ensure consular access for every detained foreign national",
         "Requests the Secretary-General to report on the implementation of this resolution"]


def test_renumbering_after_an_insertion_is_not_a_move():
    old = _res(_p("PP1", TEXTS[0]), _p("OP1", TEXTS[2]), _p("OP2", TEXTS[3]))
    new = _res(_p("PP1", TEXTS[0]), _p("OP1", TEXTS[4]), _p("OP2", TEXTS[2]),
               _p("OP3", TEXTS[3] + " without delay"))
    result = align(old, new)
    assert [p.to_dict() for p in result.pairs][:3] == [
        {"new": "PP1", "old": "PP1", "status": "same", "score": 1.0, "typography": False},
        {"new": "OP1", "old": None, "status": "new", "score": 0.0, "typography": False},
        {"new": "OP2", "old": "OP1", "status": "same", "score": 1.0, "typography": False}]
    last = result.pairs[3]
    assert (last.old.id, last.status) == ("OP2", "changed") and 0.8 < last.score < 1
    assert [s.op for s in last.diff] == ["equal", "insert"]
    assert last.diff[1].text == " without delay"
    assert result.dropped == []


def test_swapped_paragraphs_one_is_moved_and_dropped_ones_are_listed():
    old = _res(*[_p(f"OP{i + 1}", t) for i, t in enumerate(TEXTS)])
    order = [0, 3, 1, 2]  # OP4 goes up before OP2 and OP3; OP5 is dropped
    new = _res(*[_p(f"OP{i + 1}", TEXTS[k]) for i, k in enumerate(order)])
    result = align(old, new)
    assert [(p.new.id, p.old.id, p.status) for p in result.pairs] == [
        ("OP1", "OP1", "same"), ("OP2", "OP4", "moved"), ("OP3", "OP2", "same"),
        ("OP4", "OP3", "same")]
    assert [p.id for p in result.dropped] == ["OP5"]
    assert result.to_dict()["dropped"] == ["OP5"]
    assert result.counts() == {"same": 3, "changed": 0, "moved": 1, "new": 0, "dropped": 1}


def test_subparagraph_moving_to_another_parent_is_a_move():
    old = _res(_p("OP1", "Urges States:", [_p("OP1(a)", TEXTS[0]), _p("OP1(b)", TEXTS[1])]),
               _p("OP2", "Calls upon States:", [_p("OP2(a)", TEXTS[2])]))
    new = _res(_p("OP1", "Urges States:", [_p("OP1(a)", TEXTS[0])]),
               _p("OP2", "Calls upon States:", [_p("OP2(a)", TEXTS[1]),
                                                _p("OP2(b)", TEXTS[2])]))
    result = align(old, new)
    got = {p.new.id: (p.old.id, p.status) for p in result.pairs}
    # In reading order OP1(b) -> OP2(a) keeps its place, but it now belongs to another clause.
    assert got["OP2(a)"] == ("OP1(b)", "moved")
    assert got["OP2(b)"] == ("OP2(a)", "same")
    assert got["OP1"] == ("OP1", "same") and got["OP2"] == ("OP2", "same")


def test_short_chapeau_follows_its_subparagraphs():
    old = _res(_p("OP1", "Decides:", [_p("OP1(a)", TEXTS[0]), _p("OP1(b)", TEXTS[4])]))
    new = _res(_p("OP1", "Also decides to:", [_p("OP1(a)", TEXTS[0]),
                                               _p("OP1(b)", TEXTS[4])]))
    got = {p.new.id: (p.old.id if p.old else None, p.status) for p in align(old, new).pairs}
    assert got["OP1"] == ("OP1", "changed")


def test_unrelated_text_is_new_not_a_weak_match():
    old = _res(_p("OP1", TEXTS[2]))
    new = _res(_p("OP1", "Decides to include in the provisional agenda of its next session "
                         "the item entitled Oceans and the law of the sea"))
    result = align(old, new)
    assert result.pairs[0].status == "new" and [p.id for p in result.dropped] == ["OP1"]


def test_whitespace_alone_is_no_change():
    old = _res(_p("OP1", "Calls upon  all States\nto act"))
    new = _res(_p("OP1", "Calls upon all States to act "))
    assert align(old, new).pairs[0].status == "same"


@pytest.mark.parametrize("old,new", [
    ("States parties to the Convention", "States Parties of the Convention"),
    ("of any kind, and recalling that 2023 marks its anniversary,", "of any kind,"),
    ("health-care services", "healthcare services and medicines"),
    ("", "Entirely new text."),
])
def test_word_diff_spells_both_texts(old, new):
    diff = word_diff(old, new)
    assert "".join(s.old_text if s.op == "equal" else s.text
                   for s in diff if s.op != "insert").strip() == old
    assert "".join(s.text for s in diff if s.op != "delete").strip() == new
    assert any(s.op != "equal" for s in diff)


# -- gold alignments of real pairs ---------------------------------------------------------------

@pytest.mark.corpus
@pytest.mark.parametrize("gold_file", gold_files(), ids=lambda p: p.stem)
def test_gold_alignment_link_by_link(gold_file):
    pair = load(gold_file)
    gold, old, new = pair.gold, pair.old, pair.new
    assert (old.symbol, new.symbol) == (gold["old_symbol"], gold["new_symbol"])
    result = align(old, new)
    assert [p.new.id for p in result.pairs] == [link["new"] for link in gold["links"]]
    wrong = wrong_links(gold, result)
    right = 1 - len(wrong) / len(gold["links"])
    print(f"\n{pair.name}: {right:.1%} of {len(gold['links'])} links right; {result.counts()}")
    assert right >= TARGET, "\n".join(wrong)
    # Typography alone is never a change or a move: not in the aligner's flags, and not where
    # the gold says the texts differ in typography alone.
    assert not [p.new.id for p in result.pairs
                if p.typography and p.status in ("changed", "moved")]
    got = {p.new.id: p for p in result.pairs}
    assert not [link["new"] for link in gold["links"]
                if link.get("typography") and not link.get("moved")
                and got[link["new"]].status != "same"]
    dropped = {p.id for p in result.dropped}
    sure = set(gold["dropped"]) - set(gold["dropped_unless_alternative"])
    assert sure <= dropped
    # Pairs not marked moved keep their order, and the moves are as few as can be.
    old_order = {p.id: i for i, p in enumerate(old.walk())}
    steady = [old_order[p.old.id] for p in result.pairs if p.old and p.status != "moved"]
    assert steady == sorted(steady)
    assert extra_moves(result) == 0
    for p in result.pairs:
        if p.edited:
            assert normalise(p.old.text) != normalise(p.new.text)
            assert any(s.op != "equal" for s in p.diff), p.new.id  # an edit shows in the diff
