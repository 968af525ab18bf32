"""Only real changes: typography alone is `same` (flagged), and the word diff compares whole
words, leaves no stray common words between changes and never glues words together."""
from __future__ import annotations

import re

import pytest

from clausemark.core.compare.alignment import align, normalise
from clausemark.core.compare.typography import typography_key
from clausemark.core.compare.word_changes import COMMON_WORDS, Segment, track_changes, word_diff
from clausemark.core.parse.model import Paragraph, Resolution
from tests.core.gold_pairs import gold_files, load

pytestmark = pytest.mark.timeout(60)

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


@pytest.mark.parametrize("old,new,typography", [
    ("Recalling resolution 59/111of 6 December 2004", "Recalling resolution 59/111 of 6 December "
     "2004", True),
    ("the Universal Declaration of Human Rights,as well as", "the Universal Declaration of Human "
     "Rights, as well as", True),
    ("Decides ( a ) to act", "Decides (a) to act", True),
    ("Urges States to provide health-care services to all migrants and refugees",
     "Urges States to provide healthcare services to all migrants and refugees", False),
    ("Urges States to act every day in all countries for migrants and refugees",
     "Urges States to act everyday in all countries for migrants and refugees", False),
])
def test_a_space_next_to_a_number_or_a_punctuation_mark_is_typography(old, new, typography):
    """Spaces that carry no wording are typography; a hyphen or a space between two words is
    spelling, so still a change, with a word diff that shows it."""
    pair = align(_res(old), _res(new)).pairs[0]
    assert (pair.status, pair.typography, pair.edited) == (
        ("same", True, False) if typography else ("changed", False, True))
    assert any(s.op != "equal" for s in pair.diff) is not typography


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


# -- the word diff on the real gold pairs ---------------------------------------------------------

def _inside_word(text: str, k: int) -> bool:
    """Position k splits a word (a number glued to a word, "111of", is two words)."""
    if not 0 < k < len(text):
        return False
    a, b = text[k - 1], text[k]
    return a.isalnum() and b.isalnum() and a.isdigit() == b.isdigit()


def _word_diff_faults(old: str, new: str, diff, inline=None) -> list[str]:
    """What is wrong with `diff` (old -> new) and its inline track-changes form."""
    faults, i, j = [], 0, 0
    for k, s in enumerate(diff):
        if s.op == "equal":
            between = 0 < k < len(diff) - 1 and "equal" not in (diff[k - 1].op, diff[k + 1].op)
            words = re.findall(r"\w+", s.text.lower())
            if between and COMMON_WORDS.issuperset(words):
                faults.append(f"stray {s.text!r}")
            i, j = i + len(s.old_text), j + len(s.text)
            continue
        text, at = (old, i) if s.op == "delete" else (new, j)
        if _inside_word(text, at) or _inside_word(text, at + len(s.text)):
            faults.append(f"part of a word: {s.op} {s.text!r}")
        i, j = (i + len(s.text), j) if s.op == "delete" else (i, j + len(s.text))
    inline = track_changes(diff) if inline is None else inline
    for a, b in zip(inline, inline[1:]):
        if a.op != b.op and a.text[-1:].isalnum() and b.text[:1].isalnum():
            faults.append(f"glued {a.text[-12:]!r} + {b.text[:12]!r}")
    if "".join(s.old_text if s.op == "equal" else s.text for s in diff
               if s.op != "insert").strip() != old:
        faults.append("the old text is not spelled")
    if "".join(s.text for s in diff if s.op != "delete").strip() != new:
        faults.append("the new text is not spelled")
    return faults


@pytest.mark.corpus
@pytest.mark.parametrize("gold_file", gold_files(), ids=lambda p: p.stem)
def test_word_diff_of_every_edited_paragraph_of_the_gold_pairs(gold_file):
    """Whole words, no stray common words between two changes, no deleted word glued to an
    inserted one, and both texts spelled, on every edited paragraph of the real pairs."""
    pair = load(gold_file)
    edited = [p for p in align(pair.old, pair.new).pairs if p.edited]
    assert edited
    faults = {p.new.id: f for p in edited
              if (f := _word_diff_faults(normalise(p.old.text), normalise(p.new.text), p.diff))}
    assert not faults, faults


def test_the_fault_finder_finds_faults():
    """The checks above can fail: a diff that splits a word, strands "of the" and, shown
    inline as it is, glues "Council" to "Assembly"."""
    old, new = "the report of the Council", "the reports of the Assembly"
    bad = [Segment("equal", "the", "the"), Segment("delete", " report"),
           Segment("insert", " report"), Segment("insert", "s"), Segment("equal", " of the", " of the"),
           Segment("delete", " Council"), Segment("insert", "Assembly")]
    faults = _word_diff_faults(old, new, bad, inline=bad)
    assert any(f.startswith("part of a word") for f in faults)
    assert any(f.startswith("stray") for f in faults)
    assert any(f.startswith("glued") for f in faults)
    assert _word_diff_faults(old, new, word_diff(old, new)) == []
