"""Where in a clause a word stands: inside a cited title, in a passing list of groups, as a
modifier, or in what the clause itself asks or states.

Resolutions name instruments, bodies and earlier resolutions all the time ("the Convention on the
Rights of the Child", "the Special Representative ... on Violence against Children", "resolution
77/201 of 15 December 2022 on protecting children from bullying"). A theme word inside such a
title, cited among others, says nothing about what the clause is about. Neither does a group
named in passing in a list of groups ("women and children") or a hyphenated modifier in a list
("gender-responsive, child-sensitive and disability-inclusive").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from clausemark.core.suggest.cues import Token

# Head words of titled things: instruments, bodies, offices, mandates, meetings, programmes.
TITLE_HEADS = frozenset(["convention", "conventions", "covenant", "protocol", "protocols",
                         "declaration", "declarations", "rules", "principles", "guidelines",
                         "committee", "compact", "fund", "programme", "agenda", "charter",
                         "statute", "representative", "rapporteur", "rapporteurs", "office",
                         "entity", "study", "strategies", "strategy", "conference", "summit",
                         "forum", "council", "commission", "group", "day", "year", "decade",
                         "alliance", "framework", "pact", "platform", "plan", "measures",
                         "initiative", "network", "partnership", "force", "organization",
                         "institute", "court", "tribunal", "assembly", "secretariat", "department",
                         "mechanism", "goals", "procedures", "standards", "agreement", "treaty",
                         "toolkit"])
# Small words a title may contain between its capitalised words.
TITLE_GLUE = frozenset(["of", "on", "the", "for", "and", "against", "to", "in", "with", "its",
                        "their", "by", "from", "all", "or", "between", "relating", "concerning",
                        "regarding", "at", "as", "within", "thereto", "especially"])
_TITLE_STARTS = frozenset({"united", "international", "special", "optional", "world", "global",
                           "vienna", "universal"})
# Lower-case references that name an earlier text by what it was about.
_LOWER_TITLE = re.compile(
    r"(?:\b(?:resolutions?|decisions?|general comments?|general recommendations?|reports?|"
    r"study|studies|conclusions|conventions|instruments|(?:special\s+)?sessions?|"
    r"outcome documents?)\b[^;:“”\"]{0,80}?|\b\d{1,4}/\d{1,4}(?:\s*\([^)]*\))?"
    r"(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?\s+|\bNo\.\s*\d+\s*\(\d{4}\)\s+)"
    r"\b(?:on|entitled)\s+(?:the\s+)?"
    r"([^,;:“”\"]+?)(?=,|;|:|\.|$|\s+and\s+(?:its\s+)?(?:resolutions?|\d|No\.))", re.IGNORECASE)
# Mandates named in lower case: "the Special Rapporteur on the sale, sexual exploitation and
# sexual abuse of children".
_MANDATE = re.compile(
    r"\b(?:Special\s+Rapporteur|Special\s+Representative|Independent\s+Expert|Working\s+Group|"
    r"Special\s+Envoy)\b[^;]{0,60}?\b(?:on|for)\s+(.+?)(?=,\s+(?:the|and|whose|which|as)\b|;|:|$|"
    r"\s+and\s+the\b|\s+in\s+(?:the|her|his)\b|\s+to\s+)")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
_AGENDA = re.compile(r"\b(?:sub-)?item\s+entitled\s*$|\bunder\s+the\s+(?:sub-)?item\s*$",
                     re.IGNORECASE)
# Population groups: a theme word listed among these is a passing mention.
GROUP_STEMS = frozenset(["woman", "man", "girl", "boy", "child", "youth", "adolesc", "person",
                         "elder", "migrant", "refuge", "asylum-seek", "peopl", "minor", "juvenil",
                         "famili", "victim", "survivor", "worker", "indigen", "communiti",
                         "individu", "household", "infant", "older", "disabl"])
_COORD = frozenset({"and", "or", "as", "well", "including", "especially", "particularly",
                    "in", "particular", "those", "of", "all", "with", "disabilities", "their",
                    "accompanying", "own", "respective"})
MODIFIER_HEADS = ("sensitiv", "friendly", "responsiv", "centred", "centered", "focused", "led",
                  "inclusiv", "appropriat", "specific", "related", "based", "rights")
_CROSS_REF = re.compile(
    r"\b(?:mentioned|referred to|listed|set out|identified)\s+in\s+paragraphs?\s+"
    r"(\d+)(?:\s*\(([a-z]{1,4})\))?\s*(?:above|below)?", re.IGNORECASE)


@dataclass
class Title:
    start: int  # character offsets
    end: int
    text: str
    agenda: bool = False  # the title of an agenda item: procedural, never counts


# What may stand between two titles of one enumeration: separators, dates, numbers, "adopted by".
LIST_GAP_WORDS = frozenset(["and", "as", "well", "the", "its", "of", "on", "by", "which", "it",
                            "adopted", "thereto", "including", "also", "general", "chapter", "most",
                            "recent", "convention", "conventions", "instruments", "protocols",
                            "latest", "previous", "report", "reports", "work", "comment",
                            "comments", "recommendation", "recommendations", "no", "resolution",
                            "resolutions", "decision", "decisions", "entitled", "in", "at", "other",
                            "relevant", "all", "respectively", "supplementing", "recalling",
                            "reaffirming", "noting", "further", "to", "a", "an", "january",
                            "february", "march", "april", "may", "june", "july", "august",
                            "september", "october", "november", "december"])
MAX_LIST_GAP = 400


@dataclass
class ClauseContext:
    text: str
    titles: list[Title] = field(default_factory=list)

    def title_at(self, start: int, end: int) -> Title | None:
        return next((t for t in self.titles if t.start <= start and end <= t.end), None)

    def enumeration(self, title: Title) -> list[Title]:
        """The titles that stand in one enumeration with `title` ("the Covenant ..., the
        Convention ... and the Convention ..."), itself included."""
        cited = [t for t in self.titles if not t.agenda]
        if title not in cited:
            return []
        i = cited.index(title)
        lo = hi = i
        while lo > 0 and self._listed(cited[lo - 1], cited[lo]):
            lo -= 1
        while hi + 1 < len(cited) and self._listed(cited[hi], cited[hi + 1]):
            hi += 1
        return cited[lo:hi + 1]

    def _listed(self, a: Title, b: Title) -> bool:
        gap = self.text[a.end:b.start]
        words = re.findall(r"[^\W\d_]+", re.sub(r"\([^)]*\)", " ", gap))
        return len(gap) <= MAX_LIST_GAP and all(w.lower() in LIST_GAP_WORDS for w in words)


def _capitalised_titles(text: str, tokens: list[Token]) -> list[Title]:
    """Runs of capitalised words (with small glue words) that contain a title head word."""
    titles = []
    i = 1 if tokens else 0  # the clause's own first word ("Recalling") is not a title
    while i < len(tokens):
        if not tokens[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(tokens):
            nxt = tokens[j + 1]
            between = text[tokens[j].end:nxt.start]
            if re.sub(r"[’']s?", "", between).strip() not in ("", ",", "-", ":", "–"):
                break
            if between.strip() == "," and not nxt.text[:1].isupper():
                break
            if nxt.lower == "and" and j + 3 < len(tokens) and tokens[j + 2].lower == "the" and (
                    tokens[j + 3].lower in TITLE_HEADS or tokens[j + 3].lower in _TITLE_STARTS):
                break  # "... against Children and the Special Representative ...": two titles
            if (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.hyphen_before
                    or nxt.lower in TITLE_GLUE and j + 2 < len(tokens) and (
                        tokens[j + 2].text[:1].isupper() or tokens[j + 2].lower in TITLE_GLUE)):
                j += 1
            else:
                break
        while j > i and tokens[j].lower in TITLE_GLUE:
            j -= 1
        words = {t.lower for t in tokens[i:j + 1]}
        if words & TITLE_HEADS and j > i:
            titles.append(Title(tokens[i].start, tokens[j].end, text[tokens[i].start:tokens[j].end]))
        i = j + 1
    return titles


def analyse(text: str, tokens: list[Token]) -> ClauseContext:
    ctx = ClauseContext(text)
    for m in _QUOTED.finditer(text):
        ctx.titles.append(Title(m.start(), m.end(), m.group(1),
                                agenda=bool(_AGENDA.search(text[:m.start()]))))
    for pattern in (_MANDATE, _LOWER_TITLE):
        for m in pattern.finditer(text):
            if not ctx.title_at(m.start(1), m.end(1)):
                ctx.titles.append(Title(m.start(1), m.end(1), m.group(1)))
    for t in _capitalised_titles(text, tokens):
        if not ctx.title_at(t.start, t.end):
            # a longer title swallows the shorter ones found inside it
            ctx.titles = [o for o in ctx.titles if not (t.start <= o.start and o.end <= t.end)]
            ctx.titles.append(t)
    # of two overlapping titles, keep the longer
    ctx.titles.sort(key=lambda t: t.start - t.end)
    kept: list[Title] = []
    for t in ctx.titles:
        if not any(t.start < k.end and k.start < t.end for k in kept):
            kept.append(t)
    ctx.titles = sorted(kept, key=lambda t: t.start)
    return ctx


def _is_group(token: Token) -> bool:
    return token.stem in GROUP_STEMS or token.lower in ("persons", "people", "women", "men")


_LINKS = frozenset({"and", "or", "including", "especially", "particularly", "particular",
                    "well"})


def in_group_list(text: str, tokens: list[Token], first: int, last: int,
                  theme_stems: set[str]) -> bool:
    """The words first..last name a group listed among other groups, and the other groups
    outnumber the theme's own ("women and children"; "children, juveniles, women, ...").
    A group word right next to it is the same noun phrase, not a list ("migrant children")."""
    if not any(_is_group(t) for t in tokens[first:last + 1]):
        return False

    def collect(step: int) -> list[Token]:
        found, gap, linked = [], 0, False
        prev, i = tokens[first if step < 0 else last], (first - 1 if step < 0 else last + 1)
        while 0 <= i < len(tokens) and gap <= 3:
            t = tokens[i]
            a, b = (t, prev) if step < 0 else (prev, t)
            linked = linked or any(c in text[a.end:b.start] for c in ",;")
            if _is_group(t):
                if linked:
                    found.append(t)
                gap = 0
            elif t.lower in _COORD or t.hyphen_before:
                linked = linked or t.lower in _LINKS
                gap += 1
            else:
                break
            prev, i = t, i + step
        return found

    others = collect(-1) + collect(1)
    if not others:
        return False
    own = 1 + sum(1 for t in others if t.stem in theme_stems)
    foreign = len(others) - (own - 1)
    return foreign >= own


def is_modifier(tokens: list[Token], first: int, last: int) -> bool:
    """A hyphenated modifier: "child-sensitive", "child-friendly", "child-led"."""
    return last + 1 < len(tokens) and tokens[last + 1].hyphen_before and any(
        tokens[last + 1].lower.startswith(h) for h in MODIFIER_HEADS)


_SEGMENT_LEAD = re.compile(r"^(?:and|or|as well as|including|such as|inter alia|in particular)\s+")


def _segments(text: str) -> list[tuple[int, int, int]]:
    """(start, end, word count) of the comma- or semicolon-separated parts of a clause."""
    out, start = [], 0
    for m in re.finditer(r"[,;]|$", text):
        part = text[start:m.start()].strip()
        words = len(_SEGMENT_LEAD.sub("", part.lower()).split())
        out.append((start, m.start(), words))
        start = m.end()
    return out


def in_enumeration(text: str, start: int, short: int = 4) -> bool:
    """The words at `start` are one item of an enumeration of short items ("vaccines, social
    protection, education and child services"; "legal aid, victim advocacy, services for
    children, safety planning")."""
    parts = _segments(text)
    k = next((i for i, (a, b, _) in enumerate(parts) if a <= start <= b), None)
    if k is None or parts[k][2] > short:
        return False
    near = [parts[i][2] for i in (k - 2, k - 1, k + 1, k + 2) if 0 <= i < len(parts)]
    return sum(1 for n in near if 0 < n <= short) >= 2


def cross_references(text: str) -> list[str]:
    """Paragraph ids a clause takes its subject from: "the missions mentioned in paragraph 2
    above" -> ["OP2"]."""
    refs = []
    for m in _CROSS_REF.finditer(text):
        refs.append(f"OP{m.group(1)}" + (f"({m.group(2)})" if m.group(2) else ""))
    return refs
