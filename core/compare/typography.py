"""What counts as typography alone between two versions of a paragraph: non-breaking vs plain
hyphens and spaces, curly vs straight quotes, dash styles (and the spaces around a dash), soft
hyphens, runs of whitespace, a space missing or added next to a punctuation mark ("Rights,as" /
"Rights, as") or where a number meets a word ("59/111of" / "59/111 of"), and capital letters
("States parties" / "States Parties"). A hyphen written or left out ("health-care" /
"healthcare") is a change of spelling, not typography.

    typography_key("States\u00a0Parties \u2013 \u201cfollow\u2011up\u201d")
        == typography_key("States parties-\"follow-up\"")     # True

Two texts with the same key differ in typography only; the alignment calls such a pair `same`
(with `typography=True`), and the word diff compares words by their keys.
"""
from __future__ import annotations

import re

_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_FOLDS = (
    dict.fromkeys(_HYPHENS, "-") | dict.fromkeys(_SPACES, " ")
    | dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"')
    | {"\u00ad": "", "\u200b": "", "\u2026": "..."})
_TABLE = str.maketrans(_FOLDS)
# The same folds as (mark, replacement) for str.replace: a paragraph holds few of them, and
# testing each with `in` is several times faster than str.translate's lookup of every character.
_REPLACE = list(_FOLDS.items())
# Spaces that carry no wording: next to a punctuation mark ("Rights,as"), or between a number
# and a word ("59/111of"). The pattern starts with its space, so the scan jumps from space to
# space (several times faster than lookbehinds tried at every character).
_LOOSE_SPACE = re.compile(
    r" (?:(?=[^\w\s])|(?<=[^\w\s] )|(?<=\d )(?=[^\W\d_])|(?<=[^\W\d_] )(?=\d))")


def typography_key(text: str | None) -> str:
    """The text with typography folded away: equal keys mean no change of wording."""
    text = text or ""
    for mark, replacement in _REPLACE:
        if mark in text:
            text = text.replace(mark, replacement)
    folded = " ".join(text.casefold().split())
    if "-" in folded:  # one hyphen for any dash, with no spaces around it
        folded = folded.replace(" -", "-").replace("- ", "-")
        while "--" in folded:
            folded = folded.replace("--", "-")
    return _LOOSE_SPACE.sub("", folded)


def token_key(token: str) -> str:
    """The key of one word or punctuation mark of the word diff."""
    return token.translate(_TABLE).casefold().replace("--", "-")
