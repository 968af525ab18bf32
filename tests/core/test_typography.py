"""Only real changes: typography alone is `same` (flagged), and the word diff compares whole
words, leaves no stray common words between changes and never glues words together."""
from __future__ import annotations

import pytest

from clausemark.core.compare.alignment import align, normalise
from clausemark.core.compare.typography import typography_key
from clausemark.core.compare.word_changes import track_changes, word_diff
from clausemark.core.parse.model import Paragraph, Resolution

pytestmark = pytest.mark.timeout(30)

BASE = "Urges States parties to ensure the follow-up of the \"Vienna Declaration\" - in full"
VARIANTS = [
    "Urges States parties to ensure the follow\u2011up of the \"Vienna Declaration\" - in full",
    "Urges States parties to ensure the follow-up of the \u201cVienna Declaration\u201d - in full",
    "Urges States parties to ensure the follow-up of the \"Vienna Declaration\"\u2014in full",
    "Urges States parties to ensure the follow-up of the \"Vienna Declaration\" \u2013 in full",
    "Urges States\u00a0parties  to ensure the follow-up of the \"Vienna Declaration\" - in full",
    "Urges States Parties to ensure the follow-up of the \"Vienna Declaration\" - in full",
    "Urges States parties to ensure the fol\u00adlow-up of the \u2018Vienna Declaration\u2019 - in full"
    .replace("\u2018", "\"").replace("\u2019", "\""),
]


def _res(*texts):
    return Resolution(symbol="X", paragraphs=[
        Paragraph(f"OP{i + 1}", "operative", None, f"OP{i + 1}", None, t)
        for i, t in enumerate(texts)])


@pytest.mark.parametrize("variant", VARIANTS)
def test_typography_alone_is_same_and_flagged(variant):
    assert typography_key(variant) == typography_key(BASE)
    other = "Decides to remain seized of the matter and to consider it at its next session"
    result = align(_res(BASE, other), _res(variant, other))
    pair = result.pairs[0]
    flagged = normalise(variant) != normalise(BASE)  # whitespace alone was always the same
    assert (pair.old.id, pair.status, pair.typography, pair.score) == ("OP1", "same", flagged,
                                                                       1.0)
    assert not pair.edited and pair.diff == []
    assert result.to_dict()["pairs"][0]["typography"] is flagged
    assert result.to_dict()["pairs"][1]["typography"] is False
    assert result.counts()["changed"] == result.counts()["moved"] == 0


def test_a_real_change_is_still_changed_and_typography_in_it_is_not_marked():
    new = BASE.replace("parties", "Parties").replace("in full", "without delay")
    pair = align(_res(BASE), _res(new)).pairs[0]
    assert pair.status == "changed" and not pair.typography
    changed = [(s.op, s.text.strip()) for s in pair.diff if s.op != "equal"]
    assert changed == [("delete", "in full"), ("insert", "without delay")]


def test_word_diff_compares_whole_words():
    diff = word_diff("ensure the follow-up of it", "ensure the follow-on of it")
    assert [(s.op, s.text.strip()) for s in diff if s.op != "equal"] == [
        ("delete", "follow-up"), ("insert", "follow-on")]


def test_no_stray_common_word_between_a_deletion_and_an_insertion():
    diff = word_diff("Calls upon States to take measures against it",
                     "Encourages Governments to adopt policies against it")
    ops = [s.op for s in diff]
    assert ops == ["delete", "insert", "equal"], diff
    assert diff[0].text == "Calls upon States to take measures"
    assert diff[1].text == "Encourages Governments to adopt policies"


def test_a_longer_common_run_stays_equal():
    diff = word_diff("Urges States to ensure consular access", "Calls upon States to ensure "
                     "full consular access")
    assert ("equal", " States to ensure") in [(s.op, s.text) for s in diff]


@pytest.mark.parametrize("old,new", [("Urges all", "Calls upon all"), ("(a) text", "(b) text"),
                                     ("x a", "a"), ("a b", "a c")])
def test_a_deleted_word_is_never_glued_to_an_inserted_one(old, new):
    inline = "".join(s.text for s in track_changes(word_diff(old, new)))
    words = inline.replace("(", " ").replace(")", " ").split()
    assert all(w in old.split() + new.split() + list("abx") for w in words), inline
