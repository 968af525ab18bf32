"""Carrying tags forward: proposals only; `same` accepted in one undoable step, the rest one by
one (accept with a note, reject); undo puts a proposal back in the queue."""
from __future__ import annotations

import pytest

from clausemark.core.compare.carry_forward import ACCEPTED, PENDING, PRESENT, REJECTED, CarryForward
from clausemark.core.errors import ConflictError
from clausemark.core.library.library import Library
from clausemark.core.library.undo import UndoStack
from tests.core.library_helpers import fake_pdf, sample_resolution


@pytest.fixture
def lib(tmp_path):
    library = Library(tmp_path / "cf.clausemark", author="analyst")
    old = sample_resolution("A/RES/78/217", "2023-12-19")
    new = sample_resolution("A/RES/80/217", "2025-12-15",
                            extra=" and to eliminate remittance corridors above 5 per cent")
    # In the new version OP 2 (b) is gone and PP 2 is reworded.
    new.paragraphs[1].text = "Deeply concerned about the detention of migrant children everywhere"
    del new.paragraphs[3].children[1]
    library.add_resolution(old, fake_pdf("old"))
    library.add_resolution(new, fake_pdf("new"))
    yield library
    library.close()


def _tagged(lib, symbol):
    return sorted((t.paragraph, t.theme, t.note) for t in lib.tags.list(document=symbol))


def test_nothing_is_tagged_until_accepted_then_same_in_one_undoable_step(lib):
    lib.tags.add("A/RES/78/217", "PP1", "remittances", note="cost target")
    lib.tags.add("A/RES/78/217", "OP2(a)", "consular rights")
    lib.tags.add("A/RES/78/217", "OP1", "remittances", note="5 per cent")
    lib.tags.add("A/RES/78/217", "PP2", "children")
    lib.tags.add("A/RES/78/217", "OP2(b)", "detention")
    review = CarryForward(lib, "A/RES/78/217", "A/RES/80/217")
    assert _tagged(lib, "A/RES/80/217") == []
    assert [(p.new_paragraph, p.status, p.theme) for p in review.proposals] == [
        ("PP1", "same", "remittances"), ("PP2", "changed", "children"),
        ("OP1", "changed", "remittances"), ("OP2(a)", "same", "consular rights")]
    assert [t.paragraph for t in review.orphaned] == ["OP2(b)"]  # its paragraph was dropped

    stack = UndoStack(lib)
    assert review.accept_same(stack) == 2
    assert _tagged(lib, "A/RES/80/217") == [("OP2(a)", "consular rights", ""),
                                           ("PP1", "remittances", "cost target")]
    assert [p.new_paragraph for p in review.queue()] == ["PP2", "OP1"]
    stack.undo()  # one step takes both back
    review.refresh()
    assert _tagged(lib, "A/RES/80/217") == []
    assert len(review.pending_same()) == 2


def test_changed_ones_are_reviewed_one_by_one(lib):
    lib.tags.add("A/RES/78/217", "OP1", "remittances", note="5 per cent")
    lib.tags.add("A/RES/78/217", "PP2", "children")
    review = CarryForward(lib, "A/RES/78/217", "A/RES/80/217")
    stack = UndoStack(lib)
    children, remittances = review.queue()
    review.reject(children)
    review.accept(remittances, stack, note="now with corridors")
    assert (children.state, remittances.state) == (REJECTED, ACCEPTED)
    assert _tagged(lib, "A/RES/80/217") == [("OP1", "remittances", "now with corridors")]
    assert review.queue() == []
    with pytest.raises(ConflictError):
        review.accept(remittances, stack)
    stack.undo()
    review.refresh()
    assert remittances.state == PENDING and review.queue() == [remittances]
    # A rejected proposal can still be accepted later.
    review.accept(children, stack)
    assert ("PP2", "children", "") in _tagged(lib, "A/RES/80/217")


def test_tags_already_on_the_new_version_are_not_proposed_again(lib):
    lib.tags.add("A/RES/78/217", "PP1", "remittances")
    lib.tags.add("A/RES/80/217", "PP1", "remittances", note="tagged by hand")
    review = CarryForward(lib, "A/RES/78/217", "A/RES/80/217")
    assert [p.state for p in review.proposals] == [PRESENT]
    assert review.accept_same() == 0


def test_span_tags_follow_their_quote(lib):
    text = lib.resolution("A/RES/78/217").find("OP1").text
    start = text.index("remittances")
    lib.tags.add("A/RES/78/217", "OP1", "remittances", span=(start, start + len("remittances")))
    review = CarryForward(lib, "A/RES/78/217", "A/RES/80/217")
    (proposal,) = review.queue()
    new_text = lib.resolution("A/RES/80/217").find("OP1").text
    assert new_text[proposal.span[0]:proposal.span[1]] == "remittances"
    review.accept(proposal)
    (tag,) = lib.tags.list(document="A/RES/80/217")
    assert tag.quote == "remittances"
