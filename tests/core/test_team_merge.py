"""Team work: libraries of real resolutions on different laptops combine their tags through share
files without losing any: disjoint and overlapping work, conflicting notes, renamed themes, a
document that is another version here, three analysts, merging twice, undo, dry run."""
import pytest

from clausemark.core.library.undo import UndoStack
from clausemark.core.team import (
    MergeCommand,
    build_share,
    merge_share,
    plan_merge,
    read_share,
    write_share,
)
from tests.core.library_helpers import integrity_check
from tests.core.team_helpers import (
    NEW,
    OLD,
    authors,
    make_library,
    paragraphs,
    snapshot,
    tag_all,
    tag_keys,
)

pytestmark = [pytest.mark.corpus, pytest.mark.timeout(120)]
S_OLD, S_OTHER, S_NEW = "A/RES/78/187", "A/RES/78/188", "A/RES/80/190"


def shared(lib, tmp_path, name, **kw):
    """Write `lib`'s share to a file and read it back, as the receiver would."""
    return read_share(write_share(build_share(lib, **kw), tmp_path / f"{name}.clausemark-share"))


@pytest.fixture
def two(tmp_path, dev_dir):
    a = make_library(tmp_path / "amina.clausemark", dev_dir, "Amina")
    b = make_library(tmp_path / "ben.clausemark", dev_dir, "Ben")
    yield a, b
    a.close()
    b.close()


def test_disjoint_work_merges_to_the_union_both_ways(two, tmp_path):
    a, b = two
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 6), "detention")
    tag_all(b, S_OTHER, paragraphs(b, S_OTHER, 5), "children")
    union = tag_keys(a) | tag_keys(b)
    result = merge_share(b, shared(a, tmp_path, "amina"))
    assert result.counts["new"] == 6 and result.counts["review"] == 0
    merge_share(a, shared(b, tmp_path, "ben"))
    assert tag_keys(a) == tag_keys(b) == union and len(a.tags.list()) == len(union) == 11
    assert authors(a) == authors(b) == {"Amina", "Ben"}
    assert integrity_check(a) == integrity_check(b) == "ok"
    # where each tag came from: its author, and the share it arrived in
    theirs = [t for t in b.tags.list() if t.author == "Amina"]
    origin = b.team.origin(theirs[0].id)
    assert origin.author == "Amina" and origin.share == "amina.clausemark-share"
    assert origin.sender == "Amina" and origin.merged
    assert b.team.origin(next(t for t in b.tags.list() if t.author == "Ben").id).share is None


def test_overlap_and_conflicting_notes_stay_one_tag_with_both_notes(two, tmp_path):
    a, b = two
    both = paragraphs(a, S_OLD, 4)
    tag_all(a, S_OLD, both, "detention", note="Amina: key clause on detention")
    tag_all(b, S_OLD, both[2:] + paragraphs(b, S_OLD, 2, start=10), "detention",
            note="Ben: only alternatives to detention")
    union = tag_keys(a) | tag_keys(b)
    plan = plan_merge(b, shared(a, tmp_path, "amina"))
    assert plan.line() == "4 tags from Amina: 2 new, 2 already here, 0 need review " \
                          "(2 notes joined)"
    merge_share(b, plan.share)
    assert tag_keys(b) == union and len(b.tags.list()) == len(union) == 6
    for pid in both[2:]:
        tag = b.tags.find(S_OLD, pid, "detention")
        assert "Ben: only alternatives to detention" in tag.note
        assert "— Amina: Amina: key clause on detention" in tag.note
        assert b.team.origin(tag.id).contributors == (("Amina", "Amina: key clause on detention"),)
    # back to Amina: her notes are not repeated, Ben's arrive once
    merge_share(a, shared(b, tmp_path, "ben"))
    assert tag_keys(a) == union
    for pid in both[2:]:
        note = a.tags.find(S_OLD, pid, "detention").note
        assert note.count("key clause on detention") == 1
        assert note.count("only alternatives to detention") == 1
    assert authors(a) == authors(b) == {"Amina", "Ben"}


def test_merging_the_same_share_twice_changes_nothing(two, tmp_path):
    a, b = two
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 5), "children")
    tag_all(b, S_OLD, paragraphs(b, S_OLD, 2), "children", note="mine")
    share = shared(a, tmp_path, "amina")
    first = merge_share(b, share)
    assert first.share_id is not None
    before = snapshot(b)
    again = merge_share(b, read_share(share.path))
    assert again.share_id is None and again.counts["new"] == again.counts["review"] == 0
    assert snapshot(b) == before


