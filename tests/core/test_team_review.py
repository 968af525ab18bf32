"""Shared tags that landed on another version are reviewed as tags are carried forward (the same
queue, the same actions: accept all unchanged, accept with a note, reject), and every decision
is an undoable command written to the history: undo puts the shared tag back in the review,
redo gives the tag the same id again; a note joined to a tag that was here is taken out again."""
import pytest

from clausemark.core.compare import ACCEPTED, PENDING, REJECTED
from clausemark.core.errors import ConflictError
from clausemark.core.library.undo import UndoStack
from clausemark.core.team import SharedReview, build_share, merge_share, write_share
from tests.core.library_helpers import integrity_check
from tests.core.team_helpers import NEW, OLD, make_library, paragraphs, tag_all

pytestmark = [pytest.mark.corpus, pytest.mark.timeout(120)]
S_OLD, S_NEW = "A/RES/78/187", "A/RES/80/190"


@pytest.fixture
def two(tmp_path, dev_dir):
    """Amina tagged the 2023 version; Chen has the 2025 one and merged her share."""
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina", files=(OLD,))
    c = make_library(tmp_path / "c.clausemark", dev_dir, "Chen", files=(NEW,))
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 12), "detention", note="Amina's")
    from clausemark.core.team import read_share
    path = write_share(build_share(a), tmp_path / "amina.clausemark-share")
    assert merge_share(c, read_share(path)).counts["review"] == 12
    yield a, c
    a.close()
    c.close()


def _new_tags(c):
    return sorted((t.paragraph, t.theme, t.author, t.note) for t in c.tags.list(document=S_NEW))


def test_the_shared_queue_offers_the_carry_forward_actions_each_one_undoable(two):
    _, c = two
    review, stack = SharedReview(c), UndoStack(c)
    assert len(review.proposals) == 12 and {p.state for p in review.proposals} == {PENDING}
    assert {p.status for p in review.proposals} >= {"same", "changed", "dropped"}
    same = review.pending_same()
    assert all(p.old_text and p.new_text for p in same)
    # accept all unchanged: one step, the sender's name kept
    assert review.accept_same(stack) == len(same) and same
    tags = c.tags.list(document=S_NEW)
    assert len(tags) == len(same) and {t.author for t in tags} == {"Amina"}
    ids = sorted(t.id for t in tags)
    assert [h.action for h in c.history(limit=len(same))] == ["review_accept"] * len(same)
    assert stack.undo_text == f"accept {len(same)} unchanged shared tags"
    stack.undo()
    review.refresh()
    assert c.tags.list(document=S_NEW) == [] and len(c.team.reviews()) == 12
    assert len(review.pending_same()) == len(same)
    assert c.history(limit=1)[0].action == "review_reopen"
    stack.redo()
    review.refresh()
    assert sorted(t.id for t in c.tags.list(document=S_NEW)) == ids  # the same tags again
    # one by one: reject, undo, accept with a note, undo
    changed = review.queue()[0]
    assert changed.status != "same" and changed.new_paragraph
    review.reject(changed, stack)
    assert changed.state == REJECTED and [r.id for r in c.team.reviews(REJECTED)] == \
        [changed.review_id]
    stack.undo()
    review.refresh()
    assert changed.state == PENDING and c.team.reviews(REJECTED) == []
    review.accept(changed, stack, note="checked against the 2025 text")
    assert changed.state == ACCEPTED
    tag = c.tags.find(S_NEW, changed.new_paragraph, "detention")
    assert (tag.author, tag.note) == ("Amina", "checked against the 2025 text")
    entry = c.history(limit=1)[0]
    assert entry.action == "review_accept" and entry.details["paragraph"] == \
        changed.new_paragraph and entry.details["note"] == "checked against the 2025 text"
    assert "shared tag detention from Amina accepted" in entry.summary
    stack.undo()
    review.refresh()
    assert c.tags.find(S_NEW, changed.new_paragraph, "detention") is None
    # a rejected one can be accepted after all; a dropped one only rejected
    review.reject(changed, stack)
    review.accept(changed, stack)
    assert changed.state == ACCEPTED
    stack.undo()
    review.refresh()
    assert changed.state == REJECTED
    dropped = next(p for p in review.proposals if p.status == "dropped")
    assert not dropped.can_accept
    with pytest.raises(ConflictError):
        review.accept(dropped, stack)
    review.reject(dropped, stack)
    assert integrity_check(c) == "ok"
    assert len(c.tags.list()) + len(c.team.reviews()) + len(c.team.reviews(REJECTED)) == 12


def test_accepting_onto_a_tag_that_is_here_joins_the_note_and_undo_takes_it_out(two):
    _, c = two
    review, stack = SharedReview(c), UndoStack(c)
    p = review.pending_same()[0]
    mine = c.tags.add(S_NEW, p.new_paragraph, "detention", note="mine")
    review.accept(p, stack)
    tag = c.tags.get(mine.id)
    assert tag.note == "mine\n\n— Amina: Amina's" and tag.author == "Chen"
    assert [a for a, _ in c.team.origin(mine.id).contributors] == ["Amina"]
    assert len(c.tags.list(document=S_NEW)) == 1
    stack.undo()
    assert c.tags.get(mine.id).note == "mine" and c.team.origin(mine.id).contributors == ()
    assert [r.id for r in c.team.reviews()].count(p.review_id) == 1


def test_a_span_lands_on_the_same_words_in_the_new_text(tmp_path, dev_dir):
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina", files=(OLD,))
    c = make_library(tmp_path / "c.clausemark", dev_dir, "Chen", files=(NEW,))
    quote = "Universal Declaration of Human Rights"
    text = a.resolution(S_OLD).find("PP5").text
    start = text.index(quote)
    a.tags.add(S_OLD, "PP5", "children", span=(start, start + len(quote)))
    from clausemark.core.team import read_share
    merge_share(c, read_share(write_share(build_share(a), tmp_path / "s.clausemark-share")))
    review = SharedReview(c)
    (p,) = review.proposals
    assert p.status == "changed" and p.new_text[p.span[0]:p.span[1]] == quote
    review.accept(p)
    (tag,) = c.tags.list()
    assert tag.quote == quote and tag.author == "Amina"
    a.close()
    c.close()


def test_decisions_redo_after_their_merge_is_undone_and_redone(tmp_path, dev_dir):
    from clausemark.core.team import MergeCommand, plan_merge, read_share
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina", files=(OLD,))
    c = make_library(tmp_path / "c.clausemark", dev_dir, "Chen", files=(NEW,))
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 12), "detention")
    share = read_share(write_share(build_share(a), tmp_path / "s.clausemark-share"))
    stack = UndoStack(c)
    stack.push(MergeCommand(plan_merge(c, share)))
    review = SharedReview(c)
    n = review.accept_same(stack)
    review.reject(review.queue()[0], stack)
    accepted = _new_tags(c)
    for _ in range(3):
        stack.undo()
    assert c.tags.list() == [] and c.team.reviews(None) == []
    for _ in range(3):
        stack.redo()
    assert _new_tags(c) == accepted and len(accepted) == n
    assert len(c.team.reviews(REJECTED)) == 1
    stack.undo()
    stack.undo()
    assert len(c.team.reviews()) == 12 and integrity_check(c) == "ok"
    a.close()
    c.close()
