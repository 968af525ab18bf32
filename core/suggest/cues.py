"""Cue phrases: how a theme's words are found in a clause, with their morphological variants.

A cue is a phrase of one or more words. Each word matches its variants through the Snowball
(Porter 2) English stemmer: "detain" finds "detains", "detained" and "detaining"; "prison" finds
"prisons". Derivations the stemmer does not join are listed as their own cues ("detain",
"detention", "detainee"). Irregular plurals are folded to the singular ("children" -> "child").
Between the words of a phrase the text may add a possessive or an article ("deprived of liberty"
finds "deprived of their liberty"). A word in double quotes matches that exact form only
('"minors"' finds "minors" but not "minor crimes"). Matching works on words, never on bare
substrings: "consul" does not find "consultation". (A theme's cue starting with "-" names words
that do not count: core/suggest/suggestions.py.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Words and hyphenated parts; apostrophes (straight or curly) stay inside a word for now.
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_WORD = WORD_RE
_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person",
              "persons": "person", "youths": "youth"}
# Words the text may add between the words of a cue phrase.
_FILLERS = frozenset({"the", "a", "an", "their", "his", "her", "its", "his/her", "of"})

_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Token:
    text: str  # as written, without a possessive 's
    lower: str
    stem: str
    start: int  # character offsets in the clause text
    end: int
    hyphen_before: bool  # joined to the previous word by a hyphen ("child-sensitive")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    word = word.lower()
    return _stemmer.stemWord(_IRREGULAR.get(word, word))


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _WORD.finditer(text):
        word = m.group()
        end = m.end()
        if word.endswith(("'s", "’s", "'S", "’S")):  # possessive: "children’s" -> "children"
            word = word[:-2]
            end -= 2
        start = m.start()
        hyphen = start > 0 and text[start - 1] in "-‑" and bool(tokens) and tokens[-1].end == start - 1
        tokens.append(Token(word, word.lower(), stem(word), start, end, hyphen))
    return tokens


@dataclass(frozen=True)
class Cue:
    """One cue phrase, compiled: per word either ("stem", s) or ("exact", lowercase form)."""
    phrase: str
    words: tuple[tuple[str, str], ...]

    @classmethod
    def parse(cls, phrase: str) -> Cue | None:
        words = []
        for m in re.finditer(r'"([^"]+)"|(\S+)', phrase.strip()):
            if m.group(1):
                words += [("exact", w.lower()) for w in _WORD.findall(m.group(1))]
            else:
                words += [("stem", stem(w)) for w in _WORD.findall(m.group(2))]
        return cls(phrase.strip(), tuple(words)) if words else None

    def _word_matches(self, i: int, token: Token) -> bool:
        kind, value = self.words[i]
        return token.lower == value if kind == "exact" else token.stem == value


@dataclass(frozen=True)
class CueMatch:
    cue: str
    first: int  # token indexes, inclusive
    last: int
    start: int  # character offsets
    end: int


def compile_cues(phrases) -> list[Cue]:
    """Cue objects from phrases; blank ones are skipped, duplicates kept once."""
    seen, cues = set(), []
    for phrase in phrases:
        cue = Cue.parse(phrase or "")
        if cue and cue.words not in seen:
            seen.add(cue.words)
            cues.append(cue)
    return cues


def find_cues(tokens: list[Token], cues: list[Cue]) -> list[CueMatch]:
    """Every place a cue occurs, longest cue first where two overlap."""
    found: list[CueMatch] = []
    # Cues by their first word: each token is checked against the few cues it can start,
    # not against every cue (a clause has ~50 words, the themes ~100 cues).
    starting: dict[tuple[str, str], list[Cue]] = {}
    for cue in cues:
        starting.setdefault(cue.words[0], []).append(cue)
    for i, token in enumerate(tokens):
        candidates = starting.get(("stem", token.stem), []) + starting.get(("exact", token.lower),
                                                                            [])
        for cue in candidates:
            n = len(cue.words)
            j, k = i, 1
            while k < n:
                j += 1
                while j < len(tokens) and tokens[j].lower in _FILLERS and not cue._word_matches(
                        k, tokens[j]) and j - i < 2 * n + 2:
                    j += 1
                if j >= len(tokens) or not cue._word_matches(k, tokens[j]):
                    break
                k += 1
            if k == n:
                found.append(CueMatch(cue.phrase, i, j, token.start, tokens[j].end))
    found.sort(key=lambda m: (m.first, -(m.last - m.first)))
    kept: list[CueMatch] = []
    for m in found:  # drop matches inside a longer one ("child" inside "girl child")
        if any(k.first <= m.first and m.last <= k.last for k in kept):
            continue
        kept = [k for k in kept if not (m.first <= k.first and k.last <= m.last)] + [m]
    return sorted(kept, key=lambda m: m.first)