def test_dry_run_reports_and_writes_nothing(two, tmp_path):
    a, b = two
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 3), "remittances")
    a.themes.add("statelessness")
    a.tags.add(S_OLD, paragraphs(a, S_OLD, 1)[0], "statelessness")
    before = snapshot(b)
    plan = plan_merge(b, shared(a, tmp_path, "amina"))
    assert plan.counts()["new"] == 4 and plan.counts()["themes_new"] == 1
    assert snapshot(b) == before


def test_renamed_theme_is_matched_by_identity_not_name(two, tmp_path):
    a, b = two
    # a default theme renamed on one laptop: the same theme everywhere
    a.themes.rename("detention", "Immigration detention")
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 2), "Immigration detention")
    # a theme each made on their own with the same name (Unicode case-folded: STRASSE = Straße)
    a.themes.add("Straße", "#123456", description="Amina's")
    b.themes.add("STRASSE", "#654321")
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 1, start=5), "Straße")
    merge_share(b, shared(a, tmp_path, "amina1"))
    names = {t.name for t in b.themes.list()}
    assert "Immigration detention" not in names and "Straße" not in names
    assert {t.theme for t in b.tags.list()} == {"detention", "STRASSE"}
    # renamed after the first merge: still matched through its identity
    a.themes.rename("Straße", "Roads")
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 1, start=7), "Roads")
    merge_share(b, shared(a, tmp_path, "amina2"))
    assert "Roads" not in {t.name for t in b.themes.list()}
    assert [t.theme for t in b.tags.list(theme="STRASSE")] == ["STRASSE", "STRASSE"]
    assert tag_keys(b) == {(s, p, {"roads": "strasse", "immigration detention": "detention"}
                            .get(th, th), sp) for s, p, th, sp in tag_keys(a)}


def test_new_themes_arrive_with_parent_colour_description_and_cues(two, tmp_path):
    a, b = two
    parent = a.themes.add("Protection", "#111111", description="umbrella")
    a.themes.add("Trafficking", "#222222", parent=parent.id, description="victims")
    a.suggestions.set_cues("Trafficking", ["trafficking in persons"])
    a.tags.add(S_OLD, paragraphs(a, S_OLD, 1)[0], "Trafficking", note="n")
    merge_share(b, shared(a, tmp_path, "amina"))
    theirs = {t.name: t for t in a.themes.list()}
    here = {t.name: t for t in b.themes.list()}
    assert here["Trafficking"].parent_id == here["Protection"].id
    for name in ("Protection", "Trafficking"):
        assert (here[name].colour, here[name].description, here[name].cues) == \
               (theirs[name].colour, theirs[name].description, theirs[name].cues)


def test_a_newer_version_here_sends_every_tag_to_review(tmp_path, dev_dir):
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina", files=(OLD,))
    c = make_library(tmp_path / "c.clausemark", dev_dir, "Chen", files=(NEW,))
    pids = paragraphs(a, S_OLD, 12)
    tag_all(a, S_OLD, pids, "detention")
    result = merge_share(c, shared(a, tmp_path, "amina"))
    assert result.counts["review"] == 12 and result.counts["new"] == 0
    items = c.team.reviews()
    assert len(items) == 12
    assert {i.source_label for i in items} == {t.label for t in a.tags.list()}
    assert {i.author for i in items} == {"Amina"}
    assert all(i.document_id == c.document_id(S_NEW) for i in items)
    same = [i for i in items if i.status == "same"]
    assert same, [i.status for i in items]
    tag_id = c.team.accept_review(same[0].id).tag_id
    tag = c.tags.get(tag_id)
    assert tag.author == "Amina" and tag.symbol == S_NEW and tag.note == same[0].note
    rejected = next(i for i in items if i.id != same[0].id)
    c.team.reject_review(rejected.id)
    # accounted for: each shared tag is a tag here, or waits, or was rejected by the analyst
    assert len(c.tags.list()) + len(c.team.reviews()) + len(c.team.reviews("rejected")) == 12
    assert integrity_check(c) == "ok"
    # merging again changes nothing, also after the review
    before = snapshot(c)
    merge_share(c, read_share(tmp_path / "amina.clausemark-share"))
    assert snapshot(c) == before
    a.close()
    c.close()


def test_documents_travel_with_the_share_when_asked(tmp_path, dev_dir):
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina")
    d = make_library(tmp_path / "d.clausemark", dev_dir, "Dana", files=())
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 3), "children")
    tag_all(a, S_OTHER, paragraphs(a, S_OTHER, 2), "children")
    without = merge_share(d, shared(a, tmp_path, "bare"))
    assert without.counts["review"] == without.counts["waiting_for_document"] == 5
    d2 = make_library(tmp_path / "d2.clausemark", dev_dir, "Dana", files=())
    result = merge_share(d2, shared(a, tmp_path, "full", with_documents=True))
    assert result.counts["documents_imported"] == 2 and result.counts["new"] == 5
    assert tag_keys(d2) == tag_keys(a)
    a.close()
    d.close()
    d2.close()


