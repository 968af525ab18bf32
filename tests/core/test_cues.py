"""Cue phrases match words with their morphological variants, never bare substrings."""
from clausemark.core.suggest.cues import compile_cues, find_cues, tokenize


def found(text, *cues):
    return [text[m.start:m.end] for m in find_cues(tokenize(text), compile_cues(cues))]


def test_a_cue_finds_inflected_forms():
    assert found("States detained migrants and keep detaining them", "detain") == [
        "detained", "detaining"]
    assert found("in prisons and other places", "prison") == ["prisons"]
    assert found("remittance flows and remittances", "remittances") == ["remittance",
                                                                         "remittances"]


def test_irregular_plurals_fold_to_the_singular():
    assert found("the rights of children and of every child", "child") == ["children", "child"]


def test_no_bare_substrings():
    assert found("after consultations and consultative meetings", "consul") == []
    assert found("after consultation with the consulate", "consul") == ["consulate"]


def test_a_phrase_may_have_a_possessive_or_article_inside():
    text = "persons deprived of their liberty and the deprivation of liberty"
    assert found(text, "deprived of liberty", "deprivation of liberty") == [
        "deprived of their liberty", "deprivation of liberty"]


def test_a_quoted_word_matches_only_that_form():
    assert found("for minor offences committed by minors", '"minors"') == ["minors"]


def test_the_longest_cue_wins_where_two_overlap():
    assert found("the girl child and the child", "child", "girl child") == ["girl child", "child"]


def test_hyphenated_words_are_split_and_possessives_dropped():
    tokens = tokenize("child-sensitive policies for children’s rights")
    assert [t.text for t in tokens][:3] == ["child", "sensitive", "policies"]
    assert tokens[1].hyphen_before and not tokens[2].hyphen_before
    assert tokens[4].text == "children" and tokens[4].stem == "child"


def test_blank_and_repeated_cues_are_ignored():
    assert [c.phrase for c in compile_cues(["detain", " ", "Detain", "detains", "custody"])] == [
        "detain", "custody"]