def test_three_analysts_end_with_the_same_union(tmp_path, dev_dir):
    libs = [make_library(tmp_path / f"{n}.clausemark", dev_dir, n) for n in ("A", "B", "C")]
    a, b, c = libs
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 8), "detention")
    tag_all(b, S_OLD, paragraphs(b, S_OLD, 8, start=4), "detention")   # overlaps A's
    tag_all(c, S_OTHER, paragraphs(c, S_OTHER, 6), "children")
    tag_all(c, S_OLD, paragraphs(c, S_OLD, 2, start=6), "detention")   # overlaps both
    union = set().union(*(tag_keys(lib) for lib in libs))
    notes = {lib.author: {t.note for t in lib.tags.list()} for lib in libs}
    shares = {lib.author: shared(lib, tmp_path, lib.author) for lib in libs}
    for receiver in libs:  # everyone merges everyone else's first share
        for sender, share in shares.items():
            if sender != receiver.author:
                merge_share(receiver, read_share(share.path))
    # and once more round, with what the others merged meanwhile
    shares = {lib.author: shared(lib, tmp_path, lib.author + "2") for lib in libs}
    for receiver in libs:
        for sender, share in shares.items():
            if sender != receiver.author:
                merge_share(receiver, read_share(share.path))
    for lib in libs:
        assert tag_keys(lib) == union and len(lib.tags.list()) == len(union) == 18
        assert authors(lib) == {"A", "B", "C"}
        assert integrity_check(lib) == "ok"
        text = "\n".join(t.note for t in lib.tags.list())
        for author_notes in notes.values():  # every note is kept, once
            for note in author_notes:
                assert text.count(note) == 1, note
        lib.close()


def test_a_merge_is_one_undo_step(two, tmp_path):
    a, b = two
    a.themes.add("statelessness", "#ABCDEF")
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 4), "statelessness")
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 2), "children", note="from Amina")
    tag_all(b, S_OLD, paragraphs(b, S_OLD, 2), "children", note="from Ben")
    before = snapshot(b)
    stack = UndoStack(b)
    share = shared(a, tmp_path, "amina")
    stack.push(MergeCommand(plan_merge(b, share)))
    after = {t.note for t in b.tags.list()}
    assert len(b.tags.list()) == 6 and stack.undo_text == "merge amina.clausemark-share"
    stack.undo()
    assert snapshot(b)[:7] == before[:7]  # history keeps the merge and its undo
    stack.redo()
    assert {t.note for t in b.tags.list()} == after
    assert integrity_check(b) == "ok"


def test_tags_waiting_for_a_document_are_placed_once_it_is_imported(tmp_path, dev_dir):
    from tests.core.team_helpers import OTHER, parsed
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina")
    d = make_library(tmp_path / "d.clausemark", dev_dir, "Dana", files=(OLD,))
    tag_all(a, S_OTHER, paragraphs(a, S_OTHER, 4), "children")
    share = shared(a, tmp_path, "amina")
    first = merge_share(d, share)
    assert first.counts["waiting_for_document"] == 4 and len(d.team.reviews()) == 4
    assert merge_share(d, read_share(share.path)).share_id is None  # still nothing to do
    res, pdf = parsed(dev_dir / OTHER)
    d.add_resolution(res, pdf, filename=OTHER)
    before = snapshot(d)
    stack = UndoStack(d)
    stack.push(MergeCommand(plan_merge(d, read_share(share.path))))
    assert d.team.reviews() == [] and tag_keys(d) == tag_keys(a)
    assert {t.author for t in d.tags.list()} == {"Amina"}
    stack.undo()
    assert snapshot(d)[:7] == before[:7] and len(d.team.reviews()) == 4
    assert merge_share(d, read_share(share.path)).counts["new"] == 4
    assert integrity_check(d) == "ok"
    a.close()
    d.close()


def test_spans_and_quotes_travel_and_stay_apart_from_whole_paragraph_tags(two, tmp_path):
    a, b = two
    pid = paragraphs(a, S_OLD, 1, start=3)[0]
    text = next(p.text for p in a.resolution(S_OLD).walk() if p.id == pid)
    a.tags.add(S_OLD, pid, "detention", span=(0, 20), note="the opening words")
    b.tags.add(S_OLD, pid, "detention", note="the whole clause")
    merge_share(b, shared(a, tmp_path, "amina"))
    tags = sorted(b.tags.list(), key=lambda t: t.span or (-1, -1))
    assert [(t.span, t.quote, t.note) for t in tags] == [
        (None, None, "the whole clause"), ((0, 20), text[:20], "the opening words")]
